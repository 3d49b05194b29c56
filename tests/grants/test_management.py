"""Administrators' pages: envelopes, allocations, distribution events with their officials; what supervisors
may do; validation errors shown and nothing changed; scope (404) and role (403) on every new page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from casework.models import AuditAction, AuditEntry
from grants.models import DistributionEvent, Envelope, EnvelopeAllocation, GrantStatus
from grants.services import event_assign_grants
from tests import factories
from tests.grants import factories as gf

pytestmark = pytest.mark.django_db


def envelope_post(**overrides):
    return {
        "name": "Moussalaha 8th edition — May 2022",
        "funder": "Mohammed VI Foundation",
        "period_start": "2022-05-01",
        "period_end": "2022-05-31",
        "total_amount": "500000.00",
        "is_open": "on",
        **overrides,
    }


def test_administrator_opens_and_changes_an_envelope(people, login):
    client = login(people.administrator)
    assert client.get(reverse("grants:envelope_create")).status_code == 200
    bad = client.post(reverse("grants:envelope_create"), envelope_post(period_end="2022-04-01"))
    assert bad.status_code == 200 and "period_end" in bad.context["form"].errors
    assert not Envelope.objects.exists()

    response = client.post(reverse("grants:envelope_create"), envelope_post())
    envelope = Envelope.objects.get()
    assert response.status_code == 302 and response.url == reverse("grants:envelope", args=[envelope.pk])
    assert envelope.total_amount == Decimal("500000.00") and envelope.is_open
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(envelope.pk)).exists()

    edit = reverse("grants:envelope_edit", args=[envelope.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, envelope_post(total_amount="600000.00", is_open=""))
    assert response.status_code == 302
    envelope.refresh_from_db()
    assert envelope.total_amount == Decimal("600000.00") and not envelope.is_open
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(envelope.pk)).latest("pk")
    assert entry.changes["total_amount"] == ["500000.00", "600000.00"]


def test_envelope_total_cannot_drop_below_what_is_committed(people, login):
    envelope = gf.envelope(Decimal("100000.00"))
    gf.approved(proposer=people.caseworker, supervisor=people.supervisor, envelope_=envelope)  # 26,601.00
    client = login(people.administrator)
    response = client.post(reverse("grants:envelope_edit", args=[envelope.pk]), envelope_post(total_amount="20000"))
    assert response.status_code == 200
    assert "26,601.00" in " ".join(response.context["form"].errors["total_amount"])
    envelope.refresh_from_db()
    assert envelope.total_amount == Decimal("100000.00")


def test_envelope_pages_roles_and_scope(people, login):
    envelope = gf.envelope()
    pages = [
        reverse("grants:envelope_create"),
        reverse("grants:envelope_edit", args=[envelope.pk]),
    ]
    supervisor = login(people.supervisor)
    for url in pages:
        assert supervisor.get(url).status_code == 403, url
    assert supervisor.get(reverse("grants:allocations", args=[envelope.pk])).status_code == 200  # reads
    assert supervisor.post(reverse("grants:allocations", args=[envelope.pk]), {"amount": "1"}).status_code == 403
    caseworker = login(people.caseworker)
    assert caseworker.get(reverse("grants:envelope_create")).status_code == 403
    for url in [
        pages[1],
        reverse("grants:allocations", args=[envelope.pk]),
        reverse("grants:envelope", args=[envelope.pk]),
    ]:
        assert caseworker.get(url).status_code == 404, url  # envelopes are not in a caseworker's scope
    partner = login(people.partner)
    assert partner.get(reverse("grants:envelope_create")).status_code == 403
    assert partner.get(reverse("grants:allocations", args=[envelope.pk])).status_code == 404
    assert Envelope.objects.count() == 1


def test_allocations_never_exceed_the_total_nor_drop_below_what_is_used(people, login):
    envelope = gf.envelope(Decimal("100000.00"))
    fes = factories.centre("FES")
    gf.approved(proposer=people.caseworker, supervisor=people.supervisor, envelope_=envelope)  # 26,601.00 in Fes
    client = login(people.administrator)
    url = reverse("grants:allocations", args=[envelope.pk])

    both = client.post(url, {"region": fes.region_id, "centre": fes.pk, "amount": "1000"})
    assert both.status_code == 200 and both.context["form"].non_field_errors()
    below = client.post(url, {"centre": fes.pk, "amount": "20000.00"})
    assert below.status_code == 200
    assert "26,601.00" in " ".join(below.context["form"].errors["amount"])
    assert not EnvelopeAllocation.objects.exists()

    assert client.post(url, {"centre": fes.pk, "amount": "30000.00"}).status_code == 302
    casa = factories.centre("CAS")
    over = client.post(url, {"region": casa.region_id, "amount": "70000.01"})
    assert over.status_code == 200 and "would exceed the envelope" in over.content.decode()
    assert client.post(url, {"region": casa.region_id, "amount": "70000.00"}).status_code == 302
    # Changing an existing allocation (same city) replaces its amount.
    assert client.post(url, {"centre": fes.pk, "amount": "29000.00"}).status_code == 302
    assert EnvelopeAllocation.objects.get(centre=fes).amount == Decimal("29000.00")

    page = client.get(url)
    assert page.status_code == 200
    rows = {a.centre_id or a.region_id: a for a in page.context["allocations"]}
    assert rows[fes.pk].used == Decimal("26601.00") and rows[casa.region_id].used == Decimal("0.00")
    assert 'data-confirm="' in page.content.decode()

    allocation = EnvelopeAllocation.objects.get(region=casa.region)
    remove = reverse("grants:allocation_remove", args=[envelope.pk, allocation.pk])
    assert login(people.supervisor).post(remove).status_code == 403
    client = login(people.administrator)
    assert client.get(remove).status_code == 405
    assert client.post(remove).status_code == 302
    assert not EnvelopeAllocation.objects.filter(pk=allocation.pk).exists()
    assert AuditEntry.objects.filter(action=AuditAction.DELETE, object_id=str(allocation.pk)).exists()


def event_post(envelope, centre, officials=(), **overrides):
    data = {
        "envelope": envelope.pk,
        "centre": centre.pk,
        "city": "Meknès",
        "date": "2021-05-24",
        "place": "Préfecture de Meknès",
        "officials-TOTAL_FORMS": str(len(officials) + 1),
        "officials-INITIAL_FORMS": "0",
        "officials-MIN_NUM_FORMS": "0",
        "officials-MAX_NUM_FORMS": "1000",
        **overrides,
    }
    for i, (title, name, organisation) in enumerate(officials):
        data.update(
            {f"officials-{i}-title": title, f"officials-{i}-name": name, f"officials-{i}-organisation": organisation}
        )
    return data


def test_administrator_organises_an_event_with_its_officials(people, login):
    envelope = gf.envelope()
    meknes = factories.centre("MEK")
    client = login(people.administrator)
    assert client.get(reverse("grants:event_create") + f"?envelope={envelope.pk}").status_code == 200
    officials = [
        ("Governor of the Meknes prefecture", "", "Ministry of the Interior"),
        ("National coordinator", "A. B.", "Mohammed VI Foundation"),
    ]
    missing_title = event_post(envelope, meknes, officials, **{"officials-2-name": "Nobody"})
    response = client.post(reverse("grants:event_create"), missing_title)
    assert response.status_code == 200 and not DistributionEvent.objects.exists()

    response = client.post(reverse("grants:event_create"), event_post(envelope, meknes, officials))
    event = DistributionEvent.objects.get()
    assert response.status_code == 302 and response.url == reverse("grants:event", args=[event.pk])
    assert [(o.title, o.name, o.organisation) for o in event.officials.all()] == officials
    page = client.get(reverse("grants:event", args=[event.pk])).content.decode()
    assert "Governor of the Meknes prefecture" in page and "<strong>A. B.</strong>" in page

    edit = reverse("grants:event_edit", args=[event.pk])
    assert client.get(edit).context["officials"].initial[1]["name"] == "A. B."
    # As the browser sends it: both rows (the second ticked "Delete") and the empty ones.
    data = event_post(envelope, meknes, officials, place="Wilaya de Meknès")
    data.update({"officials-INITIAL_FORMS": "2", "officials-TOTAL_FORMS": "4", "officials-1-DELETE": "on"})
    assert client.post(edit, data).status_code == 302
    event.refresh_from_db()
    assert event.place == "Wilaya de Meknès" and event.officials.count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(event.pk)).exists()


def test_event_cancel_only_while_empty_and_grants_taken_off(people, login, scene):
    client = login(people.administrator)
    cancel = reverse("grants:event_delete", args=[scene.event.pk])
    response = client.post(cancel)  # the scene's delivered grant is on it
    assert response.status_code == 302 and DistributionEvent.objects.filter(pk=scene.event.pk).exists()

    approved = gf.approved(proposer=people.caseworker, supervisor=people.supervisor, envelope_=scene.envelope)
    event_assign_grants(actor=people.administrator, event=scene.event, grants=[approved])
    page = client.get(reverse("grants:event", args=[scene.event.pk])).content.decode()
    assert reverse("grants:event_remove_grant", args=[scene.event.pk, approved.pk]) in page
    assert 'data-confirm="' in page
    # A delivered grant stays where it was handed over.
    client.post(reverse("grants:event_remove_grant", args=[scene.event.pk, scene.delivered.pk]))
    scene.delivered.refresh_from_db()
    assert scene.delivered.event_id == scene.event.pk
    # The caseworker may not take a grant off; the supervisor of the region may.
    remove = reverse("grants:event_remove_grant", args=[scene.event.pk, approved.pk])
    assert login(people.caseworker).post(remove).status_code == 403
    assert login(people.outsider_supervisor).post(remove).status_code == 404
    assert login(people.supervisor).post(remove).status_code == 302
    approved.refresh_from_db()
    assert approved.event_id is None and approved.status == GrantStatus.APPROVED

    empty = gf.event(administrator=people.administrator, envelope_=scene.envelope)
    assert login(people.supervisor).post(reverse("grants:event_delete", args=[empty.pk])).status_code == 403
    assert login(people.administrator).post(reverse("grants:event_delete", args=[empty.pk])).status_code == 302
    assert not DistributionEvent.objects.filter(pk=empty.pk).exists()


def test_event_pages_roles_and_scope(people, login, scene):
    event = scene.event
    for user in (people.caseworker, people.supervisor):
        client = login(user)
        assert client.get(reverse("grants:event_create")).status_code == 403
        assert client.get(reverse("grants:event_edit", args=[event.pk])).status_code == 403
    outsider = login(people.outsider)
    for url in [
        reverse("grants:event_edit", args=[event.pk]),
        reverse("grants:event", args=[event.pk]),
    ]:
        assert outsider.get(url).status_code == 404
    assert outsider.post(reverse("grants:event_delete", args=[event.pk])).status_code == 404
    assert outsider.post(reverse("grants:event_remove_grant", args=[event.pk, scene.delivered.pk])).status_code == 404
    partner = login(people.partner)
    assert partner.get(reverse("grants:event_create")).status_code == 403
    assert partner.get(reverse("grants:event", args=[event.pk])).status_code == 404


def test_assigning_only_offers_grants_of_the_event_region(people, login, scene):
    here = gf.approved(proposer=people.caseworker, supervisor=people.supervisor, envelope_=scene.envelope)
    there = gf.approved(
        proposer=people.outsider, supervisor=people.national, envelope_=scene.envelope, title="Casablanca shop"
    )
    form = login(people.national).get(reverse("grants:event", args=[scene.event.pk])).context["form"]
    offered = set(form.fields["grants"].queryset.values_list("pk", flat=True))
    assert here.pk in offered and there.pk not in offered
    assert datetime.date(2021, 5, 25) == scene.event.date


def test_allocation_removal_and_api_writes_out_of_scope_or_role(people, login, scene):
    fes = factories.centre("FES")
    from grants.services import envelope_allocation_set

    allocation = envelope_allocation_set(
        actor=people.administrator, envelope=scene.envelope, amount=Decimal("50000"), centre=fes
    )
    remove = reverse("grants:allocation_remove", args=[scene.envelope.pk, allocation.pk])
    assert login(people.caseworker).post(remove).status_code == 404
    assert login(people.partner).post(remove).status_code == 404
    api = "/api/v1/grants"
    json = "application/json"
    assert login(people.supervisor).patch(f"{api}/envelopes/{scene.envelope.pk}/", {"is_open": False},
                                          content_type=json).status_code == 403  # fmt: skip
    assert login(people.caseworker).patch(f"{api}/envelopes/{scene.envelope.pk}/", {"is_open": False},
                                          content_type=json).status_code == 404  # fmt: skip
    assert login(people.outsider).patch(f"{api}/events/{scene.event.pk}/", {"place": "x"},
                                        content_type=json).status_code == 404  # fmt: skip
    assert login(people.supervisor).patch(f"{api}/events/{scene.event.pk}/", {"place": "x"},
                                          content_type=json).status_code == 403  # fmt: skip
    assert login(people.outsider).delete(f"{api}/events/{scene.event.pk}/").status_code == 404
    assert EnvelopeAllocation.objects.filter(pk=allocation.pk).exists()
    scene.envelope.refresh_from_db()
    scene.event.refresh_from_db()
    assert scene.envelope.is_open and scene.event.place == "Wilaya"
