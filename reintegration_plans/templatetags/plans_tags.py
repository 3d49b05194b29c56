from django import template
from django.utils.translation import get_language

from ..models import ChecklistStatus, FollowUpKind, GoalStatus

register = template.Library()


@register.filter
def lookup_language(names) -> str:
    """{"ar": …, "fr": …, "en": …} (names stored in a revision) in the reader's language."""
    if not isinstance(names, dict):
        return names or ""
    language = (get_language() or "ar")[:2]
    return names.get(language) or names.get("fr") or next(iter(names.values()), "")


@register.filter
def checklist_label(code) -> str:
    return ChecklistStatus(code).label if code in ChecklistStatus.values else code


@register.filter
def goal_status_label(code) -> str:
    return GoalStatus(code).label if code in GoalStatus.values else code


@register.filter
def kind_label(code) -> str:
    return FollowUpKind(code).label if code in FollowUpKind.values else code
