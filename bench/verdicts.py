"""Each figure held against the targets of issue #8 (bench.config.TARGETS): met, not met, or not measured."""

from __future__ import annotations

from .config import TARGETS


def _p(r: dict, size: str, key: str, concurrency: str, name: str):
    return r["datasets"][size]["http"].get(key, {}).get(concurrency, {}).get(name)


def growth(r: dict, key: str, small: str | None, large: str) -> float | None:
    """Cost at the large size over cost at the small one: median latency of one client alone, from the
    interleaved growth measure (bench.growth) when there is one, else from the two separate runs."""
    if not small:
        return None
    measured = r.get("growth", {}).get(key, {}).get("ratio")
    if measured is not None:
        return measured
    a, b = _p(r, small, key, "1", "p50_ms"), _p(r, large, key, "1", "p50_ms")
    return round(b / a, 2) if a and b else None


def _limit(r: dict, size: str, key: str) -> float:
    kind = r["datasets"][size]["targets"][key]["kind"]
    return TARGETS["search_p95_ms"] if kind == "search" else TARGETS["p95_ms"]


def query_drift(r: dict, key: str, size: str, small: str | None) -> str:
    q = r["datasets"][size]["queries"].get(key, {})
    notes = []
    if small:
        before = r["datasets"][small]["queries"].get(key, {}).get("queries")
        if before is not None and q.get("queries") is not None and before != q["queries"]:
            notes.append(f"queries {before}→{q['queries']} with size")
    if q.get("few_queries") is not None and q.get("few_queries") != q.get("queries"):
        notes.append(f"queries {q['few_queries']} (few rows) vs {q['queries']} (page)")
    return "; ".join(notes)


def verdict_http(r: dict, key: str, size: str, small: str | None) -> tuple[bool | None, str]:
    p95 = _p(r, size, key, "8", "p95_ms")
    if p95 is None:
        return None, ""
    why = []
    limit = _limit(r, size, key)
    if p95 > limit:
        why.append(f"p95 {p95:.0f} > {limit:.0f} ms")
    errors = _p(r, size, key, "8", "errors")
    if errors:
        why.append(f"{errors} errors")
    drift = query_drift(r, key, size, small)
    if drift:
        why.append(drift)
    g = growth(r, key, small, size)
    if g is not None and g > TARGETS["growth_ratio"]:
        why.append(f"growth {g}×")
    return not why, "; ".join(why)


def _worst(items):
    items = [i for i in items if i[1] is not None]
    return max(items, key=lambda i: i[1]) if items else None


def summary(r: dict, large: str, small: str | None) -> list[tuple[str, str, bool | None]]:
    d = r["datasets"][large]
    at = f" (measured at {int(large):,})" if int(large) != 100_000 else ""
    keys = [k for k in d["targets"] if k in d["http"]]
    missing = [d["targets"][k]["label"] for k in d["targets"] if k not in d["http"]]
    rows = []

    def add(name, worst, limit, unit, below=False):
        if not worst:
            rows.append((name, "not measured", None))
            return
        label, value = worst
        ok = value < limit if below else value <= limit
        rows.append((name, f"worst: {value}{unit} — {label}{at}", ok))

    pages = [
        (d["targets"][k]["label"], _p(r, large, k, "8", "p95_ms")) for k in keys if d["targets"][k]["kind"] != "search"
    ]
    searches = [
        (d["targets"][k]["label"], _p(r, large, k, "8", "p95_ms")) for k in keys if d["targets"][k]["kind"] == "search"
    ]
    add("p95 < 150 ms for every page and endpoint, 8 clients", _worst(pages), TARGETS["p95_ms"], " ms")
    add("search p95 < 100 ms, 8 clients", _worst(searches), TARGETS["search_p95_ms"], " ms")
    add(
        "no list endpoint more than 3× its raw-SQL floor",
        _worst([(d["targets"][k]["label"], e.get("floor_ratio")) for k, e in d["ratios"].items()]),
        TARGETS["floor_ratio"],
        "×",
    )
    add(
        "every list faster than the admin changelist",
        _worst([(d["targets"][k]["label"], e.get("admin_ratio")) for k, e in d["ratios"].items()]),
        TARGETS["admin_ratio"],
        "× the admin",
        below=True,
    )
    add(
        "cost at 100,000 within 1.5× of the cost at 1,000",
        _worst([(d["targets"][k]["label"], growth(r, k, small, large)) for k in keys]),
        TARGETS["growth_ratio"],
        "×",
    )
    drifts = [
        f"{d['targets'][k]['label']}: {query_drift(r, k, large, small)}"
        for k in keys
        if query_drift(r, k, large, small)
    ]
    rows.append(
        (
            "query counts do not grow with the data or the page",
            "; ".join(drifts) or "constant everywhere",
            not drifts if keys else None,
        )
    )
    reports = [(e["label"], e.get("seconds")) for e in d["reports"].values()]
    add(
        "PDFs under 5 s (the 50-person reports, the indicators)",
        _worst(reports),
        TARGETS["pdf_seconds"],
        " s",
        below=True,
    )
    add(
        "PDFs under 15 % over WeasyPrint alone",
        _worst([(e["label"], round(e["overhead"] * 100, 1)) for e in d["reports"].values() if "overhead" in e]),
        TARGETS["pdf_overhead"] * 100,
        " %",
        below=True,
    )
    minutes = r.get("total_seconds", 0) / 60
    rows.append(
        ("`make bench` under 30 minutes on 2 cores", f"{minutes:.1f} min", minutes < TARGETS["make_bench_minutes"])
    )
    if missing:
        rows.append(("pages and endpoints measured", "not there yet: " + ", ".join(missing), False))
    return rows
