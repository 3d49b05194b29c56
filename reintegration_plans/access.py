"""Who may see and do what with life projects, follow-ups and referrals.

Every row here belongs to one person, so *which* rows a user reaches is always the one access policy's
answer (`casework.access.beneficiary_policy`, through the row's path to the person). This module adds
only the role rules on top of it: who prepares, who approves, and who reads health notes.
"""

from __future__ import annotations

from casework.access import beneficiary_policy
from casework.models import User

# The lookup from each model to its person, for the policy.
PROJECT_PATH = "beneficiary"
GOAL_PATH = "project__beneficiary"
MILESTONE_PATH = "goal__project__beneficiary"
FOLLOW_UP_PATH = "beneficiary"
REFERRAL_PATH = "beneficiary"


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active) and not user.is_partner_viewer


def reads_files(user) -> bool:
    """Caseworkers, supervisors and administrators open people's files; partner viewers never do."""
    return _active(user)


def can_read_health_notes(user: User, beneficiary=None) -> bool:
    """THE rule for health notes: only the caseworkers and supervisors who have the person in scope.

    Administrators (who run the system, not the accompaniment) and partner viewers never read them.
    Pass the person to check the scope; lists already scoped by the policy may pass None.
    """
    if not _active(user) or not (user.is_caseworker or user.is_supervisor):
        return False
    return beneficiary is None or beneficiary_policy.can_view(user, beneficiary)


def can_prepare(user: User, beneficiary) -> bool:
    """Draft and edit a person's plan, record follow-ups and referrals: the caseworkers and supervisors who
    may change the file. Administrators run the system and read; they do not accompany people."""
    return (
        _active(user)
        and (user.is_caseworker or user.is_supervisor)
        and not beneficiary.merged_into_id
        and beneficiary_policy.can_change(user, beneficiary)
    )


def can_approve(user: User, project) -> bool:
    """A programme supervisor with the person in scope (their region, or national), who neither
    prepared nor submitted this plan."""
    return (
        _active(user)
        and user.is_supervisor
        and user.pk not in (project.prepared_by_id, project.submitted_by_id)
        and beneficiary_policy.can_change(user, project.beneficiary)
    )
