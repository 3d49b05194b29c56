"""Administrators grant and revoke the watchlist authorisation: reason, expiry, audited."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from casework.models import AuditEntry
from casework.watchlist.access import watchlist_policy
from casework.watchlist.authorisations import authorisation_grant, authorisation_revoke
from casework.watchlist.models import WatchlistAuthorisation
from tests.watchlist import factories as wf

pytestmark = pytest.mark.django_db


def test_grant_from_the_page_then_revoke(login, people):
    client = login(people.administrator)
    page = client.get(reverse("watchlist:authorisations"))
    assert page.status_code == 200 and 'data-testid="empty"' in page.content.decode()
    expires = wf.today() + datetime.timedelta(days=30)
    response = client.post(
        reverse("watchlist:authorisations"),
        {"user": people.caseworker.pk, "reason": "Covers the regional supervisor", "expires_on": expires.isoformat()},
    )
    assert response.status_code == 302
    authorisation = WatchlistAuthorisation.objects.get()
    assert authorisation.granted_by == people.administrator and authorisation.is_live()
    assert watchlist_policy.may_read(people.caseworker)
    assert login(people.caseworker).get(reverse("watchlist:list")).status_code == 200
    grant = AuditEntry.objects.get(action="grant", object_type="watchlist.watchlistauthorisation")
    assert grant.changes["user"] == "cw_fes" and grant.changes["reason"] == "Covers the regional supervisor"

    client = login(people.administrator)
    assert (
        client.post(reverse("watchlist:authorisation_revoke", args=[authorisation.pk]), {"reason": ""}).status_code
        == 302
    )
    assert WatchlistAuthorisation.objects.get().revoked_at is None  # a reason is needed
    client.post(reverse("watchlist:authorisation_revoke", args=[authorisation.pk]), {"reason": "Supervisor back"})
    assert WatchlistAuthorisation.objects.get().revoked_by == people.administrator
    assert AuditEntry.objects.filter(action="revoke", object_id=str(authorisation.pk)).exists()
    assert login(people.caseworker).get(reverse("watchlist:list")).status_code == 404


@pytest.mark.parametrize("who", ["caseworker", "supervisor", "national", "partner"])
def test_the_page_is_404_for_anyone_but_administrators(login, people, who):
    authorisation = wf.authorise(people.neighbour, by=people.administrator)
    client = login(getattr(people, who))
    assert client.get(reverse("watchlist:authorisations")).status_code == 404
    response = client.post(reverse("watchlist:authorisation_revoke", args=[authorisation.pk]), {"reason": "x"})
    assert response.status_code == 404
    assert WatchlistAuthorisation.objects.get().revoked_at is None


def test_the_rules_of_granting(people):
    in_a_month = wf.today() + datetime.timedelta(days=30)
    with pytest.raises(PermissionDenied):
        authorisation_grant(actor=people.supervisor, user=people.caseworker, reason="x", expires_on=in_a_month)
    cases = [
        (people.administrator, "x", in_a_month, "user"),  # self
        (people.partner, "x", in_a_month, "user"),
        (people.supervisor, "x", in_a_month, "user"),  # needs none
        (people.caseworker, "", in_a_month, "reason"),
        (people.caseworker, "x", wf.today() - datetime.timedelta(days=1), "expires_on"),
        (people.caseworker, "x", wf.today() + datetime.timedelta(days=400), "expires_on"),
    ]
    for user, reason, expires, field in cases:
        with pytest.raises(ValidationError) as error:
            authorisation_grant(actor=people.administrator, user=user, reason=reason, expires_on=expires)
        assert field in error.value.message_dict
    assert not WatchlistAuthorisation.objects.exists()
    authorisation_grant(actor=people.administrator, user=people.caseworker, reason="x", expires_on=in_a_month)
    with pytest.raises(ValidationError):  # already live
        authorisation_grant(actor=people.administrator, user=people.caseworker, reason="y", expires_on=in_a_month)


def test_expiry_then_a_new_grant(people):
    from django.utils import timezone

    first = wf.authorise(people.caseworker, by=people.administrator)
    assert watchlist_policy.may_read(people.caseworker)
    WatchlistAuthorisation.objects.filter(pk=first.pk).update(
        granted_at=timezone.now() - datetime.timedelta(days=10),
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    assert not watchlist_policy.may_read(people.caseworker)
    second = wf.authorise(people.caseworker, by=people.administrator, reason="Renewed")
    first.refresh_from_db()
    assert first.revoked_at is not None and second.is_live()
    assert watchlist_policy.may_read(people.caseworker)


def test_revoking_twice_is_a_clear_error(people):
    authorisation = wf.authorise(people.caseworker, by=people.administrator)
    authorisation_revoke(actor=people.administrator, authorisation=authorisation, reason="done")
    with pytest.raises(ValidationError):
        authorisation_revoke(actor=people.administrator, authorisation=authorisation, reason="again")


def test_within_a_request_the_authorisation_is_read_once_and_again_after_a_change(people, django_assert_num_queries):
    """The page and its navigation both ask (ScopeCacheMiddleware's block): one query; a grant or a revocation
    in the same block is seen at once."""
    from casework.access import shares_read_once

    with shares_read_once():
        with django_assert_num_queries(1):
            assert watchlist_policy.may_read(people.caseworker) is False
            assert watchlist_policy.may_read(people.caseworker) is False
        authorisation = wf.authorise(people.caseworker, by=people.administrator)
        assert watchlist_policy.may_read(people.caseworker) is True
        authorisation_revoke(actor=people.administrator, authorisation=authorisation, reason="Supervisor back")
        assert watchlist_policy.may_read(people.caseworker) is False
    # Outside a request every check reads the authorisations.
    with django_assert_num_queries(2):
        watchlist_policy.may_read(people.caseworker)
        watchlist_policy.may_read(people.caseworker)
