"""The floor of each list endpoint: the same rows (same columns, filter, order and page, and the total
count the page shows) fetched with raw psycopg and serialised with json.dumps — the least any code can do.

The scope filter is written as the plain condition it amounts to for the measured user (a caseworker sees
their centre's files; the list is filtered by that centre), so the access policy's cost shows in the ratio.
Each floor is a list of SQL statements with named parameters from the fixtures; a statement may use
`%(ids)s`, the ids of the rows of the previous statement (to fetch their children, as a prefetch does).
"""

from __future__ import annotations

import json
import time

import psycopg
from psycopg.rows import dict_row

PAGE = 50
_PEOPLE = """
SELECT b.id, b.file_number, c.code AS centre, b.sex, b.first_name_ar, b.family_name_ar, b.first_name_latin,
       b.family_name_latin, b.status AS file_status, b.release_date, b.release_type
FROM beneficiaries_beneficiary b JOIN casework_centre c ON c.id = b.centre_id
WHERE b.centre_id = %(centre_id)s AND b.merged_into_id IS NULL
ORDER BY b.family_name_latin, b.first_name_latin, b.id LIMIT 50
"""
_PEOPLE_COUNT = (
    "SELECT count(*) FROM beneficiaries_beneficiary b WHERE b.centre_id = %(centre_id)s AND b.merged_into_id IS NULL"
)
_GRANTS = """
SELECT g.id, g.beneficiary_id AS beneficiary, b.file_number, g.status, s.code AS sector, g.title, g.description,
       g.location, g.business_plan, g.training_and_skills, g.expected_monthly_income, g.requested_amount,
       g.approved_amount, g.amount_reason, g.decision_reason, g.envelope_id AS envelope, g.event_id AS event,
       g.submitted_at, g.decided_at, g.created_at
FROM grants_grant g JOIN beneficiaries_beneficiary b ON b.id = g.beneficiary_id
     JOIN grants_sector s ON s.id = g.sector_id
WHERE b.centre_id = %(centre_id)s ORDER BY g.created_at DESC, g.id LIMIT 50
"""
_GRANTS_COUNT = (
    "SELECT count(*) FROM grants_grant g JOIN beneficiaries_beneficiary b ON b.id = g.beneficiary_id "
    "WHERE b.centre_id = %(centre_id)s"
)
_LINES = """
SELECT grant_id, item, specification, quantity, unit_cost, line_total, supplier, delivered
FROM grants_equipmentline WHERE grant_id = ANY(%(ids)s) ORDER BY grant_id, position, id
"""
_BY_CENTRE = (
    "JOIN grants_grant g ON g.id = x.grant_id JOIN beneficiaries_beneficiary b ON b.id = g.beneficiary_id "
    "WHERE b.centre_id = %(centre_id)s"
)

_IN_CENTRE = "JOIN beneficiaries_beneficiary b ON b.id = x.beneficiary_id WHERE b.centre_id = %(centre_id)s"
_FOLLOW_UPS = f"""
SELECT x.id, x.beneficiary_id AS beneficiary, b.file_number, x.project_id AS project, x.status AS follow_up_status,
       CASE WHEN x.status = 'planned' AND x.due_on < current_date THEN 'overdue'
            WHEN x.status = 'planned' AND x.due_on <= current_date + 7 THEN 'due' ELSE x.status END AS state,
       x.due_on, x.occurred_on, d.code AS domain, x.kind, x.attendees, x.summary, x.outcome, x.health_note,
       x.next_due_on, a.username AS assigned_to, r.username AS recorded_by, x.correction_count, x.created_at
FROM reintegration_plans_followup x JOIN reintegration_plans_domain d ON d.id = x.domain_id
     LEFT JOIN casework_user a ON a.id = x.assigned_to_id LEFT JOIN casework_user r ON r.id = x.recorded_by_id
     {_IN_CENTRE}
"""
_FOLLOW_UP_GOALS = (
    "SELECT followup_id, goal_id FROM reintegration_plans_followup_goals WHERE followup_id = ANY(%(ids)s)"
)

FLOORS: dict[str, list[str]] = {
    "beneficiaries": [_PEOPLE_COUNT, _PEOPLE],
    "beneficiaries_api": [_PEOPLE_COUNT, _PEOPLE],
    "grants": [_GRANTS_COUNT, _GRANTS],
    "grants_api": [_GRANTS_COUNT, _GRANTS, _LINES],
    "envelopes_api": [
        "SELECT count(*) FROM grants_envelope",
        "SELECT id, name, funder, period_start, period_end, total_amount, committed_amount, spent_amount, "
        "total_amount - committed_amount - spent_amount AS remaining_amount, is_open "
        "FROM grants_envelope ORDER BY period_start DESC, name LIMIT 50",
    ],
    "events_api": [
        "SELECT count(*) FROM grants_distributionevent WHERE centre_id = %(centre_id)s",
        "SELECT e.id, e.envelope_id AS envelope, c.code AS centre, e.city, e.date, e.place, "
        "(SELECT count(*) FROM grants_grant g WHERE g.event_id = e.id) AS beneficiaries "
        "FROM grants_distributionevent e JOIN casework_centre c ON c.id = e.centre_id "
        "WHERE e.centre_id = %(centre_id)s ORDER BY e.date DESC, e.city LIMIT 50",
        "SELECT event_id, title, name, organisation FROM grants_eventofficial WHERE event_id = ANY(%(ids)s) "
        "ORDER BY event_id, position, id",
    ],
    "deliveries_api": [
        f"SELECT count(*) FROM grants_delivery x {_BY_CENTRE}",
        "SELECT x.id, x.grant_id AS grant, x.delivered_on, x.notes, x.receipt <> '' AS has_signed_receipt, "
        f"x.recorded_at FROM grants_delivery x {_BY_CENTRE} ORDER BY x.delivered_on DESC, x.id LIMIT 50",
    ],
    "follow_ups_api": [
        f"SELECT count(*) FROM reintegration_plans_followup x {_IN_CENTRE}",
        _FOLLOW_UPS + "ORDER BY coalesce(x.occurred_on, x.due_on) DESC, x.created_at DESC, x.id LIMIT 50",
        _FOLLOW_UP_GOALS,
    ],
    "overdue_api": [
        f"SELECT count(*) FROM reintegration_plans_followup x {_IN_CENTRE} "
        "AND x.status = 'planned' AND x.due_on < current_date",
        _FOLLOW_UPS + "AND x.status = 'planned' AND x.due_on < current_date ORDER BY x.due_on, x.id LIMIT 50",
        _FOLLOW_UP_GOALS,
    ],
    "plans_api": [
        f"SELECT count(*) FROM reintegration_plans_lifeproject x {_IN_CENTRE}",
        "SELECT x.id, x.beneficiary_id AS beneficiary, b.file_number, x.status AS plan_status, x.version, x.summary, "
        "p.username AS prepared_by, s.username AS submitted_by, x.submitted_at, a.username AS approved_by, "
        "x.approved_at, x.activated_on, x.next_review_on, x.closed_reason, "
        "(SELECT count(*) FROM reintegration_plans_goal g WHERE g.project_id = x.id) AS goal_count, x.created_at, "
        "x.updated_at FROM reintegration_plans_lifeproject x JOIN casework_user p ON p.id = x.prepared_by_id "
        "LEFT JOIN casework_user s ON s.id = x.submitted_by_id LEFT JOIN casework_user a ON a.id = x.approved_by_id "
        f"{_IN_CENTRE} ORDER BY x.updated_at DESC, x.id LIMIT 50",
    ],
    "referrals_api": [
        f"SELECT count(*) FROM reintegration_plans_referral x {_IN_CENTRE}",
        "SELECT x.id, x.beneficiary_id AS beneficiary, b.file_number, p.code AS partner, p.name_ar AS partner_name, "
        "d.code AS domain, x.reason, x.consent_checked, x.consent_basis, x.status AS referral_status, x.outcome, "
        "x.sent_on, x.answered_on, x.completed_on, u.username AS created_by, x.created_at "
        "FROM reintegration_plans_referral x JOIN reintegration_plans_partnerorganisation p ON p.id = x.partner_id "
        "LEFT JOIN reintegration_plans_domain d ON d.id = x.domain_id JOIN casework_user u ON u.id = x.created_by_id "
        f"{_IN_CENTRE} ORDER BY x.sent_on DESC, x.created_at DESC, x.id LIMIT 50",
    ],
    "visits_api": [
        f"SELECT count(*) FROM grants_monitoringvisit x {_BY_CENTRE}",
        "SELECT x.id, x.grant_id AS grant, x.months_after, x.due_on, x.visited_on, x.activity_running, "
        "x.equipment_held, x.equipment_used, x.monthly_income, x.jobs_created, x.difficulties, x.survival_status "
        f"FROM grants_monitoringvisit x {_BY_CENTRE} ORDER BY x.due_on, x.id LIMIT 50",
    ],
}


class Floor:
    """Runs one floor on its own connection (opened once, outside the timing)."""

    def __init__(self, dsn: str, key: str, fixtures: dict):
        self.statements = FLOORS[key]
        self.params = dict(fixtures)
        self.conn = psycopg.connect(dsn, autocommit=True, row_factory=dict_row)

    def __call__(self) -> int:
        """Fetch and serialise; returns the size of the JSON document."""
        document, ids = {}, []
        for n, statement in enumerate(self.statements):
            rows = self.conn.execute(statement, {**self.params, "ids": ids}).fetchall()
            if n == 0 and "count(" in statement:
                document["count"] = rows[0]["count"]
                continue
            ids = [row["id"] for row in rows if "id" in row] or ids
            document[f"part{n}"] = rows
        return len(json.dumps(document, default=str))

    def close(self) -> None:
        self.conn.close()


def time_floor(floor: Floor) -> float:
    started = time.perf_counter()
    floor()
    return time.perf_counter() - started
