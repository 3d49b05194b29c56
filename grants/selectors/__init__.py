"""Reads on grants. Every function takes the user and starts from an access policy."""

from .envelopes import (
    envelope_allocation_get,
    envelope_allocations,
    envelope_breakdown,
    envelope_get,
    envelope_list,
)
from .events import approvable_grants_for_event, event_get, event_grants, event_list, event_summary
from .figures import programme_figures
from .monitoring import (
    SURVIVAL_MONTHS,
    delivery_get,
    delivery_get_for_receipt,
    delivery_list,
    survival_indicators,
    visit_get,
    visit_list,
    visits_due,
    visits_open,
)
from .proposals import (
    active_criteria,
    active_sectors,
    beneficiary_for_proposal,
    beneficiary_grants,
    catalogue_for_proposal,
    grant_get,
    grant_list,
    grant_total,
    vocational_goals,
)
from .reference import reference_get, reference_rows

__all__ = [
    "SURVIVAL_MONTHS",
    "active_criteria",
    "active_sectors",
    "approvable_grants_for_event",
    "beneficiary_for_proposal",
    "beneficiary_grants",
    "catalogue_for_proposal",
    "delivery_get",
    "delivery_get_for_receipt",
    "delivery_list",
    "envelope_allocation_get",
    "envelope_allocations",
    "envelope_breakdown",
    "envelope_get",
    "envelope_list",
    "event_get",
    "event_grants",
    "event_list",
    "event_summary",
    "grant_get",
    "grant_list",
    "grant_total",
    "programme_figures",
    "reference_get",
    "reference_rows",
    "survival_indicators",
    "visit_get",
    "visit_list",
    "visits_due",
    "visits_open",
    "vocational_goals",
]
