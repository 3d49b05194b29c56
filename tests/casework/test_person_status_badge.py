"""{% person_status_badge person %}: a person's status as a badge, its label translated, its tone a second cue."""

import pytest
from django.template import engines
from django.utils import translation

from beneficiaries.models import Beneficiary, Status

TONES = {
    Status.IN_PROGRAMME: "info",
    Status.RELEASED: "success",
    Status.PROJECT_RUNNING: "success",
    Status.CLOSED: "muted",
    Status.DECEASED: "muted",
    Status.REINCARCERATED: "danger",
}


def badge(person, language: str) -> str:
    template = engines["django"].from_string("{% load casework_tags %}{% person_status_badge person %}")
    with translation.override(language):
        return template.render({"person": person})


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
