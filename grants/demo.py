"""Demo data: the May 2021 distribution operation of the seed (TRANSLATION.md, document 004).

One envelope of 2,576,296.77 MAD, three distribution events (Meknes 24 May: 15 people; Fes 25 May: 16;
Casablanca, Ben M'sick / Moulay Rachid, 26 May: 19), 50 grants approved and delivered across commerce,
construction, restaurants, traditional handicrafts and agriculture. Every amount is deterministic
Decimal; the equipment lines add up to exactly the envelope's total.

The people come from `beneficiaries.demo.load` (file numbers MEK-2021-0001.., FES-2021-.., CAS-2021-..);
this loader never invents anyone: if they are not all there, it says so and does nothing.
Everything goes through the services, so the envelope counters, the audit trail and the monitoring
schedule are exactly what the application itself would have written.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.db import transaction

from beneficiaries.models import Beneficiary
from casework.models import Centre, User

from .models import Envelope, EquipmentItem, Grant, Sector
from .services import (
    Decision,
    LineData,
    OfficialData,
    catalogue_item_save,
    envelope_create,
    event_assign_grants,
    event_create,
    grant_decide,
    grant_deliver,
    grant_proposal_create,
    grant_submit,
)

ENVELOPE_NAME = "Moussalaha 7th edition — income-generating projects, May 2021"
ENVELOPE_FUNDER = "Mohammed VI Foundation for the Reintegration of Prisoners"
ENVELOPE_TOTAL = Decimal("2576296.77")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class DemoEvent:
    prefix: str
    centre_code: str
    count: int
    date: datetime.date
    city: str
    place: str
    officials: tuple[OfficialData, ...]
    proposer: str


EVENTS = [
    DemoEvent(
        "MEK-2021-",
        "MEK",
        15,
        datetime.date(2021, 5, 24),
        "Meknès — مكناس",
        "Préfecture de Meknès — عمالة مكناس",
        (
            OfficialData(title="Le gouverneur de la préfecture de Meknès — عامل عمالة مكناس"),
            OfficialData(
                title="Le coordinateur national — المنسق الوطني",
                organisation=(
                    "Fondation Mohammed VI pour la réinsertion des détenus — مؤسسة محمد السادس لإعادة إدماج السجناء"
                ),
            ),
        ),
        "cw.meknes",
    ),
    DemoEvent("FES-2021-", "FES", 16, datetime.date(2021, 5, 25), "Fès — فاس", "Fès — فاس", (), "cw.fes"),
    DemoEvent(
        "CAS-2021-",
        "CAS",
        19,
        datetime.date(2021, 5, 26),
        "Casablanca — الدار البيضاء",
        "Préfectures d'arrondissements de Ben M'sick et de Moulay Rachid — عمالتا مقاطعات ابن امسيك ومولاي رشيد",
        (),
        "cw.casa",
    ),
]

# sector code -> (project title, fixed equipment lines: item, specification, quantity, unit cost, supplier,
#                 the last line's item: the starter stock that completes the project's budget)
SECTOR_PROJECTS = {
    "commerce": (
        "Épicerie de quartier — بقالة",
        [
            ("Réfrigérateur vitrine", "2 portes, 1 000 L", 1, "14500.00", "Froid Atlas SARL"),
            ("Étagères métalliques", "200 × 100 cm", 6, "850.00", "Métal Saïss"),
            ("Balance électronique", "30 kg, homologuée", 1, "1200.00", "Métal Saïss"),
            ("Caisse enregistreuse", "avec tiroir-caisse", 1, "2900.00", "Bureau Plus"),
        ],
        "Stock initial de marchandises",
    ),
    "construction": (
        "Petite entreprise de maçonnerie — مقاولة صغيرة في البناء",
        [
            ("Bétonnière", "350 L, moteur thermique", 1, "12800.00", "Outillage du Centre"),
            ("Échafaudage", "lot de 40 m²", 1, "7500.00", "Outillage du Centre"),
            ("Perforateur-burineur", "1 500 W", 2, "1650.00", "Outillage du Centre"),
            ("Outillage de maçonnerie", "lot complet", 1, "2400.00", "Quincaillerie Al Amal"),
        ],
        "Matériaux de démarrage",
    ),
    "food": (
        "Snack-restaurant — مطعم وجبات خفيفة",
        [
            ("Four professionnel", "gaz, 4 feux et four", 1, "16500.00", "Équip'Resto"),
            ("Friteuse", "double cuve 2 × 8 L", 1, "3200.00", "Équip'Resto"),
            ("Réfrigérateur", "armoire inox 600 L", 1, "8900.00", "Froid Atlas SARL"),
            ("Tables et chaises", "table et 4 chaises", 8, "450.00", "Meubles Zitoune"),
        ],
        "Ustensiles et stock de démarrage",
    ),
    "handicrafts": (
        "Atelier d'artisanat — ورشة للصناعة التقليدية",
        [
            ("Machine à coudre industrielle", "point droit", 2, "7800.00", "Textile Machines Maroc"),
            ("Métier à tisser", "traditionnel, 1,6 m", 1, "6500.00", "Coopérative Al Hirfa"),
            ("Outillage d'artisan", "lot complet", 1, "2300.00", "Coopérative Al Hirfa"),
        ],
        "Matières premières",
    ),
    "agriculture": (
        "Exploitation agricole — مشروع فلاحي",
        [
            ("Motopompe", "6,5 CV", 1, "9800.00", "Agri Saïss"),
            ("Kit d'irrigation goutte-à-goutte", "1 hectare", 1, "11500.00", "Agri Saïss"),
            ("Outillage agricole", "lot complet", 1, "2700.00", "Quincaillerie Al Amal"),
        ],
        "Semences, plants et intrants",
    ),
}
SECTOR_CYCLE = ["commerce", "construction", "food", "handicrafts", "agriculture"]
EXPECTED_INCOME = {
    "commerce": Decimal("4500.00"),
    "construction": Decimal("5500.00"),
    "food": Decimal("5000.00"),
    "handicrafts": Decimal("3500.00"),
    "agriculture": Decimal("4000.00"),
}
BUSINESS_PLAN = "Plan d'affaires établi avec le centre régional lors du projet de vie individuel."
TRAINING = "Formation et savoir-faire acquis pendant la détention et l'accompagnement."
# Relative size of each project, by position in the operation; deterministic, no randomness.
WEIGHTS = [10, 12, 9, 11, 8, 13, 10]


def grant_targets(count: int, total: Decimal = ENVELOPE_TOTAL) -> list[Decimal]:
    """Split `total` into `count` deterministic amounts (to the cent) that add up to it exactly."""
    weights = [WEIGHTS[i % len(WEIGHTS)] for i in range(count)]
    scale = sum(weights)
    targets = [(total * w / scale).quantize(CENT, rounding=ROUND_DOWN) for w in weights]
    targets[-1] += total - sum(targets)
    return targets


def equipment_lines(sector_code: str, target: Decimal, catalogue: dict | None = None) -> list[LineData]:
    _title, fixed, stock_item = SECTOR_PROJECTS[sector_code]
    catalogue = catalogue or {}
    lines = [
        LineData(
            item=item,
            specification=spec,
            quantity=qty,
            unit_cost=Decimal(cost),
            supplier=supplier,
            catalogue_item=catalogue.get((sector_code, item)),
        )
        for item, spec, qty, cost, supplier in fixed
    ]
    stock = target - sum(line.unit_cost * line.quantity for line in lines)
    if stock <= 0:
        raise ValueError("a demo project's fixed equipment exceeds its budget")
    lines.append(LineData(item=stock_item, specification="", quantity=1, unit_cost=stock, supplier="Divers"))
    return lines


def load_catalogue(*, actor: User) -> dict[tuple[str, str], EquipmentItem]:
    """The fixed equipment of the demo projects, as the catalogue a programme would keep."""
    sectors = {s.code: s for s in Sector.objects.all()}
    catalogue = {}
    for code, (_title, fixed, _stock) in SECTOR_PROJECTS.items():
        for item, spec, _qty, cost, _supplier in fixed:
            existing = EquipmentItem.objects.filter(sector=sectors[code], name=item).first()
            catalogue[(code, item)] = existing or catalogue_item_save(
                actor=actor,
                sector=sectors[code],
                name=item,
                specification=spec,
                reference_unit_cost=Decimal(cost),
                is_active=True,
            )
    return catalogue


def _staff(username: str) -> User:
    from casework.demo import load_staff

    if not User.objects.filter(username=username).exists():
        load_staff()
    return User.objects.get(username=username)


@transaction.atomic
def load() -> str:
    if Envelope.objects.filter(name=ENVELOPE_NAME).exists():
        envelope = Envelope.objects.get(name=ENVELOPE_NAME)
        return f"already loaded ({envelope.grants.count()} grants)"

    people_by_event = []
    for event in EVENTS:
        numbered = Beneficiary.objects.filter(file_number__startswith=event.prefix)
        people = list(numbered.order_by("file_number"))
        if len(people) < event.count:
            return (
                f"skipped: needs {event.count} people numbered {event.prefix}…, found {len(people)} "
                "(load beneficiaries.demo.load first); nothing was created"
            )
        people_by_event.append(people[: event.count])

    administrator = _staff("admin.rabat")
    supervisor = _staff("sup.national")
    sectors = {s.code: s for s in Sector.objects.all()}
    catalogue = load_catalogue(actor=administrator)
    envelope = envelope_create(
        actor=administrator,
        name=ENVELOPE_NAME,
        funder=ENVELOPE_FUNDER,
        period_start=datetime.date(2021, 5, 1),
        period_end=datetime.date(2021, 5, 31),
        total_amount=ENVELOPE_TOTAL,
    )
    targets = iter(grant_targets(sum(e.count for e in EVENTS)))
    index = 0
    for demo_event, people in zip(EVENTS, people_by_event, strict=True):
        proposer = _staff(demo_event.proposer)
        event = event_create(
            actor=administrator,
            envelope=envelope,
            centre=Centre.objects.get(code=demo_event.centre_code),
            city=demo_event.city,
            date=demo_event.date,
            place=demo_event.place,
            officials=list(demo_event.officials),
        )
        grants: list[Grant] = []
        for person in people:
            code = SECTOR_CYCLE[index % len(SECTOR_CYCLE)]
            index += 1
            title = SECTOR_PROJECTS[code][0]
            grant = grant_proposal_create(
                actor=proposer,
                beneficiary=person,
                sector=sectors[code],
                title=title,
                description=title,
                location=demo_event.city,
                business_plan=BUSINESS_PLAN,
                training_and_skills=TRAINING,
                expected_monthly_income=EXPECTED_INCOME[code],
                lines=equipment_lines(code, next(targets), catalogue),
                envelope=envelope,
            )
            grant_submit(actor=proposer, grant=grant)
            grants.append(grant_decide(actor=supervisor, grant=grant, decision=Decision.APPROVE))
        event_assign_grants(actor=administrator, event=event, grants=grants)
        for grant in grants:
            grant_deliver(actor=administrator, grant=grant, delivered_on=demo_event.date, event=event)

    envelope.refresh_from_db()
    return (
        f"1 envelope ({envelope.total_amount} MAD, {envelope.spent_amount} delivered), "
        f"{len(EVENTS)} events, {index} grants delivered"
    )
