"""The people: cohorts, beneficiaries (stored exactly as the services store them), their status
history, family, consents, cohort memberships, and a few files shared across centres."""

from __future__ import annotations

import datetime
from random import Random

from django.contrib.auth.models import Permission

from beneficiaries import models as bm
from beneficiaries.services.people import _refresh_search_columns

from .context import Context, Person
from .copy import copy_rows, instance_rows, make_uuid
from .names import CITIES, FAMILIES, MEN, TRADES, WOMEN

# The demo loader owns edition 7 (the May 2021 operation); the bench's cohorts take the others.
EDITIONS = [e for e in range(1, 15) if e != 7]
CIN_PREFIXES = ["A", "B", "BE", "BH", "BJ", "BK", "C", "CB", "D", "DA", "EE", "F", "G", "H", "J", "JA", "K", "L"]
MARITAL, EDUCATION = bm.MaritalStatus.values, bm.EducationLevel.values
RELEASE_TYPES, PARTNERS, RELATIONS = bm.ReleaseType.values, bm.Partner.values, bm.Relation.values
STATUSES = [
    (bm.Status.RELEASED, 55),
    (bm.Status.PROJECT_RUNNING, 25),
    (bm.Status.CLOSED, 10),
    (bm.Status.IN_PROGRAMME, 5),
    (bm.Status.REINCARCERATED, 4),
    (bm.Status.DECEASED, 1),
]


def _weighted(rng: Random, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def create_cohorts(ctx: Context) -> list:
    rng = ctx.rng("cohorts")
    modules = list(bm.Module.objects.order_by("order").values_list("pk", flat=True))
    cohorts, sessions = [], []
    for n, edition in enumerate(EDITIONS):
        year = 2017 + min(n, 9)
        cohort = {
            "id": make_uuid(rng),
            "edition": edition,
            "year": year,
            "starts_on": datetime.date(year, 2, 1),
            "ends_on": datetime.date(year, 6, 30),
        }
        cohorts.append(cohort)
        for number in range(1, 9):
            sessions.append(
                {
                    "id": make_uuid(rng),
                    "cohort_id": cohort["id"],
                    "module_id": modules[(number - 1) % len(modules)],
                    "number": number,
                    "held_on": datetime.date(year, 2, 1) + datetime.timedelta(days=14 * number),
                }
            )
    copy_rows(bm.Cohort, cohorts, now=ctx.now)
    copy_rows(bm.CohortSession, sessions, now=ctx.now)
    return cohorts


def _new_person(ctx: Context, rng: Random, n: int, centre_index: int, numbers: dict, cins: set) -> tuple:
    centre = ctx.centres[centre_index]
    woman = rng.random() < 0.04
    first_ar, first_latin = rng.choice(WOMEN if woman else MEN)
    family_ar, family_latin = rng.choice(FAMILIES)
    father_ar, father_latin = rng.choice(MEN)
    days_ago = int(rng.triangular(-25, 4700, 600))  # a few releases still to come (the next 30 days)
    release = ctx.today - datetime.timedelta(days=days_ago)
    status = bm.Status.IN_PROGRAMME if release > ctx.today else _weighted(rng, STATUSES)
    year = release.year
    numbers[(centre.code, year)] = numbers.get((centre.code, year), 0) + 1
    cin = ""
    if rng.random() < 0.9:
        while not cin or cin in cins:
            cin = f"{rng.choice(CIN_PREFIXES)}{rng.randrange(100000, 999999)}"
        cins.add(cin)
    person = bm.Beneficiary(
        id=make_uuid(rng),
        centre_id=centre.id,
        file_number=f"{centre.code}-{year}-{numbers[(centre.code, year)]:05d}",
        sex=bm.Sex.FEMALE if woman else bm.Sex.MALE,
        first_name_ar=first_ar,
        family_name_ar=family_ar,
        father_name_ar=father_ar,
        first_name_latin=rng.choice(first_latin),
        family_name_latin=rng.choice(family_latin),
        father_name_latin=rng.choice(father_latin[:1]),
        birth_date=datetime.date(1962 + rng.randrange(38), 1 + rng.randrange(12), 1 + rng.randrange(28)),
        birth_place=rng.choice(CITIES),
        cin=cin,
        phone=f"06{rng.randrange(10**7, 10**8)}",
        address=f"{rng.randrange(1, 200)} rue {rng.randrange(1, 90)}, {rng.choice(CITIES)}",
        region_id=centre.region_id,
        city=rng.choice(CITIES),
        marital_status=rng.choice(MARITAL),
        education_level=rng.choice(EDUCATION),
        trade=rng.choice(TRADES),
        status=status,
        status_changed_on=min(release, ctx.today),
        establishment_id=rng.choice(ctx.fixtures["establishments"]),
        conviction="Loi 03-03 relative à la lutte contre le terrorisme",
        sentence_months=rng.randrange(24, 241),
        release_date=release,
        release_type=rng.choice(RELEASE_TYPES),
    )
    _refresh_search_columns(person)  # the services' own normalisation (search columns, CIN)
    caseworkers = centre.caseworkers
    ctx.people.append(
        Person(person.id, centre_index, caseworkers[n % len(caseworkers)], person.sex, status, release, cin=cin)
    )
    created = ctx.at(min(release, ctx.today) - datetime.timedelta(days=rng.randrange(0, 60)), rng)
    return person, created


def create_beneficiaries(ctx: Context) -> None:
    rng = ctx.rng("beneficiaries")
    ctx.fixtures["establishments"] = list(
        bm.Beneficiary._meta.get_field("establishment")
        .related_model.objects.order_by("pk")
        .values_list("pk", flat=True)
    )
    weights = [c.weight for c in ctx.centres]
    numbers, cins, created = {}, set(), {}

    def people():
        for n in range(ctx.counts["beneficiaries"]):
            centre_index = rng.choices(range(len(ctx.centres)), weights=weights)[0]
            person, at = _new_person(ctx, rng, n, centre_index, numbers, cins)
            created[person.id] = at
            yield person

    def timestamps(obj):
        at = created.pop(obj.id)
        return {"created_at": at, "updated_at": at}

    copy_rows(bm.Beneficiary, instance_rows(bm.Beneficiary, people(), overrides=timestamps), now=ctx.now)


def create_file_parts(ctx: Context, cohorts: list) -> None:
    """Status history, family, consents, cohort memberships, shared files."""
    rng = ctx.rng("file_parts")
    changes, family, consents, members = [], [], [], []
    for person in ctx.people:
        opened = min(person.release_date, ctx.today)
        changes.append(
            {
                "id": make_uuid(rng),
                "beneficiary_id": person.id,
                "from_status": "",
                "to_status": bm.Status.IN_PROGRAMME,
                "reason": "File opened",
                "changed_on": opened,
                "recorded_by_id": person.caseworker,
                "recorded_at": ctx.at(opened, rng),
            }
        )
        if person.status != bm.Status.IN_PROGRAMME:
            changes.append(
                {
                    "id": make_uuid(rng),
                    "beneficiary_id": person.id,
                    "from_status": bm.Status.IN_PROGRAMME,
                    "to_status": person.status,
                    "reason": "Release",
                    "changed_on": opened,
                    "recorded_by_id": person.caseworker,
                    "recorded_at": ctx.at(opened, rng),
                }
            )
        for _ in range(rng.choice((0, 1, 2, 2, 3, 4))):
            family.append(
                {
                    "id": make_uuid(rng),
                    "beneficiary_id": person.id,
                    "relation": rng.choice(RELATIONS),
                    "name": rng.choice(FAMILIES)[0],
                    "age": rng.randrange(1, 80),
                    "created_at": ctx.now,
                }
            )
        consents.append(
            {
                "id": make_uuid(rng),
                "beneficiary_id": person.id,
                "purpose": "data_processing",
                "partner": "",
                "given_on": opened,
                "recorded_by_id": person.caseworker,
                "recorded_at": ctx.now,
            }
        )
        if rng.random() < 0.3:
            consents.append(
                {
                    "id": make_uuid(rng),
                    "beneficiary_id": person.id,
                    "purpose": "sharing",
                    "partner": rng.choice(PARTNERS),
                    "given_on": opened,
                    "recorded_by_id": person.caseworker,
                    "recorded_at": ctx.now,
                }
            )
        if rng.random() < 0.7:
            person.member = True
            cohort = rng.choice(cohorts)
            members.append(
                {
                    "id": make_uuid(rng),
                    "cohort_id": cohort["id"],
                    "beneficiary_id": person.id,
                    "establishment_id": rng.choice(ctx.fixtures["establishments"]),
                    "completed": rng.random() < 0.85,
                    "handed_off_on": cohort["ends_on"] + datetime.timedelta(days=20),
                }
            )
    copy_rows(bm.StatusChange, changes, now=ctx.now)
    copy_rows(bm.FamilyMember, family, now=ctx.now)
    copy_rows(bm.Consent, consents, now=ctx.now)
    copy_rows(bm.Membership, members, now=ctx.now)
    _create_shares(ctx, rng)


def _create_shares(ctx: Context, rng: Random) -> None:
    """About 1 % of files shared with a caseworker of another centre, 0.2 % with a whole centre."""
    view = Permission.objects.get(content_type__app_label="beneficiaries", codename="view_beneficiary").pk
    users, groups = [], []
    for person in ctx.people:
        draw = rng.random()
        if draw < 0.012:
            other = ctx.centres[(person.centre + 1 + rng.randrange(len(ctx.centres) - 1)) % len(ctx.centres)]
            row = {
                "permission_id": view,
                "content_object_id": person.id,
                "reason": "Suivi partagé",
                "granted_by_id": person.caseworker,
                "granted_at": ctx.now,
                "expires_at": ctx.now + datetime.timedelta(days=rng.randrange(-30, 90)) if draw < 0.006 else None,
            }
            if draw < 0.010:
                users.append({**row, "user_id": rng.choice(other.caseworkers)})
            else:
                groups.append({**row, "group_id": other.group_id})
    copy_rows(bm.BeneficiaryUserObjectPermission, users, now=ctx.now)
    copy_rows(bm.BeneficiaryGroupObjectPermission, groups, now=ctx.now)
