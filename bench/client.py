"""Concurrent HTTP clients on loopback (asyncio + httpx): N clients each send one request after the other
to the same URL, with the measured user's session cookie, until the request budget or the time budget of
the run is spent (whichever comes first). Every run is bounded in count and in time and stops by itself.
"""

from __future__ import annotations

import asyncio
import math
import time

import httpx


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


async def _load(base: str, url: str, cookies: list[str], concurrency: int, requests: int, seconds: float, warmup: int):
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    headers = {"Accept": "application/json" if url.startswith("/api/") else "text/html"}
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=30) as http:
        for n in range(warmup):
            await http.get(url, headers={"Cookie": cookies[n % len(cookies)]})
        latencies: list[float] = []
        statuses: dict[int, int] = {}
        errors = 0
        budget = {"left": requests}
        deadline = time.perf_counter() + seconds

        async def client(cookie: str):
            nonlocal errors
            while budget["left"] > 0 and time.perf_counter() < deadline:
                budget["left"] -= 1
                started = time.perf_counter()
                try:
                    response = await http.get(url, headers={"Cookie": cookie})
                    await response.aread()
                except httpx.HTTPError:
                    errors += 1
                    continue
                latencies.append(time.perf_counter() - started)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        started = time.perf_counter()
        await asyncio.gather(*(client(cookies[n % len(cookies)]) for n in range(concurrency)))
        wall = time.perf_counter() - started
    return latencies, statuses, errors, wall


def load(
    base: str, url: str, *, cookies: list[str], concurrency: int, requests: int, seconds: float, warmup: int
) -> dict:
    """`cookies`: one Cookie header per client (client n uses cookies[n % len(cookies)])."""
    latencies, statuses, errors, wall = asyncio.run(_load(base, url, cookies, concurrency, requests, seconds, warmup))
    result = {
        "concurrency": concurrency,
        "requests": len(latencies),
        "errors": errors,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "seconds": round(wall, 2),
    }
    if latencies:
        result.update(
            p50_ms=round(percentile(latencies, 50) * 1000, 1),
            p95_ms=round(percentile(latencies, 95) * 1000, 1),
            max_ms=round(max(latencies) * 1000, 1),
            throughput_rps=round(len(latencies) / wall, 1),
        )
    result["_latencies"] = latencies  # raw samples, for callers that pool runs (not written to results)
    return result
