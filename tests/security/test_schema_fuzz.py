"""Schema fuzzing: schemathesis generates requests from the app's own OpenAPI schema and sends them
through the WSGI application (same PostgreSQL test database), as two caseworkers of different centres.
Half of the cases that name an object get an object of the *other* centre instead. Expected: no server
error, and no response that shows the other centre's person."""

from __future__ import annotations

import json
import random

import hypothesis
import pytest
import schemathesis
from django.conf import settings
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import Client
from hypothesis import HealthCheck, strategies

from tests.security.test_access_matrix import _person_data

EXAMPLES_PER_OPERATION = 10
CSRF = "fuzzcsrf" * 4  # 32 characters: a valid unmasked CSRF secret, sent as cookie and header


def _session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.mark.django_db
def test_fuzzing_the_openapi_schema_finds_no_server_error_and_no_cross_centre_read(people):
    fes = _person_data("FES", people.caseworker, people.supervisor, people.administrator, people.neighbour)
    cas = _person_data("CAS", people.outsider, people.outsider_supervisor, people.administrator, people.neighbour)
    users = [(people.caseworker, cas), (people.outsider, fes)]
    app = get_wsgi_application()
    reader = Client()
    reader.force_login(people.caseworker)
    schema = schemathesis.openapi.from_dict(json.loads(reader.get("/api/schema/", {"format": "json"}).content))
    schema.app = app  # calls go through the WSGI application, in this test's database transaction
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20, "the schema lists the API's operations"
    failures, counter = [], [0, 0]
    rng = random.Random(2021)  # noqa: S311 — test data, reproducible

    for user, foreign in users:
        cookie = _session_cookie(user)
        headers = {"X-CSRFToken": CSRF}
        cookies = {settings.SESSION_COOKIE_NAME: cookie, settings.CSRF_COOKIE_NAME: CSRF}
        foreign_ids = [v for v in foreign.ids.values() if len(v) >= 32]
        markers = [m for m in foreign.markers if len(m) >= 8]
        # Like Django's test client: keep this test's connection (and transaction) across WSGI requests.
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        try:
            for operation in operations:
                _fuzz(operation, user, headers, cookies, foreign_ids, markers, rng, failures, counter)
        finally:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)
    print(
        f"\nschema fuzzing: {counter[0]} cases ({counter[1]} answered 2xx) over {len(operations)} operations "
        f"× {len(users)} users; {len(failures)} failure(s)"
    )
    assert counter[1] >= len(operations), "the calls must be authenticated and reach the views"
    assert not failures, "\n".join(sorted(set(failures))[:60])


def _fuzz(operation, user, headers, cookies, foreign_ids, markers, rng, failures, counter):
    @hypothesis.settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
    )
    @hypothesis.given(case=operation.as_strategy(), swap=strategies.booleans())
    def run(case, swap):
        if swap and case.path_parameters:
            for name in case.path_parameters:
                case.path_parameters[name] = rng.choice(foreign_ids)
        savepoint = transaction.savepoint()  # every call is undone: the dataset stays as built
        try:
            response = case.call(headers=headers, cookies=cookies)
        finally:
            transaction.savepoint_rollback(savepoint)
        counter[0] += 1
        if 200 <= response.status_code < 300:
            counter[1] += 1
        where = f"{user.username} {case.method} {case.formatted_path} -> {response.status_code}"
        if response.status_code >= 500:
            failures.append(f"server error: {where}")
            return
        text = response.content.decode("utf-8", "replace")
        sent = f"{case.formatted_path} {case.query} {case.body}"
        leaked = [m for m in markers if m in text and m not in sent]
        if leaked:
            failures.append(f"shows another centre's {leaked}: {where}")

    run()
