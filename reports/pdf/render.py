"""HTML to PDF with WeasyPrint, fetching nothing but the app's own static files.

Templates reference their stylesheets and fonts with ``{% static %}``; the document's base URL is a
private origin (``STATIC_ORIGIN``) that exists only inside this fetcher, which maps it to the static
files found by Django's staticfiles finders. Every other URL — ``file:``, ``http(s):`` anywhere else,
``data:`` — is refused and recorded, so text a user typed can never make the renderer read a local
file or call a server (user text is escaped by the templates anyway; this is the second wall).
"""

from __future__ import annotations

import mimetypes
import posixpath
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

STATIC_ORIGIN = "https://casework-static.invalid"
ALLOWED_EXTENSIONS = {
    ".css": "text/css",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
}


class RefusedURL(ValueError):
    pass


def static_file_for(url: str) -> Path | None:
    """The static file an URL of the private origin names, or None."""
    prefix = f"{STATIC_ORIGIN}{settings.STATIC_URL}"
    if not url.startswith(prefix):
        return None
    relative = url[len(prefix) :].split("?", 1)[0].split("#", 1)[0]
    normal = posixpath.normpath(relative)
    if not relative or normal != relative or normal.startswith(("/", "..")) or "\\" in normal:
        return None
    if posixpath.splitext(normal)[1].lower() not in ALLOWED_EXTENSIONS:
        return None
    found = finders.find(normal)
    if not found and settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT) / normal
        found = str(candidate) if candidate.is_file() else None
    return Path(found) if found else None


def make_fetcher():
    """A WeasyPrint URL fetcher that serves only static files; ``.requested`` lists every URL it was asked."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def __init__(self):
            super().__init__(timeout=1, allowed_protocols={"https"}, allow_redirects=False)
            self.requested: list[str] = []
            self.served: list[str] = []

        def fetch(self, url, headers=None):
            self.requested.append(url)
            path = static_file_for(url)
            if path is None:
                raise RefusedURL(f"Refused: only the app's static files may be fetched ({url[:80]!r})")
            self.served.append(url)
            content_type = ALLOWED_EXTENSIONS.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})

    return StaticOnlyFetcher()


def render_html(template: str, context: dict, *, language: str) -> str:
    with translation.override(language):
        return render_to_string(template, {**context, "language": language, "is_rtl": language == "ar"})


def write_pdf(html: str, output: Path, *, fetcher=None) -> object:
    """Render to ``output``; returns the fetcher (tests read what it was asked)."""
    from weasyprint import HTML

    fetcher = fetcher or make_fetcher()
    HTML(string=html, base_url=f"{STATIC_ORIGIN}/", url_fetcher=fetcher).write_pdf(target=str(output))
    return fetcher
