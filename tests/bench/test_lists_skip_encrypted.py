"""Lists never read the person's encrypted identifiers (CIN, phone, address): no list shows them, and each
value read is a Fernet decryption per row (pages: `beneficiaries.protected_data.defer_encrypted` or
`casework.querysets.only_listed_columns`; API lists: `casework.api.lists.ListColumnsMixin`). Checked on the SQL
of every page and endpoint of bench/targets.py but a person's own pages, which do show them."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.targets import TARGETS, resolve
from beneficiaries.protected_data import ENCRYPTED_FIELDS

# A person's file and timeline read that one person whole (the file shows the identifiers).
PERSON_PAGES = {"person_file", "timeline"}
# The column as selected: `"beneficiaries_beneficiary"."cin"` (or a join alias), never `…"cin_hash"`.
NAMES = "|".join(ENCRYPTED_FIELDS["beneficiaries.Beneficiary"])
ENCRYPTED_COLUMN = re.compile(rf'(?:"beneficiaries_beneficiary"|T\d+)\."({NAMES})"')


def _encrypted_columns_read(client, url: str) -> tuple[int, set[str]]:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    read = {m.group(1) for q in captured.captured_queries for m in ENCRYPTED_COLUMN.finditer(q["sql"])}
    return response.status_code, read


def test_no_list_reads_the_encrypted_identifiers(population):
    fixtures, clients = population
    problems = []
    for target in TARGETS:
        if target.key in PERSON_PAGES:
            continue
        for url in filter(None, (target.url, target.few)):
            status, read = _encrypted_columns_read(clients[target.user], resolve(url, fixtures))
            if status != 200:
                problems.append(f"{target.key} {url}: HTTP {status}")
            elif read:
                problems.append(f"{target.key} {url}: reads {sorted(read)}")
    assert not problems, "\n".join(problems)


def test_a_persons_file_still_reads_them(population):
    """The check above can see the columns: the file page, which shows them, does select them."""
    fixtures, clients = population
    target = next(t for t in TARGETS if t.key == "person_file")
    status, read = _encrypted_columns_read(clients[target.user], resolve(target.url, fixtures))
    assert status == 200
    assert read == set(ENCRYPTED_FIELDS["beneficiaries.Beneficiary"])
