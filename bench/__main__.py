"""`python -m bench` — the performance bench of issue #8 (see BENCHMARKS.md and README).

    python -m bench [run] [--rebuild]   build or reuse both datasets, measure, write results and BENCHMARKS.md
    python -m bench report              rewrite BENCHMARKS.md from bench/results.json
    python -m bench build --size N      (internal) load a dataset into the current DATABASE_URL
    python -m bench measure --size N    (internal) measure the current DATABASE_URL, write var/bench/measure-N.json
    python -m bench explain --size N [TARGET …]   the slowest queries of pages under EXPLAIN ANALYZE
    python -m bench profile --size N [TARGET …]   where the pages' CPU time goes (pyinstrument)
    python -m bench sessions --size N   (internal) fresh sessions and fixtures for the growth measure

Environment: BENCH_SCALE (1 = 100,000 beneficiaries), BENCH_REBUILD=1, and the bounds in bench/config.py.
"""

from __future__ import annotations

import argparse
import os
import sys


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument(
        "command",
        nargs="?",
        default="run",
        choices=["run", "report", "build", "measure", "explain", "profile", "sessions"],
    )
    parser.add_argument("targets", nargs="*", help="explain: target keys of bench/targets.py (default: all)")
    parser.add_argument("--size", type=int)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the datasets even if reusable")
    args = parser.parse_intermixed_args(argv)

    if args.command == "build":
        _django()
        from django.conf import settings

        from .dataset import build

        meta = build(size=args.size, seed=int(os.environ.get("BENCH_SEED", "20210524")))
        print(
            f"[bench] loaded {args.size:,} beneficiaries in {meta['load_seconds']} s "
            f"(with VACUUM ANALYZE {meta['build_seconds']} s) into {settings.DATABASES['default']['NAME']}"
        )
        return 0
    if args.command == "sessions":
        _django()
        from .growth import write_sessions

        write_sessions(size=args.size)
        return 0
    if args.command == "measure":
        _django()
        from .measure import measure

        measure(size=args.size)
        return 0
    if args.command in ("explain", "profile"):
        from .config import Config

        os.environ.update(
            {k: v for k, v in Config().django_env(args.size).items() if k.startswith(("DJANGO", "DATABASE"))}
        )
        _django()
        if args.command == "explain":
            from .explain import explain

            explain(args.targets)
        else:
            from .profile import profile

            profile(args.targets)
        return 0
    if args.command == "report":
        from .report import write_markdown

        write_markdown()
        return 0
    from .run import run

    return run(rebuild=args.rebuild)


if __name__ == "__main__":
    sys.exit(main())
