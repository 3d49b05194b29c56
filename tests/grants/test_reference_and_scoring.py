"""Reference data (catalogue, sectors, scoring criteria), committee scoring, equipment lines from the
catalogue, and the link to the life project's vocational goal."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from casework.models import AuditAction, AuditEntry
from grants.models import EquipmentItem, GrantScore, ScoringCriterion, Sector
from grants.services import ScoreData, grant_score_set
from tests import factories
from tests.grants import factories as gf
from tests.grants.test_pages import line_data
from tests.reintegration_plans import factories as pf

pytestmark = pytest.mark.django_db


def test_criteria_are_loaded_as_reference_data():
    assert ScoringCriterion.objects.filter(is_active=True).count() == 5
    assert ScoringCriterion.objects.get(code="viability").name_ar


def test_administrator_manages_the_catalogue_and_others_only_read_it(people, login):
    sector = gf.sector("food")
    client = login(people.administrator)
    assert client.get(reverse("grants:reference_create", args=["catalogue"])).status_code == 200
    bad = client.post(
        reverse("grants:reference_create", args=["catalogue"]),
        {"sector": sector.pk, "name": "", "reference_unit_cost": "-5"},
    )
    assert bad.status_code == 200 and {"name", "reference_unit_cost"} <= set(bad.context["form"].errors)
    response = client.post(
        reverse("grants:reference_create", args=["catalogue"]),
        {"sector": sector.pk, "name": "Professional oven", "specification": "gas", "reference_unit_cost": "16500"},
    )
    assert response.status_code == 302
    item = EquipmentItem.objects.get(name="Professional oven")
    assert item.reference_unit_cost == Decimal("16500.00")
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(item.pk)).exists()

    edit = reverse("grants:reference_edit", args=["catalogue", item.pk])
    assert client.post(edit, {"sector": sector.pk, "name": "Oven", "reference_unit_cost": "17000"}).status_code == 302
    item.refresh_from_db()
    assert item.name == "Oven" and item.reference_unit_cost == Decimal("17000.00")

    page = client.get(reverse("grants:reference", args=["catalogue"])).content.decode()
    assert "Oven" in page and 'data-confirm="' in page
    retire = reverse("grants:reference_active", args=["catalogue", item.pk])
    assert client.post(retire, {"active": "0"}).status_code == 302
    item.refresh_from_db()
    assert not item.is_active

    caseworker = login(people.caseworker)
    assert caseworker.get(reverse("grants:reference", args=["catalogue"])).status_code == 200
    assert retire not in caseworker.get(reverse("grants:reference", args=["catalogue"])).content.decode()
    for url in [reverse("grants:reference_create", args=["catalogue"]), edit]:
        assert caseworker.get(url).status_code == 403
    assert caseworker.post(retire, {"active": "1"}).status_code == 403
    assert login(people.supervisor).post(retire, {"active": "1"}).status_code == 403
    item.refresh_from_db()
    assert not item.is_active
    assert login(people.partner).get(reverse("grants:reference", args=["catalogue"])).status_code == 403
    caseworker = login(people.caseworker)
    assert caseworker.get(reverse("grants:reference", args=["nonsense"])).status_code == 404
    assert caseworker.get(reverse("grants:reference_edit", args=["catalogue", 999999])).status_code == 404


def test_sectors_and_criteria_pages(people, login):
    client = login(people.administrator)
    for kind in ("sectors", "criteria"):
        assert client.get(reverse("grants:reference", args=[kind])).status_code == 200
    response = client.post(
        reverse("grants:reference_create", args=["sectors"]),
        {"code": "fishing", "name_ar": "الصيد البحري", "name_fr": "Pêche", "name_en": "Fishing", "position": "9"},
    )
    assert response.status_code == 302 and Sector.objects.filter(code="fishing").exists()
    duplicate = client.post(
        reverse("grants:reference_create", args=["sectors"]),
        {"code": "fishing", "name_ar": "x", "name_fr": "x", "name_en": "x", "position": "1"},
    )
    assert duplicate.status_code == 200 and "code" in duplicate.context["form"].errors
    criterion = ScoringCriterion.objects.get(code="viability")
    edit = reverse("grants:reference_edit", args=["criteria", criterion.pk])
    data = {"code": "viability", "name_ar": "أ", "name_fr": "b", "name_en": "c", "max_score": "101", "position": "0"}
    assert "max_score" in client.post(edit, data).context["form"].errors
    assert client.post(edit, {**data, "max_score": "10"}).status_code == 302
    criterion.refresh_from_db()
    assert criterion.max_score == 10


def test_committee_scoring(people, login):
    grant = gf.submitted(proposer=people.caseworker)
    viability, skills = ScoringCriterion.objects.get(code="viability"), ScoringCriterion.objects.get(code="skills")
    with pytest.raises(PermissionDenied):
        grant_score_set(actor=people.caseworker, grant=grant, scores=[ScoreData(viability, 3)])
    with pytest.raises(ValidationError):
        grant_score_set(actor=people.supervisor, grant=grant, scores=[ScoreData(viability, 6)])
    assert not GrantScore.objects.exists()

    url = reverse("grants:score", args=[grant.pk])
    assert login(people.caseworker).get(url).status_code == 403  # the proposer
    assert login(people.outsider_supervisor).get(url).status_code == 404
    client = login(people.supervisor)
    assert "Committee scoring" in client.get(reverse("grants:detail", args=[grant.pk])).content.decode()
    assert client.post(url, {}).status_code == 200  # no score at all
    response = client.post(url, {"score_viability": "4", "comment_viability": "Sound plan", "score_skills": "5"})
    assert response.status_code == 302
    assert {(s.criterion.code, s.score) for s in grant.scores.all()} == {("viability", 4), ("skills", 5)}
    assert client.post(url, {"score_viability": "3"}).status_code == 302  # a correction
    assert grant.scores.get(criterion=viability).score == 3 and grant.scores.get(criterion=skills).score == 5
    detail = client.get(reverse("grants:detail", args=[grant.pk]))
    assert detail.context["score_total"] == 8 and detail.context["score_max"] == 10
    assert AuditEntry.objects.filter(object_id=str(grant.pk), changes__has_key="scores").count() == 2
    # Lowering a criterion's maximum below a given score is refused.
    with pytest.raises(ValidationError):
        from grants.services import criterion_save

        criterion_save(actor=people.administrator, criterion=skills, max_score=4)


def test_equipment_line_from_the_catalogue_fills_what_is_left_empty(people, login):
    item = EquipmentItem.objects.create(
        sector=gf.sector(), name="Sewing machine", specification="industrial", reference_unit_cost=Decimal("7800.00")
    )
    person = factories.BeneficiaryFactory(centre=factories.centre("FES"))
    data = {
        "file_number": person.file_number,
        "sector": gf.sector().pk,
        "title": "Atelier",
        "description": "d",
        "location": "Fès",
        "business_plan": "b",
        "training_and_skills": "t",
        "expected_monthly_income": "3000",
        **line_data(gf.FIVE_LINES[:1]),
    }
    data.update(
        {"lines-0-catalogue_item": item.pk, "lines-0-item": "", "lines-0-unit_cost": "", "lines-0-quantity": "2"}
    )
    response = login(people.caseworker).post(reverse("grants:create"), data)
    assert response.status_code == 302
    line = person.grants.get().lines.get()
    assert (line.item, line.specification, line.unit_cost, line.line_total, line.catalogue_item_id) == (
        "Sewing machine",
        "industrial",
        Decimal("7800.00"),
        Decimal("15600.00"),
        item.pk,
    )


def test_proposal_linked_to_the_vocational_goal_of_the_open_life_project(people, login):
    person = factories.BeneficiaryFactory(centre=factories.centre("FES"))
    project = pf.draft(preparer=people.caseworker, beneficiary=person, domains=["social", "vocational"])
    vocational = project.goals.get(domain__code="vocational")
    social = project.goals.get(domain__code="social")
    client = login(people.caseworker)

    page = client.get(reverse("grants:create") + f"?file_number={person.file_number}")
    assert list(page.context["form"].fields["vocational_goal"].queryset) == [vocational]
    assert "vocational_goal" not in client.get(reverse("grants:create")).context["form"].fields

    data = {
        "file_number": person.file_number,
        "sector": gf.sector().pk,
        "title": "Atelier",
        "description": "d",
        "location": "Fès",
        "business_plan": "b",
        "training_and_skills": "t",
        "expected_monthly_income": "3000",
        **line_data(gf.FIVE_LINES[:1]),
    }
    refused = client.post(reverse("grants:create"), {**data, "vocational_goal": social.pk})
    assert refused.status_code == 200 and "vocational_goal" in refused.context["form"].errors
    assert client.post(reverse("grants:create"), {**data, "vocational_goal": vocational.pk}).status_code == 302
    grant = person.grants.get()
    assert grant.vocational_goal == vocational
    detail = client.get(reverse("grants:detail", args=[grant.pk])).content.decode()
    assert "Goal in vocational" in detail

    # Another person's goal is refused by the service as well.
    from grants.services import grant_proposal_update

    other = pf.draft(preparer=people.caseworker, domains=["vocational"]).goals.get()
    with pytest.raises(ValidationError):
        grant_proposal_update(actor=people.caseworker, grant=grant, lines=gf.FIVE_LINES, vocational_goal=other)


def test_person_grants_page(people, login, scene):
    person = scene.delivered.beneficiary
    url = reverse("grants:person", args=[person.pk])
    client = login(people.caseworker)
    page = client.get(url)
    assert page.status_code == 200 and scene.delivered.title in page.content.decode()
    assert f"file_number={person.file_number}" in page.content.decode()
    assert (
        AuditEntry.objects.filter(action=AuditAction.VIEW, beneficiary_id=person.pk, changes__page="grants").count()
        == 1
    )
    assert login(people.outsider).get(url).status_code == 404
    assert login(people.partner).get(url).status_code == 404
    # The person's file links to it.
    file_page = login(people.caseworker).get(reverse("beneficiaries:detail", args=[person.pk])).content.decode()
    assert url in file_page
