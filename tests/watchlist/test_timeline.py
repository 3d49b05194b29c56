"""The person's timeline shows alerts to watchlist readers, and to nobody else."""

import pytest
from django.urls import reverse

from reintegration_plans.timeline import person_timeline

pytestmark = pytest.mark.django_db


def _alerts(user, person):
    return [e for e in person_timeline(user=user, beneficiary=person) if e.kind == "alert"]


def test_alerts_on_the_timeline_for_readers_only(people, scene):
    from casework.models import AuditEntry

    assert len(_alerts(people.supervisor, scene.fes_person)) == 1
    read = AuditEntry.objects.get(actor=people.supervisor, action="view", object_type="watchlist.alert")
    assert read.changes["via"] == "timeline" and read.changes["alerts"] == [str(scene.fes_alert.pk)]
    assert _alerts(people.caseworker, scene.fes_person) == []  # same centre, not authorised
    entry = _alerts(people.neighbour, scene.mek_person)[0]
    assert entry.url == reverse("watchlist:detail", args=[scene.mek_alert.pk]) and entry.badge == "Open"


def test_the_timeline_page(login, people, scene):
    page = login(people.caseworker).get(reverse("plans:timeline", args=[scene.fes_person.pk]))
    assert page.status_code == 200
    assert reverse("watchlist:detail", args=[scene.fes_alert.pk]) not in page.content.decode()
    page = login(people.supervisor).get(reverse("plans:timeline", args=[scene.fes_person.pk]))
    assert reverse("watchlist:detail", args=[scene.fes_alert.pk]) in page.content.decode()
