"""What the API's lists of rows about people load: only the columns their serializers read."""

from __future__ import annotations

from casework.querysets import only_listed_columns


class ListColumnsMixin:
    """On `list`, rows load every column of the listed model and, of the related rows, only the fields
    `list_related` names (None: all of that row's columns): see `casework.querysets.only_listed_columns`."""

    list_related: dict[str, tuple[str, ...] | None] = {}

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return only_listed_columns(queryset, self.list_related) if self.action == "list" else queryset
