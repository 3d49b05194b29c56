"""Every read of the watchlist leaves an audit entry: the list, each alert page, the API."""

import pytest
from django.urls import reverse

from casework.models import AuditEntry

pytestmark = pytest.mark.django_db

API = "/api/v1/watchlist/alerts/"


def _views(user):
    return AuditEntry.objects.filter(actor=user, action="view", object_type="watchlist.alert")


def test_the_list_read_is_audited_with_the_alerts_shown(login, people, scene):
    login(people.supervisor).get(reverse("watchlist:list"), {"severity": "medium"})
    entry = _views(people.supervisor).get()
    assert entry.changes["alerts"] == [str(scene.fes_alert.pk)]
    assert entry.changes["filters"]["severity"] == "medium"
    assert entry.changes["via"] == "page" and entry.path == reverse("watchlist:list")


def test_each_alert_page_read_is_audited_on_the_persons_trail(login, people, scene):
    client = login(people.supervisor)
    client.get(reverse("watchlist:detail", args=[scene.fes_alert.pk]))
    client.get(reverse("watchlist:detail", args=[scene.fes_alert.pk]))
    entries = _views(people.supervisor)
    assert entries.count() == 2
    assert {e.beneficiary_id for e in entries} == {scene.fes_person.pk}
    assert {e.object_id for e in entries} == {str(scene.fes_alert.pk)}


def test_api_reads_are_audited(login, people, scene):
    client = login(people.neighbour)
    client.get(API)
    client.get(f"{API}{scene.mek_alert.pk}/")
    entries = list(_views(people.neighbour).order_by("id"))
    assert [e.changes["via"] for e in entries] == ["api", "api"]
    assert entries[0].changes["alerts"] == [str(scene.mek_alert.pk)]
    assert entries[1].object_id == str(scene.mek_alert.pk)


def test_a_refused_read_leaves_no_view_entry_and_shows_nothing(login, people, scene):
    client = login(people.caseworker)
    client.get(reverse("watchlist:list"))
    client.get(reverse("watchlist:detail", args=[scene.fes_alert.pk]))
    assert not _views(people.caseworker).exists()
