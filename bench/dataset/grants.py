"""Grants: two envelopes a year, an event per envelope and centre, 50,000 proposals and grants with
equipment lines, deliveries, monitoring visits at 3/6/12 months. Envelope counters add up exactly."""

from __future__ import annotations

import datetime
from decimal import Decimal

from grants import models as gm

from .context import Context
from .copy import copy_rows, make_uuid
from .names import PROJECTS

CENT = Decimal("0.01")
# Older envelopes are spent; the newest hold proposals under way.
OLD = [
    (gm.GrantStatus.DELIVERED, 80),
    (gm.GrantStatus.REJECTED, 8),
    (gm.GrantStatus.APPROVED, 4),
    (gm.GrantStatus.DRAFT, 4),
    (gm.GrantStatus.RETURNED, 4),
]
NEW = [
    (gm.GrantStatus.SUBMITTED, 30),
    (gm.GrantStatus.APPROVED, 25),
    (gm.GrantStatus.DRAFT, 25),
    (gm.GrantStatus.RETURNED, 10),
    (gm.GrantStatus.DELIVERED, 10),
]
COMMITTED = set(gm.COMMITTED_STATUSES)
SURVIVAL = gm.SurvivalStatus.values


def _months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def _envelopes(ctx: Context, rng) -> list[dict]:
    envelopes = []
    year = ctx.today.year - 9
    while datetime.date(year, 1, 1) <= ctx.today:
        for half, start in enumerate((1, 7)):
            period_start = datetime.date(year, start, 1)
            if period_start > ctx.today:
                break
            envelopes.append(
                {
                    "id": make_uuid(rng),
                    "name": f"Bench {year}-{'AB'[half]} — projets générateurs de revenus",
                    "funder": "Fondation Mohammed VI pour la réinsertion des détenus",
                    "period_start": period_start,
                    "period_end": _months(period_start, 6) - datetime.timedelta(days=1),
                    "total_amount": Decimal(0),
                    "committed_amount": Decimal(0),
                    "spent_amount": Decimal(0),
                    "is_open": False,
                    "created_at": ctx.at(period_start, rng),
                }
            )
        year += 1
    envelopes[-1]["is_open"] = envelopes[-2]["is_open"] = True
    return envelopes


def create_grants(ctx: Context) -> None:
    rng = ctx.rng("grants")
    sectors = dict(gm.Sector.objects.values_list("code", "pk"))
    envelopes = _envelopes(ctx, rng)
    candidates = [p for p in ctx.people if p.project is not None]
    chosen = rng.sample(candidates, min(len(candidates), ctx.counts["grants"]))
    events, grants, lines, deliveries, visits = {}, [], [], [], []
    for n, person in enumerate(chosen):
        envelope = envelopes[n % len(envelopes)]
        recent = envelope["period_start"] > ctx.today - datetime.timedelta(days=365)
        status = rng.choices(
            [s for s, _ in (NEW if recent else OLD)], weights=[w for _, w in (NEW if recent else OLD)]
        )[0]
        sector, title, items = PROJECTS[rng.randrange(len(PROJECTS))]
        centre = ctx.centres[person.centre]
        created = ctx.at(envelope["period_start"] + datetime.timedelta(days=rng.randrange(0, 60)), rng)
        grant = {
            "id": make_uuid(rng),
            "beneficiary_id": person.id,
            "centre_id": centre.id,
            "status": status,
            "sector_id": sectors[sector],
            "title": title,
            "description": f"{title} à {centre.code}",
            "location": f"Quartier {rng.randrange(1, 60)}",
            "business_plan": "Clientèle de quartier, fournisseurs identifiés, loyer modeste.",
            "training_and_skills": "Formation professionnelle suivie pendant la détention.",
            "expected_monthly_income": Decimal(rng.randrange(2000, 6000)),
            "proposed_by_id": person.caseworker,
            "created_at": created,
            "updated_at": created,
        }
        requested = Decimal(0)
        for position, item in enumerate(items[: rng.randrange(2, len(items) + 1)]):
            quantity, unit = (
                rng.randrange(1, 4),
                Decimal(rng.randrange(1500, 18000)) + Decimal(rng.randrange(100)) * CENT,
            )
            lines.append(
                {
                    "grant_id": grant["id"],
                    "position": position,
                    "item": item,
                    "quantity": quantity,
                    "unit_cost": unit,
                    "line_total": unit * quantity,
                    "delivered": status == gm.GrantStatus.DELIVERED,
                }
            )
            requested += unit * quantity
        grant["requested_amount"] = requested
        if status != gm.GrantStatus.DRAFT:
            grant["submitted_at"] = created + datetime.timedelta(days=3)
        if status in COMMITTED or status == gm.GrantStatus.REJECTED:
            grant.update(
                decided_by_id=ctx.supervisor_for(centre.region_id, rng),
                decided_at=created + datetime.timedelta(days=10),
                decision_reason="Avis du comité",
            )
        if status in COMMITTED:
            grant.update(envelope_id=envelope["id"], approved_amount=requested)
            counter = "spent_amount" if status == gm.GrantStatus.DELIVERED else "committed_amount"
            envelope[counter] += requested
        if status == gm.GrantStatus.DELIVERED:
            key = (envelope["id"], centre.id)
            if key not in events:
                day = envelope["period_start"] + datetime.timedelta(days=90 + len(events) % 60)
                events[key] = {
                    "id": make_uuid(rng),
                    "envelope_id": envelope["id"],
                    "centre_id": centre.id,
                    "city": centre.code,
                    "date": min(day, ctx.today),
                    "place": f"Préfecture — {centre.code}",
                    "created_at": ctx.at(envelope["period_start"], rng),
                }
            event = events[key]
            grant["event_id"] = event["id"]
            deliveries.append(
                {
                    "id": make_uuid(rng),
                    "grant_id": grant["id"],
                    "centre_id": centre.id,
                    "delivered_on": event["date"],
                    "notes": "",
                    "recorded_by_id": person.caseworker,
                    "recorded_at": ctx.at(event["date"], rng),
                }
            )
            for months in gm.MONITORING_MONTHS:
                due = _months(event["date"], months)
                visit = {
                    "id": make_uuid(rng),
                    "grant_id": grant["id"],
                    "centre_id": centre.id,
                    "months_after": months,
                    "due_on": due,
                }
                if due < ctx.today - datetime.timedelta(days=rng.randrange(0, 60)):
                    alive = rng.random() < 0.8
                    visit.update(
                        visited_on=due + datetime.timedelta(days=rng.randrange(0, 20)),
                        activity_running=alive,
                        equipment_held=alive,
                        equipment_used=alive,
                        jobs_created=rng.randrange(0, 3),
                        monthly_income=Decimal(rng.randrange(1000, 7000)) if alive else None,
                        survival_status=rng.choice(SURVIVAL),
                        recorded_by_id=person.caseworker,
                        recorded_at=ctx.at(due, rng),
                    )
                visits.append(visit)
        grants.append(grant)
    for envelope in envelopes:
        used = envelope["committed_amount"] + envelope["spent_amount"]
        envelope["total_amount"] = (used * Decimal("1.15")).quantize(CENT) + Decimal(100000)
    copy_rows(gm.Envelope, envelopes, now=ctx.now)
    copy_rows(gm.DistributionEvent, events.values(), now=ctx.now)
    copy_rows(gm.Grant, grants, now=ctx.now)
    copy_rows(gm.EquipmentLine, lines, now=ctx.now)
    copy_rows(gm.Delivery, deliveries, now=ctx.now)
    copy_rows(gm.MonitoringVisit, visits, now=ctx.now)
    for person in chosen:
        person.grant = True
