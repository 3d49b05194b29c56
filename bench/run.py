"""The whole bench, as `make bench` runs it: for each size, a ready database, static files, then the
measures in a subprocess pointed at that database; then the growth between the sizes (bench.growth);
finally bench/results.json and BENCHMARKS.md."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import time

from . import database, machine
from .config import RESULTS_JSON, ROOT, TARGETS, VAR_DIR, Config, shape
from .growth import measure_growth
from .report import write_markdown
from .targets import TARGETS as TARGET_LIST


def run(*, rebuild: bool = False) -> int:
    cfg = Config()
    if rebuild:
        cfg = dataclasses.replace(cfg, rebuild=True)
    started = time.perf_counter()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    results = {
        "machine": machine.describe(cfg),
        "config": {k: v for k, v in dataclasses.asdict(cfg).items() if k not in ("server_url", "redis_url")},
        "targets_of_issue": TARGETS,
        "datasets": {},
    }
    for size in cfg.sizes:
        meta = database.ensure(cfg, size)
        env = cfg.django_env(size)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
        out = VAR_DIR / f"measure-{size}.json"
        out.unlink(missing_ok=True)
        print(f"[bench] measuring {size:,} beneficiaries", flush=True)
        subprocess.run([sys.executable, "-m", "bench", "measure", "--size", str(size)], cwd=ROOT, env=env, check=True)
        results["datasets"][str(size)] = {
            "shape": shape(size),
            "build": {
                k: meta.get(k)
                for k in (
                    "reused",
                    "built_at",
                    "load_seconds",
                    "build_seconds",
                    "total_seconds",
                    "base",
                    "timings",
                    "tables",
                    "fixtures",
                )
            },
            **json.loads(out.read_text()),
        }
    if len(cfg.sizes) == 2:
        small, large = cfg.sizes
        answered = [
            t for t in TARGET_LIST
            if all(results["datasets"][str(n)]["queries"].get(t.key, {}).get("status") == 200 for n in (small, large))
        ]  # fmt: skip
        print(f"[bench] growth: {small:,} against {large:,}, both served at once", flush=True)
        results["growth"] = measure_growth(cfg, small, large, {t.key: (t.url, t.user) for t in answered})
    results["machine"]["load_average_end"] = machine.load_average()
    results["machine"]["cpu_reference_ms_end"] = machine.cpu_reference_ms()  # the speed drifts on a shared host
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    RESULTS_JSON.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str) + "\n")
    write_markdown()
    print(f"[bench] done in {results['total_seconds'] / 60:.1f} min: {RESULTS_JSON.name}, BENCHMARKS.md")
    return 0
