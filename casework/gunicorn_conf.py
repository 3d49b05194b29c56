"""gunicorn settings shared by the production image (Dockerfile) and `make bench`: `-c python:casework.gunicorn_conf`.

After a worker has loaded the app it imports every view (the URLconf, which Django otherwise loads on the
first request), then moves everything alive into the collector's permanent generation (`gc.freeze()`).
Why: each full collection otherwise walks the ~140,000 objects of the loaded app, 65-90 ms on the bench
machine, every 15-60 requests on the API lists: that pause is the tail of their latency (API grants: p95 of
60 requests in process 217 -> 96 ms). What requests create is still collected as before.
"""

from __future__ import annotations

import gc


def post_worker_init(worker) -> None:
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every app's views, serializers and forms)
    gc.collect()
    gc.freeze()
