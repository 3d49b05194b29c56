"""Hostile input into every form of the pages and every field of the API's write operations.

The forms are found by reading the pages (every route, as a user for whom it opens, on objects in that
user's scope); the API fields come from the OpenAPI schema. Each hostile string (very long, control
characters, mixed scripts and bidi overrides, HTML/JS, SQL fragments, a NUL byte) is sent in every text
field at once. Expected: never a 500; a refusal is a clear validation error (a 4xx, or the form shown
again with its errors) with nothing written; the HTML never comes back unescaped.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import Resolver404, resolve

from tests.security.test_access_matrix import MISSING, _meaning, _person_data, _programme_data, routes

SCRIPT = "<script>alert('x')</script><img src=x onerror=alert(1)>"
HOSTILE = [
    "A" * 20000,
    "ctl\x01\x02\x07\x1b[31m\x7f\u0085end",
    "أحمد Ahmed Ахмед 𝔄𝔥𝔪𝔢𝔡 \u202eevil\u202c \u200f‏ ﷽",
    SCRIPT,
    "'; DROP TABLE beneficiaries_beneficiary; -- \" OR 1=1 /* */ UNION SELECT password FROM casework_user",
    "nul\x00byte",
    "   ",
]
# Tables whose rows a refused form may still touch: the audit of the read, sessions, notifications read.
IGNORED_TABLES = ("casework_auditentry", "django_session", "security_", "axes_")


class _Forms(HTMLParser):
    """The POST forms of a page: action and the fields with their current values."""

    def __init__(self):
        super().__init__()
        self.forms, self._current, self._select = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self._current = {"action": a.get("action") or "", "fields": {}, "text": [], "files": []}
            self.forms.append(self._current)
        elif self._current is None:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("text", "search", "tel", "email", "url", "password", "number", "date"):
                self._current["text" if kind in ("text", "search", "tel", "email", "url", "password") else "fields"]
                self._current["fields"][a["name"]] = a.get("value") or ""
                if kind in ("text", "search", "tel", "email", "url", "password"):
                    self._current["text"].append(a["name"])
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._current["fields"][a["name"]] = a.get("value") or "on"
            elif kind == "file":
                self._current["files"].append(a["name"])
            elif kind != "submit":
                self._current["fields"][a["name"]] = a.get("value") or ""
        elif tag == "textarea" and a.get("name"):
            self._current["fields"][a["name"]] = ""
            self._current["text"].append(a["name"])
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self._current["fields"].setdefault(a["name"], "")
        elif tag == "option" and self._select and self._current:
            if not self._current["fields"].get(self._select) or "selected" in a:
                self._current["fields"][self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None


def _writes() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables")
        return sum(n for name, n in cursor.fetchall() if not name.startswith(IGNORED_TABLES))


def _send(client, method, path, **kwargs):
    savepoint = transaction.savepoint()  # every attempt is undone: the dataset stays as built
    try:
        before = _writes()
        response = getattr(client, method)(path, **kwargs)
        after = _writes()
    finally:
        transaction.savepoint_rollback(savepoint)
    return response, after - before


def _check(response, written: int, where: str, failures: list, *, api: bool = False) -> None:
    status = response.status_code
    if status >= 500:
        failures.append(f"server error: {where} -> {status}")
        return
    body = b"" if response.streaming else response.content
    if SCRIPT.encode() in body and "html" in response.get("Content-Type", ""):
        failures.append(f"HTML not escaped: {where}")
    # A page's form shown again (200 after a POST) is a refusal; an API answers 2xx only when it acted.
    refused = status >= 400 or (status == 200 and not api)
    if refused and written:
        failures.append(f"refused but {written} row change(s) kept: {where} -> {status}")


@pytest.mark.django_db
def test_hostile_strings_in_every_form_and_api_field(people):
    data = _person_data("FES", people.caseworker, people.supervisor, people.administrator, people.neighbour)
    programme = _programme_data(people.administrator)
    from beneficiaries.models import Cohort

    programme["cohort"] = str(Cohort.objects.order_by("pk").first().pk)
    users = {"caseworker": people.caseworker, "administrator": people.administrator}
    failures, inputs, forms_seen = [], 0, set()
    for role, user in users.items():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        for route in routes():
            if (
                route.name.startswith("admin:")
                or "{" in route.template
                and any(_meaning(route, p).startswith("=") and p not in ("kind", "action") for p in route.params)
            ):
                continue
            values = {}
            for param in route.params:
                meaning = _meaning(route, param)
                values[param] = (
                    programme.get(meaning[1:], meaning[1:])
                    if meaning.startswith("=")
                    else data.ids.get(meaning, MISSING)
                )
            path = route.template.format(**values)
            if path.startswith("/api/"):
                continue
            page = client.get(path)
            if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
                continue
            parser = _Forms()
            parser.feed(page.content.decode("utf-8", "replace"))
            for form in parser.forms:
                action = form["action"] or path
                if not form["text"] or action.startswith(("/accounts/logout", "/i18n/")):
                    continue
                key = (re.sub(r"[0-9a-f-]{36}", "<id>", action), tuple(sorted(form["text"])))
                if key in forms_seen:
                    continue
                forms_seen.add(key)
                for hostile in HOSTILE:
                    fields = {**form["fields"], **{name: hostile for name in form["text"]}}
                    response, written = _send(client, "post", action, data=fields)
                    inputs += len(form["text"])
                    _check(response, written, f"{role} POST {action} {sorted(form['text'])} {hostile[:20]!r}", failures)
        inputs += _api_fields(client, role, data, programme, failures)
    print(
        f"\nbad input: {inputs} hostile inputs into {len(forms_seen)} forms and the API's write fields; "
        f"{len(failures)} failure(s)"
    )
    assert len(forms_seen) >= 15, "the pages' forms were found"
    assert not failures, "\n".join(failures[:60])


def _api_fields(client, role, data, programme, failures) -> int:
    schema = json.loads(client.get("/api/schema/", {"format": "json"}).content)
    components = schema["components"]["schemas"]
    sent = 0
    for template, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method not in ("post", "put", "patch"):
                continue
            content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            ref = content.get("schema", {}).get("$ref", "")
            properties = components.get(ref.rsplit("/", 1)[-1], {}).get("properties", {}) if ref else {}
            if not properties:
                continue
            sample = re.sub(r"\{[^}]+\}", MISSING, template)
            try:
                match = resolve(sample)
            except Resolver404:
                continue
            name = f"{match.namespace}:{match.url_name}"
            route = next((r for r in routes() if r.name == name), None)
            path = template
            for param in re.findall(r"\{(\w+)\}", template):
                meaning = _meaning(route, param if route and param in route.params else "pk")
                value = programme.get(meaning[1:], MISSING) if meaning.startswith("=") else data.ids.get(meaning)
                path = path.replace("{" + param + "}", value or MISSING)
            writable = [p for p, spec in properties.items() if not spec.get("readOnly")]
            for hostile in HOSTILE:
                body = {p: hostile for p in writable}
                response, written = _send(client, method, path, data=body, content_type="application/json")
                sent += len(writable)
                where = f"{role} {method.upper()} {path} {writable} {hostile[:20]!r}"
                _check(response, written, where, failures, api=True)
    return sent


@pytest.mark.django_db
def test_a_nul_byte_in_any_parameter_is_refused_whole_with_a_400(people):
    """Raw parameters read outside a form (a search box, a file number, a token key) must not reach
    PostgreSQL with a NUL: the guard refuses the request before any view runs."""
    from casework.models import AuditEntry

    client = Client(raise_request_exception=False)
    client.force_login(people.administrator)
    before = AuditEntry.objects.count()
    page = client.get("/accounts/staff/", {"q": "nul\x00byte"})
    assert page.status_code == 400
    assert "html" in page["Content-Type"]
    posted = client.post("/grants/new/", {"file_number": "FES\x00", "title": "x"})
    assert posted.status_code == 400
    api = client.get("/api/v1/beneficiaries/", {"q": "a\x00"})
    assert api.status_code == 400
    assert api.json()["code"] == "nul_byte"
    assert AuditEntry.objects.count() == before, "nothing ran, so nothing was audited"
    assert client.get("/accounts/staff/", {"q": "نور"}).status_code == 200
