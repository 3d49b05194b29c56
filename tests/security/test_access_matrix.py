"""The access matrix: every URL pattern of the project (enumerated from the resolver, so a new route is
covered without touching this file) × every role × objects of another centre × every method.

For each role, the "foreign" objects are those its scope does not reach (another centre's file and
everything hanging off it). A request that names a foreign object must never succeed (2xx) and never
fail with a 500; any other request must not show a foreign person's identifiers (lists hold only ids in
scope). The administrator sees everything: their rows only prove that nothing answers 500.

When a new route has a URL parameter this file does not know, the test fails and says how to add it.
"""

from __future__ import annotations

import datetime
import re
import time
import uuid
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

from beneficiaries.services import (
    beneficiary_register,
    cohort_add_member,
    cohort_create,
    consent_record,
    document_add,
    family_member_add,
    transfer_request,
)
from casework.sharing import file_share_with_user
from tests import factories

METHODS = ("get", "post", "put", "patch", "delete")
MISSING = str(uuid.UUID(int=7))  # an id that exists nowhere (for objects the dataset cannot hold)
PDF = b"%PDF-1.4\n% access matrix\n"


@dataclass
class CentreData:
    """One centre's person and everything hanging off it, by URL-parameter meaning."""

    code: str
    ids: dict[str, str] = field(default_factory=dict)
    markers: list[str] = field(default_factory=list)  # strings that identify this centre's person


def _person_data(code: str, caseworker, supervisor, administrator, colleague) -> CentreData:
    from casework.notifications.services import notify
    from reports.models import ReportJob
    from tests.grants import factories as grant_factories
    from tests.reintegration_plans import factories as plan_factories
    from tests.watchlist import factories as watch_factories

    data = CentreData(code)
    marker = f"Zqx{code.title()}matrix"
    person = beneficiary_register(
        actor=caseworker,
        centre=factories.centre(code),
        sex="M",
        first_name_ar="يوسف",
        family_name_ar=f"المصفوفة {code}",
        first_name_latin="Youssef",
        family_name_latin=marker,
        birth_date=datetime.date(1984, 4, 4),
        cin=f"{code[:2]}99{ord(code[2]):03d}",
    )
    data.markers += [person.file_number, marker, str(person.pk)]
    data.ids["person"] = str(person.pk)
    member = family_member_add(actor=caseworker, beneficiary=person, relation="sibling", name="Karim")
    data.ids["family"] = str(member.pk)
    consent = consent_record(
        actor=caseworker, beneficiary=person, purpose="data_processing", given_on=datetime.date(2021, 5, 1)
    )
    data.ids["consent"] = str(consent.pk)
    document = document_add(
        actor=caseworker, beneficiary=person, kind="other", upload=SimpleUploadedFile("x.pdf", PDF, "application/pdf")
    )
    data.ids["document"] = str(document.pk)
    share = file_share_with_user(
        actor=caseworker, beneficiary=person, user=colleague, reason="Joint visit", expires_at=None, allow_change=False
    )
    data.ids["share"] = str(share.pk)
    cohort = cohort_create(actor=administrator, edition=100 + ord(code[0]), year=2021)
    membership = cohort_add_member(actor=administrator, cohort=cohort, beneficiary=person)
    data.ids["membership"] = str(membership.pk)
    other_centre = "AGA"  # a region none of the matrix's users oversees: only the sender's side sees it
    transfer = transfer_request(
        actor=caseworker, beneficiary=person, to_centre=factories.centre(other_centre), reason="Moving"
    )
    data.ids["transfer"] = str(transfer.pk)
    # A second person of the same centre for the pages that need a file without an open transfer.
    project = plan_factories.draft(preparer=caseworker)
    data.markers += [project.beneficiary.file_number, str(project.beneficiary_id)]
    data.ids["project"] = str(project.pk)
    goal = project.goals.order_by("pk").first()
    data.ids["goal"] = str(goal.pk)
    data.ids["milestone"] = str(goal.milestones.first().pk) if goal.milestones.exists() else MISSING
    follow_up = plan_factories.follow_up_done(actor=caseworker, beneficiary=project.beneficiary)
    data.ids["follow_up"] = str(follow_up.pk)
    referral = _referral(caseworker, project.beneficiary, plan_factories)
    data.ids["referral"] = str(referral.pk) if referral else MISSING
    grant = grant_factories.proposal(proposer=caseworker, beneficiary=project.beneficiary)
    data.ids["grant"] = str(grant.pk)
    data.ids["visit"] = str(grant.visits.first().pk) if hasattr(grant, "visits") and grant.visits.exists() else MISSING
    alert = watch_factories.alert(project.beneficiary)
    data.ids["alert"] = str(alert.pk)
    notification = notify(
        recipients=[caseworker],
        kind="plan_submitted",
        actor=None,
        target=project,
        url="/",
        beneficiary_id=project.beneficiary_id,
        params={},
    )[0]
    data.ids["notification"] = str(notification.pk)
    job = ReportJob.objects.create(
        kind="case_file", parameters={"beneficiary": str(person.pk)}, language="en", requested_by=caseworker
    )
    data.ids["report"] = str(job.pk)
    return data


def _referral(caseworker, beneficiary, plan_factories):
    from reintegration_plans.services import referrals

    plan_factories.sharing_consent(beneficiary=beneficiary, actor=caseworker)
    return referrals.referral_send(
        actor=caseworker,
        beneficiary=beneficiary,
        partner=plan_factories.partner(),
        reason="Vocational training",
    )


def _programme_data(administrator) -> dict[str, str]:
    """Programme-wide records (envelopes, events, reference rows): not a person's, in every scope."""
    from tests.grants import factories as grant_factories

    envelope = grant_factories.envelope()
    event = grant_factories.event(administrator=administrator, envelope_=envelope, centre_code="CAS")
    return {"envelope": str(envelope.pk), "event": str(event.pk)}


# What each URL parameter names: (namespace-or-"*", parameter) -> key in CentreData.ids or a fixed value.
# The first matching entry wins: "<namespace>:<param>" before "*:<param>".
PARAMS: dict[str, str] = {
    "beneficiaries:pk": "person",
    "beneficiaries_api:pk": "person",
    "beneficiaries:consent_pk": "consent",
    "beneficiaries:document_pk": "document",
    "beneficiaries:share_pk": "share",
    "beneficiaries:membership_pk": "membership",
    "beneficiaries:transfer_pk": "transfer",
    "beneficiaries:cohort_pk": "=cohort",
    "beneficiaries:session_pk": "=missing",
    "grants:beneficiary_id": "person",
    "grants:grant_id": "grant",
    "grants:visit_id": "visit",
    "grants:envelope_id": "=envelope",
    "grants:event_id": "=event",
    "grants:allocation_id": "=1",
    "grants:kind": "=sectors",
    "grants:pk": "=1",
    "grants-api:pk": "grant",
    "grants-api:allocation_id": "=1",
    "grants-api:grant_id": "grant",
    "plans:pk": "project",
    "plans:goal_pk": "goal",
    "plans:milestone_pk": "milestone",
    "plans:action": "=submit",
    "plans-api:pk": "project",
    "reports:kind": "=case_file",
    "reports:pk": "report",
    "reports_api:pk": "report",
    "notifications:pk": "notification",
    "notifications-api:pk": "notification",
    "watchlist:pk": "alert",
    "watchlist:action": "=acknowledge",
    "watchlist-api:pk": "alert",
    "concerns:person_pk": "person",
    "admin:*": "=1",
    "security:uidb64": "=MQ",
    "security:token": "=set-password",
    "security:pk": "=1",
    "security:session_key": "=nosuchsession",
}
# Views whose `pk` is not the plan's, by URL name.
PARAMS_BY_NAME: dict[str, str] = {
    "plans:follow_up": "follow_up",
    "plans:follow_up_correct": "follow_up",
    "plans:follow_up_missed": "follow_up",
    "plans:follow_up_cancel": "follow_up",
    "plans:referral_update": "referral",
    "plans:person": "person",
    "plans:create": "person",
    "plans:follow_ups": "person",
    "plans:follow_up_record": "person",
    "plans:follow_up_plan": "person",
    "plans:referrals": "person",
    "plans:referral_create": "person",
    "plans:timeline": "person",
    "grants-api:envelope-detail": "=envelope",
    "grants-api:envelope-allocations": "=envelope",
    "grants-api:envelope-allocation-remove": "=envelope",
    "grants-api:event-detail": "=event",
    "grants-api:event-grants": "=event",
    "grants-api:event-grant-remove": "=event",
    "grants-api:delivery-detail": "=missing",
    "grants-api:visit-detail": "visit",
    "grants-api:visit-record": "visit",
    "grants-api:sector-detail": "=1",
    "grants-api:catalogue-detail": "=1",
    "grants-api:criterion-detail": "=1",
    "plans-api:goal-detail": "goal",
    "plans-api:follow-up-detail": "follow_up",
    "plans-api:referral-detail": "referral",
    "watchlist:authorisation_revoke": "=1",
}


@dataclass(frozen=True)
class Route:
    name: str  # namespace:name
    template: str  # path with {param} placeholders
    params: tuple[str, ...]


_ROUTE_PARAM = re.compile(r"<(?:[^>:]+:)?(?P<name>[^>]+)>")
_REGEX_PARAM = re.compile(r"\(\?P<(?P<name>\w+)>(?:[^()]|\([^()]*\))*\)")


def _template(pattern) -> str:
    if isinstance(pattern, RoutePattern):
        return _ROUTE_PARAM.sub(lambda m: "{" + m["name"] + "}", str(pattern))
    if isinstance(pattern, RegexPattern):
        text = _REGEX_PARAM.sub(lambda m: "{" + m["name"] + "}", pattern.regex.pattern)
        return text.lstrip("^").replace("$", "").replace("\\Z", "").replace("\\", "")
    return str(pattern)


def routes(patterns=None, prefix: str = "/", namespace: str = "") -> list[Route]:
    found = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += routes(entry.url_patterns, prefix + _template(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            template = prefix + _template(entry.pattern)
            params = tuple(re.findall(r"\{(\w+)\}", template))
            found.append(Route(f"{namespace}{entry.name or '?'}", template, params))
    return found


def _meaning(route: Route, param: str) -> str:
    namespace = route.name.rsplit(":", 1)[0] if ":" in route.name else ""
    if param == "pk" and route.name in PARAMS_BY_NAME:
        return PARAMS_BY_NAME[route.name]
    for key in (f"{namespace}:{param}", f"{namespace}:*"):
        if key in PARAMS:
            return PARAMS[key]
    raise AssertionError(
        f"The access matrix does not know the URL parameter '{param}' of {route.name} ({route.template}). "
        f"Add '{namespace}:{param}' to PARAMS in tests/security/test_access_matrix.py (the key of the object of "
        "another centre it names: person, grant, project, …, or '=value' for a fixed value), or the URL name "
        "to PARAMS_BY_NAME when one parameter name means different objects in the same namespace; build the "
        "object in _person_data() when it is a new kind."
    )


def _url(route: Route, data: CentreData, programme: dict[str, str]) -> tuple[str, bool]:
    """The path for `route` naming `data`'s objects, and whether it names an object of that centre."""
    values, scoped = {}, False
    for param in route.params:
        meaning = _meaning(route, param)
        if meaning.startswith("="):
            fixed = meaning[1:]
            values[param] = programme.get(fixed, MISSING if fixed == "missing" else fixed)
        else:
            values[param] = data.ids[meaning]
            scoped = True
    return route.template.format(**values), scoped


@pytest.mark.django_db
def test_no_route_leaks_another_centres_files_to_any_role(people):
    from tests.grants import factories as grant_factories

    grant_factories.reference_data()
    colleague = {"FES": people.neighbour, "CAS": people.outsider_supervisor}
    fes = _person_data("FES", people.caseworker, people.supervisor, people.administrator, colleague["FES"])
    cas = _person_data("CAS", people.outsider, people.outsider_supervisor, people.administrator, colleague["CAS"])
    programme = _programme_data(people.administrator)
    from beneficiaries.models import Cohort

    programme["cohort"] = str(Cohort.objects.order_by("pk").first().pk)
    programme["missing"] = MISSING

    # role -> (user, the centre data outside its scope, the markers it must never see)
    roles = {
        "caseworker": (people.caseworker, cas, cas.markers),
        "supervisor": (people.supervisor, cas, cas.markers),
        "other_centre_caseworker": (people.outsider, fes, fes.markers),
        "partner_viewer": (people.partner, fes, fes.markers + cas.markers),
        "administrator": (people.administrator, cas, []),
    }
    all_routes = routes()
    failures, requests, started, slow = [], 0, time.monotonic(), {}
    for role, (user, foreign, markers) in roles.items():
        client = Client(raise_request_exception=False)  # a 500 is counted, not raised
        client.force_login(user)
        for route in all_routes:
            path, scoped = _url(route, foreign, programme)
            for method in METHODS:
                tick = time.monotonic()
                savepoint = transaction.savepoint()  # every request is undone: the dataset stays as built
                try:
                    kwargs = {"content_type": "application/json"} if method != "get" else {}
                    response = getattr(client, method)(path, **kwargs)
                finally:
                    transaction.savepoint_rollback(savepoint)
                requests += 1
                slow[route.name] = slow.get(route.name, 0.0) + time.monotonic() - tick
                status = response.status_code
                where = f"{role} {method.upper()} {path} ({route.name}) -> {status}"
                if status == 503 and route.name == "healthz":
                    continue  # the health check says the test run has no Celery worker: not an error page
                if status >= 500:
                    failures.append(f"server error: {where}")
                    continue
                if role == "administrator":
                    continue
                if scoped and 200 <= status < 300:
                    failures.append(f"another centre's object answered: {where}")
                    continue
                if scoped and status in (301, 302, 303, 307, 308):
                    target = response.get("Location", "")
                    if not any(part in target for part in ("/accounts/login", "/accounts/two-factor")):
                        failures.append(f"redirect on another centre's object to {target}: {where}")
                    continue
                body = b"" if response.streaming else response.content
                text = body.decode("utf-8", "replace")
                leaked = [m for m in markers if m in text and m not in path]  # an echoed request is no leak
                if leaked:
                    failures.append(f"shows {leaked}: {where}")
    elapsed = time.monotonic() - started
    print(
        f"\naccess matrix: {requests} requests, {len(all_routes)} routes × {len(roles)} roles × "
        f"{len(METHODS)} methods in {elapsed:.0f} s; {len(failures)} leak(s) or server error(s)"
    )
    print("slowest routes (s):", sorted(((round(t, 1), n) for n, t in slow.items()), reverse=True)[:12])
    assert not failures, "\n".join(failures[:80])


def test_every_url_parameter_is_known_to_the_matrix():
    """Fails first, with the fix in the message, when a new route has an unknown parameter."""
    data = CentreData("FES", ids={key: MISSING for key in set(PARAMS.values()) | set(PARAMS_BY_NAME.values())})
    for route in routes():
        if route.name.startswith("admin:"):
            continue
        _url(route, data, {})
