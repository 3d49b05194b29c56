"""The project's form renderer: Django's own, except that a <select> is written in Python.

Django renders a select through one template per option (`select_option.html`, itself including
`attrs.html`). The list pages' filter forms hold 50 to 150 options (centres, events, envelopes, cohorts…),
and those includes took a third of the grants list's time (`python -m bench profile … grant_list`). The
markup is Django's, character for character: tests/casework/test_form_renderer.py compares it with the
templates' output. A select whose options use another template (a custom widget) still goes through them.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.timezone import template_localtime

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _text(value) -> str:
    """`{{ value }}`: localised, then escaped unless already safe (django.template.base.render_value_in_context)."""
    value = localize(template_localtime(value))
    return conditional_escape(str(value))


def _as_string(value) -> str:
    """`{{ value|stringformat:'s' }}`: the value as text first (not localised), then as `{{ }}` writes it."""
    return _text("%s" % (value,))  # noqa: UP031 (exactly what the filter does; a safe string stays safe)


def _attrs(attrs: dict) -> str:
    """attrs.html: ` name="value"` each, ` name` alone for True, nothing for False."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_as_string(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _option(option: dict) -> str:
    # The option template's own trailing newline is part of Django's output.
    return f'<option value="{_as_string(option["value"])}"{_attrs(option["attrs"])}>{_text(option["label"])}</option>\n'


def render_select(widget: dict) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        parts.extend("\n  " + _option(option) for option in group_choices)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    # Plain text, as the templates give it: Widget.render marks the renderer's output safe (every value
    # above is escaped).
    return "".join(parts).strip()


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if template_name == SELECT else None
        if widget is not None and all(
            option["template_name"] == OPTION for _name, group, _index in widget["optgroups"] for option in group
        ):
            return render_select(widget)
        return super().render(template_name, context, request=request)
