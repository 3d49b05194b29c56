"""Post-delivery monitoring: visits due/overdue like follow-ups, recording a visit, survival indicators
computed in the database (per sector, city, edition), and the partner viewers' aggregate figures."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from beneficiaries.models import Cohort, Membership
from grants.models import SurvivalStatus
from grants.selectors import survival_indicators
from grants.services import event_assign_grants, grant_deliver, visit_record
from grants.services.deliveries import add_months
from tests import factories
from tests.grants import factories as gf

pytestmark = pytest.mark.django_db


def deliver(*, proposer, supervisor, administrator, envelope, delivered_on, centre_code="FES", sector="handicrafts"):
    person = factories.BeneficiaryFactory(centre=factories.centre(centre_code))
    grant = gf.submitted(proposer=proposer, beneficiary=person)
    grant.sector = gf.sector(sector)
    grant.save(update_fields=["sector"])
    from grants.services import Decision, grant_decide

    grant = grant_decide(actor=supervisor, grant=grant, decision=Decision.APPROVE, envelope=envelope)
    event = gf.event(administrator=administrator, envelope_=envelope, centre_code=centre_code)
    event_assign_grants(actor=administrator, event=event, grants=[grant])
    grant_deliver(actor=proposer, grant=grant, delivered_on=delivered_on)
    return grant


def record(grant, months, status, actor):
    visit = grant.visits.get(months_after=months)
    return visit_record(
        actor=actor,
        visit=visit,
        visited_on=visit.due_on,
        activity_running=status in (SurvivalStatus.RUNNING, SurvivalStatus.STRUGGLING),
        equipment_held=True,
        equipment_used=status != SurvivalStatus.CLOSED,
        monthly_income=Decimal("2500.00"),
        jobs_created=1,
        difficulties="",
        survival_status=status,
    )


def test_monitoring_due_page_shows_due_and_overdue_like_follow_ups(people, login):
    today = timezone.localdate()
    envelope = gf.envelope(Decimal("500000.00"))
    kwargs = {"supervisor": people.supervisor, "administrator": people.administrator, "envelope": envelope}
    # 3-month visit due in 3 days; 6- and 12-month visits later.
    soon = deliver(
        proposer=people.caseworker, delivered_on=add_months(today, -3) + datetime.timedelta(days=3), **kwargs
    )
    # 3- and 6-month visits overdue, the 12-month one later.
    late = deliver(proposer=people.caseworker, delivered_on=add_months(today, -7), **kwargs)
    states = {(v.grant_id, v.months_after): v.state() for v in soon.visits.all() | late.visits.all()}
    assert states == {
        (soon.pk, 3): "due",
        (soon.pk, 6): "scheduled",
        (soon.pk, 12): "scheduled",
        (late.pk, 3): "overdue",
        (late.pk, 6): "overdue",
        (late.pk, 12): "scheduled",
    }
    client = login(people.caseworker)
    url = reverse("grants:visits")

    def listed(**params):
        page = client.get(url, params)
        assert page.status_code == 200
        return [(v.grant_id, v.months_after) for v in page.context["page"].object_list]

    assert listed() == [(late.pk, 3), (late.pk, 6), (soon.pk, 3)]  # overdue first, then due within 7 days
    assert listed(state="overdue") == [(late.pk, 3), (late.pk, 6)]
    assert listed(state="due") == [(soon.pk, 3)]
    assert listed(months_after=6) == [(late.pk, 6)]
    assert listed(mine="true") == [(late.pk, 3), (late.pk, 6), (soon.pk, 3)]
    assert listed(mine="false") == []
    page = client.get(url).content.decode()
    assert "Overdue" in page and "Due" in page

    # Recording the overdue 3-month visit takes it off the list.
    response = client.post(
        reverse("grants:visit", args=[late.visits.get(months_after=3).pk]),
        {
            "visited_on": str(today), "activity_running": "yes", "equipment_held": "yes",
            "equipment_used": "yes", "monthly_income": "3100.50", "jobs_created": "2",
            "difficulties": "Supplier late", "survival_status": "running",
        },
    )  # fmt: skip
    assert response.status_code == 302
    visit = late.visits.get(months_after=3)
    assert (visit.monthly_income, visit.jobs_created, visit.survival_status) == (Decimal("3100.50"), 2, "running")
    assert listed() == [(late.pk, 6), (soon.pk, 3)]

    # Scope: the other region sees none of them, the partner viewer is refused the page.
    assert list(login(people.outsider).get(url).context["page"].object_list) == []
    assert login(people.partner).get(url).status_code == 403
    assert login(people.outsider).get(reverse("grants:visit", args=[visit.pk])).status_code == 404


@pytest.fixture
def monitored(people):
    """Three delivered grants with recorded 6- and 12-month visits:
    A handicrafts, Fes, edition 7: alive at 6 and 12; B commerce, Fes, edition 7: closed at 6, 12 not recorded;
    C handicrafts, Meknes, edition 8: struggling at 6, closed at 12."""
    envelope = gf.envelope(Decimal("500000.00"))
    kwargs = {"supervisor": people.supervisor, "administrator": people.administrator, "envelope": envelope}
    day = datetime.date(2021, 5, 25)
    a = deliver(proposer=people.caseworker, delivered_on=day, **kwargs)
    b = deliver(proposer=people.caseworker, delivered_on=day, sector="commerce", **kwargs)
    c = deliver(proposer=people.neighbour, delivered_on=day, centre_code="MEK", **kwargs)
    seventh = Cohort.objects.create(edition=7, year=2021)
    eighth = Cohort.objects.create(edition=8, year=2022)
    for grant, cohort in ((a, seventh), (b, seventh), (c, eighth)):
        Membership.objects.create(cohort=cohort, beneficiary=grant.beneficiary)
    Membership.objects.create(cohort=Cohort.objects.create(edition=6, year=2020), beneficiary=a.beneficiary)
    record(a, 6, SurvivalStatus.RUNNING, people.caseworker)
    record(a, 12, SurvivalStatus.RUNNING, people.caseworker)
    record(b, 6, SurvivalStatus.CLOSED, people.caseworker)
    record(c, 6, SurvivalStatus.STRUGGLING, people.neighbour)
    record(c, 12, SurvivalStatus.CLOSED, people.neighbour)
    return a, b, c


def rates(rows, key="label"):
    return {str(row[key]): (row["m6_rate"], row["m12_rate"], row["m12_pending"]) for row in rows}


def test_survival_rates_per_sector_city_and_edition(people, monitored):
    figures = survival_indicators(user=people.supervisor)  # the whole Fes-Meknes region
    total = figures["total"]
    assert (total["m6_recorded"], total["m6_alive"], total["m6_rate"]) == (3, 2, Decimal("66.7"))
    assert (total["m12_recorded"], total["m12_alive"], total["m12_rate"], total["m12_pending"]) == (
        2,
        1,
        Decimal("50.0"),
        1,
    )
    sectors = {row["group"]: row for row in figures["sector"]}
    handicrafts, commerce = gf.sector("handicrafts").pk, gf.sector("commerce").pk
    assert (sectors[handicrafts]["m6_rate"], sectors[handicrafts]["m12_rate"]) == (Decimal("100.0"), Decimal("50.0"))
    assert (sectors[commerce]["m6_rate"], sectors[commerce]["m12_rate"]) == (Decimal("0.0"), None)
    cities = {row["group"]: row for row in figures["city"]}
    fes, meknes = factories.centre("FES").pk, factories.centre("MEK").pk
    assert (cities[fes]["m6_rate"], cities[fes]["m12_rate"]) == (Decimal("50.0"), Decimal("100.0"))
    assert (cities[meknes]["m6_rate"], cities[meknes]["m12_rate"]) == (Decimal("100.0"), Decimal("0.0"))
    editions = {row["group"]: row for row in figures["edition"]}
    assert set(editions) == {7, 8}  # a person counts under their latest edition
    assert (editions[7]["m6_rate"], editions[8]["m6_rate"]) == (Decimal("50.0"), Decimal("100.0"))

    # Scoped: the Fes caseworker's figures cover A and B only; the other region's nothing.
    assert survival_indicators(user=people.caseworker)["total"]["m6_recorded"] == 2
    outside = survival_indicators(user=people.outsider)
    assert outside["total"]["m6_recorded"] == 0 and outside["total"]["m6_rate"] is None and outside["sector"] == []


def test_indicators_page_and_figures_for_partner_viewers(people, login, monitored):
    a, b, c = monitored
    page = login(people.supervisor).get(reverse("grants:indicators"))
    assert page.status_code == 200 and "66.7%" in page.content.decode()
    assert login(people.partner).get(reverse("grants:indicators")).status_code == 403

    partner = login(people.partner)
    response = partner.get(reverse("grants:figures"))
    assert response.status_code == 200
    html = response.content.decode()
    figures = response.context["figures"]
    assert (figures["totals"]["grants"], figures["totals"]["delivered"]) == (3, 3)
    assert figures["survival"]["total"]["m6_rate"] == Decimal("66.7")
    assert 'data-testid="fig-grants" dir="ltr">3<' in html
    for grant in monitored:  # aggregates only: no file number, name or project of anyone
        person = grant.beneficiary
        assert person.file_number not in html and person.family_name_latin not in html
        assert reverse("grants:detail", args=[grant.pk]) not in html

    assert login(people.caseworker).get(reverse("grants:figures")).status_code == 403
    assert login(people.administrator).get(reverse("grants:figures")).status_code == 200
    # A regional supervisor of another region: aggregates of their own scope (none of these grants).
    other = login(people.outsider_supervisor).get(reverse("grants:figures"))
    assert other.status_code == 200 and other.context["figures"]["totals"]["grants"] == 0
