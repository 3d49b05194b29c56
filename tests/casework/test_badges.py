"""Status badges drawn by template tags (one per row of the lists): a person's status, a follow-up's state, a
grant's status — the label translated, the tone only a second cue."""

import pytest
from django.template import engines
from django.utils import translation

from beneficiaries.models import Beneficiary, Status
from grants.models import Grant, GrantStatus
from reintegration_plans.models import FollowUp, FollowUpStatus

TONES = {
    Status.IN_PROGRAMME: "info",
    Status.RELEASED: "success",
    Status.PROJECT_RUNNING: "success",
    Status.CLOSED: "muted",
    Status.DECEASED: "muted",
    Status.REINCARCERATED: "danger",
}


def badge(person, language: str) -> str:
    return render("{% load casework_tags %}{% person_status_badge row %}", person, language)


def render(source: str, row, language: str) -> str:
    with translation.override(language):
        return engines["django"].from_string(source).render({"row": row})


@pytest.mark.parametrize("status", list(Status))
def test_every_status_has_its_label_and_tone(status):
    assert set(TONES) == set(Status)  # a new status must be given a tone here
    person = Beneficiary(status=status)
    for language in ("ar", "fr", "en"):
        with translation.override(language):
            label = str(status.label)
        assert badge(person, language) == (
            f'<span class="badge cw-badge cw-badge-{TONES[status]}" data-testid="person-status">{label}</span>'
        )


def test_the_label_is_translated():
    person = Beneficiary(status=Status.RELEASED)
    assert badge(person, "fr") != badge(person, "en")
    assert "Released" in badge(person, "en")


FOLLOW_UP_BADGES = [
    # (state annotation, status) -> (tone, English label)
    ("overdue", FollowUpStatus.PLANNED, "danger", "Overdue"),
    ("due", FollowUpStatus.PLANNED, "warning", "Due this week"),
    ("", FollowUpStatus.PLANNED, "info", "Planned"),
    (None, FollowUpStatus.PLANNED, "info", "Planned"),  # a follow-up read without the lists' annotation
    ("", FollowUpStatus.MISSED, "secondary", "Missed"),
    ("", FollowUpStatus.CANCELLED, "light", "Cancelled"),
    ("", FollowUpStatus.DONE, "success", "Done"),
]


@pytest.mark.parametrize(("state", "status", "tone", "label"), FOLLOW_UP_BADGES)
def test_a_follow_up_badge_says_overdue_due_or_its_status(state, status, tone, label):
    follow_up = FollowUp(status=status)
    if state is not None:
        follow_up.state = state
    source = "{% load plans_tags %}{% follow_up_state_badge row %}"
    assert render(source, follow_up, "en") == f'<span class="badge text-bg-{tone}">{label}</span>'
    assert label not in render(source, follow_up, "ar")  # translated


GRANT_TONES = {
    GrantStatus.DRAFT: "secondary",
    GrantStatus.SUBMITTED: "info",
    GrantStatus.RETURNED: "warning",
    GrantStatus.REJECTED: "danger",
    GrantStatus.APPROVED: "success",
    GrantStatus.DELIVERED: "primary",
}


@pytest.mark.parametrize("status", list(GrantStatus))
def test_a_grant_badge_has_its_status_label_and_tone(status):
    source = "{% load grants_tags %}{% grant_status_badge row %}"
    for language in ("ar", "fr", "en"):
        with translation.override(language):
            label = str(status.label)
        assert render(source, Grant(status=status), language) == (
            f'<span class="badge text-bg-{GRANT_TONES[status]}">{label}</span>'
        )
