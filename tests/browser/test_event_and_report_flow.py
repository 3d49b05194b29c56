"""An administrator's distribution day, in a real browser (in French) with a real Celery worker on
Redis: organise the event, put the approved grant on it, record the delivery with the signed receipt,
ask for the event's report, watch its progress bar reach 100 % on the same page, download the PDF and
read it back."""

import subprocess

from django.utils import timezone
from playwright.sync_api import expect

from casework.models import Centre
from grants.models import DistributionEvent, Grant
from reports.models import ReportJob

SIGNED_RECEIPT = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Every value the progress bar takes, recorded by the page itself (no reload may happen meanwhile).
WATCH_PROGRESS = """() => {
  const bar = document.getElementById('cw-job-progress');
  window.cwSeen = [bar.value];
  window.cwNotReloaded = true;
  new MutationObserver(() => window.cwSeen.push(bar.value))
    .observe(bar, {attributes: true, attributeFilter: ['value']});
}"""


def success_message(page):
    return page.locator("main [aria-live] .alert-success")


def test_administrator_organises_the_event_records_the_delivery_and_downloads_the_event_report(
    page, live_url, scene, sign_in, set_language, workers, tmp_path
):
    grant, envelope, administrator = scene.approved_grant, scene.envelope, scene.cast.administrator
    fes = Centre.objects.get(code="FES")
    today = timezone.localdate()
    workers()  # a worker of this test's own, on its own queue: nothing queued by earlier tests stands in front
    sign_in(administrator)
    set_language("fr")

    # 1. Organise the event.
    page.goto(f"{live_url}/grants/events/")
    page.locator("main a[href='/grants/events/new/']").first.click()
    page.locator("#id_envelope").select_option(str(envelope.pk))
    page.locator("#id_centre").select_option(str(fes.pk))
    page.locator("#id_city").fill("Fès")
    page.locator("#id_date").fill(today.isoformat())
    page.locator("#id_place").fill("Siège de la wilaya de Fès-Meknès")
    page.locator("input[name='officials-0-title']").fill("Wali de la région Fès-Meknès")
    page.locator("input[name='officials-1-title']").fill("Coordinateur national de la Fondation")
    page.locator("main form[method=post] button[type=submit]").first.click()
    expect(success_message(page)).to_be_visible()
    event = DistributionEvent.objects.get(envelope=envelope, centre=fes, date=today)
    expect(page).to_have_url(f"{live_url}/grants/events/{event.pk}/")

    # 2. Put the approved grant on it.
    page.locator(f"input[name=grants][value='{grant.pk}']").check()
    page.locator("main form[method=post]:has(input[name=grants]) button[type=submit]").click()
    expect(success_message(page)).to_be_visible()
    expect(page.locator(f"main a[href='/grants/{grant.pk}/']")).to_be_visible()

    # 3. Record the delivery, with the scan of the signed receipt.
    page.locator(f"main a[href='/grants/{grant.pk}/']").first.click()
    page.locator(f"main a[href='/grants/{grant.pk}/deliver/']").click()
    page.locator("#id_delivered_on").fill(today.isoformat())
    page.locator("#id_event").select_option(str(event.pk))
    page.locator("#id_receipt").set_input_files(
        files=[{"name": "recu-signe.pdf", "mimeType": "application/pdf", "buffer": SIGNED_RECEIPT}]
    )
    page.locator("main form[method=post] button[type=submit]").click()
    expect(success_message(page)).to_be_visible()
    grant = Grant.objects.get(pk=grant.pk)
    assert grant.status == "delivered" and grant.event_id == event.pk

    # 4. Ask for the event's report (a real worker builds it).
    page.goto(f"{live_url}/reports/")
    page.get_by_test_id("ask-distribution").click()
    page.locator("#id_event").select_option(str(event.pk))
    page.get_by_test_id("submit-report").click()
    page.wait_for_url("**/reports/jobs/**")
    job = ReportJob.objects.filter(requested_by=administrator).latest("requested_at")

    # 5. Watch the bar on the same page until 100 %, then the download button appears.
    page.evaluate(WATCH_PROGRESS)
    download = page.get_by_test_id("download")
    expect(download).to_be_visible(timeout=90_000)
    assert page.evaluate("document.getElementById('cw-job-progress').value") == 100
    seen = page.evaluate("window.cwSeen")
    assert seen[-1] == 100 and seen == sorted(seen), seen
    assert page.evaluate("window.cwNotReloaded") is True
    expect(page.locator("#cw-job-percent")).to_have_text("100%")

    with page.expect_download() as info:
        download.click()
    pdf = tmp_path / "report.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    assert grant.beneficiary.file_number in text
    assert "Siège de la wilaya de Fès-Meknès" in text and "Wali de la région Fès-Meknès" in text
    assert "26,601.00" in text  # the grant's amount: the event's total and the operation's
    job.refresh_from_db()
    assert job.status == "done" and job.progress == 100
