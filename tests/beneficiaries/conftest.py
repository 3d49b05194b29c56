import datetime

import pytest

from beneficiaries.services import beneficiary_register
from tests.factories import centre


@pytest.fixture
def register():
    """Register a person through the service, as a caseworker would."""

    def _register(actor, *, centre_code="FES", **fields):
        values = {
            "sex": "M",
            "first_name_ar": "أحمد",
            "family_name_ar": "العلوي",
            "first_name_latin": "Ahmed",
            "family_name_latin": "Alaoui",
            "birth_date": datetime.date(1985, 3, 14),
        }
        values.update(fields)
        return beneficiary_register(actor=actor, centre=centre(centre_code), **values)

    return _register
