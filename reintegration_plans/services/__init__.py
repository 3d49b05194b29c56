"""Writes on life projects, follow-ups and referrals. Every service is keyword-only, atomic, locks what
it changes, validates with full_clean() and writes its audit entry in the same transaction."""

from ._common import file_read_record
from .followups import (
    follow_up_cancel,
    follow_up_correct,
    follow_up_mark_missed,
    follow_up_plan,
    follow_up_record,
    follow_up_record_view,
)
from .projects import (
    checklist_update,
    goal_add,
    goal_remove,
    goal_update,
    life_project_create,
    life_project_record_view,
    life_project_update,
    milestone_add,
    milestone_remove,
    milestone_update,
)
from .referrals import active_sharing_consent, referral_record_view, referral_send, referral_update_status
from .reviews import plan_reviews_remind
from .workflow import (
    life_project_activate,
    life_project_approve,
    life_project_close,
    life_project_complete,
    life_project_record_review,
    life_project_return,
    life_project_revise,
    life_project_submit,
    next_review_date,
)

__all__ = [
    "active_sharing_consent",
    "checklist_update",
    "file_read_record",
    "follow_up_cancel",
    "follow_up_correct",
    "follow_up_mark_missed",
    "follow_up_plan",
    "follow_up_record",
    "follow_up_record_view",
    "goal_add",
    "goal_remove",
    "goal_update",
    "life_project_activate",
    "life_project_approve",
    "life_project_close",
    "life_project_complete",
    "life_project_create",
    "life_project_record_review",
    "life_project_record_view",
    "life_project_return",
    "life_project_revise",
    "life_project_submit",
    "life_project_update",
    "milestone_add",
    "milestone_remove",
    "milestone_update",
    "next_review_date",
    "plan_reviews_remind",
    "referral_record_view",
    "referral_send",
    "referral_update_status",
]
