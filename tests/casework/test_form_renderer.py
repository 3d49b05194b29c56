"""The project's form renderer writes selects in Python (casework/form_renderer.py): its markup must be
Django's own, character for character, for every kind of select the forms use."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import RequestFactory
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from beneficiaries.forms import SearchForm
from casework.form_renderer import FormRenderer
from casework.models import Centre
from grants.filters import GrantFilter, VisitDueFilter
from grants.models import Grant, MonitoringVisit
from tests import factories

DJANGO = DjangoTemplates()
OURS = FormRenderer()

CHOICES = [
    ("", "---------"),
    ("a", 'Tom & "Jerry" <b>'),
    ("b", "الرباط"),
    (3, 12),
    ("lazy", gettext_lazy("Status")),
    ("safe", mark_safe("<em>kept</em>")),  # noqa: S308 (a safe label is not escaped, as in Django)
    ("Group", [("g1", "One"), ("g2", "Two")]),
    (mark_safe("x&y"), "safe value"),  # noqa: S308
    (2.5, 1234.5),  # a number label is localised (1234,5 in French), a number value is not
]


def both(widget: forms.Widget, name: str, value, attrs=None) -> tuple[str, str]:
    return (
        widget.render(name, value, attrs=attrs, renderer=DJANGO),
        widget.render(name, value, attrs=attrs, renderer=OURS),
    )


@pytest.mark.parametrize(
    ("widget", "value", "attrs"),
    [
        (forms.Select(choices=CHOICES), "b", None),
        (forms.Select(choices=CHOICES), 3, {"class": "form-select", "aria-invalid": "true", "required": True}),
        (forms.Select(choices=CHOICES, attrs={"disabled": True, "data-x": False}), "g2", {"id": "id_x"}),
        (forms.Select(choices=CHOICES), None, None),
        (forms.SelectMultiple(choices=CHOICES), ["a", "g1", 3], {"aria-describedby": "id_x_help id_x_errors"}),
        (forms.NullBooleanSelect(), True, None),
        (forms.Select(choices=[]), "", None),
    ],
)
def test_a_select_is_written_as_djangos_templates_write_it(widget, value, attrs):
    for language in ("ar", "fr", "en"):
        with override(language):
            django, ours = both(widget, "field<&>", value, attrs)
            assert ours == django
    assert "<option" in ours or not widget.choices


@pytest.mark.django_db
def test_the_filter_forms_of_the_lists_render_as_with_django(people):
    """The real forms, with their model choices (centres, cohorts, events, envelopes, sectors) and a bound
    value: the whole form, field by field."""
    factories.centre("CAS")
    request = RequestFactory().get("/", {"centre": str(Centre.objects.get(code="FES").pk), "status": "draft"})
    request.user = people.administrator
    forms_to_check = [
        SearchForm(request.GET),
        GrantFilter(request.GET, queryset=Grant.objects.all(), request=request).form,
        VisitDueFilter(request.GET, queryset=MonitoringVisit.objects.all(), request=request).form,
    ]
    selects = 0
    for form in forms_to_check:
        form.is_valid()
        for field in form:
            if not _is_select(field):
                continue
            form.renderer = OURS
            ours = field.as_widget(attrs={"class": "form-select"})
            form.renderer = DJANGO
            django = field.as_widget(attrs={"class": "form-select"})
            assert ours == django, field.name
            selects += 1
    assert selects >= 8


def _is_select(field) -> bool:
    return getattr(field.field.widget, "template_name", "") == "django/forms/widgets/select.html"


def test_other_widgets_still_go_through_the_templates():
    widget = forms.TextInput()
    assert widget.render("q", "<x>", renderer=OURS) == widget.render("q", "<x>", renderer=DJANGO)
    radios = forms.RadioSelect(choices=CHOICES[:3])
    assert radios.render("r", "a", renderer=OURS) == radios.render("r", "a", renderer=DJANGO)
