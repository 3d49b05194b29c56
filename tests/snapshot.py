"""The test database as the migrations made it (reference data included), serialized once per test process.

It is taken straight after the database is made, before any transactional test empties it (their flush
removes the reference rows the migrations loaded). The browser tests' `site` fixture restores it, and
test_reference_data.py reads it. Each pytest-xdist process has its own database and its own copy.
"""

from __future__ import annotations

import pytest
from django.db import connection

_taken: dict[str, str] = {}


def take() -> str:
    """Serialize the database now: it must hold the reference rows and nothing a test made."""
    from casework.models import Region, User

    if User.objects.exists():
        pytest.fail("The kept test database holds the data of an interrupted run: run once with --create-db.")
    if not Region.objects.exists():
        pytest.fail("The test database holds no reference data: it was emptied before its copy was taken.")
    _taken["contents"] = connection.creation.serialize_db_to_string()
    return _taken["contents"]


def contents() -> str:
    return _taken.get("contents") or take()
