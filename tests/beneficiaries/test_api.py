import pytest

from casework.models import AuditAction, AuditEntry
from tests.factories import BeneficiaryFactory, centre

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(people):
    return {
        "fes": BeneficiaryFactory(centre=centre("FES"), first_name_latin="Mohammed"),
        "mek": BeneficiaryFactory(centre=centre("MEK"), sex="F"),
        "cas": BeneficiaryFactory(centre=centre("CAS")),
    }


def ids(response):
    return {row["id"] for row in response.json()["results"]}


def test_list_is_scoped(people, files, login):
    assert ids(login(people.caseworker).get("/api/v1/beneficiaries/")) == {str(files["fes"].pk)}
    assert ids(login(people.supervisor).get("/api/v1/beneficiaries/")) == {str(files["fes"].pk), str(files["mek"].pk)}
    assert len(ids(login(people.national).get("/api/v1/beneficiaries/"))) == 3


def test_list_filters(people, files, login):
    client = login(people.supervisor)
    assert ids(client.get("/api/v1/beneficiaries/", {"sex": "F"})) == {str(files["mek"].pk)}
    assert ids(client.get("/api/v1/beneficiaries/", {"centre": "FES"})) == {str(files["fes"].pk)}
    assert ids(client.get("/api/v1/beneficiaries/", {"q": "mohamed"})) == {str(files["fes"].pk)}


def test_detail_scoped_and_audited(people, files, login):
    url = f"/api/v1/beneficiaries/{files['fes'].pk}/"
    response = login(people.caseworker).get(url)
    assert response.status_code == 200
    assert response.json()["file_number"] == files["fes"].file_number
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, beneficiary_id=files["fes"].pk).count() == 1
    assert login(people.outsider).get(url).status_code == 404
    assert login(people.outsider_supervisor).get(url).status_code == 404


def test_partner_viewer_and_anonymous_are_refused(people, files, client, login):
    assert client.get("/api/v1/beneficiaries/").status_code in (401, 403)
    partner = login(people.partner)
    assert partner.get("/api/v1/beneficiaries/").status_code == 403
    assert partner.get(f"/api/v1/beneficiaries/{files['fes'].pk}/").status_code == 403


def test_api_is_read_only(people, files, login):
    client = login(people.caseworker)
    assert client.post("/api/v1/beneficiaries/", {}).status_code == 405
    assert client.patch(f"/api/v1/beneficiaries/{files['fes'].pk}/", {}).status_code == 405
