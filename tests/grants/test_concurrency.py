"""Two supervisors approve at the same moment against an envelope that holds only one of the grants:
exactly one approval passes, on real PostgreSQL, each thread with its own connection."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import translation

from grants.models import Envelope, Grant, GrantStatus
from grants.services import Decision, grant_decide
from tests import factories
from tests.grants import factories as gf

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_concurrent_approvals_cannot_over_commit_the_envelope(people):
    assert connection.vendor == "postgresql"
    envelope = gf.envelope(Decimal("40000.00"))  # holds one grant of 26,601.00, not two
    fes = factories.centre("FES")
    first = gf.submitted(proposer=people.caseworker, beneficiary=factories.BeneficiaryFactory(centre=fes))
    second = gf.submitted(proposer=people.caseworker, beneficiary=factories.BeneficiaryFactory(centre=fes))

    barrier = threading.Barrier(2, timeout=20)
    outcomes: dict[str, str] = {}

    def approve(label, supervisor, grant):
        # Each thread has its own active language; read the refusal in English.
        translation.activate("en")
        try:
            barrier.wait()
            grant_decide(actor=supervisor, grant=grant, decision=Decision.APPROVE, envelope=envelope)
            outcomes[label] = "approved"
        except ValidationError as exc:
            outcomes[label] = f"refused: {exc.messages[0]}"
        except Exception as exc:  # surfaced by the assertion below
            outcomes[label] = f"error: {exc!r}"
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=approve, args=("a", people.supervisor, first)),
        threading.Thread(target=approve, args=("b", people.national, second)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(v.split(":")[0] for v in outcomes.values()) == ["approved", "refused"], outcomes
    assert any("would exceed the envelope" in v for v in outcomes.values()), outcomes
    envelope = Envelope.objects.get(pk=envelope.pk)
    assert envelope.committed_amount == gf.FIVE_LINES_TOTAL
    assert envelope.remaining_amount == Decimal("40000.00") - gf.FIVE_LINES_TOTAL
    statuses = sorted(Grant.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True))
    assert statuses == sorted([GrantStatus.APPROVED, GrantStatus.SUBMITTED])
