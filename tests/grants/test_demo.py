from decimal import Decimal

import pytest
from django.db.models import Count, F, Q, Sum

from beneficiaries.models import Beneficiary
from grants import demo
from grants.models import DistributionEvent, Envelope, EquipmentLine, Grant, GrantStatus, MonitoringVisit
from tests import factories
from tests.grants import factories as gf

pytestmark = pytest.mark.django_db

WOMEN = {"MEK-2021-0004", "CAS-2021-0011"}


def seed_people(counts=(("MEK", 15), ("FES", 16), ("CAS", 19))):
    gf.reference_data()
    for code, count in counts:
        centre = factories.centre(code)
        for n in range(1, count + 1):
            number = f"{code}-2021-{n:04d}"
            factories.BeneficiaryFactory(centre=centre, file_number=number, sex="F" if number in WOMEN else "M")


def test_demo_reproduces_the_may_2021_operation():
    seed_people()
    summary = demo.load()
    assert "50 grants" in summary

    envelope = Envelope.objects.get(name=demo.ENVELOPE_NAME)
    assert envelope.total_amount == Decimal("2576296.77")
    assert envelope.spent_amount == Decimal("2576296.77")
    assert envelope.committed_amount == 0 and envelope.remaining_amount == 0

    grants = Grant.objects.filter(envelope=envelope)
    assert grants.count() == 50
    assert grants.filter(status=GrantStatus.DELIVERED).count() == 50
    assert grants.filter(beneficiary__sex="F").count() == 2
    assert grants.aggregate(s=Sum("approved_amount"))["s"] == Decimal("2576296.77")
    assert EquipmentLine.objects.filter(grant__envelope=envelope).aggregate(s=Sum("line_total"))["s"] == Decimal(
        "2576296.77"
    )
    assert set(grants.values_list("sector__code", flat=True)) == {
        "commerce",
        "construction",
        "food",
        "handicrafts",
        "agriculture",
    }
    events = {
        (e.date.isoformat(), e.n)
        for e in DistributionEvent.objects.filter(envelope=envelope).annotate(n=Count("grants"))
    }
    assert events == {("2021-05-24", 15), ("2021-05-25", 16), ("2021-05-26", 19)}
    meknes = DistributionEvent.objects.get(date="2021-05-24")
    officials = " ".join(meknes.official_list).lower()
    assert meknes.officials.count() == 2
    assert "gouverneur" in officials and "coordinateur national" in officials
    assert not grants.filter(~Q(event__centre=F("beneficiary__centre"))).exists()
    assert MonitoringVisit.objects.filter(grant__envelope=envelope).count() == 150

    # Idempotent.
    assert "already loaded" in demo.load()
    assert Grant.objects.count() == 50 and Envelope.objects.count() == 1


def test_demo_without_the_fifty_people_does_nothing():
    seed_people((("MEK", 15), ("FES", 10)))
    summary = demo.load()
    assert summary.startswith("skipped")
    assert Envelope.objects.count() == 0 and Grant.objects.count() == 0
    assert Beneficiary.objects.count() == 25


def test_grant_targets_add_up_exactly():
    targets = demo.grant_targets(50)
    assert sum(targets) == Decimal("2576296.77")
    assert all(t == t.quantize(Decimal("0.01")) for t in targets)
