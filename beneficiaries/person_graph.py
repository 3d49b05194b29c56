"""Every table that holds something about a person, discovered from the model graph (so a table another
app adds later is covered without a change here). Used by the subject-access export and by retention.

A model refers to a person when one of these holds:
1. it reaches `Beneficiary` through foreign keys (shortest path, at most three hops), e.g. a goal through
   its project (`project__beneficiary`);
2. it has a `beneficiary_id` column that is a plain UUID (the audit trail, notifications);
3. it has a JSON column: the rows whose JSON mentions the person's id (report parameters, notification
   parameters) are searched by text.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.db.models import Q, TextField
from django.db.models.functions import Cast

MAX_HOPS = 3


@dataclass(frozen=True)
class PersonLink:
    model: type[models.Model]
    kind: str  # "fk", "uuid" or "json"
    path: str  # lookup to the person's id ("fk", "uuid") or the JSON field names joined by "," ("json")

    @property
    def label(self) -> str:
        return self.model._meta.label

    def rows(self, person_id):
        manager = self.model._base_manager
        if self.kind == "fk":
            return manager.filter(**{self.path: person_id})
        if self.kind == "uuid":
            return manager.filter(**{self.path: person_id})
        condition = Q()
        for name in self.path.split(","):
            condition |= Q(**{f"_text_{name}__contains": str(person_id)})
        annotations = {f"_text_{name}": Cast(name, TextField()) for name in self.path.split(",")}
        return manager.annotate(**annotations).filter(condition)


def beneficiary_model():
    return apps.get_model("beneficiaries", "Beneficiary")


def _fk_path(model, target, hops: int = MAX_HOPS) -> str | None:
    """The shortest forward-foreign-key path from `model` to `target`'s primary key, or None."""
    frontier = [(model, "")]
    seen = {model}
    for _hop in range(hops):
        next_frontier = []
        for current, prefix in frontier:
            for field in current._meta.concrete_fields:
                if not (field.is_relation and (field.many_to_one or field.one_to_one)) or field.related_model is None:
                    continue
                related = field.related_model
                path = f"{prefix}{field.name}"
                if related is target:
                    return path
                if related not in seen:
                    seen.add(related)
                    next_frontier.append((related, f"{path}__"))
        frontier = next_frontier
    return None


def person_links() -> list[PersonLink]:
    target = beneficiary_model()
    links = []
    for model in apps.get_models():
        if model is target or model._meta.proxy:
            continue
        path = _fk_path(model, target)
        if path:
            links.append(PersonLink(model, "fk", path))
            continue
        field_names = {f.name: f for f in model._meta.concrete_fields}
        if isinstance(field_names.get("beneficiary_id"), models.UUIDField):
            links.append(PersonLink(model, "uuid", "beneficiary_id"))
            continue
        json_fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.JSONField)]
        if json_fields:
            links.append(PersonLink(model, "json", ",".join(json_fields)))
    return sorted(links, key=lambda link: link.label)
