"""open → acknowledged → assessed → closed with an outcome; one service, a transition table, each step audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from casework.models import AuditEntry
from casework.watchlist.services import alert_transition
from casework.watchlist.workflow import allowed_actions

pytestmark = pytest.mark.django_db

API = "/api/v1/watchlist/alerts/"


def test_the_whole_path_through_the_pages(login, people, scene):
    client = login(people.supervisor)
    alert = scene.fes_alert
    assert client.post(reverse("watchlist:transition", args=[alert.pk, "acknowledge"])).status_code == 302
    response = client.post(
        reverse("watchlist:transition", args=[alert.pk, "assess"]),
        {"assessment": "Moved to his brother's in Sefrou; phone changed.", "severity": "low"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("watchlist:transition", args=[alert.pk, "close"]),
        {"outcome": "resolved", "outcome_note": "Contact restored, home visit planned."},
        follow=True,
    )
    assert "The alert was updated." in response.content.decode()
    alert.refresh_from_db()
    assert (alert.status, alert.severity, alert.outcome) == ("closed", "low", "resolved")
    assert alert.acknowledged_by == alert.assessed_by == alert.closed_by == people.supervisor
    steps = AuditEntry.objects.filter(object_type="watchlist.alert", object_id=str(alert.pk), action="update")
    assert [e.changes["action"] for e in steps.order_by("id")] == ["acknowledge", "assess", "close"]
    assert steps.get(changes__action="assess").changes["severity"] == ["medium", "low"]
    assert all(e.beneficiary_id == scene.fes_person.pk for e in steps)
    history = client.get(reverse("watchlist:detail", args=[alert.pk])).context["history"]
    assert [entry.changes["action"] for entry, _label in history] == ["acknowledge", "assess", "close"]
    with translation.override("fr"):
        assert [str(label) for _entry, label in history] == ["prendre en compte", "évaluer", "clôturer"]


@pytest.mark.parametrize(
    ("status", "action"),
    [("open", "assess"), ("open", "close"), ("acknowledged", "acknowledge"), ("acknowledged", "close"),
     ("assessed", "acknowledge"), ("closed", "acknowledge"), ("closed", "assess"), ("closed", "close")],
)  # fmt: skip
def test_illegal_transitions_are_clear_errors(people, scene, status, action):
    alert = scene.fes_alert
    type(alert).objects.filter(pk=alert.pk).update(
        status=status, outcome="no_concern" if status == "closed" else "", closed_at=alert.raised_at
    )
    with pytest.raises(ValidationError) as error:
        alert_transition(
            actor=people.supervisor,
            alert=alert,
            action=action,
            assessment="x",
            outcome="no_concern",
            outcome_note="x",
        )
    assert error.value.code == "illegal_transition"
    assert "You cannot" in error.value.messages[0]
    alert.refresh_from_db()
    assert alert.status == status


def test_the_table():
    assert allowed_actions("open") == ["acknowledge"]
    assert allowed_actions("acknowledged") == ["assess"]
    assert allowed_actions("assessed") == ["close"]
    assert allowed_actions("closed") == []


def test_an_illegal_step_on_the_page_is_a_message_not_a_500(login, people, scene):
    client = login(people.supervisor)
    response = client.post(
        reverse("watchlist:transition", args=[scene.fes_alert.pk, "assess"]), {"assessment": "x", "severity": "low"}
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "You cannot assess an alert that is “Open”." in page.content.decode()
    assert client.post(reverse("watchlist:transition", args=[scene.fes_alert.pk, "explode"])).status_code == 404


def test_missing_assessment_or_outcome_is_a_field_error(login, people, scene):
    client = login(people.supervisor)
    alert = scene.fes_alert
    client.post(reverse("watchlist:transition", args=[alert.pk, "acknowledge"]))
    response = client.post(
        reverse("watchlist:transition", args=[alert.pk, "assess"]), {"assessment": "  ", "severity": "low"}
    )
    assert response.status_code == 200
    form = response.context["actions"]["assess"]
    assert form.errors["assessment"]
    alert.refresh_from_db()
    assert alert.status == "acknowledged"


def test_an_authorised_caseworker_works_on_it_but_only_a_supervisor_closes(login, people, scene):
    alert = scene.mek_alert
    client = login(people.neighbour)
    client.post(reverse("watchlist:transition", args=[alert.pk, "acknowledge"]))
    client.post(
        reverse("watchlist:transition", args=[alert.pk, "assess"]), {"assessment": "Seen at home.", "severity": "low"}
    )
    page = client.get(reverse("watchlist:detail", args=[alert.pk]))
    assert page.context["actions"] == {} and page.context["close_waits_for_supervisor"]
    response = client.post(
        reverse("watchlist:transition", args=[alert.pk, "close"]), {"outcome": "resolved", "outcome_note": "ok"}
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        alert_transition(actor=people.neighbour, alert=alert, action="close", outcome="resolved", outcome_note="ok")
    alert.refresh_from_db()
    assert alert.status == "assessed"
    alert_transition(actor=people.supervisor, alert=alert, action="close", outcome="no_concern", outcome_note="ok")


def test_the_api_transition(login, people, scene):
    client = login(people.outsider_supervisor)
    url = f"{API}{scene.casa_alert.pk}/transition/"
    assert client.post(url, {"action": "acknowledge"}).json()["status"] == "acknowledged"
    bad = client.post(url, {"action": "close", "outcome": "resolved", "outcome_note": "x"})
    assert bad.status_code == 400
    assert client.post(url, {"action": "assess"}).status_code == 400  # no assessment
    other = login(people.supervisor).post(url, {"action": "assess", "assessment": "x"})
    assert other.status_code == 404


def test_a_reader_with_a_read_only_share_cannot_work_on_the_alert(people, scene):
    import datetime

    from django.utils import timezone

    from casework.sharing import file_share_with_user

    file_share_with_user(
        actor=people.supervisor,
        beneficiary=scene.fes_person,
        user=people.neighbour,  # authorised, Meknes: the Fes file is shared read-only
        reason="Joint visit",
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    with pytest.raises(PermissionDenied):
        alert_transition(actor=people.neighbour, alert=scene.fes_alert, action="acknowledge")
