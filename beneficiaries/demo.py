"""Demo data: the 7th edition of the programme (2021) and the 50 people of the May 2021 operation
(TRANSLATION.md, document 004): 15 followed by the Meknes centre, 16 by Fes, 19 by Casablanca,
2 of them women, released by royal pardon or at the end of their sentence; plus a smaller synthetic
population for the other centres.

The 50 are numbered MEK-2021-0001.., FES-2021-0001.., CAS-2021-0001.. and are members of edition 7:
the grants loader picks them by that numbering, so keep it stable. Everything goes through the
services (audited as "system"); running the loader twice changes nothing.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from casework.models import Centre, PrisonEstablishment

from .models import Beneficiary, Cohort, CohortSession, Module, ReleaseType, Status
from .reference_data import ensure_modules
from .services import attendance_record, beneficiary_register, cohort_add_member, cohort_create, membership_update

EDITION = 7
# (Arabic, Latin)
MEN = [
    ("محمد", "Mohammed"),
    ("أحمد", "Ahmed"),
    ("يوسف", "Youssef"),
    ("عبد الله", "Abdellah"),
    ("حسن", "Hassan"),
    ("رشيد", "Rachid"),
    ("مصطفى", "Mustapha"),
    ("إبراهيم", "Brahim"),
    ("عبد الرحيم", "Abderrahim"),
    ("خالد", "Khalid"),
    ("سعيد", "Said"),
    ("عمر", "Omar"),
    ("كريم", "Karim"),
    ("إسماعيل", "Ismail"),
    ("نور الدين", "Noureddine"),
    ("عبد الإله", "Abdelilah"),
    ("هشام", "Hicham"),
    ("جمال", "Jamal"),
    ("المهدي", "El Mehdi"),
    ("أيوب", "Ayoub"),
    ("عادل", "Adil"),
    ("طارق", "Tarik"),
    ("زكرياء", "Zakaria"),
    ("حمزة", "Hamza"),
    ("عبد العزيز", "Abdelaziz"),
    ("مولاي علي", "Moulay Ali"),
    ("الحسين", "El Houssine"),
]
WOMEN = [("فاطمة", "Fatima"), ("خديجة", "Khadija"), ("نعيمة", "Naima"), ("سعاد", "Souad"), ("زينب", "Zineb")]
FAMILIES = [
    ("العلوي", "El Alaoui"),
    ("بنعلي", "Benali"),
    ("الإدريسي", "El Idrissi"),
    ("التازي", "Tazi"),
    ("الفاسي", "El Fassi"),
    ("بنونة", "Bennouna"),
    ("الشرقاوي", "Cherkaoui"),
    ("الوزاني", "Ouazzani"),
    ("بوزيدي", "Bouzidi"),
    ("الحسني", "El Hassani"),
    ("أمزيان", "Amziane"),
    ("الصنهاجي", "Sanhaji"),
    ("بن جلون", "Benjelloun"),
    ("المنصوري", "El Mansouri"),
    ("الرحماني", "Rahmani"),
    ("السباعي", "Sbai"),
    ("أوشن", "Ouchen"),
    ("الزياني", "Zyani"),
    ("بوعزة", "Bouazza"),
    ("الكتاني", "Kettani"),
    ("الخياطي", "Khayati"),
    ("البقالي", "Bakkali"),
    ("الريفي", "Rifi"),
    ("الطاهري", "Taheri"),
    ("الدكالي", "Doukkali"),
    ("الحمداوي", "Hamdaoui"),
    ("اليعقوبي", "Yacoubi"),
    ("الغزاوي", "Ghazaoui"),
]
TRADES = [
    "Commerce de détail",
    "Maçonnerie et bâtiment",
    "Restauration",
    "Menuiserie (artisanat)",
    "Agriculture et élevage",
    "Couture et broderie",
    "Réparation de téléphones",
    "Boulangerie",
]


@dataclass(frozen=True)
class Group:
    centre_code: str
    count: int
    women: tuple[int, ...]
    cin_prefix: str
    establishment: str
    city: str


MAY_2021 = [
    Group("MEK", 15, (4,), "D", "TOULAL2", "Meknès"),
    Group("FES", 16, (), "C", "RASELMA", "Fès"),
    Group("CAS", 19, (11,), "BE", "OUKACHA", "Casablanca"),
]
# Other centres: a smaller synthetic population, numbered by the year of release (never 2021 for
# MEK/FES/CAS, whose 2021 numbers belong to the May 2021 operation).
SYNTHETIC_CENTRES = ["TNG", "OUJ", "RBT", "BML", "MRK", "ERR", "AGA", "GLM", "LAA", "DAK"]
SYNTHETIC_COUNT = 150
SYNTHETIC_STATUSES = [Status.RELEASED, Status.RELEASED, Status.PROJECT_RUNNING, Status.IN_PROGRAMME, Status.CLOSED]


def _cin(prefix: str, index: int) -> str:
    return f"{prefix}{(index * 7919) % 900000 + 100000}"


def _ensure_cohort() -> tuple[Cohort, list[CohortSession]]:
    cohort = Cohort.objects.filter(edition=EDITION).first()
    if cohort is None:
        establishments = list(
            PrisonEstablishment.objects.filter(code__in=["TOULAL2", "RASELMA", "OUKACHA", "TIFLET2", "SALE1"])
        )
        cohort = cohort_create(
            actor=None,
            edition=EDITION,
            year=2021,
            starts_on=datetime.date(2020, 9, 14),
            ends_on=datetime.date(2021, 2, 26),
            establishments=establishments,
        )
    if not cohort.sessions.exists():
        ensure_modules(Module)
        modules = list(Module.objects.order_by("order"))
        number = 0
        for module in modules:
            for repeat in range(2):
                number += 1
                CohortSession.objects.create(
                    cohort=cohort,
                    module=module,
                    number=number,
                    held_on=datetime.date(2020, 9, 14) + datetime.timedelta(weeks=3 * (number - 1) + repeat),
                )
    return cohort, list(cohort.sessions.order_by("number"))


def _load_may_2021(rng: random.Random, cohort: Cohort, sessions: list[CohortSession]) -> int:
    created = 0
    for group in MAY_2021:
        centre = Centre.objects.get(code=group.centre_code)
        establishment = PrisonEstablishment.objects.filter(code=group.establishment).first()
        for index in range(1, group.count + 1):
            file_number = f"{group.centre_code}-2021-{index:04d}"
            if Beneficiary.objects.filter(file_number=file_number).exists():
                continue
            woman = index in group.women
            first_ar, first_latin = (WOMEN if woman else MEN)[
                (index * 5 + len(group.centre_code)) % len(WOMEN if woman else MEN)
            ]
            family_ar, family_latin = FAMILIES[(index * 3 + ord(group.centre_code[0])) % len(FAMILIES)]
            father_ar, father_latin = MEN[(index * 7 + 3) % len(MEN)]
            release_type = ReleaseType.ROYAL_PARDON if index % 3 else ReleaseType.END_OF_SENTENCE
            person = beneficiary_register(
                actor=None,
                centre=centre,
                file_number=file_number,
                status=Status.RELEASED,
                sex="F" if woman else "M",
                first_name_ar=first_ar,
                family_name_ar=family_ar,
                first_name_latin=first_latin,
                family_name_latin=family_latin,
                father_name_ar=father_ar,
                father_name_latin=father_latin,
                birth_date=datetime.date(1968 + rng.randrange(25), rng.randrange(1, 13), rng.randrange(1, 29)),
                birth_place=group.city,
                cin=_cin(group.cin_prefix, index),
                city=group.city,
                region=centre.region,
                marital_status=rng.choice(["married", "married", "single", "divorced"]),
                education_level=rng.choice(["primary", "lower_secondary", "secondary", "vocational"]),
                trade=TRADES[index % len(TRADES)],
                establishment=establishment,
                conviction="Loi 03-03 relative à la lutte contre le terrorisme",
                sentence_months=rng.choice([36, 48, 60, 72, 96, 120]),
                release_date=datetime.date(2021, 1, 1) + datetime.timedelta(days=rng.randrange(0, 110)),
                release_type=release_type,
            )
            membership = cohort_add_member(actor=None, cohort=cohort, beneficiary=person, establishment=establishment)
            for session in sessions:
                attendance_record(actor=None, session=session, membership=membership, present=rng.random() > 0.08)
            membership_update(
                actor=None,
                membership=membership,
                completed=True,
                evaluation="Parcours complet; projet de vie préparé avec le centre régional.",
                handed_off_on=person.release_date,
            )
            created += 1
    return created


def _load_synthetic(rng: random.Random) -> int:
    created = 0
    today = timezone.localdate()
    centres = {c.code: c for c in Centre.objects.filter(code__in=SYNTHETIC_CENTRES)}
    establishments = list(PrisonEstablishment.objects.order_by("code"))
    counters: dict[str, int] = {}
    for index in range(1, SYNTHETIC_COUNT + 1):
        code = SYNTHETIC_CENTRES[index % len(SYNTHETIC_CENTRES)]
        centre = centres.get(code)
        if centre is None:
            continue
        # A few people are released in the coming weeks, so the "Releases due" list has work in it.
        if index % 15 == 0:
            release = today + datetime.timedelta(days=index % 28 + 1)
        else:
            release = datetime.date(2018, 1, 1) + datetime.timedelta(days=(index * 37) % 1800)
        key = f"{code}-{release.year}"
        counters[key] = counters.get(key, 0) + 1
        file_number = f"{key}-{counters[key]:04d}"
        if Beneficiary.objects.filter(file_number=file_number).exists():
            continue
        woman = index % 25 == 0
        first_ar, first_latin = (WOMEN if woman else MEN)[index % len(WOMEN if woman else MEN)]
        family_ar, family_latin = FAMILIES[(index * 11) % len(FAMILIES)]
        beneficiary_register(
            actor=None,
            centre=centre,
            file_number=file_number,
            status=Status.IN_PROGRAMME if release > today else SYNTHETIC_STATUSES[index % len(SYNTHETIC_STATUSES)],
            sex="F" if woman else "M",
            first_name_ar=first_ar,
            family_name_ar=family_ar,
            first_name_latin=first_latin,
            family_name_latin=family_latin,
            birth_date=datetime.date(1965 + rng.randrange(35), rng.randrange(1, 13), rng.randrange(1, 29)),
            cin=_cin("X" + code[0], index),
            region=centre.region,
            city=centre.city_fr,
            trade=TRADES[index % len(TRADES)],
            establishment=establishments[index % len(establishments)] if establishments else None,
            release_date=release,
            release_type=ReleaseType.END_OF_SENTENCE if index % 2 else ReleaseType.ROYAL_PARDON,
        )
        created += 1
    return created


@transaction.atomic
def load() -> str:
    rng = random.Random(2021)  # noqa: S311 — deterministic demo data, not security
    cohort, sessions = _ensure_cohort()
    may = _load_may_2021(rng, cohort, sessions)
    synthetic = _load_synthetic(random.Random(7))  # noqa: S311
    total = Beneficiary.objects.count()
    return (
        f"edition {cohort.edition}: {may} May 2021 people created, {synthetic} other people created; "
        f"{total} files in all"
    )
