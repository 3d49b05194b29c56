"""A small population of the national shape, built by the bench's own generator (same code as `make bench`,
with the per-row foreign-key triggers on), and a logged-in test client per measured role."""

from __future__ import annotations

import pytest

from bench.dataset import build
from bench.sessions import client_for, create_sessions

SIZE = 300


@pytest.fixture
def population(db):
    meta = build(size=SIZE, seed=8, bulk=False)
    fixtures = meta["fixtures"]
    sessions = create_sessions(fixtures)
    return fixtures, {role: client_for(session) for role, session in sessions.items()}
