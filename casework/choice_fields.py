"""The choices of every model choice field, read with one plain query.

Django's ModelChoiceIterator reads a field's choices through `queryset.iterator()`, which on PostgreSQL opens
a server-side cursor: DECLARE, FETCH and CLOSE, three round trips (outside a transaction a WITH HOLD cursor,
which also copies the result) to read a few dozen centres, cohorts or sectors. The grants list's filter form
paid 12 extra round trips for it, the people list 6. Lists of choices are short: one SELECT reads each. Large
reads that must stream (the exports' `iterator(chunk_size=…)`) keep their server-side cursors.
"""

from __future__ import annotations

import django_filters.fields
from django import forms
from django.forms.models import ModelChoiceIterator


class ChoicesInOneQuery(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():  # a fresh clone each time, as iterator() was: no cache kept on the field
            yield self.choice(obj)


class FilterChoicesInOneQuery(django_filters.fields.ModelChoiceIterator, ChoicesInOneQuery):
    """django-filter's iterator (it adds the "none" choice) over the one-query reading above."""


def read_choices_in_one_query() -> None:
    """Make these the iterators of every model choice field: Django's (single and multiple, declared or built
    by a ModelForm) and django-filter's. `iterator` is the attribute both provide for this."""
    forms.ModelChoiceField.iterator = ChoicesInOneQuery
    django_filters.fields.ModelChoiceField.iterator = FilterChoicesInOneQuery
    django_filters.fields.ModelMultipleChoiceField.iterator = FilterChoicesInOneQuery
