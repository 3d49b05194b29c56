import pytest
from django.urls import reverse

from casework.notifications.models import Notification
from tests.notifications import factories as nf

pytestmark = pytest.mark.django_db

LIST = "/api/v1/notifications/"


@pytest.mark.parametrize("role", ["caseworker", "supervisor", "administrator", "partner"])
def test_the_list_holds_only_ones_own(login, people, role):
    user = getattr(people, role)
    mine = nf.sent(user, title="Mine")
    nf.sent(people.outsider, title="Theirs")
    data = login(user).get(LIST).json()
    assert [row["id"] for row in data["results"]] == [str(mine.pk)]
    assert data["results"][0]["text"] == "Your report “Mine” is ready to download."


def test_anonymous_refused(client):
    assert client.get(LIST).status_code in (401, 403)


def test_someone_elses_answers_404(login, people):
    theirs = nf.sent(people.outsider)
    client = login(people.caseworker)
    assert client.get(f"{LIST}{theirs.pk}/").status_code == 404
    assert client.post(f"{LIST}{theirs.pk}/read/").status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_read_unread_filter_and_read_all(login, people):
    first, second, third = nf.many(people.caseworker, 3)
    client = login(people.caseworker)
    assert client.get(f"{LIST}unread-count/").json() == {"unread": 3}
    response = client.post(f"{LIST}{first.pk}/read/")
    assert response.status_code == 200 and response.json()["is_read"] is True
    assert {row["id"] for row in client.get(LIST, {"unread": "true"}).json()["results"]} == {
        str(second.pk),
        str(third.pk),
    }
    assert client.post(f"{LIST}read-all/").json() == {"marked_read": 2}
    assert client.get(f"{LIST}unread-count/").json() == {"unread": 0}


def test_url_names(people):
    assert reverse("notifications-api:notification-list") == LIST
