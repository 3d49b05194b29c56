"""Grants pages, one module per subject; urls.py names them from here."""

from .deliveries import grant_deliver, receipt_download
from .envelopes import (
    allocation_remove,
    envelope_allocations,
    envelope_create,
    envelope_detail,
    envelope_edit,
    envelope_list,
)
from .events import (
    event_attendance,
    event_create,
    event_delete,
    event_detail,
    event_edit,
    event_list,
    event_remove_grant,
)
from .figures import figures
from .monitoring import indicators, visit_edit, visit_list
from .proposals import (
    grant_create,
    grant_decide,
    grant_detail,
    grant_edit,
    grant_list,
    grant_receipt,
    grant_score,
    grant_submit,
    person_grants,
)
from .reference import reference_edit, reference_list, reference_set_active

__all__ = [
    "allocation_remove",
    "envelope_allocations",
    "envelope_create",
    "envelope_detail",
    "envelope_edit",
    "envelope_list",
    "event_attendance",
    "event_create",
    "event_delete",
    "event_detail",
    "event_edit",
    "event_list",
    "event_remove_grant",
    "figures",
    "grant_create",
    "grant_decide",
    "grant_deliver",
    "grant_detail",
    "grant_edit",
    "grant_list",
    "grant_receipt",
    "grant_score",
    "grant_submit",
    "indicators",
    "person_grants",
    "receipt_download",
    "reference_edit",
    "reference_list",
    "reference_set_active",
    "visit_edit",
    "visit_list",
]
