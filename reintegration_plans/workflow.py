"""The life project's state-transition table: the only place that says which status may follow which."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import ProjectAction, ProjectStatus

S = ProjectStatus
OPEN = frozenset({S.DRAFT, S.SUBMITTED, S.RETURNED, S.APPROVED, S.ACTIVE})

# action -> (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    ProjectAction.SUBMIT: (frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED),
    ProjectAction.APPROVE: (frozenset({S.SUBMITTED}), S.APPROVED),
    ProjectAction.RETURN: (frozenset({S.SUBMITTED}), S.RETURNED),
    ProjectAction.ACTIVATE: (frozenset({S.APPROVED}), S.ACTIVE),
    ProjectAction.REVISE: (frozenset({S.APPROVED, S.ACTIVE}), S.DRAFT),
    ProjectAction.REVIEW: (frozenset({S.ACTIVE}), S.ACTIVE),
    ProjectAction.COMPLETE: (frozenset({S.ACTIVE}), S.COMPLETED),
    ProjectAction.CLOSE: (OPEN, S.CLOSED),
}

# Actions a supervisor takes on someone else's plan; all others are the preparing side's.
SUPERVISOR_ACTIONS = frozenset({ProjectAction.APPROVE, ProjectAction.RETURN})


def transition_target(current: str, action: str) -> str:
    """The status `action` leads to from `current`, or a translated ValidationError."""
    sources, target = TRANSITIONS[ProjectAction(action)]
    if current not in sources:
        raise ValidationError(
            _("You cannot %(action)s a life project that is “%(status)s”."),
            code="illegal_transition",
            params={"action": ProjectAction(action).label, "status": ProjectStatus(current).label},
        )
    return target


def allowed_actions(current: str) -> list[str]:
    return [action for action, (sources, _target) in TRANSITIONS.items() if current in sources]
