"""`python -m bench profile --size N TARGET…`: where a page's own CPU time goes — pyinstrument over a few
requests through the test client as the target's user (after one warm-up request, as on a running server).
The companion of `explain`: that one shows the SQL, this one everything around it (views, templates,
serializers, middleware). Read-only apart from what the page itself writes (audit, session)."""

from __future__ import annotations

import gc
import os
import time

from pyinstrument import Profiler

from .sessions import logged_in_targets

# BENCH_PROFILE_FLAT=1: the functions by their own time instead of the call tree.
FLAT = bool(os.environ.get("BENCH_PROFILE_FLAT"))


def profile(keys: list[str], requests: int = 20) -> None:
    for target, client, url in logged_in_targets(keys):
        accept = "application/json" if target.kind == "api" else "text/html"
        client.get(url, HTTP_ACCEPT=accept)
        # As in a gunicorn worker (casework/gunicorn_conf.py): the loaded app frozen, so that a full
        # collection's pause is not charged to whichever frame it interrupts.
        gc.collect()
        gc.freeze()
        profiler = Profiler(interval=0.0005)
        started = time.perf_counter()
        with profiler:
            for _ in range(requests):
                client.get(url, HTTP_ACCEPT=accept)
        per_request = (time.perf_counter() - started) * 1000 / requests
        print(f"\n=== {target.key} {url}: {per_request:.1f} ms per request (profiled, {requests} requests)")
        print(profiler.output_text(unicode=True, color=False, show_all=False, time="percent_of_total", flat=FLAT))
