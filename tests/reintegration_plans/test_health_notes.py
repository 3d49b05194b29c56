"""Health notes: only the caseworkers and supervisors who have the person in scope read them — in pages,
the API, the correction history, and never in the audit trail or the timeline."""

import pytest
from django.urls import reverse

from casework.sharing import file_share_with_user
from reintegration_plans import services
from reintegration_plans.access import can_read_health_notes

pytestmark = pytest.mark.django_db

NOTE = "Diabetes, insulin daily."


def test_the_rule(people, scene):
    person = scene.person
    assert can_read_health_notes(people.caseworker, person)
    assert can_read_health_notes(people.supervisor, person)
    assert can_read_health_notes(people.national, person)
    assert not can_read_health_notes(people.administrator, person)
    assert not can_read_health_notes(people.partner, person)
    assert not can_read_health_notes(people.outsider, person)
    assert not can_read_health_notes(people.neighbour, person)  # same region, other centre


def test_pages(people, scene, login):
    url = reverse("plans:follow_up", args=[scene.done.pk])
    for user in (people.caseworker, people.supervisor):
        assert NOTE in login(user).get(url).content.decode(), user
    admin_page = login(people.administrator).get(url)
    assert admin_page.status_code == 200 and NOTE not in admin_page.content.decode()
    assert 'data-testid="health-note"' not in admin_page.content.decode()
    for user in (people.outsider, people.partner):
        assert login(user).get(url).status_code in (403, 404)
    for user in (people.caseworker, people.administrator):
        for name in ("follow_ups", "timeline"):
            assert NOTE not in login(user).get(reverse(f"plans:{name}", args=[scene.person.pk])).content.decode()


def test_shared_file_reader_in_scope_reads_the_note(people, scene, login):
    file_share_with_user(actor=people.supervisor, beneficiary=scene.person, user=people.outsider, reason="Review")
    assert NOTE in login(people.outsider).get(reverse("plans:follow_up", args=[scene.done.pk])).content.decode()


def test_api(people, scene, login):
    detail = f"/api/v1/plans/follow-ups/{scene.done.pk}/"
    assert login(people.caseworker).get(detail).json()["health_note"] == NOTE
    assert login(people.supervisor).get(detail).json()["health_note"] == NOTE
    admin = login(people.administrator)
    assert "health_note" not in admin.get(detail).json()
    rows = admin.get("/api/v1/plans/follow-ups/").json()["results"]
    assert rows and all("health_note" not in row for row in rows)
    assert NOTE in str(login(people.caseworker).get("/api/v1/plans/follow-ups/").json())
    assert login(people.partner).get(detail).status_code in (403, 404)


def test_correction_history(people, scene, login):
    services.follow_up_correct(
        actor=people.caseworker, follow_up=scene.done, reason="More precise", health_note="Type 2 diabetes."
    )
    url = reverse("plans:follow_up", args=[scene.done.pk])
    page = login(people.caseworker).get(url).content.decode()
    assert "More precise" in page and "Type 2 diabetes." in page, page
    assert NOTE in page, page[page.find("Corrections") :]
    page = login(people.administrator).get(url).content.decode()
    assert "More precise" in page and "corrected (restricted)" in page
    assert NOTE not in page and "Type 2 diabetes." not in page


def test_audit_trail_never_holds_the_note(people, scene, login):
    from casework.models import AuditEntry

    assert NOTE not in str(list(AuditEntry.objects.values_list("changes", flat=True)))
    page = login(people.administrator).get(reverse("casework:audit"), {"beneficiary_id": scene.person.pk})
    assert page.status_code == 200 and NOTE not in page.content.decode()


def test_forms_offer_the_field_only_to_readers(people, scene, login):
    page = login(people.caseworker).get(reverse("plans:follow_up_record", args=[scene.person.pk])).content.decode()
    assert 'name="health_note"' in page
    page = login(people.caseworker).get(reverse("plans:follow_up_correct", args=[scene.done.pk])).content.decode()
    assert NOTE in page  # the corrector sees what they correct


def test_health_notes_are_encrypted_at_rest(people, scene):
    from django.db import connection

    services.follow_up_correct(actor=people.caseworker, follow_up=scene.done, reason="r", health_note="Type 2.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT health_note FROM reintegration_plans_followup WHERE id = %s", [scene.done.pk])
        (stored,) = cursor.fetchone()
        cursor.execute(
            "SELECT changes::text, health_note_before, health_note_after FROM reintegration_plans_followupcorrection"
        )
        rows = cursor.fetchall()
    assert stored.startswith("gAAAA") and "Type 2." not in stored
    assert rows and all(NOTE not in str(row) and "Type 2." not in str(row) for row in rows)
    scene.done.refresh_from_db()
    assert scene.done.health_note == "Type 2."


def _health_note_selected(client, url: str) -> bool:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return any('"reintegration_plans_followup"."health_note"' in q["sql"] for q in captured.captured_queries)


@pytest.mark.parametrize("url", ["/api/v1/plans/follow-ups/", "/plans/follow-ups/"])
def test_lists_never_load_the_note_for_who_may_not_read_it(people, scene, login, url):
    """The lists load fewer columns of the related rows (casework.querysets.only_listed_columns): the selector's
    rule that the note is not even loaded for a reader without the right must survive it."""
    assert not _health_note_selected(login(people.administrator), url)
    assert _health_note_selected(login(people.caseworker), url)
