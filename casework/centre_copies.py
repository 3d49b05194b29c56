"""Rows that carry a copy of their person's centre, so that the access policy scopes them on their own
indexes instead of joining through the person (see `BeneficiaryPolicy._filter`).

A model opts in by inheriting `CopiesPersonCentre`: its `save()` fills the copy from `centre_source`, the
foreign key it takes the centre from (the person, or a row that copies the person's centre, as a delivery
takes its grant's), and `person_path` leads to the person. A person changes centre only through an accepted
transfer, which calls `follow_person_centre`; no such row ever moves to another person (a merge leaves
follow-ups, plans and grants on the closed file). Bulk inserts skip `save()` and must set `centre_id`.
tests/casework/test_centre_copies.py holds every such model to the rule.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _


class CopiesPersonCentre(models.Model):
    copies_person_centre = True
    centre_source = "beneficiary"
    person_path = "beneficiary"

    centre = models.ForeignKey(
        "casework.Centre",
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("regional centre"),
        db_index=False,  # each model declares the indexes leading with it that its lists and counts need
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.centre_id is None and getattr(self, f"{self.centre_source}_id") is not None:
            self.centre_id = getattr(self, self.centre_source).centre_id
        super().save(*args, **kwargs)


def models_copying_centre() -> list:
    return [model for model in apps.get_models() if getattr(model, "copies_person_centre", False)]


def follow_person_centre(beneficiary) -> int:
    """The person's rows take the person's (new) centre; returns how many changed."""
    changed = 0
    for model in models_copying_centre():
        changed += (
            model.objects.filter(**{model.person_path: beneficiary})
            .exclude(centre_id=beneficiary.centre_id)
            .update(centre_id=beneficiary.centre_id)
        )
    return changed
