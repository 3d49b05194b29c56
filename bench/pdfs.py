"""Report generation: each PDF built end to end by the reports app's own builder (what the Celery job runs:
queries, template, WeasyPrint), in seconds; WeasyPrint's share of it (`write_pdf` on the final HTML, timed
inside the build), and as a cross-check WeasyPrint alone rendering that same HTML again outside the
builder (same base URL and static-only fetcher, so the same fonts and styles). Overhead = (build −
WeasyPrint) / WeasyPrint, per build, median. One line per report in REPORTS.

The job row is built in memory (never saved) and progress goes nowhere, so the figures are the report's
own work, without the job bookkeeping around it. Reports are measured on the large dataset only (the
50-person ones do not depend on its size; the indicators do, and the large size is the one that matters).
"""

from __future__ import annotations

import datetime
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.utils.module_loading import import_string

from casework.models import User


@dataclass(frozen=True)
class R:
    key: str
    label: str
    kind: str  # reports.models.ReportKind
    user: str  # fixture role
    parameters: str  # name of a function below giving the form data


REPORTS = [
    R(
        "cohort_review",
        "Cohort review PDF (edition 7, the 50 people of May 2021)",
        "cohort_review",
        "national_supervisor",
        "demo_cohort",
    ),
    R(
        "distribution",
        "Distribution-event report (the May 2021 demo operation)",
        "distribution",
        "national_supervisor",
        "demo_envelope",
    ),
    R("indicators", "Programme indicators PDF (national)", "indicators", "national_supervisor", "national_three_years"),
]


def demo_cohort() -> dict:
    from beneficiaries.models import Cohort

    cohort = Cohort.objects.get(edition=7)
    return {"cohort": str(cohort.pk), "_people": cohort.memberships.count()}


def demo_envelope() -> dict:
    from grants.demo import ENVELOPE_NAME
    from grants.models import Envelope, Grant

    envelope = Envelope.objects.get(name=ENVELOPE_NAME)
    return {"envelope": str(envelope.pk), "_people": Grant.objects.filter(envelope=envelope).count()}


def national_three_years() -> dict:
    """No filter but the longest period the form accepts (three years, to today)."""
    from django.utils import timezone

    today = timezone.localdate()
    return {"start": (today - datetime.timedelta(days=3 * 365)).isoformat(), "end": today.isoformat()}


def _bare(html: str, fetcher_factory, base_url: str) -> float:
    from weasyprint import HTML

    started = time.perf_counter()
    HTML(string=html, base_url=base_url, url_fetcher=fetcher_factory()).write_pdf()
    return time.perf_counter() - started


def measure_report(report: R, fixtures: dict, rounds: int = 2) -> dict:
    from reports.kinds import BuildContext, spec_for
    from reports.models import ReportJob
    from reports.pdf import render

    spec = spec_for(report.kind)
    if spec is None:
        return {"label": report.label, "missing": f"no report kind {report.kind!r}"}
    user = User.objects.get(username=fixtures[report.user])
    data = globals()[report.parameters]()
    people = data.pop("_people", None)
    form = spec.form(data, user=user)
    if not form.is_valid():
        return {"label": report.label, "error": f"parameters refused: {form.errors.as_text()[:300]}"}
    try:
        import_string(spec.builder)  # its modules imported now, so the patch below reaches them
    except ImportError as exc:
        return {"label": report.label, "missing": f"{spec.builder}: {exc}"}
    captured: dict = {}
    real_write = render.write_pdf

    def capturing_write(html, output, *, fetcher=None):
        captured["html"] = html
        started = time.perf_counter()
        try:
            return real_write(html, output, fetcher=fetcher)
        finally:
            captured["weasyprint"] = time.perf_counter() - started

    # Every reports.pdf module that imported write_pdf by name gets the capturing one for the run.
    patched = [
        m
        for name, m in list(sys.modules.items())
        if name.startswith("reports.pdf") and getattr(m, "write_pdf", None) is real_write
    ]
    totals, bare, inside, sizes = [], [], [], []
    base_url = f"{render.STATIC_ORIGIN}/"
    for module in patched:
        module.write_pdf = capturing_write
    try:
        with tempfile.TemporaryDirectory() as tmp:
            # Interleaved (build, bare, build, bare, …) after one warm-up pair: fonts and templates are
            # loaded once per worker process, and a burst of load on the machine hits both alike.
            for n in range(rounds + 1):
                output = Path(tmp) / f"{report.key}-{n}.pdf"
                job = ReportJob(kind=report.kind, parameters=form.parameters(), language="ar", requested_by=user)
                context = BuildContext(job=job, user=user, form=form, output=output, progress=lambda _p: None)
                started = time.perf_counter()
                spec.build(context)
                elapsed = time.perf_counter() - started
                if "html" not in captured:
                    return {"label": report.label, "error": "the builder did not use reports.pdf.render.write_pdf"}
                alone = _bare(captured["html"], render.make_fetcher, base_url)
                if n:
                    totals.append(elapsed)
                    bare.append(alone)
                    inside.append(captured["weasyprint"])
                sizes.append(output.stat().st_size)
    except Exception as exc:  # noqa: BLE001 (a report still being built: reported, not fatal)
        return {"label": report.label, "error": f"{type(exc).__name__}: {str(exc)[:300]}"}
    finally:
        for module in patched:
            module.write_pdf = real_write
    # Overhead per build: the build's time over WeasyPrint's own time on that build's final HTML (same
    # process, same moment: robust to the machine's load); the separate bare render is the cross-check.
    overheads = [(t - w) / w for t, w in zip(totals, inside, strict=True)]
    return {
        "label": report.label,
        "people": people,
        "seconds": round(statistics.median(totals), 2),
        "weasyprint_seconds": round(statistics.median(inside), 2),
        "weasyprint_alone_seconds": round(statistics.median(bare), 2),
        "overhead": round(statistics.median(overheads), 3),
        "samples": {
            "seconds": [round(x, 2) for x in totals],
            "weasyprint_in_build": [round(x, 2) for x in inside],
            "weasyprint_alone": [round(x, 2) for x in bare],
        },
        "pdf_bytes": sizes[-1],
        "html_bytes": len(captured["html"]),
    }


def measure_reports(fixtures: dict) -> dict:
    results = {}
    for report in REPORTS:
        started = time.perf_counter()
        results[report.key] = measure_report(report, fixtures)
        print(f"  pdf     {report.key:<18} {results[report.key]} ({time.perf_counter() - started:.0f} s)", flush=True)
    return results
