"""Demo staff: each role in two regions. Used by `manage.py demo_data` (and so by `make run`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from .models import Centre, Region, Role, User
from .services import staff_create

# Demo only; `demo_data` refuses to run in production settings.
DEMO_PASSWORD = "Moussalaha-2021"  # noqa: S105


@dataclass(frozen=True)
class DemoStaff:
    username: str
    role: str
    first_name: str
    last_name: str
    centre_code: str | None = None
    region_code: str | None = None

    @property
    def scope(self) -> str:
        return self.centre_code or self.region_code or "national"


DEMO_STAFF = [
    DemoStaff("cw.meknes", Role.CASEWORKER, "Samira", "Bennani", centre_code="MEK"),
    DemoStaff("cw.fes", Role.CASEWORKER, "Youssef", "Alaoui", centre_code="FES"),
    DemoStaff("cw.casa", Role.CASEWORKER, "Khadija", "El Idrissi", centre_code="CAS"),
    DemoStaff("sup.fesmeknes", Role.SUPERVISOR, "Rachid", "Tazi", region_code="03"),
    DemoStaff("sup.casa", Role.SUPERVISOR, "Nadia", "Berrada", region_code="06"),
    DemoStaff("sup.national", Role.SUPERVISOR, "Hassan", "Chraibi"),
    DemoStaff("admin.rabat", Role.ADMINISTRATOR, "Fatima", "Zahraoui", region_code="04"),
    DemoStaff("admin.casa", Role.ADMINISTRATOR, "Omar", "Lahlou", region_code="06"),
    DemoStaff("partner.rabat", Role.PARTNER_VIEWER, "Amina", "Fassi", region_code="04"),
    DemoStaff("partner.fes", Role.PARTNER_VIEWER, "Karim", "Ouazzani", region_code="03"),
]


@transaction.atomic
def load_staff() -> int:
    created = 0
    for person in DEMO_STAFF:
        if User.objects.filter(username=person.username).exists():
            continue
        staff_create(
            actor=None,
            username=person.username,
            password=DEMO_PASSWORD,
            role=person.role,
            centre=Centre.objects.get(code=person.centre_code) if person.centre_code else None,
            region=Region.objects.get(code=person.region_code) if person.region_code else None,
            first_name=person.first_name,
            last_name=person.last_name,
            email=f"{person.username}@demo.invalid",
        )
        created += 1
    return created
