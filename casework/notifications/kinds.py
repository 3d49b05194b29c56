"""What each kind of notification says. The text is built when it is shown, in the reader's language.

A notification stores only its kind and a few parameters (file number, dates, codes); the sentence comes
from a translatable template here, so the same row reads in Arabic for one person and in French for
another, and a better translation shipped later improves the old notifications too.

Parameters may be plain values, a `{"ar": …, "fr": …, "en": …}` dict (reference-data names, picked in the
reader's language), or a code that the kind maps to a translated label (`labels`). A kind may have variants
(a different sentence per `params["variant"]`, e.g. accepted / refused). Other apps add their own kinds
with `register_kind(...)` in their `AppConfig.ready()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    PLAN_SUBMITTED = "plan_submitted", _("Life project submitted")
    PLAN_APPROVED = "plan_approved", _("Life project approved")
    PLAN_RETURNED = "plan_returned", _("Life project returned")
    PLAN_REVIEW_DUE = "plan_review_due", _("Life project review due")
    FOLLOWUP_OVERDUE = "followup_overdue", _("Follow-up overdue")
    TRANSFER_REQUESTED = "transfer_requested", _("Transfer requested")
    TRANSFER_DECIDED = "transfer_decided", _("Transfer answered")
    ALERT_RAISED = "alert_raised", _("Vigilance alert raised")
    GRANT_DECIDED = "grant_decided", _("Grant proposal decided")
    REPORT_READY = "report_ready", _("Report ready")


@dataclass(frozen=True)
class KindSpec:
    code: str
    label: str
    # Sentence per variant; "" is the default variant.
    texts: dict[str, str]
    # param name -> {code: translated label}
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    # The e-mail then carries only the kind, never the sentence (the watchlist's compartment stays closed).
    confidential: bool = False


_SEVERITY = {"low": _("low"), "medium": _("medium"), "high": _("high")}

KINDS: dict[str, KindSpec] = {}


def register_kind(
    code: str,
    *,
    text: str | dict[str, str],
    label: str | None = None,
    labels: dict[str, dict[str, str]] | None = None,
    confidential: bool = False,
) -> KindSpec:
    """Add (or replace) a kind. `text` is a lazy translatable string with %(name)s placeholders; the label
    defaults to the NotificationKind choice's own."""
    if label is None:
        label = NotificationKind(code).label
    texts = text if isinstance(text, dict) else {"": text}
    spec = KindSpec(code=code, label=label, texts=texts, labels=labels or {}, confidential=confidential)
    KINDS[code] = spec
    return spec


K = NotificationKind
register_kind(
    K.PLAN_SUBMITTED,
    text=_("%(actor)s submitted the life project of file %(file_number)s for approval."),
)
register_kind(
    K.PLAN_APPROVED,
    text=_("%(actor)s approved the life project of file %(file_number)s."),
)
register_kind(
    K.PLAN_RETURNED,
    text=_("%(actor)s returned the life project of file %(file_number)s for revision."),
)
register_kind(
    K.PLAN_REVIEW_DUE,
    text=_("The life project of file %(file_number)s is due for review on %(due_on)s."),
)
register_kind(
    K.FOLLOWUP_OVERDUE,
    text=_("A follow-up of file %(file_number)s was due on %(due_on)s and has not been recorded."),
)
register_kind(
    K.TRANSFER_REQUESTED,
    text=_("%(actor)s asks to transfer file %(file_number)s from %(from_centre)s to %(to_centre)s."),
)
register_kind(
    K.TRANSFER_DECIDED,
    text={
        "": _("%(actor)s answered your transfer request for file %(file_number)s."),
        "accepted": _("%(actor)s accepted the transfer of file %(file_number)s to %(to_centre)s."),
        "refused": _("%(actor)s refused the transfer of file %(file_number)s to %(to_centre)s."),
    },
)
register_kind(
    K.ALERT_RAISED,
    text=_("Vigilance alert (%(severity)s) for file %(file_number)s: %(indicator)s."),
    labels={"severity": _SEVERITY},
    confidential=True,
)
register_kind(
    K.GRANT_DECIDED,
    text={
        "": _("%(actor)s decided on the grant proposal of file %(file_number)s."),
        "approve": _("%(actor)s approved the grant proposal of file %(file_number)s."),
        "return": _("%(actor)s returned the grant proposal of file %(file_number)s for changes."),
        "reject": _("%(actor)s rejected the grant proposal of file %(file_number)s."),
    },
)
register_kind(
    K.REPORT_READY,
    text=_("Your report “%(title)s” is ready to download."),
)


class _Params(dict):
    """Missing parameters read as a dash instead of breaking the sentence."""

    def __missing__(self, key):
        return "—"


def _localise(value, language: str):
    if isinstance(value, dict) and value and set(value) <= {"ar", "fr", "en"}:
        return value.get(language) or value.get("fr") or next(iter(value.values()))
    return value


def is_confidential(code: str) -> bool:
    spec = KINDS.get(code)
    return bool(spec and spec.confidential)


def kind_label(code: str) -> str:
    spec = KINDS.get(code)
    return str(spec.label) if spec else code


def render_text(*, kind: str, params: dict, actor_name: str) -> str:
    """The sentence for one notification, in the active language."""
    spec = KINDS.get(kind)
    if spec is None:
        return kind
    language = (get_language() or "ar")[:2]
    values = _Params()
    for name, value in (params or {}).items():
        if name in spec.labels and isinstance(value, str):
            value = spec.labels[name].get(value, value)
        values[name] = str(_localise(value, language))
    values["actor"] = actor_name or str(_("The system"))
    variant = (params or {}).get("variant", "")
    template = spec.texts.get(variant) or spec.texts.get("") or next(iter(spec.texts.values()))
    try:
        return str(template) % values
    except (TypeError, ValueError):
        return str(spec.label)
