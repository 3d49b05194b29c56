"""The grant's state-transition table: the only place that says which status may follow which."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import GrantStatus


class Action(models.TextChoices):
    SUBMIT = "submit", _("submit")
    APPROVE = "approve", _("approve")
    RETURN = "return", _("return for changes")
    REJECT = "reject", _("reject")
    DELIVER = "deliver", _("record the delivery of")


# action -> (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    Action.SUBMIT: (frozenset({GrantStatus.DRAFT, GrantStatus.RETURNED}), GrantStatus.SUBMITTED),
    Action.APPROVE: (frozenset({GrantStatus.SUBMITTED}), GrantStatus.APPROVED),
    Action.RETURN: (frozenset({GrantStatus.SUBMITTED}), GrantStatus.RETURNED),
    Action.REJECT: (frozenset({GrantStatus.SUBMITTED}), GrantStatus.REJECTED),
    Action.DELIVER: (frozenset({GrantStatus.APPROVED}), GrantStatus.DELIVERED),
}


def transition_target(current: str, action: str) -> str:
    """The status `action` leads to from `current`, or a translated ValidationError."""
    sources, target = TRANSITIONS[Action(action)]
    if current not in sources:
        raise ValidationError(
            _("You cannot %(action)s a proposal that is “%(status)s”."),
            code="illegal_transition",
            params={"action": Action(action).label, "status": GrantStatus(current).label},
        )
    return target


def allowed_actions(current: str) -> list[str]:
    return [action for action, (sources, _target) in TRANSITIONS.items() if current in sources]
