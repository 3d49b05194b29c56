"""BENCHMARKS.md, generated from bench/results.json: the machine, the datasets, every figure, and each
target of issue #8 with its measured value and whether it is met."""

from __future__ import annotations

import json

from .config import BENCHMARKS_MD, RESULTS_JSON, TARGETS
from .verdicts import growth, summary, verdict_http


def _fmt(value, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        value = f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.2f}"
    return f"{value}{unit}"


def _mark(ok: bool | None) -> str:
    return {True: "met", False: "**not met**", None: "—"}[ok]


def _machine(r: dict) -> list[str]:
    m = r["machine"]
    busy = " (shared with other work: figures are pessimistic)" if max(m["load_average_start"]) > 1.5 else ""
    return [
        f"- **Machine**: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB RAM; {m['os']}",
        f"- **Single-core speed**: {m.get('cpu_reference_ms', '—')} ms at the start and"
        f" {m.get('cpu_reference_ms_end', '—')} ms at the end for bench/machine.py's reference loop (lower is faster;"
        " compare runs on different machines through it, not through the CPU's name)",
        f"- **PostgreSQL** {m['postgresql']} ({', '.join(f'{k}={v}' for k, v in m['postgresql_settings'].items())});"
        f" Python {m['python']}",
        f"- **Run**: {m['date']}, commit `{m['commit']}`{' + uncommitted changes' if m['uncommitted_changes'] else ''};"
        f" load average {m['load_average_start']} at start, {m.get('load_average_end')} at end{busy}",
        f"- **Whole `make bench`**: {_fmt(r.get('total_seconds', 0) / 60)} min"
        f" (target < {TARGETS['make_bench_minutes']:.0f} min)",
    ]


def _datasets(r: dict) -> list[str]:
    lines = [
        "",
        "## Datasets",
        "",
        "| beneficiaries | follow-ups | grants | staff | built | load (COPY) | with VACUUM ANALYZE |",
        "|---:|---:|---:|---:|---|---:|---:|",
    ]
    for size, d in r["datasets"].items():
        s, b = d["shape"], d["build"]
        how = "reused, built " + str(b.get("built_at", ""))[:16] if b.get("reused") else "built in this run"
        lines.append(
            f"| {int(size):,} | {s['follow_ups']:,} | {s['grants']:,} | {s['staff']:,} | {how} | "
            f"{_fmt(b.get('load_seconds'))} s | {_fmt(b.get('build_seconds'))} s |"
        )
    return lines


def _http_table(r: dict, size: str, small: str | None, judged: bool = True) -> list[str]:
    d = r["datasets"][size]
    load = d.get("load_average") or {}
    load = f"{load['start'][0]} at the start, {load['end'][0]} at the end (1-minute)" if load else "—"
    speed = d.get("host_reference_ms") or {}
    drift = (
        f" The host's reference loop (lower is faster), timed before each row, ranged {min(speed.values())}–"
        f"{max(speed.values())} ms: compare rows measured at different speeds with care."
        if speed
        else ""
    )
    lines = [
        "",
        f"## Pages and endpoints at {int(size):,} beneficiaries",
        "",
        "p50/p95 in ms through gunicorn; throughput in requests/s; queries counted in-process "
        f"({'at ' + format(int(small), ',') + ' / ' if small else ''}here / with a few rows); growth = median "
        "latency of one client here over the same at the small size, both datasets served at once and requested "
        f"in turns. Load average while measuring: {load}.{drift}",
        "",
        "| page or endpoint | 1 client p50 / p95 | 8 clients p50 / p95 | 8 clients r/s | queries | growth ×"
        " | host ms | verdict |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for key, target in d["targets"].items():
        q = d["queries"].get(key, {})
        runs = d["http"].get(key)
        if not runs:
            lines.append(f"| {target['label']} | missing (HTTP {q.get('status')}) | | | | | | — |")
            continue
        one, eight = runs.get("1", {}), runs.get("8", {})
        small_q = r["datasets"][small]["queries"].get(key, {}).get("queries") if small else None
        queries = " / ".join(_fmt(x) for x in (small_q, q.get("queries"), q.get("few_queries")) if x is not None)
        ratio = growth(r, key, small, size) if small else None
        ok, why = verdict_http(r, key, size, small) if judged else (None, "reference size")
        lines.append(
            f"| {target['label']} | {_fmt(one.get('p50_ms'))} / {_fmt(one.get('p95_ms'))} | "
            f"{_fmt(eight.get('p50_ms'))} / {_fmt(eight.get('p95_ms'))} | {_fmt(eight.get('throughput_rps'))} | "
            f"{queries} | {_fmt(ratio)} | {_fmt(speed.get(key))} | {_mark(ok)}{': ' + why if why else ''} |"
        )
    return lines


def _ratio_table(r: dict, size: str) -> list[str]:
    d = r["datasets"][size]
    lines = [
        "",
        f"## List endpoints against their floor and the Django admin ({int(size):,})",
        "",
        "Medians of interleaved in-process rounds (Django test client; floor = raw psycopg + json.dumps).",
        "",
        "| list | endpoint ms | floor ms | × floor | admin ms | × admin | admin queries | verdict |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for key, e in d["ratios"].items():
        label = d["targets"][key]["label"]
        if "error" in e and "endpoint_ms" not in e:
            lines.append(f"| {label} | {e['error'][:80]} | | | | | | — |")
            continue
        fr, ar = e.get("floor_ratio"), e.get("admin_ratio")
        ok = (
            None
            if fr is None and ar is None
            else (fr is None or fr <= TARGETS["floor_ratio"]) and (ar is None or ar < TARGETS["admin_ratio"])
        )
        lines.append(
            f"| {label} | {_fmt(e.get('endpoint_ms'))} | {_fmt(e.get('floor_ms'))} | {_fmt(fr)} | "
            f"{_fmt(e.get('admin_ms'))} | {_fmt(ar)} | {_fmt(d['queries'].get(key, {}).get('admin_queries'))} | "
            f"{_mark(ok)} |"
        )
    return lines


def _reports_table(r: dict, size: str) -> list[str]:
    d = r["datasets"][size]
    if not d["reports"]:
        return []
    lines = [
        "",
        f"## PDF reports ({int(size):,} beneficiaries in the database)",
        "",
        "Medians; WeasyPrint = its `write_pdf` on the build's final HTML, timed inside the build (and, as a "
        "cross-check, alone outside it); overhead = (build − WeasyPrint) / WeasyPrint, per build.",
        "",
        "| report | people | seconds | WeasyPrint in the build | WeasyPrint alone | overhead | verdict |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for e in d["reports"].values():
        if "seconds" not in e:
            lines.append(f"| {e['label']} | {e.get('missing') or e.get('error')} | | | | | — |")
            continue
        ok = e["seconds"] < TARGETS["pdf_seconds"] and e["overhead"] < TARGETS["pdf_overhead"]
        lines.append(
            f"| {e['label']} | {_fmt(e.get('people'))} | {_fmt(e['seconds'])} | {_fmt(e['weasyprint_seconds'])} | "
            f"{_fmt(e.get('weasyprint_alone_seconds'))} | {e['overhead']:.0%} | {_mark(ok)} |"
        )
    return lines


def render(r: dict) -> str:
    sizes = sorted(r["datasets"], key=int)
    large, small = sizes[-1], (sizes[0] if len(sizes) > 1 else None)
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` from `bench/results.json` (do not edit by hand); "
        "how it measures: README, *Performance bench*.",
        "",
    ]
    lines += _machine(r)
    lines += ["", "## Targets of issue #8", "", "| target | measured | verdict |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {_mark(ok)} |" for name, value, ok in summary(r, large, small)]
    lines += _datasets(r)
    for size in reversed(sizes):
        lines += _http_table(r, size, small if size != small else None, judged=size == large)
        lines += _ratio_table(r, size)
        lines += _reports_table(r, size)
    return "\n".join(lines) + "\n"


def write_markdown() -> None:
    results = json.loads(RESULTS_JSON.read_text())
    BENCHMARKS_MD.write_text(render(results))
