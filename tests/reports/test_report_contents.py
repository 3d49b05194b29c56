"""What the case file, centre activity and indicators PDFs say, and what they keep to those allowed."""

import datetime
from decimal import Decimal

import pytest

from casework.models import AuditEntry
from reintegration_plans import services as plan_services
from tests import factories
from tests.grants import factories as gf
from tests.reintegration_plans import factories as pf
from tests.reports.conftest import clean, job_path, pdf_plain_text, pdf_text, request_and_run
from tests.watchlist import factories as wf

pytestmark = pytest.mark.django_db

HEALTH_NOTE = "Diabetes follow-up at the CHU"


@pytest.fixture
def file_scene(people):
    person = factories.BeneficiaryFactory(centre=people.caseworker.centre, trade="Tailor", city="Fès")
    project = pf.active(preparer=people.caseworker, supervisor=people.supervisor, beneficiary=person)
    pf.follow_up_done(
        actor=people.caseworker,
        beneficiary=person,
        occurred_on=datetime.date(2021, 6, 1),
        health_note=HEALTH_NOTE,
        summary="Met the family at home",
    )
    pf.sharing_consent(beneficiary=person)  # the consent the referral needs, shown in the Consent section
    plan_services.referral_send(
        actor=people.caseworker,
        beneficiary=person,
        partner=pf.partner(),
        reason="Vocational training in tailoring",
        sent_on=datetime.date(2021, 6, 2),
    )
    envelope = gf.envelope(Decimal("100000.00"))
    grant = gf.approved(
        proposer=people.caseworker, supervisor=people.supervisor, envelope_=envelope, beneficiary=person
    )
    wf.alert(person, "lost_contact")
    return {"person": person, "project": project, "grant": grant}


def case_file_text(user, person) -> str:
    job = request_and_run(user, "case_file", {"beneficiary": str(person.pk)})
    assert job.status == "done", job.error
    return clean(pdf_plain_text(job_path(job)))


def test_case_file_sections_for_the_caseworker(people, file_scene):
    person = file_scene["person"]
    text = case_file_text(people.caseworker, person)
    for expected in (
        person.file_number,
        "Identity",
        "Custody and release",
        "Tailor",
        "Life project",
        "Goal in social",
        "Met the family at home",
        "Vocational training in tailoring",
        HEALTH_NOTE,  # the caseworker of the person reads health notes
        "Project grants and monitoring",
        "26,601.00",
        "Sewing machine",
        "Consent",
    ):
        assert expected in text, expected
    assert "Vigilance" not in text  # not a watchlist reader
    assert AuditEntry.objects.filter(action="export", beneficiary_id=person.pk).exists()


def test_case_file_keeps_health_notes_from_administrators_and_shows_vigilance_to_supervisors(people, file_scene):
    person = file_scene["person"]
    text = case_file_text(people.administrator, person)
    assert "Met the family at home" in text and HEALTH_NOTE not in text
    assert "Health notes are not shown" in text
    text = case_file_text(people.supervisor, person)
    assert HEALTH_NOTE in text and "Vigilance" in text and "Lost contact" in text


def test_case_file_of_someone_out_of_scope_cannot_be_asked(people, file_scene):
    from django.core.exceptions import ValidationError

    from reports import services

    with pytest.raises(ValidationError):
        services.report_request(
            actor=people.outsider, kind="case_file", data={"beneficiary": str(file_scene["person"].pk)}, language="en"
        )


def test_centre_activity_counts(people, file_scene):
    job = request_and_run(
        people.supervisor,
        "centre_activity",
        {"centre": str(people.caseworker.centre_id), "start": "2021-01-01", "end": "2021-12-31"},
    )
    text = pdf_text(job_path(job))
    flat = " ".join(text.split())
    assert "Follow-ups done, by domain and kind" in flat
    assert "Life projects by status" in flat and "Overdue today" in flat and "Project grants" in flat
    assert "Vigilance alerts (counts only)" in flat and "Not closed today 1" in flat
    # A caseworker's report has no vigilance section at all.
    job = request_and_run(
        people.caseworker,
        "centre_activity",
        {"centre": str(people.caseworker.centre_id), "start": "2021-01-01", "end": "2021-12-31"},
    )
    assert "Vigilance" not in pdf_text(job_path(job))


def test_indicators_pdf_for_a_partner_has_figures_and_charts_but_no_person(people, file_scene):
    person = file_scene["person"]
    job = request_and_run(people.partner, "indicators", {})
    assert job.status == "done", job.error
    text = clean(pdf_plain_text(job_path(job)))
    for expected in ("People by region", "People by sex", "Cohort completion", "Life projects by status",
                     "Grants committed and delivered per envelope (MAD)", "Projects still running"):  # fmt: skip
        assert expected in text, expected
    assert person.file_number not in text and person.family_name_latin not in text
    assert not AuditEntry.objects.filter(action="export", object_id=str(job.pk)).exclude(beneficiary_id=None).exists()
