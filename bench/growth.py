"""How cost grows with size, measured so that the machine's load cannot fake it: both datasets served at
once (one gunicorn per database, on two loopback ports) and each page requested by one client,
alternating between the small and the large dataset in short bursts; growth = median latency at the
large size over the median at the small size, from the pooled samples of the same minutes.

Runs in the orchestrator (no Django). Fresh sessions and the fixtures come from `python -m bench sessions`
run against each database (sessions of the earlier measures may have gone idle past their limit).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from contextlib import ExitStack

from .client import load
from .config import ROOT, VAR_DIR, Config
from .server import gunicorn

ROUNDS, BURST = 5, 4


def write_sessions(*, size: int) -> None:
    """(Inside Django, pointed at one dataset.) Fresh sessions and the fixtures, to var/bench."""
    from django.conf import settings

    from .dataset import read_meta
    from .sessions import create_sessions

    fixtures = read_meta()["fixtures"]
    sessions = create_sessions(fixtures)
    cookies = {role: f"{settings.SESSION_COOKIE_NAME}={s['session_key']}" for role, s in sessions.items()}
    (VAR_DIR / f"sessions-{size}.json").write_text(json.dumps({"fixtures": fixtures, "cookies": cookies}))


def _sessions(cfg: Config, size: int) -> dict:
    subprocess.run(
        [sys.executable, "-m", "bench", "sessions", "--size", str(size)], cwd=ROOT, env=cfg.django_env(size), check=True
    )
    path = VAR_DIR / f"sessions-{size}.json"
    data = json.loads(path.read_text())
    path.unlink()
    return data


def measure_growth(cfg: Config, small: int, large: int, targets: dict) -> dict:
    """`targets`: {key: url template} of the pages that answered at both sizes."""
    sides = {size: _sessions(cfg, size) for size in (small, large)}
    results = {}
    with ExitStack() as stack:
        bases = {
            size: stack.enter_context(gunicorn(port=cfg.port + n, workers=2, env=cfg.django_env(size)))
            for n, size in enumerate((small, large))
        }
        for key, (template, role) in targets.items():
            samples = {small: [], large: []}
            for n in range(ROUNDS + 1):
                for size in (small, large):
                    side = sides[size]
                    run = load(
                        bases[size],
                        template.format(**side["fixtures"]),
                        cookies=[side["cookies"][role]],
                        concurrency=1,
                        requests=BURST,
                        seconds=cfg.seconds,
                        warmup=0,
                    )
                    if n:  # the first round warms both servers
                        samples[size] += run["_latencies"]
            if samples[small] and samples[large]:
                a, b = statistics.median(samples[small]), statistics.median(samples[large])
                results[key] = {
                    "small_ms": round(a * 1000, 1),
                    "large_ms": round(b * 1000, 1),
                    "ratio": round(b / a, 2),
                    "samples": len(samples[large]),
                }
                print(f"  growth  {key:<18} {results[key]}", flush=True)
    return results
