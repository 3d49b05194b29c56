"""The programme indicators' people and grant tables agree with the rows themselves, added up one by one in
Python, for every scope and filter: the database groups them once at the finest level, and the folding into
the tables is checked here."""

from decimal import Decimal

import pytest

from beneficiaries.models import Beneficiary, Sex, Status
from grants.models import Grant, GrantStatus
from reports.indicators import Filters, grant_figures, people_figures
from reports.scope import aggregate_scope
from tests import factories
from tests.grants import factories as gf

pytestmark = pytest.mark.django_db

ZERO = Decimal("0.00")


@pytest.fixture
def grants(people):
    return gf.spread_over_the_programme(people)


def expected(user, filters: Filters) -> dict:
    """The four tables, summed grant by grant over the grants the user's scope reaches."""
    scope = aggregate_scope(user)
    rows = [
        g
        for g in Grant.objects.filter(scope.condition("centre")).select_related("beneficiary", "centre")
        if g.status in (GrantStatus.APPROVED, GrantStatus.DELIVERED)
        and (not filters.sex or g.beneficiary.sex == filters.sex)
        and (not filters.sector or g.sector_id == filters.sector.pk)
    ]

    return {
        "totals": gf.added_up(rows, lambda g: "all").get(
            "all", {"grants": 0, "committed": ZERO, "spent": ZERO, "women": 0}
        ),
        "envelope": gf.added_up(rows, lambda g: g.envelope_id),
        "sector": gf.added_up(rows, lambda g: g.sector_id),
        "region": gf.added_up(rows, lambda g: g.centre.region_id),
    }


@pytest.mark.parametrize("role", ["national", "supervisor", "caseworker", "outsider", "partner"])
@pytest.mark.parametrize("narrowing", ["none", "women", "sector"])
def test_grant_tables_equal_the_grants_added_one_by_one(people, grants, role, narrowing):
    user = getattr(people, role)
    filters = {
        "none": Filters(),
        "women": Filters(sex="F"),
        "sector": Filters(sector=gf.sector("handicrafts")),
    }[narrowing]
    want = expected(user, filters)
    got = grant_figures(aggregate_scope(user), filters)

    assert got["totals"] == want["totals"]
    assert {r["envelope_id"]: (r["grants"], r["committed"], r["spent"]) for r in got["per_envelope"]} == {
        pk: (e["grants"], e["committed"], e["spent"]) for pk, e in want["envelope"].items()
    }
    assert {r["sector_id"]: (r["grants"], r["amount"], r["women"]) for r in got["per_sector"]} == {
        pk: (e["grants"], e["committed"] + e["spent"], e["women"]) for pk, e in want["sector"].items()
    }
    assert {r["centre__region_id"]: (r["grants"], r["amount"]) for r in got["per_region"]} == {
        pk: (e["grants"], e["committed"] + e["spent"]) for pk, e in want["region"].items()
    }
    # Ordered as the tables show them, and every figure a Decimal in MAD.
    assert [r["envelope"].name for r in got["per_envelope"]] == sorted(r["envelope"].name for r in got["per_envelope"])
    assert all(isinstance(r["amount"], Decimal) for r in got["per_sector"] + got["per_region"])


def test_the_fixture_reaches_every_kind_of_row(people, grants):
    """Guard on the fixture itself: both statuses, both sexes, two regions, so the comparisons above bite."""
    figures = grant_figures(aggregate_scope(people.national), Filters())
    assert figures["totals"]["grants"] == 6 and figures["totals"]["women"] == 3
    assert figures["totals"]["committed"] == Decimal("8000.25") + Decimal("9999.99") + Decimal("5000.00")
    assert figures["totals"]["spent"] == Decimal("12000.50") + Decimal("15000.00") + Decimal("7000.10")
    assert len(figures["per_region"]) == 2 and len(figures["per_envelope"]) == 2


@pytest.mark.parametrize("role", ["national", "supervisor", "caseworker", "partner"])
@pytest.mark.parametrize("sex", ["", "F"])
def test_people_tables_equal_the_people_counted_one_by_one(people, role, sex):
    plan = [("FES", "F", Status.RELEASED), ("FES", "M", Status.PROJECT_RUNNING), ("MEK", "M", Status.RELEASED)]
    plan += [("MEK", "F", Status.CLOSED), ("CAS", "M", Status.RELEASED), ("CAS", "F", Status.REINCARCERATED)]
    for code, person_sex, status in plan:
        factories.BeneficiaryFactory(centre=factories.centre(code), sex=person_sex, status=status)
    user = getattr(people, role)
    scope = aggregate_scope(user)
    reached = Beneficiary.objects.filter(scope.condition("centre"), merged_into__isnull=True)
    rows = [b for b in reached.select_related("centre") if not sex or b.sex == sex]
    got = people_figures(scope, Filters(sex=sex))

    assert got["total"] == len(rows) and len(rows) > 0
    assert {r["status"]: r["count"] for r in got["by_status"]} == {s: sum(b.status == s for b in rows) for s in Status}
    assert {r["region"].pk: (r["men"], r["women"]) for r in got["by_region"]} == {
        region: (
            sum(b.sex == Sex.MALE for b in rows if b.centre.region_id == region),
            sum(b.sex == Sex.FEMALE for b in rows if b.centre.region_id == region),
        )
        for region in {b.centre.region_id for b in rows}
    }
