"""What the bench runs: sizes, bounds, addresses and the issue's targets, all read from the environment.

Nothing here imports Django: the orchestrator (`python -m bench run`) runs without it and starts one
subprocess per dataset with Django pointed at that dataset's database.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
VAR_DIR = ROOT / "var" / "bench"
RESULTS_JSON = BENCH_DIR / "results.json"
BENCHMARKS_MD = ROOT / "BENCHMARKS.md"

# Bumped whenever the generator's output changes: a reused database built by another version is rebuilt.
GENERATOR_VERSION = 1

# The national design figures (DESIGN.md, issue #8) at BENCH_SCALE=1.
FULL = {"beneficiaries": 100_000, "follow_ups": 2_000_000, "grants": 50_000, "staff": 1_000}

# The targets (point 2); the report marks each row met / not met against these.
TARGETS = {
    "p95_ms": 150.0,  # every page and endpoint, 8 concurrent clients, at 100,000
    "search_p95_ms": 100.0,
    "floor_ratio": 3.0,  # list endpoint / raw psycopg + json.dumps
    "admin_ratio": 1.0,  # list endpoint / admin changelist: must be below 1
    "growth_ratio": 1.5,  # cost at 100,000 / cost at 1,000
    "pdf_seconds": 5.0,
    "pdf_overhead": 0.15,  # over WeasyPrint rendering the final HTML alone
    "make_bench_minutes": 30.0,
}


def _env_float(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


@dataclass(frozen=True)
class Config:
    scale: float = field(default_factory=lambda: _env_float("BENCH_SCALE", 1.0))
    small: int = field(default_factory=lambda: _env_int("BENCH_SMALL", 1_000))
    seed: int = field(default_factory=lambda: _env_int("BENCH_SEED", 20210524))
    rebuild: bool = field(default_factory=lambda: os.environ.get("BENCH_REBUILD", "") not in ("", "0"))
    server_url: str = field(
        default_factory=lambda: os.environ.get("BENCH_DATABASE_SERVER", "postgres://postgres@127.0.0.1:5432")
    )
    redis_url: str = field(default_factory=lambda: os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8"))
    port: int = field(default_factory=lambda: _env_int("BENCH_PORT", 8765))
    workers: int = field(default_factory=lambda: _env_int("BENCH_WORKERS", 4))
    # Bounds of each HTTP run (per target and concurrency): whichever comes first.
    requests_1: int = field(default_factory=lambda: _env_int("BENCH_REQUESTS_1", 40))
    requests_8: int = field(default_factory=lambda: _env_int("BENCH_REQUESTS_8", 160))
    seconds: float = field(default_factory=lambda: _env_float("BENCH_SECONDS", 5.0))
    warmup: int = field(default_factory=lambda: _env_int("BENCH_WARMUP", 3))
    # In-process repetitions of each list endpoint, its floor and its admin changelist (interleaved).
    ratio_rounds: int = field(default_factory=lambda: _env_int("BENCH_RATIO_ROUNDS", 8))
    concurrencies: tuple[int, ...] = (1, 8)

    @property
    def large(self) -> int:
        return max(self.small, round(FULL["beneficiaries"] * self.scale))

    @property
    def sizes(self) -> list[int]:
        return sorted({self.small, self.large})

    def database_name(self, size: int) -> str:
        return f"casework_bench_b{size}"

    def database_url(self, size: int) -> str:
        return f"{self.server_url.rstrip('/')}/{self.database_name(size)}"

    def django_env(self, size: int) -> dict[str, str]:
        """The environment of every subprocess that runs Django against one dataset."""
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="bench.settings",
            DATABASE_URL=self.database_url(size),
            CELERY_BROKER_URL=self.redis_url,
            CELERY_RESULT_BACKEND=self.redis_url,
            CASEWORK_VAR_DIR=str(VAR_DIR / f"var-b{size}"),
            BENCH_SIZE=str(size),
            PYTHONHASHSEED="0",
        )
        return env


def shape(size: int) -> dict[str, int]:
    """Row counts for a dataset of `size` beneficiaries: the national shape, scaled."""
    factor = size / FULL["beneficiaries"]
    return {
        "beneficiaries": size,
        "follow_ups": round(FULL["follow_ups"] * factor),
        "grants": round(FULL["grants"] * factor),
        # Every centre needs caseworkers and every region supervisors, whatever the scale.
        "staff": max(80, round(FULL["staff"] * factor)),
    }
