"""Liveness of what the app needs: the database, the Celery broker and at least one worker."""

from __future__ import annotations

from django.conf import settings
from django.db import connection

from .celery import app as celery_app


def check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure is the answer, not a crash of the health page
        return False, exc.__class__.__name__
    return True, connection.vendor


def check_broker(app=celery_app) -> tuple[bool, str]:
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            transport = conn.transport_cls
    except Exception as exc:  # an unreachable broker is reported, not raised
        return False, exc.__class__.__name__
    return True, str(transport)


def check_workers(app=celery_app) -> tuple[bool, str]:
    try:
        replies = app.control.ping(timeout=settings.HEALTH_WORKER_PING_TIMEOUT) or []
    except Exception as exc:  # no broker means no worker either
        return False, exc.__class__.__name__
    return bool(replies), f"{len(replies)} worker(s)"


def health_report() -> dict:
    checks = {"database": check_database(), "broker": check_broker(), "worker": check_workers()}
    return {
        "status": "ok" if all(ok for ok, _ in checks.values()) else "degraded",
        "checks": {name: {"ok": ok, "detail": detail} for name, (ok, detail) in checks.items()},
    }
