"""Model choice fields read their choices with one plain query (casework/choice_fields.py), never a server-side
cursor (DECLARE, FETCH, CLOSE: three round trips on PostgreSQL), with the same choices as Django's iterator."""

from contextlib import contextmanager

import django_filters
import pytest
from django import forms
from django.db import connection

from beneficiaries.forms import SearchForm
from casework.models import Centre
from tests import factories

pytestmark = pytest.mark.django_db


@contextmanager
def statements():
    """Every statement sent, as (sql, through a named i.e. server-side cursor?)."""
    seen = []

    def record(execute, sql, params, many, context):
        seen.append((sql, bool(getattr(context["cursor"].cursor, "name", None))))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield seen


@pytest.fixture
def centres():
    factories.centre("FES")  # the reference centres (loaded by migration; re-created after a flush)
    return list(Centre.objects.order_by("code"))


def test_a_form_select_reads_its_choices_in_one_plain_query(centres):
    form = SearchForm()
    with statements() as seen:
        html = str(form["centre"])
    centre_reads = [named for sql, named in seen if '"casework_centre"' in sql]
    assert centre_reads == [False]  # one SELECT, not through a server-side cursor
    for centre in centres:
        assert f'value="{centre.pk}"' in html
    assert html.index('value=""') < html.index(f'value="{centres[0].pk}"')  # the empty choice first


def test_choices_are_read_afresh_each_time_as_before(centres):
    field = forms.ModelChoiceField(queryset=Centre.objects.order_by("code"))
    first = [label for _value, label in field.choices]
    Centre.objects.filter(pk=centres[0].pk).update(name_ar="مركز", name_fr="Centre", name_en="Centre")
    again = [label for _value, label in field.choices]
    assert first[0] == again[0] == "---------"
    assert first[1] == str(centres[0]) and again[1] in {"مركز", "Centre"}
    assert len(again) == len(first) == len(centres) + 1


def test_a_filter_keeps_its_none_choice_after_the_empty_one(centres):
    class ByCentre(django_filters.FilterSet):
        centre = django_filters.ModelChoiceFilter(queryset=Centre.objects.order_by("code"), null_label="(none)")

        class Meta:
            model = Centre
            fields = []

    field = ByCentre().form.fields["centre"]
    with statements() as seen:
        choices = [(str(value), str(label)) for value, label in field.choices]
    assert choices[:2] == [("", "---------"), ("null", "(none)")]
    assert [value for value, _label in choices[2:]] == [str(c.pk) for c in centres]
    assert [named for _sql, named in seen] == [False]
