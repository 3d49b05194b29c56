"""Measures taken inside one process through Django's test client, against the bench database:

- the number of SQL queries of each target (CaptureQueriesContext), of its few-rows variant, and of the
  admin changelist it is compared with;
- the ratios of point 3 of the issue: each list endpoint against its floor (bench.floors) and against the
  Django admin changelist of the same model and filter, timed in interleaved rounds (endpoint, floor,
  admin, endpoint, …) so that a burst of load on the shared machine hits all three alike; medians.
"""

from __future__ import annotations

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from .floors import Floor, time_floor
from .targets import resolve


def _get(client, url: str):
    return client.get(url, HTTP_ACCEPT="application/json" if url.startswith("/api/") else "text/html")


def count_queries(client, url: str) -> dict:
    _get(client, url)  # warm: templates compiled, caches filled, as on a running server
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = _get(client, url)
        elapsed = time.perf_counter() - started
    return {
        "status": response.status_code,
        "queries": len(captured.captured_queries),
        "bytes": len(response.content),
        "ms": round(elapsed * 1000, 1),
    }


def query_counts(targets, fixtures: dict, clients: dict) -> dict:
    results = {}
    for target in targets:
        client = clients[target.user]
        entry = count_queries(client, resolve(target.url, fixtures))
        if target.few:
            few = count_queries(client, resolve(target.few, fixtures))
            entry.update(few_queries=few["queries"], few_status=few["status"], few_bytes=few["bytes"])
        if target.admin:
            admin = count_queries(clients["administrator"], resolve(target.admin, fixtures))
            entry.update(admin_queries=admin["queries"], admin_status=admin["status"])
        results[target.key] = entry
        print(f"  queries {target.key:<18} {entry['status']} {entry['queries']:>3}", flush=True)
    return results


def _timed(client, url: str) -> float:
    started = time.perf_counter()
    response = _get(client, url)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return elapsed


def ratios(targets, fixtures: dict, clients: dict, dsn: str, rounds: int) -> dict:
    results = {}
    for target in targets:
        if not (target.floor or target.admin):
            continue
        url, admin_url = resolve(target.url, fixtures), resolve(target.admin, fixtures)
        client, admin_client = clients[target.user], clients["administrator"]
        floor = Floor(dsn, target.floor, fixtures) if target.floor else None
        samples = {"endpoint": [], "floor": [], "admin": []}
        entry = {}
        try:
            for n in range(rounds + 2):  # two warm-up rounds, not counted
                timings = {"endpoint": _timed(client, url)}
                if floor:
                    timings["floor"] = time_floor(floor)
                if admin_url:
                    timings["admin"] = _timed(admin_client, admin_url)
                if n >= 2:
                    for name, value in timings.items():
                        samples[name].append(value)
        except Exception as exc:  # noqa: BLE001 (a missing page or a changed schema: reported, not fatal)
            entry["error"] = str(exc)[:300]
        finally:
            if floor:
                floor.close()
        medians = {name: statistics.median(values) * 1000 for name, values in samples.items() if values}
        entry.update({f"{name}_ms": round(ms, 2) for name, ms in medians.items()})
        if "endpoint" in medians and "floor" in medians:
            entry["floor_ratio"] = round(medians["endpoint"] / medians["floor"], 2)
        if "endpoint" in medians and "admin" in medians:
            entry["admin_ratio"] = round(medians["endpoint"] / medians["admin"], 2)
        results[target.key] = entry
        print(f"  ratios  {target.key:<18} {entry}", flush=True)
    return results
