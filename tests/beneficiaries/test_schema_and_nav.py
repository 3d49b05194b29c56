import pytest
from django.db import connection
from django.urls import reverse

from casework.navigation import items_for

pytestmark = pytest.mark.django_db


def test_trigram_indexes_exist_on_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'beneficiaries_beneficiary' AND indexdef LIKE %s",
            ["%gin_trgm_ops%"],
        )
        names = {row[0] for row in cursor.fetchall()}
    assert names == {"benef_search_ar_trgm", "benef_search_latin_trgm"}


def test_people_menu_for_file_roles_only(people):
    people_url = reverse("beneficiaries:list")
    for user in (people.caseworker, people.supervisor, people.administrator):
        assert people_url in [item.url for item in items_for(user)]
    assert people_url not in [item.url for item in items_for(people.partner)]
