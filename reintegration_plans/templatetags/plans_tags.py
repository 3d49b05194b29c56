from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..models import ChecklistStatus, FollowUpKind, FollowUpStatus, GoalStatus

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


@register.simple_tag
def follow_up_state_badge(follow_up):
    """{% follow_up_state_badge follow_up %}: overdue or due this week (the lists' `state` annotation, see
    selectors.follow_up_state), else its status. A tag rather than an include: the lists draw one per row."""
    state, status = getattr(follow_up, "state", ""), follow_up.status
    if state == "overdue":
        tone, label = "danger", _("Overdue")
    elif state == "due":
        tone, label = "warning", _("Due this week")
    elif status == FollowUpStatus.PLANNED:
        tone, label = "info", _("Planned")
    elif status == FollowUpStatus.MISSED:
        tone, label = "secondary", _("Missed")
    elif status == FollowUpStatus.CANCELLED:
        tone, label = "light", _("Cancelled")
    else:
        tone, label = "success", _("Done")
    return format_html('<span class="badge text-bg-{}">{}</span>', tone, label)
