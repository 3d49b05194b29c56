from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from grants.models import GrantStatus
from grants.money import format_mad

register = template.Library()


@register.filter
def mad(value):
    """An amount with two decimals and the currency, kept left-to-right inside Arabic text."""
    if value is None or value == "":
        return "—"
    return format_html('<span class="cw-amount" dir="ltr">{}</span>&nbsp;{}', format_mad(value), _("MAD"))


_GRANT_STATUS_TONES = {
    GrantStatus.APPROVED: "success",
    GrantStatus.DELIVERED: "primary",
    GrantStatus.REJECTED: "danger",
    GrantStatus.RETURNED: "warning",
    GrantStatus.SUBMITTED: "info",
}


@register.simple_tag
def grant_status_badge(grant):
    """{% grant_status_badge grant %}: a tag rather than an include, as the grants lists draw one per row."""
    return format_html(
        '<span class="badge text-bg-{}">{}</span>',
        _GRANT_STATUS_TONES.get(grant.status, "secondary"),
        grant.get_status_display(),
    )


@register.filter
def mad_plain(value):
    return format_mad(value) if value not in (None, "") else ""


@register.filter
def visit_state(visit):
    return visit.state()


@register.filter
def subtract(value, other):
    """value - other for Decimal amounts (None counts as zero)."""
    return (value or 0) - (other or 0)
