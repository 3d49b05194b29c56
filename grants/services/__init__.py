"""Writes on grants. Every service is keyword-only, atomic, locks what it changes, validates with
full_clean() and writes its audit entry in the same transaction."""

from .decisions import Decision, grant_decide
from .deliveries import grant_deliver, receipt_validate
from .envelopes import envelope_allocation_set, envelope_create
from .events import event_assign_grants, event_create, event_record_attendance_print
from .monitoring import visit_record
from .proposals import LineData, grant_proposal_create, grant_proposal_update, grant_record_view, grant_submit

__all__ = [
    "Decision",
    "LineData",
    "envelope_allocation_set",
    "envelope_create",
    "event_assign_grants",
    "event_create",
    "event_record_attendance_print",
    "grant_decide",
    "grant_deliver",
    "grant_proposal_create",
    "grant_proposal_update",
    "grant_record_view",
    "grant_submit",
    "receipt_validate",
    "visit_record",
]
