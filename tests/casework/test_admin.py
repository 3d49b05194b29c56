import pytest
from django.urls import reverse

from casework.models import AuditAction, AuditEntry, Role, User
from casework.roles import ROLE_GROUP_NAMES
from tests.factories import centre, region

pytestmark = pytest.mark.django_db


def test_administrator_creates_a_caseworker_with_role_groups_and_audit(login, people):
    client = login(people.administrator)
    response = client.post(
        reverse("admin:casework_user_add"),
        {
            "username": "new.caseworker",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
            "role": Role.CASEWORKER,
            "centre": centre("OUJ").pk,
            "region": "",
            "_save": "Save",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="new.caseworker")
    assert user.role == Role.CASEWORKER and user.centre.code == "OUJ"
    assert not user.is_staff
    assert set(user.groups.values_list("name", flat=True)) == {ROLE_GROUP_NAMES[Role.CASEWORKER], "Centre OUJ"}
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_id=str(user.pk))
    assert entry.actor == people.administrator


def test_role_change_moves_groups_and_is_audited(login, people):
    client = login(people.administrator)
    target = people.neighbour
    response = client.post(
        reverse("admin:casework_user_change", args=[target.pk]),
        {
            "username": target.username,
            "first_name": "",
            "last_name": "",
            "email": "",
            "role": Role.SUPERVISOR,
            "centre": "",
            "region": region("03").pk,
            "is_active": "on",
            "_save": "Save",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    target.refresh_from_db()
    assert target.role == Role.SUPERVISOR
    assert set(target.groups.values_list("name", flat=True)) == {ROLE_GROUP_NAMES[Role.SUPERVISOR]}
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(target.pk)).get()
    assert entry.changes["role"] == ["caseworker", "supervisor"]


def test_a_caseworker_without_centre_is_refused_with_a_clear_error(login, people):
    client = login(people.administrator)
    response = client.post(
        reverse("admin:casework_user_change", args=[people.neighbour.pk]),
        {"username": people.neighbour.username, "role": Role.CASEWORKER, "centre": "", "is_active": "on"},
    )
    assert response.status_code == 200
    people.neighbour.refresh_from_db()
    assert people.neighbour.centre.code == "MEK"


def test_staff_cannot_be_deleted_and_audit_cannot_be_edited_in_admin(login, people):
    client = login(people.administrator)
    assert client.get(reverse("admin:casework_user_delete", args=[people.caseworker.pk])).status_code == 403
    assert client.get(reverse("admin:casework_auditentry_changelist")).status_code == 200
    assert client.get(reverse("admin:casework_auditentry_add")).status_code == 403
