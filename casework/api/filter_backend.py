"""The API's filter backend: django-filter's, validating a request's filters once per view.

A list that counts its rows part by part of the access scope (CountedInScopeMixin) filters two querysets of
the same model with the same filters: the page's rows and the rows to count. Validating the filter form
twice cost the form's work and its lookups twice (the grants list read the chosen centre again)."""

from __future__ import annotations

from django_filters import utils
from django_filters.rest_framework import DjangoFilterBackend


class FilterOnceBackend(DjangoFilterBackend):
    def filter_queryset(self, request, queryset, view):
        validated = getattr(view, "_validated_filterset", None)
        if validated is not None and validated.queryset.model is queryset.model:
            return validated.filter_queryset(queryset.all())
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid() and self.raise_exception:
            raise utils.translate_validation(filterset.errors)
        view._validated_filterset = filterset  # DRF makes a view instance per request
        return filterset.qs
