"""What the API's lists of rows about people load: only the columns their serializers read."""

from __future__ import annotations


def _concrete_names(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields]


def _model_at(model, path: str):
    for part in path.split("__"):
        model = model._meta.get_field(part).related_model
    return model


class ListColumnsMixin:
    """On `list`, each row loads every column of the listed model and, of the related rows joined to it, only
    the fields `list_related` names (None: all of that row's columns). Without it a page of follow-ups loads six
    whole rows per follow-up, the person's with the encrypted identifiers, each a Fernet decryption (API
    follow-ups: 41 -> 31 ms to load and serialize 50 rows, interleaved in process). A field the serializer
    reads and `list_related` forgets costs a query per row: tests/bench/test_query_counts.py pins the counts."""

    list_related: dict[str, tuple[str, ...] | None] = {}

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.action != "list":
            return queryset
        columns = _concrete_names(queryset.model)
        for path, names in self.list_related.items():
            names = names if names is not None else _concrete_names(_model_at(queryset.model, path))
            columns += [f"{path}__{name}" for name in names]
        queryset = queryset.select_related(None)
        if self.list_related:  # select_related() without a path would follow every foreign key
            queryset = queryset.select_related(*self.list_related)
        return queryset.only(*columns)
