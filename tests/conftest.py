import os
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings as django_settings
from django.db import connection

from tests import factories
from tests.otp import second_factor_for_force_login  # noqa: F401  (autouse: force_login gives a verified session)

# Playwright's sync API with pytest-django's live server needs this (see ../shared/STACK.md).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and its copy taken at once (tests/snapshot.py) while it still holds
    the reference data: a transactional test's flush removes it. No copy when no database was made (only
    browser tests selected: their `site` fixture makes the database and takes it)."""
    from tests import snapshot

    if connection.settings_dict["NAME"] == connection.creation._get_test_db_name():
        with django_db_blocker.unblock():
            snapshot.take()
    yield


@pytest.fixture
def people(db):
    """The named users of STYLE.md: a caseworker (Fes), a supervisor of the same region (Fes-Meknes),
    a caseworker of another region (Casablanca), a national supervisor, an administrator, a partner."""

    class People:
        caseworker = factories.caseworker("FES", username="cw_fes")
        neighbour = factories.caseworker("MEK", username="cw_meknes")
        supervisor = factories.supervisor("03", username="sup_fesmeknes")
        outsider = factories.caseworker("CAS", username="cw_casa")
        outsider_supervisor = factories.supervisor("06", username="sup_casa")
        national = factories.supervisor(None, username="sup_national")
        administrator = factories.administrator(username="admin_national")
        partner = factories.partner_viewer(username="partner")

    return People


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):
    """A real Celery worker process on the real Redis broker, using the test database.

    Tests that use it must commit their data (transactional_db) so the worker can read it."""
    from casework.celery import app

    db = connection.settings_dict
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "casework.settings.test"
    env["DATABASE_URL"] = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    env["CELERY_BROKER_URL"] = django_settings.CELERY_BROKER_URL
    env["CELERY_RESULT_BACKEND"] = django_settings.CELERY_RESULT_BACKEND
    name = f"test-{uuid.uuid4().hex[:8]}@localhost"
    app.control.purge()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "casework",
            "worker",
            "--pool=solo",
            "--loglevel=warning",
            "--without-gossip",
            "--without-mingle",
            "--hostname",
            name,
        ],
        env=env,
        cwd=django_settings.BASE_DIR,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if any(name in reply for reply in app.control.ping(timeout=0.5) or []):
            break
        if process.poll() is not None:
            raise RuntimeError("The Celery worker exited during start-up")
    else:
        process.kill()
        raise RuntimeError("The Celery worker did not answer within 60 s")
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def queue(settings):
    name = f"reports-test-{uuid.uuid4().hex[:8]}"
    settings.REPORTS_QUEUE = name
    return name


@pytest.fixture
def workers(queue, settings):
    """Start worker processes on this test's queue (report jobs go there); all are stopped at the end."""
    reports_dir = settings.REPORTS_DIR
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
            if any(name in reply for reply in _celery_app().control.ping(destination=[name], timeout=0.5) or []):
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


def _celery_app():
    from casework.celery import app

    return app
