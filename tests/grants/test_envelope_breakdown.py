"""An envelope's breakdown by sector and by city agrees with its grants added up one by one: the database
groups them once (sector, centre, sex, status) and the folding into the tables is checked here."""

from decimal import Decimal

import pytest

from beneficiaries.models import Sex
from grants.models import Grant, GrantStatus
from grants.selectors import envelope_breakdown
from tests.grants import factories as gf

pytestmark = pytest.mark.django_db


def test_breakdown_equals_the_grants_added_one_by_one(people):
    gf.spread_over_the_programme(people)
    checked = 0
    for envelope in {g.envelope for g in Grant.objects.filter(envelope__isnull=False)}:
        grants = list(
            Grant.objects.filter(
                envelope=envelope, status__in=(GrantStatus.APPROVED, GrantStatus.DELIVERED)
            ).select_related("beneficiary__centre")
        )
        breakdown = envelope_breakdown(user=people.national, envelope=envelope)

        def shown(rows, field):
            return {r[field]: {k: r[k] for k in ("grants", "committed", "spent", "women")} for r in rows}

        assert shown(breakdown["by_sector"], "sector_id") == gf.added_up(grants, lambda g: g.sector_id)
        assert shown(breakdown["by_city"], "centre_id") == gf.added_up(grants, lambda g: g.beneficiary.centre_id)
        assert breakdown["totals"] == {
            "grants": len(grants),
            "women": sum(g.beneficiary.sex == Sex.FEMALE for g in grants),
        }
        for row in breakdown["by_sector"] + breakdown["by_city"]:
            assert row["amount"] == row["committed"] + row["spent"] and isinstance(row["amount"], Decimal)
            assert row["label"]
        checked += len(grants)
    assert checked == 6  # both envelopes, every decided grant, both statuses among them
