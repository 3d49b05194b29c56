"""Places and staff: the 13 centres of the migration plus one more per region, and the staff of the
national shape (caseworkers in every centre, regional and national supervisors, administrators)."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from casework.models import Centre, Region, Role, User
from casework.roles import role_group
from casework.services import centre_ensure_staff_group

from .context import Centre as CentreRow
from .context import Context
from .copy import copy_rows

BENCH_PASSWORD = "Bench-synthetic-2021"  # noqa: S105 (synthetic staff of the bench database only)

# A second centre per region (the migration has one, two in Fès-Meknès): code, region, city (ar, fr, en).
EXTRA_CENTRES = [
    ("TET", "01", ("تطوان", "Tétouan", "Tetouan")),
    ("NAD", "02", ("الناظور", "Nador", "Nador")),
    ("TAZ", "03", ("تازة", "Taza", "Taza")),
    ("KEN", "04", ("القنيطرة", "Kénitra", "Kenitra")),
    ("KHN", "05", ("خنيفرة", "Khénifra", "Khenifra")),
    ("SET", "06", ("سطات", "Settat", "Settat")),
    ("SAF", "07", ("آسفي", "Safi", "Safi")),
    ("OUA", "08", ("ورزازات", "Ouarzazate", "Ouarzazate")),
    ("TIZ", "09", ("تيزنيت", "Tiznit", "Tiznit")),
    ("TAN", "10", ("طانطان", "Tan-Tan", "Tan-Tan")),
    ("SMA", "11", ("السمارة", "Smara", "Smara")),
]
# Bigger cities follow more people; the first centre of this list is the measured one.
WEIGHTS = {"CAS": 4, "FES": 3, "RBT": 3, "TNG": 3, "MRK": 3, "MEK": 2, "OUJ": 2, "AGA": 2, "KEN": 2, "SET": 2}
MEASURED_CENTRE = "CAS"


def ensure_centres(ctx: Context) -> None:
    from casework.reference_data import centre_names

    regions = {r.code: r for r in Region.objects.all()}
    for code, region, city in EXTRA_CENTRES:
        if not Centre.objects.filter(code=code).exists():
            ar, fr, en = centre_names(city)
            Centre.objects.create(
                code=code,
                region=regions[region],
                name_ar=ar,
                name_fr=fr,
                name_en=en,
                city_ar=city[0],
                city_fr=city[1],
                city_en=city[2],
            )
    centres = sorted(Centre.objects.all(), key=lambda c: (c.code != MEASURED_CENTRE, c.code))
    for centre in centres:
        group = centre_ensure_staff_group(centre=centre)
        ctx.centres.append(CentreRow(centre.pk, centre.code, centre.region_id, group.pk, WEIGHTS.get(centre.code, 1)))


def create_staff(ctx: Context) -> None:
    """~84 % caseworkers spread by centre weight, ~13 % supervisors, ~3 % administrators."""
    rng = ctx.rng("staff")
    total = ctx.counts["staff"]
    password = make_password(BENCH_PASSWORD)
    regions = sorted({c.region_id for c in ctx.centres})
    administrators = max(2, round(total * 0.03))
    national = max(2, round(total * 0.01))
    regional = max(len(regions), round(total * 0.12))
    caseworkers = total - administrators - national - regional
    weights = sum(c.weight for c in ctx.centres)
    rows = []

    def user(username, role, centre=None, region=None):
        first = rng.choice(["Samira", "Youssef", "Khadija", "Rachid", "Nadia", "Hassan", "Amina", "Omar"])
        rows.append(
            {
                "username": username,
                "password": password,
                "role": role,
                "centre_id": centre,
                "region_id": region,
                "first_name": first,
                "last_name": f"Bench {len(rows) + 1}",
                "email": f"{username}@bench.invalid",
                "is_staff": role == Role.ADMINISTRATOR,
                "is_active": True,
                "date_joined": ctx.now,
            }
        )

    for centre in ctx.centres:
        share = max(1, round(caseworkers * centre.weight / weights))
        for n in range(share):
            user(f"b.cw.{centre.code.lower()}.{n + 1:03d}", Role.CASEWORKER, centre=centre.id)
    for n in range(regional):
        region = regions[n % len(regions)]
        user(f"b.sup.r{region}.{n // len(regions) + 1:02d}", Role.SUPERVISOR, region=region)
    for n in range(national):
        user(f"b.sup.national.{n + 1:02d}", Role.SUPERVISOR)
    for n in range(administrators):
        user(f"b.admin.{n + 1:02d}", Role.ADMINISTRATOR)
    copy_rows(User, rows, now=ctx.now)

    by_centre = {c.id: c for c in ctx.centres}
    groups = {role: role_group(role).pk for role in Role}
    memberships = []
    staff = User.objects.filter(username__startswith="b.").order_by("pk")
    for pk, role, centre, region in staff.values_list("pk", "role", "centre_id", "region_id"):
        memberships.append({"user_id": pk, "group_id": groups[role]})
        if role == Role.CASEWORKER:
            by_centre[centre].caseworkers.append(pk)
            memberships.append({"user_id": pk, "group_id": by_centre[centre].group_id})
        elif role == Role.SUPERVISOR:
            ctx.supervisors.setdefault(region or 0, []).append(pk)
        elif role == Role.ADMINISTRATOR:
            ctx.administrators.append(pk)
    for centre in ctx.centres:
        centre.caseworkers.sort()
    copy_rows(User.groups.through, memberships, now=ctx.now)
    ctx.fixtures["staff"] = len(rows)
