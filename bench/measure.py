"""Everything measured on one dataset (run by `python -m bench measure --size N` inside Django, pointed at
that dataset's database): sessions, query counts, ratios, HTTP latency at 1 and 8 clients, PDF reports.
Writes var/bench/measure-N.json, which the orchestrator merges into bench/results.json."""

from __future__ import annotations

import json
import os
import time

from django.conf import settings
from django.db import connection

from .client import load
from .config import VAR_DIR, Config
from .dataset import read_meta
from .inprocess import query_counts, ratios
from .machine import cpu_reference_ms
from .pdfs import measure_reports
from .server import gunicorn
from .sessions import client_for, create_sessions
from .targets import TARGETS, resolve


def _dsn() -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgresql://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _http(cfg: Config, fixtures: dict, sessions: dict, counts: dict, host_speed: dict) -> dict:
    """Latency and throughput of every target through gunicorn; `host_speed` gets the reference loop's time
    just before each target's runs (this host's speed has halved within one run: the table shows it per row)."""
    results = {}
    with gunicorn(port=cfg.port, workers=cfg.workers) as base:
        for target in TARGETS:
            if counts.get(target.key, {}).get("status") != 200:
                continue  # missing or failing in-process: not loaded over HTTP
            host_speed[target.key] = cpu_reference_ms()
            url = resolve(target.url, fixtures)
            name = settings.SESSION_COOKIE_NAME
            cookies = [f"{name}={key}" for key in sessions[target.user]["session_keys"]]
            runs = {}
            for concurrency in cfg.concurrencies:
                budget = cfg.requests_1 if concurrency == 1 else cfg.requests_8
                runs[str(concurrency)] = load(
                    base,
                    url,
                    cookies=cookies,
                    concurrency=concurrency,
                    requests=budget,
                    seconds=cfg.seconds,
                    warmup=cfg.warmup,
                )
                runs[str(concurrency)].pop("_latencies")
            results[target.key] = runs
            print(
                f"  http    {target.key:<18} "
                + "  ".join(
                    f"c{c}: p50 {r.get('p50_ms')} p95 {r.get('p95_ms')} ms {r.get('throughput_rps')} r/s"
                    for c, r in runs.items()
                ),
                flush=True,
            )
    return results


def measure(*, size: int) -> dict:
    cfg = Config()
    started = time.perf_counter()
    load_start = [round(x, 2) for x in os.getloadavg()]
    meta = read_meta()
    fixtures = meta["fixtures"]
    sessions = create_sessions(fixtures, copies=max(cfg.concurrencies))
    clients = {role: client_for(session) for role, session in sessions.items()}
    counts = query_counts(TARGETS, fixtures, clients)
    ratio = ratios(TARGETS, fixtures, clients, _dsn(), cfg.ratio_rounds)
    connection.close()  # the server's workers get the database to themselves
    host_speed: dict[str, float] = {}
    http = _http(cfg, fixtures, sessions, counts, host_speed)
    reports = measure_reports(fixtures) if size == cfg.large else {}
    result = {
        "size": size,
        "fixtures": fixtures,
        "sessions": {
            role: {"username": s["username"], "sessions": len(s["session_keys"]), "second_factor": s["second_factor"]}
            for role, s in sessions.items()
        },
        "targets": {t.key: {"label": t.label, "user": t.user, "kind": t.kind, "url": t.url} for t in TARGETS},
        "queries": counts,
        "ratios": ratio,
        "http": http,
        "host_reference_ms": host_speed,
        "reports": reports,
        "server": {"workers": cfg.workers, "worker_class": "sync", "settings": "bench.settings (production)"},
        "measure_seconds": round(time.perf_counter() - started, 1),
        "load_average": {"start": load_start, "end": [round(x, 2) for x in os.getloadavg()]},
    }
    (VAR_DIR / f"measure-{size}.json").write_text(json.dumps(result, indent=1, ensure_ascii=False, default=str))
    return result
