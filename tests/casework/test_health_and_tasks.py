import datetime
import json

import pytest
from celery import Celery
from django.urls import reverse
from django.utils import timezone

from beneficiaries.models import BeneficiaryUserObjectPermission
from casework.health import check_broker, check_database, check_workers
from casework.models import AuditAction, AuditEntry
from casework.sharing import file_share_with_user
from casework.tasks import expire_file_shares
from tests import factories


def isolated_app(monkeypatch, broker_url: str) -> Celery:
    # Celery lets CELERY_BROKER_URL in the environment override any app's broker: keep it out.
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    monkeypatch.delenv("CELERY_RESULT_BACKEND", raising=False)
    return Celery(broker=broker_url)


def test_broker_that_does_not_answer_is_reported_not_raised(monkeypatch):
    unreachable = isolated_app(monkeypatch, "redis://127.0.0.1:1/0")
    unreachable.conf.broker_connection_timeout = 1
    ok, detail = check_broker(app=unreachable)
    assert ok is False
    assert detail


def test_no_worker_listening_is_reported(monkeypatch):
    empty = isolated_app(monkeypatch, "redis://127.0.0.1:6379/9")
    ok, detail = check_workers(app=empty)
    assert (ok, detail) == (False, "0 worker(s)")


@pytest.mark.django_db
def test_database_check_names_the_vendor():
    assert check_database() == (True, "postgresql")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_healthz_is_ok_with_database_redis_and_a_worker(client, celery_worker_process):
    response = client.get(reverse("healthz"))
    report = json.loads(response.content)
    assert response.status_code == 200, report
    assert report["checks"]["database"] == {"ok": True, "detail": "postgresql"}
    assert report["checks"]["broker"]["ok"] is True
    assert report["checks"]["worker"]["ok"] is True
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_expires_file_shares(celery_worker_process):
    owner = factories.caseworker("FES")
    colleague = factories.caseworker("CAS")
    person = factories.BeneficiaryFactory()
    grant = file_share_with_user(
        actor=owner,
        beneficiary=person,
        user=colleague,
        reason="Temporary case conference",
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    BeneficiaryUserObjectPermission.objects.filter(pk=grant.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    removed = expire_file_shares.delay().get(timeout=30)
    assert removed == 1
    assert not BeneficiaryUserObjectPermission.objects.filter(pk=grant.pk).exists()
    revocation = AuditEntry.objects.get(action=AuditAction.REVOKE, beneficiary_id=person.pk)
    assert revocation.actor is None
    assert revocation.actor_username == "system"
