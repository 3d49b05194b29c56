"""The follow-ups: about 20 per person (2,000,000 at national scale), spread from release to today.

Past contacts are done (85 %), missed (10 %) or cancelled (5 %); each person with an open project has one
to three planned ones ahead, the first of which is overdue for about one person in five. A quarter of
the done ones are linked to one of the project's goals.
"""

from __future__ import annotations

import datetime
import itertools

from reintegration_plans import models as pm

from .context import Context
from .copy import copy_rows, make_uuid
from .names import OUTCOMES, SUMMARIES
from .plans import reference_ids

OPEN = {
    pm.ProjectStatus.DRAFT,
    pm.ProjectStatus.SUBMITTED,
    pm.ProjectStatus.RETURNED,
    pm.ProjectStatus.APPROVED,
    pm.ProjectStatus.ACTIVE,
}
PAST = [pm.FollowUpStatus.DONE] * 17 + [pm.FollowUpStatus.MISSED] * 2 + [pm.FollowUpStatus.CANCELLED]


def _allocate(ctx: Context) -> None:
    """Share the total among people by time since release (capped at five years), exactly."""
    total = ctx.counts["follow_ups"]
    weights = []
    for person in ctx.people:
        days = (ctx.today - person.release_date).days
        weights.append(0 if days < 0 else min(days, 1800) + 60)
    scale = total / max(1, sum(weights))
    counts = [int(w * scale) for w in weights]
    remainder = total - sum(counts)
    eligible = [i for i, w in enumerate(weights) if w]
    for i in itertools.islice(itertools.cycle(eligible), remainder):
        counts[i] += 1
    for person, count in zip(ctx.people, counts, strict=True):
        person.follow_ups = count


def create_follow_ups(ctx: Context) -> None:
    rng = ctx.rng("follow_ups")
    domains = reference_ids(pm.Domain)
    health = pm.Domain.objects.filter(code="health").values_list("pk", flat=True).first()
    kinds = pm.FollowUpKind.values
    links = []
    _allocate(ctx)

    def rows():
        for person in ctx.people:
            if not person.follow_ups:
                continue
            is_open = person.project_status in OPEN
            planned = min(person.follow_ups, rng.randrange(1, 4)) if is_open else 0
            past = person.follow_ups - planned
            start = person.release_date + datetime.timedelta(days=10)
            span = max(1, (ctx.today - start).days)
            step = max(1, span // max(1, past + 1))
            assignee = person.caseworker
            day = start
            for _ in range(past):
                day = min(day + datetime.timedelta(days=max(1, step + rng.randrange(-3, 4))), ctx.today)
                status = rng.choice(PAST)
                domain = rng.choice(domains)
                done = status == pm.FollowUpStatus.DONE
                fid = make_uuid(rng)
                at = ctx.at(day, rng)
                yield {
                    "id": fid,
                    "beneficiary_id": person.id,
                    "centre_id": ctx.centres[person.centre].id,
                    "project_id": person.project,
                    "assigned_to_id": assignee,
                    "status": status,
                    "due_on": day,
                    "occurred_on": day if done else None,
                    "domain_id": domain,
                    "kind": rng.choice(kinds),
                    "summary": rng.choice(SUMMARIES) if done else "",
                    "outcome": rng.choice(OUTCOMES) if done else "",
                    "health_note": "Suivi médical en cours" if done and domain == health and rng.random() < 0.3 else "",
                    "next_due_on": day + datetime.timedelta(days=step) if done else None,
                    "recorded_by_id": assignee,
                    "created_at": at,
                    "updated_at": at,
                }
                if done and person.goals and rng.random() < 0.25:
                    links.append({"followup_id": fid, "goal_id": rng.choice(person.goals)})
            # Ahead: the first planned contact is overdue for about one person in five.
            due = ctx.today + datetime.timedelta(
                days=-rng.randrange(1, 40) if rng.random() < 0.2 else rng.randrange(0, 20)
            )
            for _ in range(planned):
                yield {
                    "id": make_uuid(rng),
                    "beneficiary_id": person.id,
                    "centre_id": ctx.centres[person.centre].id,
                    "project_id": person.project,
                    "assigned_to_id": assignee,
                    "status": pm.FollowUpStatus.PLANNED,
                    "due_on": due,
                    "domain_id": rng.choice(domains),
                    "kind": rng.choice(kinds),
                    "recorded_by_id": assignee,
                    "created_at": ctx.now,
                    "updated_at": ctx.now,
                }
                due += datetime.timedelta(days=rng.randrange(20, 45))

    copy_rows(pm.FollowUp, rows(), now=ctx.now)
    copy_rows(pm.FollowUp.goals.through, links, now=ctx.now)
