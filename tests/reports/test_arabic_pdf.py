"""An Arabic PDF: right-to-left, shaped with the served Noto Naskh Arabic, extracted as correct words."""

import re

import pytest
from pypdf import PdfReader

from beneficiaries.models import Cohort, Membership
from tests import factories
from tests.reports.conftest import clean, job_path, pdf_plain_text, request_and_run

pytestmark = pytest.mark.django_db

PRESENTATION_FORMS = range(0xFB50, 0xFEFF)


def arabic_words(text: str) -> set[str]:
    return set(re.findall(r"[\u0600-\u06ff]+", clean(text)))


def embedded_fonts(path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_arabic_cohort_review_extracts_as_arabic_words(people):
    cohort = Cohort.objects.create(edition=7, year=2021)
    for family_name in ("العلوي", "بنعبد الله", "الإدريسي"):
        person = factories.BeneficiaryFactory(
            centre=people.caseworker.centre, first_name_ar="محمد", family_name_ar=family_name
        )
        Membership.objects.create(cohort=cohort, beneficiary=person, completed=True)
    job = request_and_run(people.supervisor, "cohort_review", {"cohort": str(cohort.pk)}, language="ar")
    assert job.status == "done", job.error
    path = job_path(job)
    text = pdf_plain_text(path)
    words = arabic_words(text)
    # Logical order, base letters: each name comes out as typed, not reversed, not as presentation forms.
    for word in ("محمد", "العلوي", "بنعبد", "الله", "الإدريسي"):
        assert word in words, (word, sorted(words)[:40])
    assert "دمحم" not in words and "يولعلا" not in words
    for name in ("محمد العلوي", "محمد بنعبد الله", "محمد الإدريسي"):  # words of a line in the order written
        assert name in clean(text), name
    assert not any(ord(ch) in PRESENTATION_FORMS for ch in text)
    # The Arabic glyphs come from the app's own font file, embedded (subset) in the PDF.
    assert any("NotoNaskhArabic" in name.replace("-", "") for name in embedded_fonts(path))


def test_arabic_receipt_text_is_in_logical_order(people):
    """The receipts' fixed Arabic wording reads back word for word."""
    from decimal import Decimal

    from tests.grants import factories as gf

    envelope = gf.envelope(Decimal("100000.00"))
    grant = gf.approved(proposer=people.caseworker, supervisor=people.supervisor, envelope_=envelope)
    event = gf.event(administrator=people.administrator, envelope_=envelope)
    from grants.services import event_assign_grants

    event_assign_grants(actor=people.administrator, event=event, grants=[grant])
    job = request_and_run(people.supervisor, "handover_receipts", {"event": str(event.pk)}, language="ar")
    text = clean(pdf_plain_text(job_path(job)))
    for phrase in ("محضر تسليم معدات", "مؤسسة محمد السادس لإعادة إدماج السجناء"):
        assert phrase in text, phrase
