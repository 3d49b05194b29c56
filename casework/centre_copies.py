"""Rows that carry a copy of their person's centre, so that the access policy scopes them on their own
indexes instead of joining through the person (see `BeneficiaryPolicy._filter`).

A model opts in with `copies_person_centre = True` and two foreign keys, `beneficiary` and `centre`; its
`save()` fills the copy from the person. A person changes centre only through an accepted transfer, which
calls `follow_person_centre`. tests/casework/test_centre_copies.py holds every such model to the rule.
"""

from __future__ import annotations

from django.apps import apps


def models_copying_centre() -> list:
    return [model for model in apps.get_models() if getattr(model, "copies_person_centre", False)]


def follow_person_centre(beneficiary) -> int:
    """The person's rows take the person's (new) centre; returns how many changed."""
    changed = 0
    for model in models_copying_centre():
        changed += (
            model.objects.filter(beneficiary=beneficiary)
            .exclude(centre_id=beneficiary.centre_id)
            .update(centre_id=beneficiary.centre_id)
        )
    return changed
