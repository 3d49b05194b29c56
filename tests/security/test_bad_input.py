"""Hostile input into every form of the pages and every field of the API.

The routes are enumerated from the URL resolver; each URL parameter is filled from the objects of a scene
the test builds (a person's file with its family, consents, documents, shares, transfers and cohort place;
plans, goals, follow-ups and referrals, grants in every state, envelopes, allocations, events, reference
rows, reports, notifications, alerts, staff…), found by the parameter's name (`beneficiary_id`,
`grant_id`, …, a namespace's bare `pk`, an API viewset's basename, the admin's model), so a new route is
covered without touching this file. A route whose parameters cannot be filled, or that no role reaches,
must be listed in NOT_FILLED / NOT_REACHED with the reason: any other such route fails the test.

Every route is read anonymously and as a caseworker, a supervisor (with a confirmed second factor) and an
administrator, with each object the scene holds for it (a grant in each state…); the second-factor pages
also by a caseworker with a second factor and a supervisor who has not given it yet. The forms (POST and
GET) are found by reading the pages, and each is tried once. Every field gets hostile values of its kind:
text and hidden fields the hostile strings (very long, control characters, mixed scripts and bidi
overrides, HTML/JS, SQL fragments, a NUL byte, blanks), number fields overflowing and malformed numbers,
date fields impossible and out-of-range dates, selects, radios, checkboxes and buttons an invalid choice,
file fields hostile files; a form without fields a stray parameter. First all fields at once (a NUL
round, then sampled rounds: every field gets five of its kind's seven values), then the fields the form
does not bound with the others as the page sends them, so that a value the form lets through reaches the
services and the database. The API's operations come from the OpenAPI schema: every query parameter and
body property (JSON and multipart, nested objects and arrays included), typed the same way, and malformed
bodies.

Expected: never a 500; a refusal is a clear validation error (a 4xx, or the form shown again with its
errors) with nothing written; the HTML never comes back unescaped.
"""

from __future__ import annotations

import datetime
import itertools
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from http.cookies import SimpleCookie

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django_otp import DEVICE_ID_SESSION_KEY

from tests import factories
from tests.security.test_access_matrix import _person_data, _template

SCRIPT = "<script>alert('x')</script><img src=x onerror=alert(1)>"
SQL = "'; DROP TABLE beneficiaries_beneficiary; -- \" OR 1=1 /* */ UNION SELECT password FROM casework_user"
NUL = "nul\x00byte"
LONG = "A" * 20000
HOSTILE = [
    LONG,
    "ctl\x01\x02\x07\x1b[31m\x7f\u0085end",
    "أحمد Ahmed Ахмед 𝔄𝔥𝔪𝔢𝔡 \u202eevil\u202c \u200f‏ ﷽",
    SCRIPT,
    SQL,
    NUL,
    "   ",
]
# The same number of values for every kind, the NUL byte at the same place.
NUMBERS = ["9" * 40, "-9223372036854775809", "1e309", "NaN", "١٢٣", NUL, "12 OR 1=1"]
DATES = ["9999-12-31", "0001-01-01", "2021-02-30", "99999-01-01", SCRIPT, NUL, "2021-13-45T99:99"]
CHOICES = ["9" * 40, "-1", str(uuid.UUID(int=0)), SCRIPT, SQL, NUL, "ctl\x01\x1b"]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FILES = [
    ("A" * 240 + ".pdf", PDF, "application/pdf"),
    ("ctl\x01\x1b[31m.pdf", PDF, "application/pdf"),
    ("\u202efdp.exe", b"MZ\x90\x00\x03\x00\x00\x00", "application/pdf"),
    ("<script>alert(1)</script>.pdf", b"<script>alert(1)</script>", "text/html"),
    ("'; DROP TABLE x; --.csv", b"=cmd|' /C calc'!A0\n\"unclosed,\x00\n", "text/csv"),
    ("nul\x00byte.pdf", PDF, "application/pdf"),
    ("../../../etc/passwd", b"", "application/octet-stream"),
]
ROUNDS = len(HOSTILE)
assert all(len(values) == ROUNDS for values in (NUMBERS, DATES, CHOICES, FILES))
# Every field at once, in rounds: first the NUL byte everywhere (the guard refuses the whole request, so
# it shares a round with nothing), then SAMPLED rounds in which field j gets value (r + j) of the others:
# each field gets the NUL and SAMPLED of the six other values of its kind, and every value goes into
# every kind of field.
NUL_ROUND = HOSTILE.index(NUL)
OTHERS = [i for i in range(ROUNDS) if i != NUL_ROUND]
SAMPLED = 4


def _rounds(count: int) -> list[list[int]]:
    """For each round, the index of the value each of `count` fields gets."""
    return [[NUL_ROUND] * count] + [[OTHERS[(r + j) % len(OTHERS)] for j in range(count)] for r in range(SAMPLED)]


# Then the fields the form does not bound, with the others as the page sends them: the values most
# likely to pass a form and fail further in (a column too short, an integer out of range, a date a day
# from overflowing), in two steps. A field is bounded when the page shows the bound that refuses the
# value (Django renders maxlength, min and max from the field's validators): refused before anything
# runs, it is left out. The unbounded fields go in together; when the form refuses that although it
# accepts the page's own values, each goes in alone.
DEEP = [
    {
        "text": (LONG, "maxlength"),
        "hidden": (LONG, "maxlength"),
        "number": ("9" * 40, "max"),
        "date": ("9999-12-31", "max"),
        "file": (FILES[0], None),
    },
    {"number": ("-" + "9" * 40, "min"), "date": ("0001-01-01", "min"), "file": (FILES[4], None)},
]
# Tables whose rows a refused form may still touch: the audit of the read, sessions, notifications read,
# the records of failed sign-ins; and django-otp's devices, whose failure counter a wrong code raises
# (updates only: a device created by a refused form is still a row kept).
IGNORED_TABLES = ("casework_auditentry", "django_session", "security_", "axes_")
IGNORED_UPDATES = ("otp_totp_totpdevice", "otp_static_staticdevice")
MISSING = str(uuid.UUID(int=7))  # an id that exists nowhere
STRAY = "unexpected"  # the parameter sent to a form without fields
MAX_VARIANTS = 8  # objects tried per route (e.g. a grant in each state)


# ---- the routes and what their parameters name ---------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str  # namespace:name ("?" for an unnamed pattern)
    template: str  # the path with {param} placeholders
    params: tuple[str, ...]
    route: str  # the pattern as ResolverMatch.route spells it: the key a resolved path maps back to
    callback: object = field(compare=False, hash=False)


def _join(first: str, second: str) -> str:  # as django.urls.resolvers does for ResolverMatch.route
    return second if not first else first + second.removeprefix("^")


def routes(patterns=None, prefix: str = "/", namespace: str = "", route: str = "") -> list[Route]:
    found = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        joined = _join(route, str(entry.pattern))
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += routes(entry.url_patterns, prefix + _template(entry.pattern), ns, joined)
        elif isinstance(entry, URLPattern):
            template = prefix + _template(entry.pattern)
            params = tuple(re.findall(r"\{(\w+)\}", template))
            found.append(Route(f"{namespace}{entry.name or '?'}", template, params, joined, entry.callback))
    return found


# What a URL parameter names: a key of the scene. The first match wins: "<route name>:<param>",
# "<namespace>:<param>", "<param>"; then an API viewset's `pk` is its basename (ALIASES), the admin's
# `object_id` its model, and "<x>_id" / "<x>_pk" is the scene's "x".
KWARGS: dict[str, str] = {
    "beneficiaries:pk": "person",
    "beneficiaries_api:pk": "person",
    "plans:pk": "plan",
    "plans:follow_up:pk": "follow_up",
    "plans:follow_up_correct:pk": "follow_up",
    "plans:follow_up_missed:pk": "follow_up",
    "plans:follow_up_cancel:pk": "follow_up",
    "plans:referral_update:pk": "referral",
    "plans:person:pk": "person",
    "plans:create:pk": "person",
    "plans:follow_ups:pk": "person",
    "plans:follow_up_record:pk": "person",
    "plans:follow_up_plan:pk": "person",
    "plans:referrals:pk": "person",
    "plans:referral_create:pk": "person",
    "plans:timeline:pk": "person",
    "plans:action": "plan_step",
    "grants:kind": "reference",
    "grants:pk": "reference",
    "reports:kind": "report_kind",
    "reports:pk": "report",
    "notifications:pk": "notification",
    "watchlist:pk": "alert",
    "watchlist:authorisation_revoke:pk": "authorisation",
    "watchlist:action": "alert_step",
    "security:pk": "staff",
    "admin:app_label": "app_label",
    "admin:url": "admin_path",
    "admin:view_on_site:content_type_id": "content_type",
    "admin:view_on_site:object_id": "staff",
    "uidb64": "password_reset",
    "token": "password_reset",
}
ALIASES = {"beneficiary": "person", "proposal": "grant", "job": "report", "follow-up": "follow_up"}
# Routes whose parameters the scene cannot fill, with the reason (none today: every route is filled).
NOT_FILLED: dict[str, str] = {}
# Not read by the pages' loop: the health check pings the broker and the workers (a second's wait and a
# 503 without a worker); the API's schema is read once, for the API's part.
NOT_READ = {"healthz", "api:schema"}
# Routes that are filled but that no role of this test reaches (no 2xx, no hostile input sent there).
NOT_REACHED: dict[str, str] = {
    "healthz": "not read: pings Redis and the Celery workers (a 503 after a second without one); reads no input",
    "admin:view_on_site": "redirects to the object's page (staff have no public page: 404); reads no input",
    "admin:url": "the admin's catch-all: 404 for a path that names nothing; reads no input",
    "admin:object_redirect": "redirects /admin/<app>/<model>/<id>/ to the change form (covered); reads no input",
    "reports:download": "a finished report's file: only the Celery worker, which does not run here, makes one",
}


def _key(route: Route, param: str) -> str | None:
    namespace = route.name.rpartition(":")[0]
    for candidate in (f"{route.name}:{param}", f"{namespace}:{param}", param):
        if candidate in KWARGS:
            return KWARGS[candidate]
    basename = getattr(route.callback, "initkwargs", {}).get("basename")
    if basename and param == "pk":
        return ALIASES.get(basename, basename)
    model = _admin_model(route)
    if model is not None and param in ("object_id", "id", "pk"):
        return f"model:{model._meta.label}"
    if param.endswith(("_id", "_pk")):
        return ALIASES.get(param[:-3], param[:-3])
    return None


def _admin_model(route: Route):
    found = re.match(r"/admin/(\w+)/(\w+)/", route.template)
    if not found:
        return None
    try:
        model = apps.get_model(found[1], found[2])
    except (LookupError, ValueError):
        return None
    return model if model in admin.site._registry else None


def _route_key(route: Route) -> str:
    """How NOT_REACHED names a route (unnamed admin redirects share one entry)."""
    if route.name == "admin:?":
        return "admin:url" if route.params == ("url",) else "admin:object_redirect"
    return route.name


def _bind(param: str, value) -> dict:
    """The parameters a scene value fills: its own, plus its parents' ("with": a consent names its person),
    or several at once (a dict without "id": a reference list's kind and row)."""
    if not isinstance(value, dict):
        return {param: str(value)}
    if "id" in value:
        return {**value.get("with", {}), param: value["id"]}
    return value


def _own_ids(scene: dict, key: str) -> list[str]:
    values = [v["id"] if isinstance(v, dict) else v for v in scene.get(key, []) if not isinstance(v, dict) or "id" in v]
    return [str(v) for v in values]


def _variants(route: Route, scene: dict) -> list[dict] | str:
    """The parameter values to try (objects in several states), or why the route cannot be filled."""
    options = []
    for param in route.params:
        key = _key(route, param)
        if key is None:
            return f"nothing in KWARGS says what <{param}> names"
        if key.startswith("model:") and key not in scene:
            row = apps.get_model(key[6:])._default_manager.order_by("pk").values_list("pk", flat=True).first()
            scene[key] = [str(row)] if row is not None else []
        values = scene.get(key)
        if not values:
            return f"the scene has no '{key}' for <{param}>"
        options.append([_bind(param, v) for v in values])
    variants = []
    for combination in itertools.product(*options):
        merged: dict = {}
        # A value may bind its parent too (a consent names its person): keep only consistent combinations.
        if all(merged.setdefault(k, str(v)) == str(v) for part in combination for k, v in part.items()):
            if all(p in merged for p in route.params):
                variants.append({p: merged[p] for p in route.params})
        if len(variants) >= MAX_VARIANTS:
            break
    return variants or "no consistent combination of the scene's objects"


# ---- the scene ----------------------------------------------------------------------------------------


def _scene(people) -> dict[str, list]:
    """Objects of one centre (Fès) in every state a page or an API call needs, by scene key."""
    from axes.models import AccessAttempt
    from django.conf import settings
    from django.contrib.auth.tokens import default_token_generator
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode
    from knox.models import AuthToken

    from beneficiaries.models import Beneficiary, Cohort, Module
    from beneficiaries.services import beneficiary_register, cohort_session_add, transfer_request
    from casework.models import User
    from casework.notifications.services import notify
    from casework.watchlist.views import ACTION_FORMS
    from grants.models import ScoringCriterion, Sector
    from grants.services import envelope_allocation_set, event_assign_grants, grant_deliver
    from grants.services.reference import catalogue_item_save
    from reintegration_plans.models import LifeProject, Milestone
    from reintegration_plans.views.plans import STEPS
    from reports.models import ReportJob, ReportKind
    from tests.grants import factories as gf
    from tests.otp import enrol_totp, recovery_codes
    from tests.reintegration_plans import factories as pf
    from tests.watchlist import factories as wf

    cw, supervisor, administrator = people.caseworker, people.supervisor, people.administrator
    gf.reference_data()
    data = _person_data("FES", cw, supervisor, administrator, people.neighbour)
    ids = data.ids
    second = str(LifeProject.objects.get(pk=ids["project"]).beneficiary_id)  # no open transfer, a draft plan
    fes = factories.centre("FES")

    # Plans: a draft (the matrix's), one waiting for approval, one approved, one active; a planned follow-up.
    submitted_plan = pf.submitted(preparer=cw)
    approved_plan = pf.approved(preparer=cw, supervisor=supervisor)
    active_plan = pf.active(preparer=cw, supervisor=supervisor)
    planned = pf.follow_up_planned(
        actor=cw,
        beneficiary=Beneficiary.objects.get(pk=second),  # the second file's follow-ups: one done, one planned
        due_on=timezone.localdate() + datetime.timedelta(days=5),
    )
    # Grants: a draft (the matrix's), submitted, approved and assigned to an event, delivered.
    envelope = gf.envelope(Decimal("500000.00"), name="Bad input envelope")
    event = gf.event(administrator=administrator, envelope_=envelope, centre_code="FES")
    submitted = gf.submitted(proposer=cw)
    approved = gf.approved(proposer=cw, supervisor=supervisor, envelope_=envelope)
    delivered = gf.approved(proposer=cw, supervisor=supervisor, envelope_=envelope)
    event_assign_grants(actor=administrator, event=event, grants=[approved, delivered])
    empty_event = gf.event(administrator=administrator, envelope_=envelope, centre_code="FES")  # may be cancelled
    receipt = SimpleUploadedFile("signed.pdf", PDF, content_type="application/pdf")
    grant_deliver(actor=cw, grant=delivered, delivered_on=event.date, event=event, receipt=receipt)
    delivered.refresh_from_db()
    allocation = envelope_allocation_set(actor=administrator, envelope=envelope, amount=Decimal("100000"), centre=fes)
    # A file of Meknès that its centre asks Fès to take on.
    moving = beneficiary_register(
        actor=people.neighbour,
        centre=factories.centre("MEK"),
        sex="M",
        first_name_ar="سعيد",
        family_name_ar="الوزاني",
        first_name_latin="Said",
        family_name_latin="Ouazzani",
    )
    incoming = transfer_request(actor=people.neighbour, beneficiary=moving, to_centre=fes, reason="Moving to Fès")
    cohort = Cohort.objects.get(memberships__pk=ids["membership"])
    session = cohort_session_add(actor=administrator, cohort=cohort, module=Module.objects.order_by("pk").first())
    authorisation = wf.authorise(cw, by=administrator)
    AuthToken.objects.create(user=cw, expiry=datetime.timedelta(days=30))  # the tokens page's revoke form
    recovery_codes(supervisor)
    notifications = [
        notify(
            recipients=[user],
            kind="plan_submitted",
            actor=None,
            target=submitted_plan,
            url="/",
            beneficiary_id=submitted_plan.beneficiary_id,
            params={},
        )[0]
        for user in (supervisor, administrator)
    ]
    jobs = [
        ReportJob.objects.create(
            kind="distribution", parameters={"event": str(event.pk)}, language="en", requested_by=user
        )
        for user in (supervisor, administrator)
    ]
    item = catalogue_item_save(actor=administrator, sector=Sector.objects.order_by("pk").first(), name="Sewing machine")
    milestone = Milestone.objects.filter(goal__project_id=ids["project"]).select_related("goal").first()
    enrol_totp(supervisor)  # the device force_login verifies with, here before the admin's rows are read
    enrol_totp(people.neighbour)  # a caseworker with a second factor of their own: may turn it off
    locked = people.outsider  # locked out of sign-in: the staff page offers to lift it
    AccessAttempt.objects.create(
        username=locked.username,
        ip_address="192.0.2.1",
        user_agent="test",
        get_data="",
        post_data="",
        http_accept="*/*",
        path_info="/accounts/login/",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
    )
    criterion = ScoringCriterion.objects.order_by("pk").first()
    sector = Sector.objects.order_by("pk").first()
    person = ids["person"]

    def pks(*objects) -> list[str]:
        return [str(o.pk) for o in objects if o is not None]

    return {
        "person": [person, second],
        "consent": [{"id": ids["consent"], "with": {"pk": person}}],
        "document": [{"id": ids["document"], "with": {"pk": person}}],
        "share": [{"id": ids["share"], "with": {"pk": person}}],
        "membership": [{"id": ids["membership"], "with": {"pk": person}}],
        "transfer": pks(incoming) + [ids["transfer"]],
        "cohort": pks(cohort),
        "session": [{"id": str(session.pk), "with": {"cohort_pk": str(cohort.pk)}}],
        "plan": [ids["project"], *pks(submitted_plan, approved_plan, active_plan)],
        "goal": [{"id": str(milestone.goal_id), "with": {"pk": ids["project"]}}],
        "milestone": [{"id": str(milestone.pk), "with": {"pk": ids["project"]}}],
        "plan_step": list(STEPS),
        "follow_up": [ids["follow_up"], str(planned.pk)],
        "referral": [ids["referral"]],
        "grant": [ids["grant"], *pks(submitted, approved, delivered)],
        "visit": pks(delivered.visits.order_by("months_after").first()),
        "delivery": pks(delivered.delivery),
        "envelope": pks(envelope),
        "event": pks(event, empty_event),
        "allocation": [{"id": str(allocation.pk), "with": {"envelope_id": str(envelope.pk), "pk": str(envelope.pk)}}],
        "sector": pks(sector),
        "catalogue": pks(item),
        "criterion": pks(criterion),
        "reference": [
            {"kind": kind, "pk": str(row.pk)}
            for kind, row in (("sectors", sector), ("catalogue", item), ("criteria", criterion))
            if row is not None
        ],
        "report_kind": list(ReportKind.values),
        "report": [ids["report"], *pks(*jobs)],
        "notification": [ids["notification"], *pks(*notifications)],
        "alert": [ids["alert"]],
        "alert_step": list(ACTION_FORMS),
        "authorisation": pks(authorisation),
        "staff": pks(cw, supervisor, locked),
        "password_reset": [
            {"uidb64": urlsafe_base64_encode(force_bytes(cw.pk)), "token": default_token_generator.make_token(cw)}
        ],
        "app_label": sorted({model._meta.app_label for model in admin.site._registry}),
        "admin_path": ["nowhere/"],
        "content_type": pks(ContentType.objects.get_for_model(User)),
    }


# ---- forms read from the pages -------------------------------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # text, hidden, number, date, choice (select, radio, button), checkbox, file
    input_type: str = "text"
    value: list[str] = field(default_factory=list)  # what the page sends as it is
    options: list[str] = field(default_factory=list)
    required: bool = False
    limits: tuple[str, ...] = ()  # of maxlength, min, max: the bounds Django renders from its validators


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, Field] = field(default_factory=dict)


TEXT_TYPES = ("text", "search", "tel", "email", "url", "password", "color")
DATE_TYPES = ("date", "datetime-local", "datetime", "month", "week", "time")


class _Forms(HTMLParser):
    """The forms of a page: method, action, and each field with its kind and current value."""

    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def _field(self, name: str, kind: str, input_type: str = "", required: bool = False, attrs=None) -> Field:
        existing = self._form.fields.get(name)
        if existing is None:
            limits = tuple(k for k in ("maxlength", "min", "max") if (attrs or {}).get(k))
            existing = Field(name, kind, input_type or kind, required=required, limits=limits)
            self._form.fields[name] = existing
        return existing

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = Form((a.get("method") or "get").lower(), a.get("action") or "")
            self.forms.append(self._form)
            return
        if self._form is None or not a.get("name") or a["name"] == "csrfmiddlewaretoken":
            return
        name, required = a["name"], "required" in a
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in TEXT_TYPES or kind == "hidden":
                f = self._field(name, "hidden" if kind == "hidden" else "text", kind, required, a)
                f.value = [a.get("value") or ""]
            elif kind in ("number", "range"):
                self._field(name, "number", kind, required, a).value = [a.get("value") or ""]
            elif kind in DATE_TYPES:
                self._field(name, "date", kind, required, a).value = [a.get("value") or ""]
            elif kind in ("checkbox", "radio"):
                f = self._field(name, "checkbox" if kind == "checkbox" else "choice", kind, required)
                f.options.append(a.get("value") or "on")
                if "checked" in a:
                    f.value = [*f.value, a.get("value") or "on"] if kind == "checkbox" else [a.get("value") or "on"]
            elif kind == "file":
                self._field(name, "file", kind, required)
            elif kind in ("submit", "image"):
                self._button(name, a)
        elif tag == "button" and (a.get("type") or "submit").lower() == "submit":
            self._button(name, a)
        elif tag == "textarea":
            self._textarea = self._field(name, "text", "textarea", required, a)
            self._textarea.value = [""]
        elif tag == "select":
            self._select = self._field(name, "choice", "select-multiple" if "multiple" in a else "select", required)
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._select.options.append(value)
            if "selected" in a:
                self._select.value = [*self._select.value, value] if "multiple" in self._select.input_type else [value]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def _button(self, name, a):
        f = self._field(name, "choice", "button")
        f.options.append(a.get("value") or "")
        f.value = f.value or [a.get("value") or ""]  # the first button is the one "clicked"

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value = [self._textarea.value[0] + data]

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None:
            f = self._select
            if not f.value and "multiple" not in f.input_type:
                f.value = [next((o for o in f.options if o), f.options[0] if f.options else "")]
            self._select = None
        elif tag == "textarea":
            self._textarea = None


_PLAUSIBLE = {
    "email": "someone@example.org",
    "url": "https://example.org/",
    "tel": "+212 6 61 23 45 67",
    "password": factories.TEST_PASSWORD,
    "date": "2021-06-01",
    "datetime-local": "2021-06-01T10:00",
    "month": "2021-06",
    "week": "2021-W22",
    "time": "10:00",
    "number": "1",
    "range": "1",
}


def _baseline(f: Field) -> list[str]:
    """What a user would send: the page's value, or a plausible one for an empty field."""
    if any(f.value) or f.kind in ("checkbox", "choice", "hidden"):
        return f.value
    return [_PLAUSIBLE.get(f.input_type, "Test value")]


def _hostile(f: Field, i: int):
    if f.kind in ("text", "hidden"):
        return HOSTILE[i]
    return {"number": NUMBERS, "date": DATES, "file": FILES}.get(f.kind, CHOICES)[i]


def _upload(spec) -> SimpleUploadedFile:
    name, content, content_type = spec
    return SimpleUploadedFile(name, content, content_type)


def _payload(form: Form, values: dict) -> dict:
    data = {}
    for name, value in values.items():
        if name in form.fields and form.fields[name].kind == "file":
            if value is not None:
                data[name] = _upload(value)
        elif value:
            data[name] = value if isinstance(value, list) and len(value) > 1 else value[0]
    return data


# ---- sending, checking ---------------------------------------------------------------------------------


def _writes() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, n_tup_ins + n_tup_del, n_tup_upd FROM pg_stat_xact_user_tables")
        return sum(
            changed + (0 if name in IGNORED_UPDATES else updated)
            for name, changed, updated in cursor.fetchall()
            if not name.startswith(IGNORED_TABLES)
        )


def _send(client, method, path, **kwargs):
    """One request, undone afterwards (rows and the client's cookies): the dataset and the signed-in
    session stay as built whatever the request did (a password change, a logout, a language switch)."""
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    measure = method != "get"  # a read is undone too, but only a write can keep a refused input
    savepoint = transaction.savepoint()
    try:
        before = _writes() if measure else 0
        response = getattr(client, method)(path, **kwargs)
        after = _writes() if measure else 0
    finally:
        transaction.savepoint_rollback(savepoint)
        client.cookies = SimpleCookie()
        for name, value in cookies.items():
            client.cookies[name] = value
    return response, after - before


# Routes that read a page's form from a link rather than from the page (its query string): the page's
# form is sent there too.
ALSO_SENT_TO = {"reports:exports": "/reports/exports/csv/"}
# Pages that answer an accepted POST with a page (200) rather than a redirect: what they show is only
# shown once (a new API token, new recovery codes), so a 200 there is no refusal.
ANSWERS_WITH_A_PAGE = {"api:tokens", "security:recovery_codes_new"}


def _refused(response, *, api: bool = False) -> bool:
    """A page's form shown again (200 after a POST) is a refusal; an API answers 2xx only when it acted."""
    status = response.status_code
    if status >= 500:
        return False
    view = getattr(response.resolver_match, "view_name", "")
    return status >= 400 or (status == 200 and not api and view not in ANSWERS_WITH_A_PAGE)


def _check(response, written: int, where: str, failures: list, *, api: bool = False) -> None:
    status = response.status_code
    if status >= 500:
        failures.append(f"server error: {where} -> {status}")
        return
    body = b"" if response.streaming else response.content
    if SCRIPT.encode() in body and "html" in response.get("Content-Type", ""):
        failures.append(f"HTML not escaped: {where}")
    if _refused(response, api=api) and written:
        failures.append(f"refused but {written} row change(s) kept: {where} -> {status}")


class Tally:
    def __init__(self):
        self.failures: list[str] = []
        self.inputs = 0
        self.requests = 0
        self.server_errors = 0
        self.forms: set = set()
        self.reached: set[str] = set()  # ResolverMatch.route of routes answered 2xx or sent hostile input
        self.seen: dict[str, set] = {}  # route -> statuses of the plain reads (why one was not reached)
        self.timing: dict[str, list] = {}  # kind of request -> [count, seconds]
        self.post_only: set[str] = set()  # routes a signed-in read answered 405: not read again
        self.admin_closed: set[str] = set()  # roles the admin sends to its sign-in page

    def route_of(self, path: str) -> str | None:
        try:
            return resolve(path.split("?", 1)[0]).route
        except Resolver404:
            return None

    def time(self, kind: str, seconds: float) -> None:
        entry = self.timing.setdefault(kind, [0, 0.0])
        entry[0] += 1
        entry[1] += seconds

    def check(self, response, written, where, *, api=False, hostile=0, path=""):
        self.requests += 1
        self.inputs += hostile
        before = len(self.failures)
        _check(response, written, where, self.failures, api=api)
        if response.status_code >= 500:
            self.server_errors += 1
        if hostile and len(self.failures) == before:
            route = self.route_of(path)
            if route:
                self.reached.add(route)


def _normalised(action: str) -> str:
    return re.sub(r"/\d+/", "/<n>/", re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "<id>", action.split("?", 1)[0]))


def _unreached_reason(name: str, statuses: set) -> str | None:
    if name in NOT_REACHED:
        return NOT_REACHED[name]
    if name.startswith("admin:") and "administrator 403" in statuses:
        return "the administrator's role holds no admin permission for it (403 to every role)"
    return None


@pytest.mark.django_db
def test_hostile_strings_in_every_form_and_api_field(people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    started = time.monotonic()
    scene = _scene(people)
    users = {
        "anonymous": None,  # the sign-in and password-reset forms
        "caseworker": people.caseworker,
        "supervisor": people.supervisor,  # force_login gives a session verified with a confirmed device
        "administrator": people.administrator,
    }
    # The pages only some sessions see, read by those sessions on the sign-in and second-factor routes.
    partial = {
        "caseworker with a second factor": (people.neighbour, True),
        "supervisor before the second factor": (people.supervisor, False),
    }
    all_routes = routes()
    tally, unfilled, schema = Tally(), {}, None
    for role, (user, verified) in {**{r: (u, True) for r, u in users.items()}, **partial}.items():
        client = Client(raise_request_exception=False)  # a 500 is counted, not raised
        if user is not None:
            client.force_login(user)
        if not verified:
            session = client.session
            session.pop(DEVICE_ID_SESSION_KEY, None)
            session.save()
        for route in all_routes:
            if role in partial and not route.name.startswith("security:"):
                continue
            if (
                route.name in NOT_READ
                or route.route in tally.post_only
                or (role in tally.admin_closed and route.name.startswith("admin:") and route.name != "admin:login")
            ):
                continue
            variants = _variants(route, scene) if route.params else [{}]
            if isinstance(variants, str):
                unfilled[_route_key(route)] = f"{route.template}: {variants}"
                continue
            for values in variants if user is not None else variants[:1]:
                if _read_page(client, role, route, route.template.format(**values), tally) in ("no forms", 405):
                    break  # a JSON body, a file, POST only: another object's has no form either
        if role in users and user is not None:
            if schema is None:
                schema = json.loads(client.get("/api/schema/", {"format": "json"}).content)
                tally.reached.add(tally.route_of("/api/schema/"))
            _api(client, role, schema, scene, tally)
    elapsed = time.monotonic() - started

    unexplained = {name: why for name, why in unfilled.items() if name not in NOT_FILLED}
    not_reached: dict[str, set] = {}
    for route in all_routes:
        key = _route_key(route)
        if route.route not in tally.reached and key not in unfilled:
            not_reached.setdefault(key, set()).update(tally.seen.get(route.route, set()))
    reasons = {name: _unreached_reason(name, statuses) for name, statuses in sorted(not_reached.items())}
    surprising = {name: sorted(not_reached[name]) for name, why in reasons.items() if why is None}
    print(
        f"\nbad input: {tally.inputs} hostile inputs in {tally.requests} requests as {len(users)} roles "
        f"({', '.join(users)}; and {' and '.join(partial)} on the security pages), into {len(tally.forms)} "
        f"forms and the API's fields; {len(tally.reached)} of {len(all_routes)} routes reached; "
        f"{tally.server_errors} server error(s) (500s), {len(tally.failures)} failure(s) in {elapsed:.0f} s"
    )
    print("time by kind of request:", {k: (n, round(t, 1)) for k, (n, t) in sorted(tally.timing.items())})
    print("routes not filled:", {**NOT_FILLED, **unfilled} or "none")
    by_reason: dict = {}
    for name, why in reasons.items():
        by_reason.setdefault(why or "NO REASON GIVEN", []).append(name)
    print(f"routes not reached ({len(reasons)}):", {why: names for why, names in by_reason.items()})
    assert not tally.failures, "\n".join(tally.failures[:60])
    assert not unexplained, f"routes whose parameters the scene cannot fill: add them to KWARGS/_scene: {unexplained}"
    assert not surprising, (
        f"routes no role reached (statuses seen); fill them from the scene, or say why in NOT_REACHED: {surprising}"
    )
    assert len(tally.forms) >= 100, "the pages' forms were found"


def _read_page(client, role: str, route: Route, path: str, tally: Tally) -> str | int:
    """Read the page as a user would before filling its forms (kept: an enrolment page starts the
    enrolment it asks to confirm), then try each form not tried yet."""
    tick = time.monotonic()
    response = client.get(path)
    location = response.get("Location", "") if response.status_code in (301, 302, 303) else ""
    if location.startswith("/") and tally.route_of(location) == route.route:
        path = location.split("?", 1)[0]  # a page that moves to its own next step (the set-password form)
        response = client.get(path)
    tally.time("read", time.monotonic() - tick)
    status = response.status_code
    if status == 405 and role != "anonymous":
        tally.post_only.add(route.route)  # POST only whoever asks: its forms are on other pages
    if route.name.startswith("admin:") and response.get("Location", "").startswith("/admin/login/"):
        tally.admin_closed.add(role)  # the admin's pages all send this role to the admin's sign-in
    model = re.match(r"/admin/\w+/\w+/", path) if status == 403 else None
    if model:
        tally.admin_closed.add((role, model[0]))  # no permission on this model: nor on its other pages
    tally.requests += 1
    tally.seen.setdefault(route.route, set()).add(f"{role} {status}")
    if status >= 500 and not (status == 503 and route.name == "healthz"):
        tally.failures.append(f"server error on reading: {role} GET {path} ({route.name}) -> {status}")
        tally.server_errors += 1
    if not 200 <= status < 300:
        return status
    tally.reached.add(route.route)
    if response.streaming or "html" not in response.get("Content-Type", ""):
        return "no forms"
    parser = _Forms()
    parser.feed(response.content.decode("utf-8", "replace"))
    for form in parser.forms:
        action = form.action or path
        outside = action.startswith(("http:", "https:", "//", "#", "javascript:"))
        if outside or form.method not in ("get", "post") or (not form.fields and form.method == "get"):
            continue  # another site, a dialog closed in the browser, a link-like button
        if not action.startswith("/"):
            action = path.rsplit("/", 1)[0] + "/" + action
        key = (form.method, _normalised(action), tuple(sorted(_normalised(f"/{name}/") for name in form.fields)))
        if key in tally.forms:
            continue
        tally.forms.add(key)
        _try_form(client, role, form, action, tally)
        also = ALSO_SENT_TO.get(getattr(response.resolver_match, "view_name", ""))
        if also and form.method == "post" and _normalised(action) == _normalised(path):
            _try_form(client, role, Form("get", also, form.fields), also, tally)
    return "page"


def _try_form(client, role: str, form: Form, action: str, tally: Tally) -> None:
    """Every field at once, a round per hostile value; then, for a POST, the unbounded fields (DEEP)."""
    target = action.split("?", 1)[0] if form.method == "get" else action

    def send(values: dict, hostile: list[str], kind: str):
        tick = time.monotonic()
        response, written = _send(client, form.method, target, data=_payload(form, values))
        tally.time(f"form {form.method}, {kind}", time.monotonic() - tick)
        sample = values[hostile[0]] if hostile else ""
        sample = sample[0] if sample else ""
        named = hostile if len(hostile) < 4 else f"{len(hostile)} fields"
        where = f"{role} {form.method.upper()} {action} {named} {str(sample)[:24]!r}"
        tally.check(response, written, where, hostile=len(hostile), path=target)
        return response

    if not form.fields:  # a button alone (submit, cancel, revoke…): a stray hostile parameter
        send({STRAY: [SCRIPT + SQL + HOSTILE[1]]}, [STRAY], "stray")
        return
    for indexes in _rounds(len(form.fields)):
        values = {
            name: (_hostile(f, i) if f.kind == "file" else [_hostile(f, i)])
            for (name, f), i in zip(form.fields.items(), indexes, strict=True)
        }
        send(values, list(form.fields), "all fields")
    if form.method != "post":
        return
    base = {name: (None if f.kind == "file" else _baseline(f)) for name, f in form.fields.items()}
    base_accepted = None
    for depth in DEEP:
        deep = {
            name: (depth[f.kind][0] if f.kind == "file" else [depth[f.kind][0]])
            for name, f in form.fields.items()
            if f.kind in depth and depth[f.kind][1] not in f.limits
        }
        if not deep:
            continue
        response = send({**base, **deep}, list(deep), "unbounded fields")
        if len(deep) == 1 or not _refused(response):
            continue
        if base_accepted is None:
            base_accepted = not _refused(send(base, [], "as the page sends it"))
        if base_accepted:
            for name, value in deep.items():
                send({**base, name: value}, [name], "one unbounded field")


# ---- the API, from its schema --------------------------------------------------------------------------

UUIDS = ["not-a-uuid", SQL, MISSING, "9" * 40, SCRIPT, NUL, ""]
JSON_NUMBERS = [10**40, -(10**40), 1e308, "NaN", "١٢٣", NUL, [1]]
BOOLEANS = ["maybe", 2, SCRIPT, None, [], NUL, {"a": 1}]
MALFORMED = ['{"unclosed": ', '["not", "an", "object"]']
# Body properties that name an object: the scene key of a valid value.
PROPERTY_KEYS = {"beneficiary": "person", "vocational_goal": "goal", "goals": "goal", "grants": "grant", "items": None}
PLAUSIBLE_PROPERTIES = {"sector": "handicrafts", "centre": "FES", "domain": "social", "region": "03"}


class _Schema:
    def __init__(self, schema: dict, scene: dict):
        self.components = schema["components"]["schemas"]
        self.scene = scene

    def resolve(self, spec: dict) -> dict:
        while True:
            if "$ref" in spec:
                spec = self.components[spec["$ref"].rsplit("/", 1)[-1]]
            elif "allOf" in spec:
                spec = spec["allOf"][0]
            elif "oneOf" in spec:
                spec = spec["oneOf"][0]
            else:
                return spec

    def writable(self, spec: dict) -> dict:
        spec = self.resolve(spec)
        return {p: s for p, s in spec.get("properties", {}).items() if not s.get("readOnly")}

    def hostile(self, spec: dict, i: int):
        spec = self.resolve(spec)
        kind, fmt = spec.get("type"), spec.get("format", "")
        if "enum" in spec:
            return CHOICES[i]
        if kind == "object" or "properties" in spec:
            return {p: self.hostile(s, i) for p, s in self.writable(spec).items()} if i % 2 == 0 else HOSTILE[i]
        if kind == "array":
            item = spec.get("items", {})
            after = i if i == NUL_ROUND else OTHERS[(OTHERS.index(i) + 1) % len(OTHERS)]  # NUL only with NUL
            return [self.hostile(item, i), self.hostile(item, after)] if i % 3 != 1 else HOSTILE[i]
        if kind == "boolean":
            return BOOLEANS[i]
        if kind in ("integer", "number"):
            return JSON_NUMBERS[i]
        if fmt == "uuid":
            return UUIDS[i]
        if fmt in ("date", "date-time"):
            return DATES[i]
        if fmt == "decimal":
            return NUMBERS[i]
        return HOSTILE[i]

    def valid(self, name: str, spec: dict):
        spec = self.resolve(spec)
        kind, fmt = spec.get("type"), spec.get("format", "")
        key = PROPERTY_KEYS.get(name, name)
        ids = _own_ids(self.scene, key) if key else []
        if "enum" in spec:
            return next((v for v in spec["enum"] if v), None)
        if kind == "object" or "properties" in spec:
            return {p: self.valid(p, s) for p, s in self.writable(spec).items()}
        if kind == "array":
            return [ids[0]] if ids else [self.valid(name, spec.get("items", {}))]
        if kind == "boolean":
            return True
        if kind in ("integer", "number"):
            return 1
        if fmt == "uuid":
            return ids[0] if ids else MISSING
        if fmt in ("date", "date-time"):
            return "2021-06-01"
        if fmt == "decimal":
            return "100.00"
        return PLAUSIBLE_PROPERTIES.get(name, "Test value")

    def deep(self, spec: dict) -> list:
        """The values of DEEP for a property the schema does not bound (maxLength, maximum, minimum, pattern)."""
        spec = self.resolve(spec)
        kind, fmt = spec.get("type"), spec.get("format", "")
        if "enum" in spec or kind in ("object", "array", "boolean") or "properties" in spec or fmt == "uuid":
            return []
        if kind in ("integer", "number"):
            return [v for v, bound in ((10**40, "maximum"), (-(10**40), "minimum")) if bound not in spec]
        if fmt in ("date", "date-time"):
            return ["9999-12-31", "0001-01-01"]
        if "pattern" in spec or "maxLength" in spec:
            return []
        return [LONG]


def _api(client, role: str, schema: dict, scene: dict, tally: Tally) -> None:
    reader = _Schema(schema, scene)
    by_template = {re.sub(r"\{\w+\}", "{}", r.template): r for r in routes()}
    for template, operations in schema["paths"].items():
        route = by_template.get(re.sub(r"\{\w+\}", "{}", template))
        if route is None:
            tally.failures.append(f"the schema's path {template} resolves to no route")
            continue
        variants = _variants(route, scene) if route.params else [{}]
        if isinstance(variants, str):
            continue  # reported with the pages
        paths = [_api_path(template, route, values) for values in variants]
        for method, operation in operations.items():
            if method in ("get", "delete", "post", "put", "patch"):
                _api_operation(client, role, reader, method, operation, paths, tally)


def _api_path(template: str, route: Route, values: dict) -> str:
    """The schema's path ({id}) with the route's values (<pk>), parameter by parameter in order."""
    names = re.findall(r"\{(\w+)\}", template)
    return re.sub(r"\{(\w+)\}", lambda m: values[route.params[names.index(m[1])]], template)


def _api_operation(client, role, reader: _Schema, method: str, operation: dict, paths: list[str], tally) -> None:
    query = {p["name"]: p.get("schema", {}) for p in operation.get("parameters", []) if p["in"] == "query"}
    content = operation.get("requestBody", {}).get("content", {})
    media = next((m for m in ("application/json", "multipart/form-data") if m in content), None)
    body_spec = content.get(media, {}).get("schema", {}) if media else {}
    properties = reader.writable(body_spec) if body_spec else {}
    if not query and not properties and method == "get":
        return  # a plain read: the pages' loop reads it
    tick = time.monotonic()
    path = _api_target(client, reader, method, media, properties, paths)
    tally.time("api choosing the object", time.monotonic() - tick)

    def send(body: dict | None, params: dict | None, hostile: int, what: str, kind: str):
        tick = time.monotonic()
        if method == "get":
            response, written = _send(client, "get", path, data=params or {})
        elif media == "multipart/form-data":
            response, written = _send(client, method, path, data=_multipart(body or {}, properties))
        else:
            response, written = _send(client, method, path, data=body or {}, content_type="application/json")
        tally.time(f"api {kind}", time.monotonic() - tick)
        tally.check(response, written, f"{role} {method.upper()} {path} {what}", api=True, hostile=hostile, path=path)
        return response

    if query or properties:
        for n, indexes in enumerate(_rounds(len(query) + len(properties))):
            params = {
                name: _query_value(reader.hostile(spec, i))
                for (name, spec), i in zip(query.items(), indexes[: len(query)], strict=True)
            }
            rest = indexes[len(query) :]
            body = {name: reader.hostile(spec, i) for (name, spec), i in zip(properties.items(), rest, strict=True)}
            response = send(body, params, len(params) + len(body), f"round {indexes[:3]}", "all fields")
            if n == 1 and method != "get" and response.status_code in (401, 403, 405):
                return  # the role may not use this operation (round 0, the NUL byte, is refused before)
    if method != "get" and media != "multipart/form-data":
        for raw in MALFORMED:  # also into the operations without a body: the parser still reads one
            tick = time.monotonic()
            response, written = _send(client, method, path, data=raw, content_type="application/json")
            tally.time("api malformed body", time.monotonic() - tick)
            where = f"{role} {method.upper()} {path} body {raw!r}"
            tally.check(response, written, where, api=True, hostile=1, path=path)
    # The properties the schema does not bound, the others valid: together, then alone if refused
    # while the valid body is accepted (as for the pages' forms).
    base = {name: reader.valid(name, spec) for name, spec in properties.items()}
    base_accepted = None
    for depth in range(2):
        deep = {name: values[depth] for name, spec in properties.items() if len(values := reader.deep(spec)) > depth}
        if not deep:
            continue
        response = send({**base, **deep}, None, len(deep), f"unbounded {sorted(deep)}", "unbounded fields")
        if len(deep) == 1 or not _refused(response, api=True):
            continue
        if base_accepted is None:
            base_accepted = not _refused(send(base, None, 0, "valid body", "valid body"), api=True)
        if base_accepted:
            for name, value in deep.items():
                send({**base, name: value}, None, 1, f"{name}={str(value)[:20]!r}", "one unbounded field")


def _api_target(client, reader: _Schema, method: str, media, properties: dict, paths: list[str]) -> str:
    """Of the objects the path may name, the first the role may act on (a valid call is not refused as
    forbidden, absent or in the wrong state), so the hostile calls reach the validation."""
    if len(paths) == 1 or method == "get":
        return paths[0]
    base = {name: reader.valid(name, spec) for name, spec in properties.items()}
    for path in paths:
        if media == "multipart/form-data":
            response, _ = _send(client, method, path, data=_multipart(base, properties))
        else:
            response, _ = _send(client, method, path, data=base, content_type="application/json")
        if response.status_code not in (403, 404, 405, 409):
            return path
    return paths[0]


def _query_value(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value)
    return "" if value is None else str(value)


def _multipart(body: dict, properties: dict) -> dict:
    data = {}
    for name, value in body.items():
        spec = properties.get(name, {})
        if spec.get("format") == "uri" or name == "receipt":  # the file fields of a multipart body
            data[name] = _upload(FILES[len(str(value)) % ROUNDS]) if value is not None else ""
        elif isinstance(value, list):
            data[name] = [_query_value(v) for v in value]
        else:
            data[name] = _query_value(value)
    return data


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


@pytest.mark.django_db
def test_a_very_long_username_is_an_ordinary_failed_sign_in(people):
    """django-axes records the username tried in a 255-character column: a longer one (no account has
    one) is counted cut to that length, and the sign-in page says the credentials are wrong (it was a
    database error, a 500, on the sign-in page and the admin's)."""
    from axes.models import AccessAttempt

    client = Client(raise_request_exception=False)
    for path in ("/accounts/login/", "/admin/login/"):
        response = client.post(path, {"username": "A" * 20000, "password": "wrong"})
        assert response.status_code == 200, path
        assert response.context["form"].errors, path
    assert AccessAttempt.objects.filter(username="A" * 255).exists()


@pytest.mark.django_db
def test_a_next_that_is_not_a_path_falls_back_to_the_default_page(people):
    """`next` is followed only when it is a path of this site: anything else (a view name, control
    characters, text) used to reach redirect(), which tried it as a URL name and failed with a 500."""
    from tests.notifications.factories import sent

    client = Client(raise_request_exception=False)
    client.force_login(people.caseworker)
    notification = sent(people.caseworker)
    for target in ("casework:home", "ctl\x01\x1b[31m", "أحمد"):
        response = client.post(f"/notifications/{notification.pk}/read/", {"next": target})
        assert (response.status_code, response["Location"]) == (302, "/notifications/"), target
    assert client.post(f"/notifications/{notification.pk}/read/", {"next": "/people/"})["Location"] == "/people/"
    supervisor = Client(raise_request_exception=False)
    supervisor.force_login(people.supervisor)  # verified: the verification page sends them on
    response = supervisor.get("/accounts/two-factor/verify/", {"next": "ctl\x01"})
    assert (response.status_code, response["Location"]) == (302, "/")
