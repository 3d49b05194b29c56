"""The gunicorn settings of the production image and the bench (casework/gunicorn_conf.py): a worker boots
with them and serves, and after its start every view is imported and the loaded app is frozen out of the
garbage collector's full collections."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

from django.conf import settings

AFTER_START = """
import gc, json, sys
import django
django.setup()
from casework import gunicorn_conf
before = "grants.api.proposals" in sys.modules
gunicorn_conf.post_worker_init(None)
print(json.dumps({"views_before": before, "views_after": "grants.api.proposals" in sys.modules,
                  "frozen": gc.get_freeze_count()}))
"""


def test_a_started_worker_has_every_view_imported_and_the_app_frozen():
    result = subprocess.run(
        [sys.executable, "-c", AFTER_START], cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    state = json.loads(result.stdout.strip().splitlines()[-1])
    assert state["views_before"] is False and state["views_after"] is True
    assert state["frozen"] > 50_000  # the loaded app, not a handful of objects


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_serves_with_these_settings():
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "casework.wsgi:application", "--config", "python:casework.gunicorn_conf",
         "--bind", f"127.0.0.1:{port}", "--workers", "1", "--log-level", "warning"],
        cwd=settings.BASE_DIR, env=dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stdout.read().decode()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5) as response:  # noqa: S310
                    assert response.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=30)
