"""The reference data every page needs is there, as the migrations load it: in the copy of the new test
database (tests/snapshot.py) that the browser tests' `site` fixture restores before it builds its scene."""

import json
from collections import Counter

from tests import snapshot


def test_the_migrations_load_the_reference_data(db):
    rows = json.loads(snapshot.contents())
    per_model = Counter(row["model"] for row in rows)
    centre_codes = {row["fields"]["code"] for row in rows if row["model"] == "casework.centre"}
    assert per_model["casework.region"] == 12
    assert {"FES", "MEK", "CAS"} <= centre_codes
    assert per_model["casework.prisonestablishment"] > 0
    assert per_model["grants.sector"] > 0
    assert per_model["beneficiaries.module"] > 0
    assert per_model["casework.user"] == 0
