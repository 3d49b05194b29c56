"""Life projects, follow-ups and referrals. A package of small modules, importable from here."""

from .followups import DUE_SOON_DAYS, FOLLOW_UP_ORDER, FollowUp, FollowUpCorrection, FollowUpKind, FollowUpStatus
from .projects import (
    APPROVED_STATUSES,
    EDITABLE_STATUSES,
    FINISHED_STATUSES,
    TRACKABLE_STATUSES,
    ChecklistEntry,
    ChecklistStatus,
    Goal,
    GoalStatus,
    LifeProject,
    Milestone,
    ProjectAction,
    ProjectRevision,
    ProjectStatus,
    ProjectTransition,
)
from .reference import ChecklistItem, Domain, PartnerKind, PartnerOrganisation
from .referrals import ConsentBasis, Referral, ReferralStatus

__all__ = [
    "APPROVED_STATUSES",
    "DUE_SOON_DAYS",
    "FOLLOW_UP_ORDER",
    "EDITABLE_STATUSES",
    "FINISHED_STATUSES",
    "TRACKABLE_STATUSES",
    "ChecklistEntry",
    "ChecklistItem",
    "ChecklistStatus",
    "ConsentBasis",
    "Domain",
    "FollowUp",
    "FollowUpCorrection",
    "FollowUpKind",
    "FollowUpStatus",
    "Goal",
    "GoalStatus",
    "LifeProject",
    "Milestone",
    "PartnerKind",
    "PartnerOrganisation",
    "ProjectAction",
    "ProjectRevision",
    "ProjectStatus",
    "ProjectTransition",
    "Referral",
    "ReferralStatus",
]
