"""Loading only the columns a list shows."""

from __future__ import annotations

from django.db.models import QuerySet

# What every list shows of a person: the file number and the names in both scripts.
PERSON_LIST_FIELDS = ("file_number", "first_name_ar", "family_name_ar", "first_name_latin", "family_name_latin")


def _model_at(model, path: str):
    for part in path.split("__"):
        model = model._meta.get_field(part).related_model
    return model


def only_listed_columns(queryset: QuerySet, related: dict[str, tuple[str, ...] | None]) -> QuerySet:
    """`queryset` joining only the related rows `related` names (in place of its own select_related) and loading,
    of each, only the fields named (None: all that row's columns). The listed model's own columns are left as
    the selector set them: what it defers (a health note the reader may not see) stays unread.

    Why: a page of 50 follow-ups otherwise loads six whole rows per follow-up, the person's with its encrypted
    identifiers, each a Fernet decryption (API follow-ups: 41 -> 31 ms to load and serialize 50 rows,
    interleaved in process). A field the list reads and `related` forgets costs a query per row:
    tests/bench/test_query_counts.py pins the counts of the main lists."""
    unread = []
    for path, names in related.items():
        model = _model_at(queryset.model, path)
        if names is not None:
            kept = {*names, model._meta.pk.name}
            unread += [f"{path}__{field.name}" for field in model._meta.concrete_fields if field.name not in kept]
    queryset = queryset.select_related(None)
    if related:  # select_related() without a path would follow every foreign key
        queryset = queryset.select_related(*related)
    return queryset.defer(*unread) if unread else queryset
