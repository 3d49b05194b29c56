import subprocess
import time
import unicodedata
from pathlib import Path

import pytest
from django.utils import translation

from beneficiaries.models import Beneficiary
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


def wait_for(predicate, timeout=90, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("timed out")
