"""Writes of the beneficiaries app. Every function is keyword-only, atomic, validated and audited."""

from .cohorts import (
    attendance_record,
    cohort_add_member,
    cohort_create,
    cohort_session_add,
    may_manage_cohorts,
    membership_update,
)
from .duplicates import PossibleDuplicate, possible_duplicates
from .family import (
    consent_record,
    consent_withdraw,
    document_add,
    document_record_download,
    family_member_add,
    family_member_update,
)
from .imports import COLUMNS, REQUIRED, RosterPreview, roster_import, roster_parse, roster_validate
from .merge import beneficiary_merge, may_merge
from .people import (
    beneficiary_change_status,
    beneficiary_record_export,
    beneficiary_record_view,
    beneficiary_register,
    beneficiary_update,
    centres_for_registration,
)
from .transfers import may_decide_transfer, transfer_decide, transfer_request

__all__ = [
    "COLUMNS",
    "REQUIRED",
    "RosterPreview",
    "roster_import",
    "roster_parse",
    "roster_validate",
    "PossibleDuplicate",
    "attendance_record",
    "beneficiary_change_status",
    "beneficiary_merge",
    "may_merge",
    "beneficiary_record_export",
    "beneficiary_record_view",
    "beneficiary_register",
    "beneficiary_update",
    "centres_for_registration",
    "cohort_add_member",
    "cohort_create",
    "cohort_session_add",
    "may_manage_cohorts",
    "consent_record",
    "consent_withdraw",
    "document_add",
    "document_record_download",
    "family_member_add",
    "family_member_update",
    "may_decide_transfer",
    "membership_update",
    "possible_duplicates",
    "transfer_decide",
    "transfer_request",
]
