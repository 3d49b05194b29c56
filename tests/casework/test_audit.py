import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from casework.audit import audit_record
from casework.models import AuditAction, AuditEntry
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_audit_table_refuses_update_and_delete_on_postgresql(people):
    assert connection.vendor == "postgresql"
    entry = audit_record(actor=people.caseworker, action=AuditAction.VIEW, object_type="test", object_id="1")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action=AuditAction.DELETE)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE casework_auditentry SET actor_username = 'someone-else'")
    entry.refresh_from_db()
    assert entry.action == AuditAction.VIEW
    assert entry.actor_username == people.caseworker.username


def test_failed_login_is_audited_with_the_username_and_address(client, people):
    response = client.post(
        reverse("login"),
        {"username": people.caseworker.username, "password": "wrong-password-123"},
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 200  # the form again, with its error
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert entry.actor is None
    assert entry.actor_username == people.caseworker.username
    assert entry.ip_address == "10.1.2.3"
    assert "wrong-password" not in str(entry.changes)


def test_login_and_logout_are_audited(client, people):
    client.post(reverse("login"), {"username": people.caseworker.username, "password": TEST_PASSWORD})
    client.post(reverse("logout"))
    actions = list(AuditEntry.objects.filter(actor=people.caseworker).values_list("action", flat=True))
    assert sorted(actions) == [AuditAction.LOGIN, AuditAction.LOGOUT]


def test_staff_creation_is_audited(people):
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_id=str(people.caseworker.pk))
    assert entry.changes["role"] == "caseworker"
    assert "password" not in entry.changes


@pytest.mark.parametrize("who", ["caseworker", "supervisor", "national", "partner"])
def test_audit_page_is_not_found_for_non_administrators(login, people, who):
    response = login(getattr(people, who)).get(reverse("casework:audit"))
    assert response.status_code == 404


def test_audit_page_lists_and_filters_for_administrators(login, people):
    audit_record(actor=people.caseworker, action=AuditAction.EXPORT, object_type="beneficiaries.beneficiary")
    client = login(people.administrator)
    everything = client.get(reverse("casework:audit"))
    assert everything.status_code == 200
    exports = client.get(reverse("casework:audit"), {"action": "export"})
    rows = exports.context["page"].object_list
    assert [e.action for e in rows] == [AuditAction.EXPORT]
    by_user = client.get(reverse("casework:audit"), {"actor": people.caseworker.username.upper()})
    assert {e.actor_username for e in by_user.context["page"].object_list} == {people.caseworker.username}
    bad = client.get(reverse("casework:audit"), {"since": "not-a-date", "beneficiary_id": "zzz"})
    assert bad.status_code == 200
    assert bad.context["filter"].errors
