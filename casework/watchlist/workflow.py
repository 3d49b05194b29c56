"""The alert's state-transition table: the only place that says which status may follow which."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import AlertStatus


class AlertAction(models.TextChoices):
    ACKNOWLEDGE = "acknowledge", _("acknowledge")
    ASSESS = "assess", _("assess")
    CLOSE = "close", _("close")


# action -> (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    AlertAction.ACKNOWLEDGE: (frozenset({AlertStatus.OPEN}), AlertStatus.ACKNOWLEDGED),
    AlertAction.ASSESS: (frozenset({AlertStatus.ACKNOWLEDGED}), AlertStatus.ASSESSED),
    AlertAction.CLOSE: (frozenset({AlertStatus.ASSESSED}), AlertStatus.CLOSED),
}


def transition_target(current: str, action: str) -> str:
    """The status `action` leads to from `current`, or a translated ValidationError."""
    try:
        sources, target = TRANSITIONS[AlertAction(action)]
    except ValueError as exc:
        raise ValidationError(_("Unknown action."), code="unknown_action") from exc
    if current not in sources:
        raise ValidationError(
            _("You cannot %(action)s an alert that is “%(status)s”."),
            code="illegal_transition",
            params={"action": AlertAction(action).label, "status": AlertStatus(current).label},
        )
    return target


def allowed_actions(current: str) -> list[str]:
    return [action for action, (sources, _target) in TRANSITIONS.items() if current in sources]
