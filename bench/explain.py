"""`python -m bench explain --size N TARGET…`: the evidence behind a slow page — its queries through the
test client as its user, the slowest ones run again under EXPLAIN (ANALYZE, BUFFERS). For whoever fixes
the figures BENCHMARKS.md shows; read-only apart from what the page itself writes (audit, session)."""

from __future__ import annotations

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from .sessions import logged_in_targets


def explain(keys: list[str], top: int = 3) -> None:
    for target, client, url in logged_in_targets(keys):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
        queries = captured.captured_queries
        sql_ms = sum(float(q["time"]) for q in queries) * 1000
        print(f"\n=== {target.key} {url} → {response.status_code}: {elapsed * 1000:.0f} ms, "
              f"{len(queries)} queries, {sql_ms:.0f} ms in SQL")  # fmt: skip
        for query in sorted(queries, key=lambda q: -float(q["time"]))[:top]:
            sql = query["sql"]
            print(f"\n--- {float(query['time']) * 1000:.1f} ms: {sql[:400]}{' …' if len(sql) > 400 else ''}")
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                print("\n".join(row[0] for row in cursor.fetchall()))
