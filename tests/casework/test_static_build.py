"""Production's static build resolves every reference inside the served CSS and JS.

Production stores static files under hashed names (whitenoise's CompressedManifestStaticFilesStorage, a
subclass of Django's manifest storage); a CSS/JS file pointing at a file we do not ship (a source map, a
font) stops `collectstatic` — and so the Docker build. The manifest step is what checks the references,
so the test runs it without the slow compression step."""

from django.core.management import call_command
from django.test import override_settings

MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


def test_collectstatic_resolves_every_reference(tmp_path):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=MANIFEST_STORAGE):
        call_command("collectstatic", interactive=False, verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "vendor/bootstrap/bootstrap.rtl.min.css" in manifest
    assert "fonts/" in manifest
