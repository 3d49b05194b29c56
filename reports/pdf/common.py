"""What every PDF report shares: the header (programme, title, parameters, time, requester), the
confidentiality line on every page, and the render-to-file step with progress."""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..kinds import BuildContext
from .render import render_html, write_pdf


def requester_name(user) -> str:
    return user.get_full_name() or user.get_username()


def header(context: BuildContext, title: str, *, extra: list[tuple[str, str]] | None = None) -> dict:
    now = timezone.localtime()
    return {
        "programme": _("Moussalaha — reintegration programme"),
        "title": title,
        "parameters": [*context.form.describe(), *(extra or [])],
        # ISO, as every date of the app: the same in the three languages (DATETIME_FORMAT was the worker's own
        # language, and in English ended "p.m." just before the sentence's full stop).
        "generated_at": formats.date_format(now, "Y-m-d H:i"),
        "generated_on": now,
        "requester": requester_name(context.user),
        "requester_scope": context.user.scope_label,
    }


def render_pdf(context: BuildContext, template: str, data: dict, *, title: str) -> None:
    """Template → HTML (progress 60) → PDF in the job's temporary file (progress 95)."""
    html = render_html(template, {**header(context, title), **data}, language=context.job.language)
    context.progress(60)
    write_pdf(html, context.output)
    context.progress(95)


def download_name(*parts: str, extension: str = "pdf") -> str:
    stem = "-".join(slugify(str(part), allow_unicode=False) for part in parts if part)
    return f"{stem or 'report'}.{extension}"
