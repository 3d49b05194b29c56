"""Build one dataset in the (migrated, empty) bench database: `build(size=…, seed=…)`.

The database is a copy of the base one (migrated, with the demo data loaded through the application's own
loaders: it holds the May 2021 operation the reports are measured on). This adds the national-shape
population with COPY, then runs VACUUM ANALYZE. Runs inside Django (bench.settings) pointed at it.
"""

from __future__ import annotations

import json
import time

from django.core.management import call_command
from django.db import connection, transaction

from bench.config import shape

from . import fixtures, followups, grants, people, plans, staff
from .context import Context
from .copy import LOADED, STATS, check_foreign_keys

META_TABLE = "bench_meta"


def _phase(timings: dict, name: str, func, *args):
    started = time.perf_counter()
    result = func(*args)
    timings[name] = round(time.perf_counter() - started, 2)
    print(f"  {name:<14} {timings[name]:>7.1f} s", flush=True)
    return result


def write_meta(values: dict) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key text PRIMARY KEY, value jsonb NOT NULL)")
        for key, value in values.items():
            cursor.execute(
                f"INSERT INTO {META_TABLE} (key, value) VALUES (%s, %s) "  # noqa: S608 (constant table name)
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                [key, json.dumps(value, default=str)],
            )


def read_meta() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [META_TABLE])
        if cursor.fetchone()[0] is None:
            return {}
        cursor.execute(f"SELECT key, value FROM {META_TABLE}")  # noqa: S608
        return {key: value if not isinstance(value, str) else json.loads(value) for key, value in cursor.fetchall()}


def load_demo() -> None:
    """The base database's content besides the migrations: `manage.py demo_data`, as `make run` loads it."""
    call_command("demo_data", "--allow-non-debug", verbosity=0)


def build(*, size: int, seed: int, bulk: bool = True) -> dict:
    """Load the population. `bulk=False` (tests, inside their transaction) keeps the per-row foreign-key
    triggers and skips VACUUM, which cannot run in a transaction."""
    ctx = Context(size=size, seed=seed, counts=shape(size))
    timings: dict = {}
    STATS.tables.clear()
    LOADED.clear()
    started = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor:
            if bulk:
                # Foreign keys are checked once at the end (copy.check_foreign_keys) instead of by a
                # trigger per row, and index rebuilds get memory.
                cursor.execute("SET LOCAL session_replication_role = replica")
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            else:
                # Checked by their triggers at the end of each COPY, so no event is pending when the
                # table's indexes are rebuilt.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        _phase(timings, "centres", staff.ensure_centres, ctx)
        _phase(timings, "staff", staff.create_staff, ctx)
        cohorts = _phase(timings, "cohorts", people.create_cohorts, ctx)
        _phase(timings, "beneficiaries", people.create_beneficiaries, ctx)
        _phase(timings, "file parts", people.create_file_parts, ctx, cohorts)
        _phase(timings, "life projects", plans.create_projects, ctx)
        _phase(timings, "follow-ups", followups.create_follow_ups, ctx)
        _phase(timings, "referrals", plans.create_referrals, ctx)
        _phase(timings, "grants", grants.create_grants, ctx)
        chosen = _phase(timings, "fixtures", fixtures.choose, ctx)
        keys = _phase(timings, "foreign keys", check_foreign_keys)
    load_seconds = time.perf_counter() - started
    if bulk:
        _phase(timings, "vacuum analyze", _vacuum_analyze)
    meta = {
        "size": size,
        "seed": seed,
        "counts": ctx.counts,
        "fixtures": chosen,
        "timings": timings,
        "tables": STATS.tables,
        "foreign_keys_checked": keys,
        "load_seconds": round(load_seconds, 1),
        "build_seconds": round(time.perf_counter() - started, 1),
        "built_at": ctx.now.isoformat(),
        "today": ctx.today.isoformat(),
    }
    write_meta(meta)
    return meta


def _vacuum_analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
