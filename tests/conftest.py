import os

import pytest

from tests import factories

# Playwright's sync API with pytest-django's live server needs this (see ../shared/STACK.md).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def people(db):
    """The named users of STYLE.md: a caseworker (Fes), a supervisor of the same region (Fes-Meknes),
    a caseworker of another region (Casablanca), a national supervisor, an administrator, a partner."""

    class People:
        caseworker = factories.caseworker("FES", username="cw_fes")
        neighbour = factories.caseworker("MEK", username="cw_meknes")
        supervisor = factories.supervisor("03", username="sup_fesmeknes")
        outsider = factories.caseworker("CAS", username="cw_casa")
        outsider_supervisor = factories.supervisor("06", username="sup_casa")
        national = factories.supervisor(None, username="sup_national")
        administrator = factories.administrator(username="admin_national")
        partner = factories.partner_viewer(username="partner")

    return People


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login
