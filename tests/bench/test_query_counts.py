"""Query counts of the main pages and endpoints: a regression guard that is not timing-based.

The bench's own generator builds a small population of the national shape in the test database (the
`population` fixture, tests/bench/conftest.py), then every target of bench/targets.py is
requested as its user through the test client, with queries counted:
- a list shows a full page or a few rows with the same number of queries (no query per row);
- no page or endpoint issues more queries than pinned below, nor reads through a server-side cursor (each costs
  three round trips that the query count does not show). A page that needs fewer is fine (lower the
  pin); one that needs more must say why in its own change, with the pin raised there.
The bench (BENCHMARKS.md) checks the other axis: the same counts at 1,000 and at 100,000 beneficiaries.
"""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.targets import TARGETS, resolve

# Queries per request, measured on this dataset; every page and endpoint of bench/targets.py is pinned.
# On failure the message prints every measured count, ready to paste here when a change is justified.
# +1 on every page that lists files (2026-12-07): the access policy reads the user's live shares once per
# request, so that the scope condition is indexable (casework/access.py); pages went 1.5-5x faster for it.
# +1 per figure counted in scope (home pages: 3, follow-ups page: 3 with its page count), 2026-12-07: each
# is counted part by part (BeneficiaryPolicy.count_visible), which at 100,000 people took the caseworker's
# home page from 102 to 58 ms in process and the follow-ups page from 196 to 75 ms (bench explain).
# +1 on the API lists of follow-ups, plans, referrals, grants (CountedInScopeMixin counts their page by parts;
# API follow-ups 121 → 77 ms in process), +1 more on grants: its `centre` filter reads the centre again.
# +1 on the API lists of deliveries and visits, 2026-12-07 (counted by parts on their centre copy: SQL of the
# page 50 → 14 ms and 53 → 13 ms at 100,000 people, bench explain).
# −2 on the envelope detail (2026-12-07): its breakdown is one GROUP BY folded in Python (was three).
# −1 on the caseworker's home and the timeline (2026-12-08): the watchlist authorisation is read once per request
# (the page and its navigation both ask).
# −1 on every page (2026-12-08): the signed-in user is read with their centre and region, which the navigation
# shows (casework/security/backends.py). The API answers JSON without navigation: unchanged.
# −1 on API grants (2026-12-08): its filters are validated once for the rows and their count (its `centre` filter
# read the centre twice; casework/api/filter_backend.py).
# +1 on the grants list (2026-12-08): it counts its rows part by part of the scope (grants.selectors.grant_total),
# as the follow-ups page does: the count's SQL 6 -> 1 ms at 100,000 people (bench explain), page 37 -> 30 ms.
# −2 on the follow-ups page (2026-12-08): a caseworker's counts and own counts come from the same aggregates
# (selectors.follow_up_counts_and_mine), one query per part of the scope instead of two.
PINNED: dict[str, int] = {
    "cw_home": 18, "person_list": 13, "search_latin": 12, "search_arabic": 12, "search_cin": 12, "person_file": 17,
    "timeline": 19, "followup_overview": 13, "sup_home": 16, "watchlist": 11, "envelopes": 6, "envelope": 14,
    "grant_list": 15, "api_beneficiaries": 8, "api_follow_ups": 9, "api_overdue": 9, "api_plans": 8,
    "api_referrals": 8, "api_grants": 11, "api_envelopes": 6, "api_events": 7, "api_deliveries": 8, "api_visits": 8,
}  # fmt: skip


def _count(client, url: str) -> tuple[int, int, int]:
    """HTTP status, queries, and how many of them went through a server-side cursor (three round trips each:
    DECLARE, FETCH, CLOSE; casework/choice_fields.py keeps the choice lists off them)."""
    client.get(url)  # warm caches (content types, site), as a running server is
    named = []

    def spot_named_cursors(execute, sql, params, many, context):
        if getattr(context["cursor"].cursor, "name", None):
            named.append(sql)
        return execute(sql, params, many, context)

    with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(spot_named_cursors):
        response = client.get(url)
    return response.status_code, len(captured.captured_queries), len(named)


def test_query_counts(population):
    fixtures, clients = population
    measured, problems = {}, []
    for target in TARGETS:
        status, queries, through_cursors = _count(clients[target.user], resolve(target.url, fixtures))
        if status != 200:
            problems.append(f"{target.key}: HTTP {status}")
            continue
        measured[target.key] = queries
        if through_cursors:
            problems.append(f"{target.key}: {through_cursors} queries through a server-side cursor")
        if target.few:
            few_status, few, _ = _count(clients[target.user], resolve(target.few, fixtures))
            if few_status == 200 and few != queries:
                problems.append(f"{target.key}: {queries} queries for a page, {few} for a few rows")
        if target.key in PINNED and queries > PINNED[target.key]:
            problems.append(f"{target.key}: {queries} queries, pinned at {PINNED[target.key]}")
        elif target.key not in PINNED:
            problems.append(f"{target.key}: not pinned ({queries} queries)")
    assert not problems, "\n".join(problems) + f"\nmeasured: {measured}"


def test_the_evidence_commands_report_on_the_pages_asked_for(population, capsys):
    """`python -m bench explain` and `profile` on the same small dataset: each names the page, answers 200,
    and shows its evidence (the plan of its slowest query; where its time went)."""
    from bench.explain import explain
    from bench.profile import profile

    explain(["api_envelopes"], top=1)
    explained = capsys.readouterr().out
    assert "=== api_envelopes /api/v1/grants/envelopes/ → 200" in explained
    assert "Planning Time" in explained  # an EXPLAIN ANALYZE plan was printed
    profile(["person_list"], requests=2)
    profiled = capsys.readouterr().out
    assert "=== person_list /people/?centre=" in profiled and "ms per request" in profiled
    assert "person_list  beneficiaries/views/people.py" in profiled  # the view is in the call tree
    assert "api_envelopes" not in profiled
