"""Production settings pass Django's deployment checklist with a realistic environment."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def production_environment() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "CELERY_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="casework.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        CASEWORK_FIELD_ENCRYPTION_KEYS="IiWQb8yA7aJ0mV3x3QdFq9yXc0b0mJ6k2r8YxgQm3aE=",
        CASEWORK_BLIND_INDEX_KEY=secrets.token_urlsafe(48),
        DJANGO_ALLOWED_HOSTS="casework.moussalaha.ma",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://casework.moussalaha.ma",
        DATABASE_URL="postgres://casework:secret@127.0.0.1:5432/casework",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        CELERY_RESULT_BACKEND="redis://127.0.0.1:6379/0",
    )
    return env


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_at_warning_level():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=production_environment())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = production_environment()
    del env["DJANGO_SECRET_KEY"]
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
