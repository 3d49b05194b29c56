import os
import subprocess
import sys
import time
import unicodedata
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import translation

from beneficiaries.models import Beneficiary
from casework.celery import app
from casework.models import User
from grants import demo as grants_demo
from reports import services
from reports.models import ReportJob
from tests import factories
from tests.grants import factories as gf

WOMEN = {"MEK-2021-0004", "CAS-2021-0011"}


@pytest.fixture(autouse=True)
def reports_dir(settings, tmp_path):
    """Each test writes its report files in a folder of its own."""
    settings.REPORTS_DIR = tmp_path / "reports"
    return settings.REPORTS_DIR


@pytest.fixture(autouse=True)
def in_english(client, settings):
    """Message assertions read English; the product's default language is Arabic."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def seed_demo_people():
    gf.reference_data()
    for code, count in (("MEK", 15), ("FES", 16), ("CAS", 19)):
        centre = factories.centre(code)
        for n in range(1, count + 1):
            number = f"{code}-2021-{n:04d}"
            factories.BeneficiaryFactory(centre=centre, file_number=number, sex="F" if number in WOMEN else "M")


@pytest.fixture
def demo_operation(db):
    """The May 2021 operation of the seed: 3 events, 50 delivered grants, 2 women, 2,576,296.77 MAD."""
    seed_demo_people()
    summary = grants_demo.load()
    assert "50 grants" in summary, summary
    return grants_demo


@pytest.fixture
def demo_user():
    def _get(username: str) -> User:
        return User.objects.get(username=username)

    return _get


def run_job(job: ReportJob) -> ReportJob:
    """Run a job the way the worker does, in this process."""
    outcome = services.job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status in ("done", "failed"), (outcome, job.status, job.error)
    return job


def request_and_run(user, kind: str, data: dict, language: str = "en") -> ReportJob:
    return run_job(services.report_request(actor=user, kind=kind, data=data, language=language))


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout


def pdf_plain_text(path: Path) -> str:
    """pdftotext's reading order: right-to-left lines come out in logical order, as they were written."""
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout


def pdf_raw_text(path: Path) -> str:
    """Text in content-stream order (no layout): words come out in logical order."""
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True, text=True).stdout


def job_path(job: ReportJob) -> Path:
    from reports import storage

    return storage.path_of(job.file_name)


def person(file_number: str) -> Beneficiary:
    return Beneficiary.objects.get(file_number=file_number)


def clean(text: str) -> str:
    """Without the bidi embedding marks pdftotext puts around right-to-left runs, spaces collapsed."""
    return " ".join("".join(ch for ch in text if unicodedata.category(ch) != "Cf").split())


@pytest.fixture
def queue(settings):
    name = f"reports-test-{uuid.uuid4().hex[:8]}"
    settings.REPORTS_QUEUE = name
    return name


@pytest.fixture
def workers(queue, reports_dir):
    """Start worker processes on this test's queue; all are stopped at the end."""
    started = []

    def start(**env_extra) -> subprocess.Popen:
        db = connection.settings_dict
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="casework.settings.test",
            DATABASE_URL=f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}",
            CELERY_BROKER_URL=django_settings.CELERY_BROKER_URL,
            CELERY_RESULT_BACKEND=django_settings.CELERY_RESULT_BACKEND,
            CASEWORK_REPORTS_DIR=str(reports_dir),
            CASEWORK_REPORTS_QUEUE=queue,
            **{key: str(value) for key, value in env_extra.items()},
        )
        name = f"{queue}-{len(started)}@localhost"
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "casework", "worker", "--pool=solo", "--loglevel=warning",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", queue, "--hostname", name],
            env=env,
            cwd=django_settings.BASE_DIR,
        )  # fmt: skip
        started.append(process)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if any(name in reply for reply in app.control.ping(destination=[name], timeout=0.5) or []):
                return process
            assert process.poll() is None, "the worker exited during start-up"
        raise AssertionError("the worker did not answer within 60 s")

    yield start
    for process in started:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def wait_for(predicate, timeout=90, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("timed out")
