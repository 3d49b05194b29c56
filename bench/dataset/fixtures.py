"""The rows the measures use, chosen the same way at every size: the measured centre's first caseworker,
a supervisor of its region, an administrator, and among that caseworker's people the one with the
longest history who also has an open project, a grant, a CIN, a referral and a cohort (so every
list and section of their pages has rows at every size). The names and CIN searched are that person's."""

from __future__ import annotations

from beneficiaries.models import Beneficiary
from beneficiaries.normalise import normalise_arabic
from casework.models import User
from grants.models import Envelope

from .context import Context
from .followups import OPEN


def choose(ctx: Context) -> dict:
    centre = ctx.centres[0]
    caseworker = centre.caseworkers[0]
    mine = [p for p in ctx.people if p.caseworker == caseworker and p.project_status in OPEN]
    person = max(mine, key=lambda p: (p.grant, bool(p.cin), p.referrals > 0, p.member, p.follow_ups))
    record = Beneficiary.objects.get(pk=person.id)
    supervisor = min(ctx.supervisors[centre.region_id])
    # The newest envelope with a distribution event in the supervisor's region: the same parts of its page
    # show at every size.
    envelope = (
        Envelope.objects.filter(name__startswith="Bench ", events__centre__region_id=centre.region_id)
        .distinct()
        .order_by("-period_start")
        .values_list("pk", flat=True)
    )
    return {
        "centre_id": centre.id,
        "centre_code": centre.code,
        "caseworker": User.objects.get(pk=caseworker).username,
        "supervisor": User.objects.get(pk=supervisor).username,
        "national_supervisor": User.objects.get(pk=min(ctx.supervisors[0])).username,
        "administrator": User.objects.get(pk=min(ctx.administrators)).username,
        "person": str(person.id),
        "person_file_number": record.file_number,
        "person_follow_ups": person.follow_ups,
        "caseload": sum(1 for p in ctx.people if p.caseworker == caseworker),
        "name_latin": f"{record.first_name_latin} {record.family_name_latin}",
        # Typed without hamza or taa marbuta, as people do: the search folds the variants.
        "name_ar": normalise_arabic(f"{record.first_name_ar} {record.family_name_ar}"),
        "family_latin": record.family_name_latin,
        "cin": person.cin,
        "envelope": str(envelope.first()),
    }
