"""Optional committee scoring of a submitted proposal, by a supervisor who may decide on it."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from casework.audit import audit_record, diff
from casework.models import AuditAction, User

from ..access import can_score
from ..models import Grant, GrantScore, GrantStatus, ScoringCriterion


@dataclass(frozen=True)
class ScoreData:
    criterion: ScoringCriterion
    score: int
    comment: str = ""


def _scores_snapshot(grant: Grant) -> dict:
    return {s.criterion.code: [s.score, s.comment] for s in grant.scores.select_related("criterion")}


@transaction.atomic
def grant_score_set(*, actor: User, grant: Grant, scores: list[ScoreData]) -> list[GrantScore]:
    """Record (or correct) the committee's scores; each score is between 0 and its criterion's maximum."""
    grant = Grant.objects.select_for_update().select_related("beneficiary").get(pk=grant.pk)
    if grant.status != GrantStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted proposal can be scored."), code="not_submitted")
    if not can_score(actor, grant):
        if actor.pk == grant.proposed_by_id:
            raise PermissionDenied(_("Nobody may score their own proposal."))
        raise PermissionDenied(_("Only a programme supervisor may score a proposal."))
    if not scores:
        raise ValidationError(_("Give at least one score."), code="no_scores")
    errors = {}
    for data in scores:
        if not data.criterion.is_active:
            errors[data.criterion.code] = _("This criterion is no longer used.")
        elif not 0 <= data.score <= data.criterion.max_score:
            errors[data.criterion.code] = _("Give a score between 0 and %(max)s.") % {"max": data.criterion.max_score}
    if errors:
        raise ValidationError(errors)
    before = _scores_snapshot(grant)
    saved = [
        GrantScore.objects.update_or_create(
            grant=grant,
            criterion=data.criterion,
            defaults={"score": data.score, "comment": data.comment.strip()[:500], "scored_by": actor},
        )[0]
        for data in scores
    ]
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=grant,
        beneficiary_id=grant.beneficiary_id,
        changes={"scores": diff(before, _scores_snapshot(grant))},
    )
    return saved
