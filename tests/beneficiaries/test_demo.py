import pytest
from django.utils import timezone

from beneficiaries import demo
from beneficiaries.models import Beneficiary, Cohort, Membership, ReleaseType
from beneficiaries.normalise import CIN_PATTERN
from casework.reference_data import CENTRES, ESTABLISHMENTS
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def places():
    """Reference places come from a migration; re-create them if a transactional test flushed them."""
    for code, *_ in CENTRES:
        factories.centre(code)
    for code, *_ in ESTABLISHMENTS:
        factories.establishment(code)


def test_demo_loads_the_may_2021_operation_once():
    summary = demo.load()
    assert "edition 7" in summary
    cohort = Cohort.objects.get(edition=7)
    assert cohort.year == 2021
    may = Beneficiary.objects.filter(memberships__cohort=cohort)
    assert may.count() == 50
    assert {code: may.filter(centre__code=code).count() for code in ("MEK", "FES", "CAS")} == {
        "MEK": 15,
        "FES": 16,
        "CAS": 19,
    }
    assert set(may.filter(sex="F").values_list("file_number", flat=True)) == {"MEK-2021-0004", "CAS-2021-0011"}
    assert cohort.sessions.count() == 6
    assert set(may.values_list("release_type", flat=True)) == {ReleaseType.ROYAL_PARDON, ReleaseType.END_OF_SENTENCE}
    assert sorted(may.filter(centre__code="MEK").values_list("file_number", flat=True))[:2] == [
        "MEK-2021-0001",
        "MEK-2021-0002",
    ]
    assert Beneficiary.objects.filter(file_number__startswith="CAS-2021-").count() == 19
    assert all(CIN_PATTERN.match(cin) for cin in Beneficiary.objects.values_list("cin", flat=True))
    assert all(p.search_name_ar and p.search_name_latin for p in Beneficiary.objects.all())
    assert Membership.objects.filter(cohort=cohort, completed=True).count() == 50
    others = Beneficiary.objects.exclude(centre__code__in=["MEK", "FES", "CAS"])
    assert others.count() == 150
    assert others.filter(release_date__gt=timezone.localdate()).exists()

    total = Beneficiary.objects.count()
    demo.load()
    assert Beneficiary.objects.count() == total
