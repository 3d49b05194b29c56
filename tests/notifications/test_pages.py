import pytest
from django.urls import reverse

from casework.models import AuditEntry
from casework.notifications.kinds import NotificationKind
from casework.notifications.models import Notification, NotificationPreference
from tests.notifications import factories as nf

pytestmark = pytest.mark.django_db

ROLES = ["caseworker", "supervisor", "national", "administrator", "partner"]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_its_own_list_and_nobody_elses(login, people, role):
    user = getattr(people, role)
    mine = nf.sent(user, title="Mine")
    nf.sent(people.outsider, title="Not yours")
    response = login(user).get(reverse("notifications:list"))
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [mine]
    assert "Not yours" not in response.content.decode()


def test_anonymous_is_sent_to_login(client):
    for name in ["notifications:list", "notifications:preferences"]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_someone_elses_notification_answers_404(login, people):
    theirs = nf.sent(people.outsider)
    client = login(people.caseworker)
    for name in ["notifications:open", "notifications:read"]:
        assert client.post(reverse(name, args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_open_marks_read_and_follows_the_link(login, people):
    row = nf.sent(people.caseworker, url="/people/")
    response = login(people.caseworker).post(reverse("notifications:open", args=[row.pk]))
    assert response.status_code == 302 and response["Location"] == "/people/"
    row.refresh_from_db()
    assert row.read_at is not None
    assert AuditEntry.objects.filter(object_type="notifications.notification", object_id=str(row.pk)).count() == 1


def test_open_and_read_are_post_only(login, people):
    row = nf.sent(people.caseworker)
    client = login(people.caseworker)
    assert client.get(reverse("notifications:open", args=[row.pk])).status_code == 405
    assert client.get(reverse("notifications:read_all")).status_code == 405


def test_unread_count_in_the_navbar_and_mark_all_read(login, people):
    nf.many(people.caseworker, 3)
    nf.many(people.outsider, 5)
    client = login(people.caseworker)
    page = client.get(reverse("casework:home")).content.decode()
    assert 'data-testid="unread-count">3<' in page
    response = client.post(reverse("notifications:read_all"), follow=True)
    assert response.status_code == 200
    assert "All your notifications are marked read." in response.content.decode()
    assert 'data-testid="unread-count"' not in response.content.decode()
    assert Notification.objects.filter(recipient=people.outsider, read_at__isnull=True).count() == 5
    assert AuditEntry.objects.filter(actor=people.caseworker, changes__marked_read=3).exists()


def test_mark_one_read_returns_to_the_list(login, people):
    first, second = nf.many(people.caseworker, 2)
    client = login(people.caseworker)
    response = client.post(reverse("notifications:read", args=[first.pk]), {"next": "/notifications/?show=unread"})
    assert response["Location"] == "/notifications/?show=unread"
    unread = client.get(reverse("notifications:list") + "?show=unread").context["page"].object_list
    assert list(unread) == [second]
    # An outside "next" is ignored.
    response = client.post(reverse("notifications:read", args=[second.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("notifications:list")


def test_empty_states_say_what_to_do(login, people):
    client = login(people.caseworker)
    assert 'data-testid="empty"' in client.get(reverse("notifications:list")).content.decode()
    assert "Nothing unread" in client.get(reverse("notifications:list") + "?show=unread").content.decode()


def test_list_queries_do_not_grow(login, people, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(people.caseworker)
    nf.many(people.caseworker, 2)
    for row in Notification.objects.all():
        row.actor = people.supervisor
        row.save()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("notifications:list"))
    nf.many(people.caseworker, 25)
    Notification.objects.update(actor=people.supervisor)
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("notifications:list"))
    assert len(few.captured_queries) == len(more.captured_queries)


def test_preferences_saved_audited_and_validated(login, people):
    client = login(people.caseworker)
    page = client.get(reverse("notifications:preferences"))
    assert page.status_code == 200 and page.context["form"].initial == {"language": "ar", "email_enabled": True}
    response = client.post(reverse("notifications:preferences"), {"language": "fr"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=people.caseworker)
    assert (preference.language, preference.email_enabled) == ("fr", False)
    assert AuditEntry.objects.filter(object_type="notifications.notificationpreference").count() == 1
    bad = client.post(reverse("notifications:preferences"), {"language": "xx", "email_enabled": "on"})
    assert bad.status_code == 200 and bad.context["form"].errors["language"]
    assert NotificationPreference.objects.get(user=people.caseworker).language == "fr"


def test_kind_label_and_text_on_the_page(login, people):
    nf.sent(people.caseworker, kind=NotificationKind.REPORT_READY, title="Cohort review 7")
    html = login(people.caseworker).get(reverse("notifications:list")).content.decode()
    assert "Report ready" in html and "Cohort review 7" in html
