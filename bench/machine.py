"""What the figures ran on: CPU, cores, memory, PostgreSQL, Python, the commit, and how busy the machine was."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
import time

import psycopg

from .config import ROOT, Config


def _cpu_model() -> str:
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float | None:
    try:
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def cpu_reference_ms(rounds: int = 5) -> float:
    """How fast one core runs Python here: the best of `rounds` timings of a fixed loop of dict, string and
    integer work (the kind a request does). Machines that print the same CPU model have differed 2.5x in it;
    compare runs made on different machines through this figure."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        table: dict[str, int] = {}
        for i in range(200_000):
            key = f"k{i % 1000}"
            table[key] = table.get(key, 0) + i * 3
        best = min(best, time.perf_counter() - started)
    return round(best * 1000, 1)


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def describe(cfg: Config) -> dict:
    with psycopg.connect(f"{cfg.server_url.rstrip('/')}/postgres") as conn:
        pg = conn.execute("SHOW server_version").fetchone()[0]
        settings = dict(
            conn.execute(
                "SELECT name, setting || coalesce(unit, '') FROM pg_settings WHERE name IN "
                "('shared_buffers', 'work_mem', 'effective_cache_size', 'max_connections', 'random_page_cost')"
            ).fetchall()
        )
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": _memory_gib(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "postgresql": pg,
        "postgresql_settings": settings,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": _git("rev-parse", "--short", "HEAD"),
        "uncommitted_changes": bool(_git("status", "--porcelain", "--untracked-files=no")),
        "load_average_start": load_average(),
        "cpu_reference_ms": cpu_reference_ms(),
    }
