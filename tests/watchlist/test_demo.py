import pytest
from django.conf import settings

from casework.demo import load_staff
from casework.models import User
from casework.notifications.models import Notification, NotificationPreference
from casework.watchlist import demo
from casework.watchlist.access import watchlist_policy
from casework.watchlist.models import Alert
from tests.watchlist import factories as wf

pytestmark = pytest.mark.django_db


def test_demo_alerts_authorisation_and_notifications_idempotent():
    for code in ("FES", "MEK", "CAS"):
        wf.factories.centre(code)
    load_staff()
    for code in ("FES", "FES", "MEK", "CAS"):
        wf.person(code)
    summary = demo.load()
    assert "4 alerts" in summary
    assert demo.load() == "already loaded"
    assert Alert.objects.count() == 4
    assert set(Alert.objects.values_list("status", flat=True)) == {"open", "assessed"}
    assert watchlist_policy.may_read(User.objects.get(username="cw.meknes"))
    assert not watchlist_policy.may_read(User.objects.get(username="cw.fes"))
    told = set(Notification.objects.filter(kind="alert_raised").values_list("recipient__username", flat=True))
    assert {"sup.fesmeknes", "sup.national", "sup.casa"} <= told
    assert NotificationPreference.objects.get(user__username="sup.national").language == "fr"


def test_demo_skips_without_people():
    assert demo.load().startswith("skipped")


def test_registered_after_the_people_plans_and_grants():
    loaders = settings.DEMO_LOADERS
    mine = loaders.index("casework.watchlist.demo.load")
    for before in ["casework.demo.load_staff", "beneficiaries.demo.load", "reintegration_plans.demo.load"]:
        if before in loaders:
            assert loaders.index(before) < mine, before
