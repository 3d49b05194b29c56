"""What the bench measures: one line per page or endpoint. Add or adjust a target here, nothing else.

Fields of `T(key, label, user, url, …)`:
- `user`: whose logged-in session requests it — a key of the dataset's fixtures (bench/dataset/fixtures.py):
  "caseworker" (the measured centre's), "supervisor" (of its region), "national_supervisor", "administrator".
- `url`: formatted with the fixtures: {centre_id} {centre_code} {person} {name_latin} {name_ar} {cin}
  {family_latin} {envelope}.
- `kind`: "page", "search" (held to the search target) or "api".
- `few`: the same endpoint returning only a few rows; its query count must equal the full page's.
- `floor`: a key of bench.floors.FLOORS — the same rows fetched with raw psycopg and json.dumps.
- `admin`: the Django admin changelist of the same model and filter.
A target whose URL does not exist yet (its page is still being built) is reported as "missing".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class T:
    key: str
    label: str
    user: str
    url: str
    kind: str = "page"
    few: str = ""
    floor: str = ""
    admin: str = ""


PEOPLE_ADMIN = "/admin/beneficiaries/beneficiary/?centre__id__exact={centre_id}"
GRANTS_ADMIN = "/admin/grants/grant/?beneficiary__centre__id__exact={centre_id}"
FOLLOW_UPS_ADMIN = "/admin/reintegration_plans/followup/?beneficiary__centre__id__exact={centre_id}"
IN_CENTRE = "beneficiary__centre__id__exact={centre_id}"

# fmt: off
TARGETS = [
    T("cw_home", "Caseworker's home page", "caseworker", "/"),
    T("person_list", "Beneficiary list (centre, page of 50)", "caseworker", "/people/?centre={centre_id}",
      few="/people/?centre={centre_id}&q={name_latin}", floor="beneficiaries", admin=PEOPLE_ADMIN),
    T("search_latin", "Search by name (Latin)", "caseworker", "/people/?q={name_latin}", kind="search"),
    T("search_arabic", "Search by name (Arabic)", "caseworker", "/people/?q={name_ar}", kind="search"),
    T("search_cin", "Search by CIN", "caseworker", "/people/?q={cin}", kind="search"),
    T("person_file", "A person's file", "caseworker", "/people/{person}/"),
    T("timeline", "A person's timeline", "caseworker", "/plans/people/{person}/timeline/"),
    T("followup_overview", "Follow-ups due and overdue (page)", "caseworker", "/plans/follow-ups/"),
    T("sup_home", "Supervisor's home page", "supervisor", "/"),
    T("watchlist", "Vigilance watchlist", "supervisor", "/watchlist/"),
    T("envelopes", "Envelope dashboard", "supervisor", "/grants/envelopes/"),
    T("envelope", "Envelope detail (breakdown)", "supervisor", "/grants/envelopes/{envelope}/"),
    T("grant_list", "Grants list (centre)", "caseworker", "/grants/?centre={centre_id}",
      few="/grants/?centre={centre_id}&file_number={person_file_number}", floor="grants", admin=GRANTS_ADMIN),
    T("api_beneficiaries", "API: beneficiaries (centre)", "caseworker", "/api/v1/beneficiaries/?centre={centre_code}",
      kind="api", few="/api/v1/beneficiaries/?centre={centre_code}&q={name_latin}", floor="beneficiaries_api",
      admin=PEOPLE_ADMIN),
    T("api_follow_ups", "API: follow-ups", "caseworker", "/api/v1/plans/follow-ups/", kind="api",
      few="/api/v1/plans/follow-ups/?beneficiary={person}&status=planned", floor="follow_ups_api",
      admin=FOLLOW_UPS_ADMIN),
    T("api_overdue", "API: overdue follow-ups", "caseworker", "/api/v1/plans/follow-ups/?state=overdue", kind="api",
      floor="overdue_api", admin=FOLLOW_UPS_ADMIN + "&status__exact=planned"),
    T("api_plans", "API: life projects", "caseworker", "/api/v1/plans/", kind="api",
      few="/api/v1/plans/?beneficiary={person}", floor="plans_api",
      admin="/admin/reintegration_plans/lifeproject/?" + IN_CENTRE),
    T("api_referrals", "API: referrals", "caseworker", "/api/v1/plans/referrals/", kind="api",
      few="/api/v1/plans/referrals/?beneficiary={person}", floor="referrals_api",
      admin="/admin/reintegration_plans/referral/?" + IN_CENTRE),
    T("api_grants", "API: grant proposals (centre)", "caseworker", "/api/v1/grants/proposals/?centre={centre_id}",
      kind="api", few="/api/v1/grants/proposals/?centre={centre_id}&file_number={person_file_number}",
      floor="grants_api", admin=GRANTS_ADMIN),
    T("api_envelopes", "API: envelopes", "supervisor", "/api/v1/grants/envelopes/", kind="api",
      few="/api/v1/grants/envelopes/?is_open=true", floor="envelopes_api", admin="/admin/grants/envelope/"),
    T("api_events", "API: distribution events", "caseworker", "/api/v1/grants/events/", kind="api",
      floor="events_api", admin="/admin/grants/distributionevent/?centre__id__exact={centre_id}"),
    T("api_deliveries", "API: deliveries", "caseworker", "/api/v1/grants/deliveries/", kind="api",
      floor="deliveries_api", admin="/admin/grants/delivery/?grant__" + IN_CENTRE),
    T("api_visits", "API: monitoring visits", "caseworker", "/api/v1/grants/monitoring/", kind="api",
      floor="visits_api", admin="/admin/grants/monitoringvisit/?grant__" + IN_CENTRE),
]
# fmt: on


def resolve(url: str, fixtures: dict) -> str:
    return url.format(**fixtures) if url else ""
