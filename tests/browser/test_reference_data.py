"""The reference data every page needs is there, as the migrations load it.

This test also asks pytest-django for `django_db_serialized_rollback`: the test database is then
serialized once, when it is made, and the browser tests' `site` fixture restores that copy (the
reference data included) after the other transactional tests have flushed it."""

from beneficiaries.models import Module
from casework.models import Centre, PrisonEstablishment, Region
from grants.models import Sector


def test_the_migrations_load_the_reference_data(django_db_serialized_rollback):
    assert Region.objects.count() == 12
    assert Centre.objects.filter(code__in=["FES", "MEK", "CAS"]).count() == 3
    assert PrisonEstablishment.objects.exists()
    assert Sector.objects.exists()
    assert Module.objects.exists()
