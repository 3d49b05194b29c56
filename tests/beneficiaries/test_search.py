import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from beneficiaries.models import Beneficiary
from beneficiaries.selectors import beneficiary_list
from tests.factories import BeneficiaryFactory, centre

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(people, register):
    return {
        "ahmed": register(
            people.caseworker,
            first_name_ar="أحمد",
            family_name_ar="الإدريسي",
            first_name_latin="Ahmed",
            family_name_latin="El Idrissi",
            cin="AB123456",
        ),
        "mohammed": register(
            people.caseworker,
            first_name_ar="مُحَمَّد",
            family_name_ar="بنونة",
            first_name_latin="Mohammed",
            family_name_latin="Bennouna",
            birth_date=datetime.date(1990, 1, 2),
        ),
        "fatima": register(
            people.caseworker,
            sex="F",
            first_name_ar="فاطمة",
            family_name_ar="الزهراء",
            first_name_latin="Fatima",
            family_name_latin="Zahraoui",
            birth_date=datetime.date(1992, 5, 6),
        ),
    }


def found(user, q):
    return set(beneficiary_list(user=user, q=q).values_list("first_name_latin", flat=True))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("احمد", {"Ahmed"}),
        ("الادريسي", {"Ahmed"}),
        ("محمد", {"Mohammed"}),
        ("فاطمه", {"Fatima"}),
        ("Mohamed", {"Mohammed"}),
        ("MUHAMMAD", {"Mohammed"}),
        ("al idrissi", {"Ahmed"}),
        ("zahraoui", {"Fatima"}),
        ("Zahraöui", {"Fatima"}),
        ("ab123456", {"Ahmed"}),
    ],
)
def test_one_box_finds_either_script_ignoring_variants(people, named, query, expected):
    assert found(people.caseworker, query) == expected


def test_file_number_is_exact(people, named):
    number = named["fatima"].file_number
    assert found(people.caseworker, number) == {"Fatima"}
    assert found(people.caseworker, number[:-1]) == set()


def test_search_never_leaves_the_scope(people, named, register):
    register(people.outsider, centre_code="CAS", first_name_ar="أحمد", first_name_latin="Ahmed Casa")
    assert found(people.caseworker, "احمد") == {"Ahmed"}


def test_filters(people, named):
    assert set(beneficiary_list(user=people.caseworker, sex="F").values_list("first_name_latin", flat=True)) == {
        "Fatima"
    }
    assert beneficiary_list(user=people.caseworker, centre=centre("CAS")).count() == 0


def _page_queries(client, size):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("beneficiaries:list"), {"q": "Alaoui", "sort": "-created"})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == size
    return len(ctx.captured_queries)


def test_list_page_queries_do_not_grow_with_the_data(people, login):
    client = login(people.caseworker)
    BeneficiaryFactory.create_batch(3, centre=centre("FES"))
    few = _page_queries(client, 3)
    BeneficiaryFactory.create_batch(70, centre=centre("MEK"))  # outside the scope, inside the region
    BeneficiaryFactory.create_batch(60, centre=centre("FES"))
    many = _page_queries(client, 50)
    assert few == many
    assert Beneficiary.objects.count() == 133


def test_api_list_queries_do_not_grow_with_the_data(people, login):
    client = login(people.supervisor)
    BeneficiaryFactory.create_batch(2, centre=centre("FES"))
    with CaptureQueriesContext(connection) as few:
        assert client.get("/api/v1/beneficiaries/").status_code == 200
    BeneficiaryFactory.create_batch(60, centre=centre("MEK"))
    with CaptureQueriesContext(connection) as many:
        response = client.get("/api/v1/beneficiaries/")
    assert len(response.json()["results"]) == 50
    assert len(few.captured_queries) == len(many.captured_queries)
