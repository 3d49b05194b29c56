"""Raising a concern from a person's file: any member of staff who may change the file, reader or not."""

import pytest
from django.urls import reverse

from casework.models import AuditEntry
from casework.notifications.models import Notification
from casework.watchlist.models import Alert
from casework.watchlist.services import alert_raise_concern
from tests.watchlist import factories as wf

pytestmark = pytest.mark.django_db


def test_a_caseworker_raises_a_concern_without_reading_the_watchlist(login, people):
    person = wf.person("FES")
    client = login(people.caseworker)
    file_page = client.get(reverse("beneficiaries:detail", args=[person.pk])).content.decode()
    assert reverse("concerns:create", args=[person.pk]) in file_page
    form = client.get(reverse("concerns:create", args=[person.pk]))
    assert form.status_code == 200
    family = wf.indicator("family_at_risk")
    response = client.post(
        reverse("concerns:create", args=[person.pk]),
        {"indicator": family.pk, "severity": "high", "note": "The eldest son was approached by a recruiter."},
    )
    assert response.status_code == 302 and response["Location"] == reverse("beneficiaries:detail", args=[person.pk])
    alert = Alert.objects.get()
    assert (alert.source, alert.severity, alert.raised_by, alert.indicator) == (
        "staff",
        "high",
        people.caseworker,
        family,
    )
    assert AuditEntry.objects.filter(object_id=str(alert.pk), action="create", beneficiary_id=person.pk).exists()
    # The supervisors of the region and the national one are told; not the caseworker, not the other region.
    told = set(Notification.objects.filter(kind="alert_raised").values_list("recipient__username", flat=True))
    assert told == {"sup_fesmeknes", "sup_national"}
    # Still no watchlist for the caseworker.
    assert client.get(reverse("watchlist:detail", args=[alert.pk])).status_code == 404


@pytest.mark.parametrize("who", ["outsider", "outsider_supervisor", "partner"])
def test_outside_the_files_scope_the_form_is_404(login, people, who):
    person = wf.person("FES")
    client = login(getattr(people, who))
    assert client.get(reverse("concerns:create", args=[person.pk])).status_code == 404
    assert client.post(reverse("concerns:create", args=[person.pk]), {"note": "x"}).status_code == 404
    assert not Alert.objects.exists()


def test_bad_input_is_shown_and_nothing_is_raised(login, people):
    person = wf.person("FES")
    client = login(people.caseworker)
    response = client.post(
        reverse("concerns:create", args=[person.pk]),
        {"indicator": wf.indicator("caseworker_concern").pk, "severity": "high", "note": "   "},
    )
    assert response.status_code == 200 and response.context["form"].errors
    automatic = client.post(
        reverse("concerns:create", args=[person.pk]),
        {"indicator": wf.indicator("lost_contact").pk, "severity": "high", "note": "x"},
    )
    assert automatic.status_code == 200 and automatic.context["form"].errors["indicator"]
    assert not Alert.objects.exists()


def test_the_service_refuses_the_same(people):
    from django.core.exceptions import PermissionDenied, ValidationError

    person = wf.person("FES")
    with pytest.raises(PermissionDenied):
        alert_raise_concern(
            actor=people.outsider,
            beneficiary=person,
            indicator=wf.indicator("caseworker_concern"),
            severity="low",
            note="x",
        )
    with pytest.raises(ValidationError):
        alert_raise_concern(
            actor=people.caseworker,
            beneficiary=person,
            indicator=wf.indicator("lost_contact"),
            severity="low",
            note="x",
        )
    with pytest.raises(ValidationError):
        alert_raise_concern(
            actor=people.caseworker,
            beneficiary=person,
            indicator=wf.indicator("caseworker_concern"),
            severity="x",
            note="x",
        )
    assert not Alert.objects.exists()


def test_two_concerns_may_be_open_at_once(people):
    person = wf.person("FES")
    concern = wf.indicator("caseworker_concern")
    for note in ["first", "second"]:
        alert_raise_concern(actor=people.caseworker, beneficiary=person, indicator=concern, severity="low", note=note)
    assert Alert.objects.filter(status="open").count() == 2


def test_a_read_only_share_may_read_the_file_but_not_raise_a_concern(login, people):
    import datetime

    from django.utils import timezone

    from casework.sharing import file_share_with_user

    person = wf.person("FES")
    file_share_with_user(
        actor=people.supervisor,
        beneficiary=person,
        user=people.outsider,
        reason="Joint home visit",
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    client = login(people.outsider)
    assert client.get(reverse("beneficiaries:detail", args=[person.pk])).status_code == 200
    assert client.get(reverse("concerns:create", args=[person.pk])).status_code == 403
    assert not Alert.objects.exists()
