"""The compartment: 404 for anyone not a supervisor nor authorised, on every page and endpoint."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.watchlist.models import WatchlistAuthorisation

pytestmark = pytest.mark.django_db

API = "/api/v1/watchlist/alerts/"


def _urls(alert):
    return {
        "list": ("get", reverse("watchlist:list")),
        "detail": ("get", reverse("watchlist:detail", args=[alert.pk])),
        "acknowledge": ("post", reverse("watchlist:transition", args=[alert.pk, "acknowledge"])),
        "api-list": ("get", API),
        "api-detail": ("get", f"{API}{alert.pk}/"),
        "api-transition": ("post", f"{API}{alert.pk}/transition/"),
    }


@pytest.mark.parametrize("who", ["caseworker", "outsider", "administrator", "partner"])
def test_not_authorised_gets_404_everywhere_and_no_link(login, people, scene, who):
    client = login(getattr(people, who))
    for name, (method, url) in _urls(scene.fes_alert).items():
        response = getattr(client, method)(url, {"action": "acknowledge"} if method == "post" else None)
        assert response.status_code == 404, (who, name)
    home = client.get(reverse("casework:home")).content.decode()
    assert f'href="{reverse("watchlist:list")}"' not in home
    scene.fes_alert.refresh_from_db()
    assert scene.fes_alert.status == "open"


def test_anonymous_is_sent_to_login(client, scene):
    response = client.get(reverse("watchlist:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.get(API).status_code in (401, 403)


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("neighbour", {"mek_alert"}),  # authorised Meknes caseworker: their own centre's files
        ("supervisor", {"fes_alert", "mek_alert"}),  # Fes-Meknes region
        ("outsider_supervisor", {"casa_alert"}),
        ("national", {"fes_alert", "mek_alert", "casa_alert"}),
    ],
)
def test_readers_see_their_scope_only(login, people, scene, who, sees):
    client = login(getattr(people, who))
    page = client.get(reverse("watchlist:list"))
    assert page.status_code == 200
    assert {a.pk for a in page.context["page"].object_list} == {getattr(scene, name).pk for name in sees}
    assert reverse("watchlist:list") in client.get(reverse("casework:home")).content.decode()  # the nav link
    api = client.get(API).json()
    assert {row["id"] for row in api["results"]} == {str(getattr(scene, name).pk) for name in sees}
    for name in {"fes_alert", "mek_alert", "casa_alert"} - sees:
        alert = getattr(scene, name)
        assert client.get(reverse("watchlist:detail", args=[alert.pk])).status_code == 404
        assert client.get(f"{API}{alert.pk}/").status_code == 404
    for name in sees:
        assert client.get(reverse("watchlist:detail", args=[getattr(scene, name).pk])).status_code == 200


def test_an_expired_authorisation_opens_nothing(login, people, scene):
    WatchlistAuthorisation.objects.filter(pk=scene.authorisation.pk).update(
        granted_at=timezone.now() - datetime.timedelta(days=40),
        expires_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    client = login(people.neighbour)
    assert client.get(reverse("watchlist:list")).status_code == 404
    assert client.get(reverse("watchlist:detail", args=[scene.mek_alert.pk])).status_code == 404
    assert client.get(API).status_code == 404


def test_filters(login, people, scene):
    client = login(people.national)
    by_severity = client.get(reverse("watchlist:list"), {"severity": "high"}).context["page"].object_list
    assert [a.pk for a in by_severity] == [scene.casa_alert.pk]
    by_centre = client.get(reverse("watchlist:list"), {"centre": scene.mek_person.centre_id})
    assert [a.pk for a in by_centre.context["page"].object_list] == [scene.mek_alert.pk]
    by_indicator = client.get(reverse("watchlist:list"), {"indicator": scene.casa_alert.indicator_id})
    assert [a.pk for a in by_indicator.context["page"].object_list] == [scene.casa_alert.pk]
    closed = client.get(reverse("watchlist:list"), {"status": "closed"})
    assert list(closed.context["page"].object_list) == []
    assert 'data-testid="empty"' in closed.content.decode()
    api = client.get(API, {"severity": "low"}).json()
    assert [row["id"] for row in api["results"]] == [str(scene.mek_alert.pk)]
    # A bad filter value is a form error, not a 500.
    assert client.get(reverse("watchlist:list"), {"severity": "nonsense"}).status_code == 200


def test_list_queries_do_not_grow_with_the_alerts(login, people, scene):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.watchlist import factories as wf

    client = login(people.national)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("watchlist:list"))
    for _ in range(20):
        wf.alert(wf.person("FES"), "caseworker_concern", source="staff", raised_by=people.caseworker)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("watchlist:list"))
    assert len(few.captured_queries) == len(many.captured_queries)


def test_indicators_in_the_admin_for_administrators(login, people, scene):
    from casework.models import AuditEntry
    from casework.watchlist.models import Indicator

    lost = Indicator.objects.get(code="lost_contact")
    client = login(people.administrator)
    assert client.get(reverse("admin:watchlist_indicator_changelist")).status_code == 200
    url = reverse("admin:watchlist_indicator_change", args=[lost.pk])
    data = {
        "name_ar": lost.name_ar, "name_fr": lost.name_fr, "name_en": lost.name_en, "severity": "high",
        "days": 45, "count": "", "is_active": "on", "position": 1,
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    lost.refresh_from_db()
    assert (lost.days, lost.severity) == (45, "high")
    assert AuditEntry.objects.filter(object_type="watchlist.indicator", changes__days=[60, 45]).exists()
    assert login(people.supervisor).get(reverse("admin:watchlist_indicator_changelist")).status_code == 302
