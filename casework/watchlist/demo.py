"""Demo watchlist and notifications: an authorised caseworker, a few alerts at different steps, and the
notifications they send. Runs after the people (and the life projects, when their loader exists)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from beneficiaries.models import Beneficiary, Status
from casework.models import User
from casework.notifications.services import preference_update

from .access import live_authorisations
from .authorisations import authorisation_grant
from .models import Alert, Indicator, IndicatorCode
from .reference_data import ensure_indicators
from .rules import raise_rule_alerts
from .services import alert_raise_concern, alert_transition

FOLLOWED = (Status.RELEASED, Status.PROJECT_RUNNING)


def _person(centre_code: str, offset: int = 0) -> Beneficiary | None:
    people = Beneficiary.objects.filter(merged_into__isnull=True, centre__code=centre_code).select_related("centre")
    followed = list(people.filter(status__in=FOLLOWED).order_by("file_number")[offset : offset + 1])
    return followed[0] if followed else (list(people.order_by("file_number")[offset : offset + 1]) or [None])[0]


def _rule_alert(code: str, person: Beneficiary, evidence: dict) -> Alert | None:
    indicator = Indicator.objects.get(code=code)
    raise_rule_alerts(
        indicator=indicator,
        rows=[
            {
                "pk": person.pk,
                "file_number": person.file_number,
                "centre__region_id": person.centre.region_id,
                **evidence,
            }
        ],
    )
    return Alert.objects.filter(beneficiary=person, indicator=indicator).order_by("-raised_at").first()


@transaction.atomic
def load() -> str:
    ensure_indicators(Indicator)
    if Alert.objects.exists():
        return "already loaded"
    staff = {u.username: u for u in User.objects.filter(username__in=[
        "admin.rabat", "cw.meknes", "cw.fes", "cw.casa", "sup.fesmeknes", "sup.national",
    ])}  # fmt: skip
    fes, fes_2, mek, casa = _person("FES"), _person("FES", 1), _person("MEK"), _person("CAS")
    if len(staff) < 6 or None in (fes, fes_2, mek, casa):
        return "skipped (load the demo staff and people first)"
    today = timezone.localdate()

    if not live_authorisations().filter(user=staff["cw.meknes"]).exists():
        authorisation_grant(
            actor=staff["admin.rabat"],
            user=staff["cw.meknes"],
            reason="Stands in for the Fès-Meknès supervisor on the vigilance watchlist",
            expires_on=today + datetime.timedelta(days=90),
        )
    preference_update(user=staff["sup.national"], language="fr", email_enabled=True)

    lost = _rule_alert(
        IndicatorCode.LOST_CONTACT,
        fes,
        {"last_contact": None, "release_date": fes.release_date.isoformat() if fes.release_date else None},
    )
    _rule_alert(IndicatorCode.MISSED_FOLLOWUPS, mek, {"missed": 3})
    alert_transition(actor=staff["sup.fesmeknes"], alert=lost, action="acknowledge")
    alert_transition(
        actor=staff["sup.fesmeknes"],
        alert=lost,
        action="assess",
        assessment="The family says he works in Tangier since March; his phone number changed. Home visit planned.",
        severity="low",
    )
    alert_raise_concern(
        actor=staff["cw.fes"],
        beneficiary=fes_2,
        indicator=Indicator.objects.get(code=IndicatorCode.CASEWORKER_CONCERN),
        severity="medium",
        note="Missed the last two group sessions and avoids questions about his new acquaintances.",
    )
    alert_raise_concern(
        actor=staff["cw.casa"],
        beneficiary=casa,
        indicator=Indicator.objects.get(code=IndicatorCode.FAMILY_AT_RISK),
        severity="high",
        note="The household lost its only income; the eldest son left school.",
    )
    return f"{Alert.objects.count()} alerts, 1 authorised caseworker (cw.meknes)"
