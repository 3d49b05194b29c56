"""WeasyPrint fetches nothing but the app's own static files, and user text is printed literally."""

import pytest

from reports.pdf import render
from tests import factories
from tests.reports.conftest import job_path, pdf_raw_text, request_and_run

HOSTILE_NAME = '<img src="file:///etc/passwd">'
HOSTILE_NOTE = '<link rel="stylesheet" href="http://127.0.0.1:6379/"> <img src="http://127.0.0.1:6379/x.png">'
ORIGIN = f"{render.STATIC_ORIGIN}/static/"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:6379/",
        "https://example.org/font.woff2",
        "data:text/css,body{}",
        f"{ORIGIN}../../settings.py",
        f"{ORIGIN}casework/../../../etc/passwd",
        f"{ORIGIN}reports/job_progress.js",  # not a type a PDF needs
        f"{render.STATIC_ORIGIN}/media/private/secret.pdf",
        f"{ORIGIN}fonts/missing.woff2",
    ],
)
def test_the_fetcher_refuses_anything_but_static_files(url):
    fetcher = render.make_fetcher()
    with pytest.raises(render.RefusedURL):
        fetcher.fetch(url)
    assert fetcher.requested == [url] and fetcher.served == []


def test_the_fetcher_serves_the_static_fonts_and_css():
    fetcher = render.make_fetcher()
    font = fetcher.fetch(f"{ORIGIN}fonts/noto-naskh-arabic-arabic-400-normal.woff2")
    assert font.read()[:4] == b"wOF2"
    assert "@font-face" in fetcher.fetch(f"{ORIGIN}casework/fonts.css").read().decode()


def test_unescaped_html_still_cannot_reach_files_or_servers(tmp_path):
    """Even if a template forgot to escape, the renderer asks the fetcher, and the fetcher refuses."""
    html = (
        '<html><head><link rel="stylesheet" href="http://127.0.0.1:6379/"></head><body>'
        '<img src="file:///etc/passwd"><img src="data:image/png;base64,iVBORw0KGgo=">'
        '<p style="background: url(http://127.0.0.1:6379/bg)">x</p></body></html>'
    )
    fetcher = render.write_pdf(html, tmp_path / "out.pdf")
    assert fetcher.served == []
    assert {"http://127.0.0.1:6379/", "file:///etc/passwd"} <= set(fetcher.requested)
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.django_db
def test_hostile_name_and_notes_are_printed_literally_and_fetch_nothing(people, monkeypatch):
    fetchers = []
    original = render.make_fetcher

    def recording():
        fetcher = original()
        fetchers.append(fetcher)
        return fetcher

    monkeypatch.setattr(render, "make_fetcher", recording)
    person = factories.BeneficiaryFactory(
        centre=people.caseworker.centre,
        first_name_latin=HOSTILE_NAME,
        family_name_latin="http://127.0.0.1:6379/",
        trade=HOSTILE_NOTE,
        address='file:///etc/passwd <script>alert("x")</script>',
    )
    job = request_and_run(people.caseworker, "case_file", {"beneficiary": str(person.pk)})
    assert job.status == "done", job.error
    [fetcher] = fetchers
    assert fetcher.requested, "the PDF's own fonts and stylesheets go through the fetcher"
    assert all(url.startswith(ORIGIN) for url in fetcher.requested), fetcher.requested
    assert fetcher.served == fetcher.requested
    text = pdf_raw_text(job_path(job))
    flat = " ".join(text.split())
    assert '<img src="file:///etc/passwd">' in flat
    assert "http://127.0.0.1:6379/" in flat
    assert '<script>alert("x")</script>' in flat
    assert "root:x:0:0" not in text
