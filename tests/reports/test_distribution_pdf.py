"""Distribution event report, handover receipts and signature sheet: real PDFs read back."""

import re

import pytest
from pypdf import PdfReader

from casework.models import AuditEntry
from grants.models import DistributionEvent, Envelope
from tests.reports.conftest import clean, job_path, pdf_plain_text, pdf_text, request_and_run

pytestmark = pytest.mark.django_db


def envelope_id(demo):
    return str(Envelope.objects.get(name=demo.ENVELOPE_NAME).pk)


def test_operation_report_has_the_seed_figures(demo_operation, demo_user):
    job = request_and_run(demo_user("sup.national"), "distribution", {"envelope": envelope_id(demo_operation)})
    assert job.status == "done", job.error
    text = pdf_text(job_path(job))
    flat = " ".join(text.split())
    for city in ("Meknès", "Fès", "Casablanca"):
        assert city in text
    for count in ("15", "16", "19", "50"):
        assert re.search(rf"(?<![\d,.]){count}(?![\d,.])", text), count
    assert "2,576,296.77" in text
    assert "50 beneficiaries, of whom" not in flat  # per-event sentences carry the per-event counts
    assert "15 beneficiaries, of whom 1 women" in flat and "19 beneficiaries, of whom 1 women" in flat
    assert re.search(r"Total 50 2 2,576,296.77", flat)
    assert "Totals per sector" in text
    # Every page says for whom it was generated, and is numbered.
    reader = PdfReader(job_path(job))
    assert len(reader.pages) >= 4
    for number, page in enumerate(reader.pages, start=1):
        page_text = " ".join(page.extract_text().split())
        assert "Confidential — generated for" in page_text
        assert f"{number} / {len(reader.pages)}" in page_text
    # Generating it put one export entry per person in the trail.
    assert AuditEntry.objects.filter(action="export", object_id=str(job.pk)).exclude(beneficiary_id=None).count() == 50


def test_a_caseworker_gets_only_their_centres_people(demo_operation, demo_user):
    meknes = DistributionEvent.objects.get(date="2021-05-24")
    job = request_and_run(demo_user("cw.meknes"), "distribution", {"event": str(meknes.pk)})
    text = pdf_text(job_path(job))
    assert "MEK-2021-0001" in text and "FES-2021-0001" not in text and "CAS-2021" not in text
    # Another centre's event is not even a valid choice for them.
    from django.core.exceptions import ValidationError

    from reports import services

    casablanca = DistributionEvent.objects.get(date="2021-05-26")
    with pytest.raises(ValidationError):
        services.report_request(
            actor=demo_user("cw.meknes"), kind="distribution", data={"event": str(casablanca.pk)}, language="en"
        )


def test_handover_receipts_one_bilingual_page_per_beneficiary(demo_operation, demo_user):
    fes = DistributionEvent.objects.get(date="2021-05-25")
    job = request_and_run(demo_user("sup.fesmeknes"), "handover_receipts", {"event": str(fes.pk)})
    reader = PdfReader(job_path(job))
    assert len(reader.pages) == 16
    text = clean(pdf_plain_text(job_path(job)))
    assert text.count("Procès-verbal de remise d'équipement") == 16
    assert text.count("محضر تسليم معدات") == 16
    assert "Le/la bénéficiaire" in text and "المستفيد" in text and "السلطة الحاضرة" in text
    for n in range(1, 17):
        assert f"FES-2021-{n:04d}" in text


def test_signature_sheet_lists_every_beneficiary(demo_operation, demo_user):
    casablanca = DistributionEvent.objects.get(date="2021-05-26")
    job = request_and_run(demo_user("sup.casa"), "signature_sheet", {"event": str(casablanca.pk)})
    text = pdf_text(job_path(job))
    assert "Feuille d'émargement" in text and "Signature" in text
    assert all(f"CAS-2021-{n:04d}" in text for n in range(1, 20))
    assert job.download_name.startswith("signatures-casablanca-2021-05-26")
