"""Real PDFs read back: a report in French, table headers repeated when a table splits across pages, and
the figures of the cohort review (members, attendance, completion, plans, grants, outcomes)."""

import datetime
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from beneficiaries.models import Attendance, Membership, Module
from beneficiaries.reference_data import ensure_modules
from beneficiaries.services import cohort_add_member, cohort_create, cohort_session_add, membership_update
from tests import factories
from tests.grants import factories as gf
from tests.reintegration_plans import factories as pf
from tests.reports.conftest import clean, job_path, pdf_plain_text, request_and_run

pytestmark = pytest.mark.django_db

GRANT_AMOUNT = Decimal("24500.00")  # approved below the requested 26,601.00, so the PDF shows the approved figure


def page_texts(path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def new_cohort(administrator, *, edition=7, sessions=3):
    ensure_modules(Module)  # reference data from a migration; a transactional test may have flushed it
    cohort = cohort_create(actor=administrator, edition=edition, year=2021)
    for number, module in enumerate(Module.objects.order_by("order")[:sessions], start=1):
        cohort_session_add(actor=administrator, cohort=cohort, module=module, held_on=datetime.date(2021, 3, number))
    return cohort


def record(cohort, membership, marks) -> None:
    """Attendance per session in order: True present, False absent, None nothing recorded."""
    for session, mark in zip(cohort.sessions.order_by("number"), marks, strict=True):
        if mark is not None:
            Attendance.objects.create(session=session, membership=membership, present=mark)


@pytest.fixture
def cohort_scene(people):
    """Four members in the Fès centre and one in Casablanca (outside the Fès-Meknès supervisor's scope):

    - A: 3 of 3 sessions, completed, active life project, approved grant of 24,500.00, project running;
    - B: 2 of 3 (one absence), completed, life project submitted, no grant, released;
    - C: 0 of 3 (nothing recorded), not completed, nothing else, in the programme;
    - D: 1 of 3 (one absence, one not recorded), completed, in the programme.
    """
    cohort = new_cohort(people.administrator)
    fes = people.caseworker.centre
    scene = {"cohort": cohort}
    for key, status, marks, completed in (
        ("A", "project_running", (True, True, True), True),
        ("B", "released", (True, False, True), True),
        ("C", "in_programme", (None, None, None), False),
        ("D", "in_programme", (False, True, None), True),
    ):
        person = factories.BeneficiaryFactory(
            centre=fes, status=status, first_name_latin=f"Member{key}", family_name_latin=f"Family{key}"
        )
        member = cohort_add_member(actor=None, cohort=cohort, beneficiary=person)
        if completed:
            membership_update(actor=None, membership=member, completed=True)
        record(cohort, member, marks)
        scene[key] = person
    pf.active(preparer=people.caseworker, supervisor=people.supervisor, beneficiary=scene["A"])
    pf.submitted(preparer=people.caseworker, beneficiary=scene["B"])
    gf.approved(
        proposer=people.caseworker,
        supervisor=people.supervisor,
        envelope_=gf.envelope(Decimal("100000.00")),
        beneficiary=scene["A"],
        amount=GRANT_AMOUNT,
        reason="Capped by the envelope",
    )
    scene["outside"] = factories.BeneficiaryFactory(centre=factories.centre("CAS"), first_name_latin="Outsider")
    cohort_add_member(actor=None, cohort=cohort, beneficiary=scene["outside"])
    return scene


def cohort_review(user, cohort, language="en"):
    job = request_and_run(user, "cohort_review", {"cohort": str(cohort.pk)}, language=language)
    assert job.status == "done", job.error
    return job_path(job)


# 3. The cohort review's figures ------------------------------------------------------------------------


def test_cohort_review_shows_members_attendance_completion_plans_grants_and_outcomes(people, cohort_scene):
    path = cohort_review(people.supervisor, cohort_scene["cohort"])
    text = " ".join(page_texts(path))  # content-stream order: a table row's cells one after the other
    a, b, c, d = (cohort_scene[key] for key in "ABCD")

    # Headline figures: members in scope (not the Casablanca one), completed, with a life project, with a grant.
    assert "4 members in your scope 3 completed the programme 2 with a life project 1 with a project grant" in text, (
        text[:800]
    )
    assert cohort_scene["outside"].file_number not in text and "Outsider" not in text

    # Members: each row, from its file number on, holds that person's attendance, completion, life-project
    # status, grant status and approved amount (not the requested 26,601.00), and current status.
    for person, cells in (
        (a, "MemberA FamilyA — 3 / 3 Yes Active Approved — 24,500.00 Project running"),
        (b, "MemberB FamilyB — 2 / 3 Yes Submitted for approval — Released – being accompanied"),
        (c, "MemberC FamilyC — 0 / 3 No — — In the programme"),
        (d, "MemberD FamilyD — 1 / 3 Yes — — In the programme"),
    ):
        assert re.search(rf"{re.escape(person.file_number)} [^—]*{re.escape(cells)}", text), (cells, text)
    assert text.count("24,500.00") == 1 and "26,601.00" not in text

    # Attendance per session: ✓ present, ✗ absent, · nothing recorded.
    for person, marks in ((a, "✓ ✓ ✓"), (b, "✓ ✗ ✓"), (c, "· · ·"), (d, "✗ ✓ ·")):
        assert f"{person.file_number} {marks}" in text, (person.file_number, marks)
    assert "1. Reconciliation with oneself (2021-03-01) · 2. Reconciliation with the religious texts" in text

    # Where they stand now: people per current status.
    assert (
        "Where they stand now Status People In the programme 2 Project running 1 Released – being accompanied 1" in text
    )


# 1. French ----------------------------------------------------------------------------------------------

FRENCH_COHORT = (
    "Moussalaha — programme de réinsertion",
    "Bilan de la cohorte",
    "Édition 7 (2021)",
    "Demandé par",
    "membres dans votre périmètre",
    "ont achevé le programme",
    "avec un projet de vie",
    "Leur situation actuelle",
    "Membres",
    "Séances suivies",
    "Présence par séance",
    "Projet en activité",
    "Libéré – en accompagnement",
    "Oui",
    "Non",
    "1. Réconciliation avec soi-même",
)
ENGLISH_COHORT = (
    "reintegration programme",
    "Cohort review",
    "Edition 7",
    "Requested by",
    "Confidential",
    "members in your scope",
    "completed the programme",
    "Where they stand now",
    "Members",
    "Sessions attended",
    "Attendance per session",
    "Project running",
    "In the programme",
    "Reconciliation with oneself",
)


def test_cohort_review_in_french(people, cohort_scene):
    path = cohort_review(people.supervisor, cohort_scene["cohort"], language="fr")
    text = clean(pdf_plain_text(path))
    for expected in FRENCH_COHORT:
        assert expected in text, expected
    for english in ENGLISH_COHORT:
        assert english not in text, english
    assert re.search(r"\bYes\b", text) is None
    # The confidentiality line, in French, on every page.
    pages = page_texts(path)
    for number, page in enumerate(pages, start=1):
        assert "Confidentiel — généré pour" in page and "Ne pas copier ni transmettre." in page, number
        assert f"{number} / {len(pages)}" in page


def test_cohort_review_in_english_says_when_it_was_generated_in_iso(people, cohort_scene):
    path = cohort_review(people.supervisor, cohort_scene["cohort"], language="en")
    text = clean(pdf_plain_text(path))
    for expected in ENGLISH_COHORT:
        assert expected in text, expected
    generated = re.search(r"Confidential — generated for .+? on (\S+ \S+)\. Do not copy", text)
    assert generated and re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", generated.group(1)), text[:300]
    assert "m.." not in text  # no "p.m.." from the locale's time format


def test_centre_activity_report_in_french(people, cohort_scene):
    pf.follow_up_done(actor=people.caseworker, beneficiary=cohort_scene["A"], occurred_on=datetime.date(2021, 6, 1))
    job = request_and_run(
        people.supervisor,
        "centre_activity",
        {"centre": str(people.caseworker.centre_id), "start": "2021-01-01", "end": "2021-12-31"},
        language="fr",
    )
    assert job.status == "done", job.error
    text = clean(pdf_plain_text(job_path(job)))
    for expected in (
        "Rapport d'activité du centre",
        "Confidentiel — généré pour",
        "suivis effectués",
        "Suivis effectués, par domaine et par type",
        "Domaine",
        "Visite à domicile",
        "Projets de vie par statut",
        "En retard à ce jour",
        "Alertes de vigilance (effectifs uniquement)",
    ):
        assert expected in text, expected
    for english in (
        "Centre activity report",
        "Confidential",
        "follow-ups done",
        "Follow-ups done, by domain",
        "Home visit",
        "Life projects by status",
        "Overdue today",
        "Vigilance alerts",
    ):
        assert english not in text, english


# 2. Table headers repeat on every page a table spans -------------------------------------------------


def test_long_tables_repeat_their_headers_on_every_page(people):
    cohort = new_cohort(people.administrator, edition=9)
    sessions = list(cohort.sessions.order_by("number"))
    persons = factories.BeneficiaryFactory.create_batch(
        70, centre=people.caseworker.centre, first_name_latin="Longlist"
    )
    members = Membership.objects.bulk_create(Membership(cohort=cohort, beneficiary=p) for p in persons)
    Attendance.objects.bulk_create(Attendance(session=s, membership=m, present=True) for m in members for s in sessions)
    path = cohort_review(people.supervisor, cohort)
    pages = page_texts(path)
    assert len(pages) >= 3, len(pages)

    # Members table: every page holding one of its rows (the Latin name is only in that table) starts that
    # page's part of the table with the column headings, before its first row.
    member_pages = [number for number, page in enumerate(pages) if "Longlist" in page]
    assert len(member_pages) >= 2 and member_pages[0] == 0, member_pages
    for number in member_pages:
        page = pages[number]
        assert "Sessions attended" in page and "Life project" in page, number
        assert page.index("Sessions attended") < page.index("Longlist"), number
    assert sum(page.count("Longlist") for page in pages) == 70  # no row lost or doubled at a page break

    # Attendance table: its rows are the lines of marks; each page holding some repeats "File 1 2 3".
    attendance_pages = [number for number, page in enumerate(pages) if "✓ ✓ ✓" in page]
    assert len(attendance_pages) >= 2, attendance_pages
    for number in attendance_pages:
        page = pages[number]
        heading = page.index("File 1 2 3", page.index("Longlist") if number in member_pages else 0)
        assert heading < page.index("✓ ✓ ✓", heading), number
    assert sum(page.count("✓ ✓ ✓") for page in pages) == 70
