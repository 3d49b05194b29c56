"""The bench's own databases: create, reuse or rebuild, migrate, load. Runs without Django.

- `casework_bench_base`: migrated, with the demo data (`manage.py demo_data`); rebuilt when a migration or
  a demo loader changes. Each dataset starts as a copy of it (CREATE DATABASE … TEMPLATE, seconds).
- `casework_bench_b<size>`: the base plus the generated population; reused when its recorded fingerprint
  matches (same generator code, size, seed and base), rebuilt otherwise or with BENCH_REBUILD=1 / --rebuild.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time

import psycopg
from psycopg import sql

from .config import GENERATOR_VERSION, ROOT, Config

APPS = ["casework", "beneficiaries", "reintegration_plans", "grants", "reports"]
BASE = "base"


def _digest(paths, *extra: object) -> str:
    digest = hashlib.sha256(":".join(map(str, extra)).encode())
    for path in sorted(paths):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def base_fingerprint() -> str:
    migrations = [p for app in APPS for p in (ROOT / app).rglob("migrations/*.py")]
    loaders = [p for app in APPS for p in (ROOT / app).rglob("demo.py")]
    return _digest(migrations + loaders + [ROOT / "casework" / "reference_data.py"], GENERATOR_VERSION)


def fingerprint(cfg: Config, size: int) -> str:
    return _digest((ROOT / "bench" / "dataset").glob("*.py"), GENERATOR_VERSION, size, cfg.seed, base_fingerprint())


def _admin(cfg: Config) -> psycopg.Connection:
    return psycopg.connect(f"{cfg.server_url.rstrip('/')}/postgres", autocommit=True)


def _url(cfg: Config, name: str) -> str:
    return f"{cfg.server_url.rstrip('/')}/casework_bench_{name}"


def _recorded(url: str) -> dict | None:
    """The bench_meta of an existing database, or None when there is no usable one."""
    try:
        with psycopg.connect(url) as conn:
            if conn.execute("SELECT to_regclass('bench_meta')").fetchone()[0] is None:
                return None
            return dict(conn.execute("SELECT key, value FROM bench_meta").fetchall())
    except psycopg.OperationalError:
        return None


def _record(url: str, values: dict) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value jsonb NOT NULL)")
        for key, value in values.items():
            conn.execute(
                "INSERT INTO bench_meta (key, value) VALUES (%s, %s) "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                [key, json.dumps(value)],
            )


def _recreate(cfg: Config, name: str, template: str | None = None) -> None:
    database = f"casework_bench_{name}"
    with _admin(cfg) as conn:
        for db in filter(None, (database, template and f"casework_bench_{template}")):
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [db],
            )
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(database)))
        create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database))
        if template:
            create += sql.SQL(" TEMPLATE {}").format(sql.Identifier(f"casework_bench_{template}"))
        conn.execute(create)


def _run(cfg: Config, size: int, url: str, *args: str) -> None:
    env = {**cfg.django_env(size), "DATABASE_URL": url}
    subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True)


def ensure_base(cfg: Config) -> dict:
    url, expected = _url(cfg, BASE), base_fingerprint()
    meta = _recorded(url)
    if meta and meta.get("fingerprint") == expected:
        return {**meta, "reused": True}
    print("[bench] building casework_bench_base (migrations and demo data)", flush=True)
    started = time.perf_counter()
    _recreate(cfg, BASE)
    _run(cfg, 0, url, "manage.py", "migrate", "--noinput", "-v0")
    migrated = time.perf_counter() - started
    _run(cfg, 0, url, "-c", "import bench.__main__ as m; m._django(); from bench.dataset import load_demo; load_demo()")
    meta = {
        "fingerprint": expected,
        "migrate_seconds": round(migrated, 1),
        "demo_seconds": round(time.perf_counter() - started - migrated, 1),
    }
    _record(url, meta)
    return {**meta, "reused": False}


def ensure(cfg: Config, size: int) -> dict:
    """A ready database for `size`; returns its bench_meta plus how it was obtained."""
    expected = fingerprint(cfg, size)
    url = cfg.database_url(size)
    meta = None if cfg.rebuild else _recorded(url)
    if meta and meta.get("fingerprint") == expected:
        print(f"[bench] reusing {cfg.database_name(size)} (built {meta['built_at']} in {meta['build_seconds']} s)")
        return {**meta, "reused": True}
    base = ensure_base(cfg)
    print(f"[bench] building {cfg.database_name(size)} ({size:,} beneficiaries)", flush=True)
    started = time.perf_counter()
    _recreate(cfg, f"b{size}", template=BASE)
    _run(cfg, size, url, "-m", "bench", "build", "--size", str(size))
    extra = {"fingerprint": expected, "total_seconds": round(time.perf_counter() - started, 1), "base": base}
    _record(url, extra)
    return {**_recorded(url), "reused": False}
