"""A real gunicorn server for the HTTP measures: production's WSGI app and worker class (sync), several
workers, on 127.0.0.1 only, started and stopped by the bench (its own process group, ended by pid)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager

from .config import ROOT, VAR_DIR


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


@contextmanager
def gunicorn(*, port: int, workers: int, env: dict | None = None):
    if _answers(port):
        raise RuntimeError(f"127.0.0.1:{port} is already in use; set BENCH_PORT to a free port")
    log = open(VAR_DIR / "gunicorn.log", "ab")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "casework.wsgi:application",
            "--config",
            "python:casework.gunicorn_conf",  # production's settings (the image's CMD)
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env or dict(os.environ),
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start; see {VAR_DIR / 'gunicorn.log'}")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGTERM)  # the arbiter stops its workers gracefully
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.kill(process.pid, signal.SIGKILL)
                process.wait()
        log.close()
