"""Writes on grants. Every service is keyword-only, atomic, locks what it changes, validates with
full_clean() and writes its audit entry in the same transaction."""

from .allocations import envelope_allocation_remove, envelope_allocation_set
from .decisions import Decision, grant_decide
from .deliveries import grant_deliver, receipt_validate
from .envelopes import envelope_create, envelope_update
from .events import (
    OfficialData,
    event_assign_grants,
    event_create,
    event_delete,
    event_record_attendance_print,
    event_remove_grant,
    event_update,
)
from .monitoring import visit_record
from .proposals import (
    LineData,
    grant_proposal_create,
    grant_proposal_update,
    grant_record_view,
    grant_submit,
    person_grants_record_view,
)
from .reference import catalogue_item_save, criterion_save, sector_save
from .scoring import ScoreData, grant_score_set

__all__ = [
    "Decision",
    "LineData",
    "OfficialData",
    "ScoreData",
    "catalogue_item_save",
    "criterion_save",
    "envelope_allocation_remove",
    "envelope_allocation_set",
    "envelope_create",
    "envelope_update",
    "event_assign_grants",
    "event_create",
    "event_delete",
    "event_record_attendance_print",
    "event_remove_grant",
    "event_update",
    "grant_decide",
    "grant_deliver",
    "grant_proposal_create",
    "grant_proposal_update",
    "grant_record_view",
    "grant_score_set",
    "grant_submit",
    "person_grants_record_view",
    "receipt_validate",
    "sector_save",
    "visit_record",
]
