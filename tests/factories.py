"""Factories shared by the suite. Places are taken from the reference data loaded by migration,
and re-created when a transactional test has flushed them."""

import factory
from django.contrib.auth.models import Group

from beneficiaries.models import Beneficiary
from beneficiaries.normalise import normalise_arabic, normalise_latin
from casework.models import Centre, PrisonEstablishment, Region, Role, User
from casework.reference_data import CENTRES, ESTABLISHMENTS, REGIONS, centre_names
from casework.roles import sync_role_groups
from casework.services import staff_create

TEST_PASSWORD = "correct-horse-battery-staple"


def region(code: str) -> Region:
    ar, fr, en = next(r[1:] for r in REGIONS if r[0] == code)
    return Region.objects.get_or_create(code=code, defaults={"name_ar": ar, "name_fr": fr, "name_en": en})[0]


def centre(code: str) -> Centre:
    existing = Centre.objects.filter(code=code).first()
    if existing:
        return existing
    region_code, city = next((c[1], c[2]) for c in CENTRES if c[0] == code)
    name_ar, name_fr, name_en = centre_names(city)
    return Centre.objects.create(
        code=code,
        region=region(region_code),
        name_ar=name_ar,
        name_fr=name_fr,
        name_en=name_en,
        city_ar=city[0],
        city_fr=city[1],
        city_en=city[2],
        staff_group=Group.objects.get_or_create(name=f"Centre {code}")[0],
    )


def establishment(code: str) -> PrisonEstablishment:
    _, region_code, ar, fr, en = next(e for e in ESTABLISHMENTS if e[0] == code)
    return PrisonEstablishment.objects.get_or_create(
        code=code, defaults={"region": region(region_code), "name_ar": ar, "name_fr": fr, "name_en": en}
    )[0]


_counter = iter(range(1, 10**9))


def staff(role: str, *, centre_code: str | None = None, region_code: str | None = None, **extra) -> User:
    sync_role_groups()
    return staff_create(
        actor=None,
        username=extra.pop("username", f"{role}-{next(_counter)}"),
        password=TEST_PASSWORD,
        role=role,
        centre=centre(centre_code) if centre_code else None,
        region=region(region_code) if region_code else None,
        **extra,
    )


def caseworker(centre_code: str = "FES", **extra) -> User:
    return staff(Role.CASEWORKER, centre_code=centre_code, **extra)


def supervisor(region_code: str | None = "03", **extra) -> User:
    return staff(Role.SUPERVISOR, region_code=region_code, **extra)


def administrator(**extra) -> User:
    return staff(Role.ADMINISTRATOR, **extra)


def partner_viewer(**extra) -> User:
    return staff(Role.PARTNER_VIEWER, **extra)


class BeneficiaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Beneficiary

    centre = factory.LazyFunction(lambda: centre("FES"))
    file_number = factory.Sequence(lambda n: f"TST-2021-{n:05d}")
    sex = "M"
    first_name_ar = "أحمد"
    family_name_ar = factory.Sequence(lambda n: f"العلوي {n}")
    first_name_latin = "Ahmed"
    family_name_latin = factory.Sequence(lambda n: f"Alaoui {n}")
    # The services keep these in step on every write; the factory mirrors them for rows it creates directly.
    search_first_ar = factory.LazyAttribute(lambda o: normalise_arabic(o.first_name_ar))
    search_first_latin = factory.LazyAttribute(lambda o: normalise_latin(o.first_name_latin))
    search_name_ar = factory.LazyAttribute(lambda o: normalise_arabic(f"{o.first_name_ar} {o.family_name_ar}"))
    search_name_latin = factory.LazyAttribute(lambda o: normalise_latin(f"{o.first_name_latin} {o.family_name_latin}"))
