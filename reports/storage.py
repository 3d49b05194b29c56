"""Where report files live: ``settings.REPORTS_DIR`` (under VAR_DIR, never under a served URL).

A job's file has one deterministic, opaque name (the job's random UUID): a retried job replaces it
instead of adding a second file. Each run writes a temporary file of its own first and renames it
into place atomically (same directory, ``os.replace``), so a reader never sees half a file.
"""

from __future__ import annotations

import hashlib
import os
import time
import uuid
from pathlib import Path

from django.conf import settings

TEMP_SUFFIX = ".part"


def reports_dir() -> Path:
    path = Path(settings.REPORTS_DIR)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def final_name(job_id: uuid.UUID, extension: str) -> str:
    return f"{uuid.UUID(str(job_id)).hex}.{extension}"


def temp_path(job_id: uuid.UUID, run_token: uuid.UUID, extension: str) -> Path:
    return reports_dir() / f"{uuid.UUID(str(job_id)).hex}.{uuid.UUID(str(run_token)).hex}.{extension}{TEMP_SUFFIX}"


def path_of(file_name: str) -> Path:
    """The stored file of a job; refuses anything that is not a bare name inside REPORTS_DIR."""
    if not file_name or Path(file_name).name != file_name or file_name.startswith("."):
        raise ValueError("Not a report file name")
    return reports_dir() / file_name


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def remove_quietly(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def job_files(job_id: uuid.UUID) -> list[Path]:
    """Every file (final or temporary) that belongs to a job."""
    return sorted(reports_dir().glob(f"{uuid.UUID(str(job_id)).hex}.*"))


def remove_temp_files_of(job_id: uuid.UUID) -> int:
    """Temporary files of earlier runs of a job: once a run has claimed the job, those runs can never
    finish (their run token is stale), so what they left behind goes."""
    return sum(remove_quietly(path) for path in job_files(job_id) if path.name.endswith(TEMP_SUFFIX))


def remove_stale_temp_files(older_than_seconds: float) -> int:
    """Temporary files left by runs that died (a killed worker cannot clean up after itself)."""
    limit = time.time() - older_than_seconds
    removed = 0
    for path in reports_dir().glob(f"*{TEMP_SUFFIX}"):
        try:
            if path.stat().st_mtime < limit:
                removed += remove_quietly(path)
        except FileNotFoundError:
            continue
    return removed


def move_into_place(temp: Path, file_name: str) -> Path:
    target = path_of(file_name)
    os.replace(temp, target)
    return target
