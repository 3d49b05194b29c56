"""Grants test helpers: built through the services, so every row is what the application would write."""

from __future__ import annotations

import datetime
from decimal import Decimal

from casework.models import Centre
from grants.models import DistributionEvent, Envelope, Grant, Sector
from grants.services import (
    Decision,
    LineData,
    OfficialData,
    event_assign_grants,
    event_create,
    grant_decide,
    grant_deliver,
    grant_proposal_create,
    grant_submit,
)
from tests import factories

ZERO = Decimal("0.00")

FIVE_LINES = [
    LineData(item="Sewing machine", quantity=2, unit_cost=Decimal("7800.00"), supplier="Textile SARL"),
    LineData(item="Overlock machine", quantity=1, unit_cost=Decimal("6200.50"), specification="4 threads"),
    LineData(item="Cutting table", quantity=1, unit_cost=Decimal("2300.00")),
    LineData(item="Iron and board", quantity=2, unit_cost=Decimal("650.25")),
    LineData(item="Fabric stock", quantity=10, unit_cost=Decimal("120.00")),
]
FIVE_LINES_TOTAL = Decimal("26601.00")  # 15600 + 6200.50 + 2300 + 1300.50 + 1200


def sector(code: str = "handicrafts") -> Sector:
    """Sectors come from the data migration; a transactional test's flush removes them, so re-create."""
    return Sector.objects.get_or_create(code=code, defaults={"name_ar": code, "name_fr": code, "name_en": code})[0]


def reference_data() -> None:
    """Regions and sectors as the migrations load them (a transactional test's flush removes them)."""
    from casework.reference_data import REGIONS
    from grants.reference_data import SECTORS

    for code, *_names in REGIONS:
        factories.region(code)
    for position, (code, ar, fr, en) in enumerate(SECTORS):
        Sector.objects.update_or_create(
            code=code, defaults={"name_ar": ar, "name_fr": fr, "name_en": en, "position": position}
        )


def envelope(total: Decimal = Decimal("100000.00"), name: str | None = None) -> Envelope:
    # Created directly: tests of envelope_create cover the service; here we only need a row.
    obj = Envelope(
        name=name or f"Envelope {Envelope.objects.count() + 1}",
        funder="Mohammed VI Foundation",
        period_start=datetime.date(2021, 5, 1),
        period_end=datetime.date(2021, 5, 31),
        total_amount=total,
    )
    obj.full_clean()
    obj.save()
    return obj


def proposal(*, proposer, beneficiary=None, lines=None, envelope_=None, title="Tailoring workshop") -> Grant:
    beneficiary = beneficiary or factories.BeneficiaryFactory(centre=proposer.centre or factories.centre("FES"))
    return grant_proposal_create(
        actor=proposer,
        beneficiary=beneficiary,
        sector=sector(),
        title=title,
        description="A tailoring workshop in the old medina.",
        location="Fès, médina",
        business_plan="Sew and repair clothes for the neighbourhood; sell school uniforms.",
        training_and_skills="Tailoring diploma (OFPPT), 3 years of practice in prison workshops.",
        expected_monthly_income=Decimal("3500.00"),
        lines=lines or FIVE_LINES,
        envelope=envelope_,
    )


def submitted(*, proposer, **kwargs) -> Grant:
    return grant_submit(actor=proposer, grant=proposal(proposer=proposer, **kwargs))


def approved(*, proposer, supervisor, envelope_, amount=None, reason="", **kwargs) -> Grant:
    grant = submitted(proposer=proposer, **kwargs)
    return grant_decide(
        actor=supervisor,
        grant=grant,
        decision=Decision.APPROVE,
        envelope=envelope_,
        approved_amount=amount,
        amount_reason=reason,
    )


def event(*, administrator, envelope_, centre_code="FES") -> DistributionEvent:
    centre = (
        Centre.objects.get(code=centre_code)
        if Centre.objects.filter(code=centre_code).exists()
        else (factories.centre(centre_code))
    )
    return event_create(
        actor=administrator,
        envelope=envelope_,
        centre=centre,
        city=centre.city_fr,
        date=datetime.date(2021, 5, 25),
        place="Wilaya",
        officials=[
            OfficialData(title="Wali of the region"),
            OfficialData(title="National coordinator", organisation="Mohammed VI Foundation"),
        ],
    )


def spread_over_the_programme(people) -> list[Grant]:
    """Approved and delivered grants over three centres (two regions), two sectors, two envelopes, both sexes,
    with different amounts; one proposal left undecided (never counted in committed figures)."""
    proposers = {"FES": people.caseworker, "MEK": people.neighbour, "CAS": people.outsider}
    envelopes = [envelope(Decimal("900000.00"), name="Envelope A"), envelope(Decimal("900000.00"), "B")]
    made = []
    plan = [
        ("FES", "F", "handicrafts", 0, "12000.50", True),
        ("FES", "M", "agriculture", 1, "8000.25", False),
        ("MEK", "M", "handicrafts", 0, "15000.00", True),
        ("MEK", "F", "agriculture", 0, "9999.99", False),
        ("CAS", "M", "handicrafts", 1, "7000.10", True),
        ("CAS", "F", "handicrafts", 1, "5000.00", False),
    ]
    for code, sex, sector_code, envelope_index, amount, delivered in plan:
        person = factories.BeneficiaryFactory(centre=factories.centre(code), sex=sex)
        grant = submitted(proposer=proposers[code], beneficiary=person)
        grant.sector = sector(sector_code)
        grant.save(update_fields=["sector"])
        chosen = envelopes[envelope_index]
        grant = grant_decide(
            actor=people.national,
            grant=grant,
            decision=Decision.APPROVE,
            envelope=chosen,
            approved_amount=Decimal(amount),
            amount_reason="Adjusted to the quote",
        )
        if delivered:
            operation = event(administrator=people.administrator, envelope_=chosen, centre_code=code)
            event_assign_grants(actor=people.administrator, event=operation, grants=[grant])
            grant_deliver(actor=proposers[code], grant=grant, delivered_on=datetime.date(2021, 5, 20))
        made.append(grant)
    submitted(proposer=people.caseworker, beneficiary=factories.BeneficiaryFactory(centre=factories.centre("FES")))
    return made


def added_up(grants, key) -> dict:
    """Grants summed one by one in Python under `key(grant)`: count, committed and delivered amounts, women —
    what the aggregate tables must show."""
    from beneficiaries.models import Sex
    from grants.models import GrantStatus

    out: dict = {}
    for g in grants:
        row = out.setdefault(key(g), {"grants": 0, "committed": ZERO, "spent": ZERO, "women": 0})
        row["grants"] += 1
        row["committed" if g.status == GrantStatus.APPROVED else "spent"] += g.approved_amount
        row["women"] += g.beneficiary.sex == Sex.FEMALE
    return out
