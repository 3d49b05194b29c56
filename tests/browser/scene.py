"""The people and records the browser tests open, written through the application's own services.

`Cast` creates the named staff on first use; `Scene` fills a small, realistic corner of the programme
(a file in Fès with family, consent, a cohort; an envelope, proposals, an event): lazily for a flow,
all at once for the page tests (`build`). Reference data (regions, centres, establishments, sectors,
modules…) is the migrations' own, put back by conftest.py, so nothing here re-creates it."""

from __future__ import annotations

import datetime
from decimal import Decimal
from functools import cached_property

from django.utils import timezone

from beneficiaries.models import Module
from beneficiaries.services import (
    beneficiary_register,
    cohort_add_member,
    cohort_create,
    cohort_session_add,
    consent_record,
    family_member_add,
    transfer_request,
)
from casework.models import Centre, PrisonEstablishment
from tests import factories
from tests.grants import factories as gf


class Cast:
    """The named staff of STYLE.md, created when a test first asks for one. Each test that writes has
    a Cast of its own (`suffix`), so usernames never collide in the shared database."""

    def __init__(self, suffix: str = ""):
        self.suffix = suffix

    @cached_property
    def caseworker(self):
        return factories.caseworker("FES", username=f"cw_fes{self.suffix}", first_name="Samira", last_name="Bennani")

    @cached_property
    def outsider(self):
        return factories.caseworker("CAS", username=f"cw_casa{self.suffix}", first_name="Youssef", last_name="Idrissi")

    @cached_property
    def neighbour(self):
        return factories.caseworker("MEK", username=f"cw_meknes{self.suffix}", first_name="Nadia", last_name="Alami")

    @cached_property
    def supervisor(self):
        return factories.supervisor("03", username=f"sup_fesmeknes{self.suffix}", first_name="Karim", last_name="Tazi")

    @cached_property
    def administrator(self):
        return factories.administrator(
            username=f"admin_national{self.suffix}", first_name="Fatima", last_name="Zahraoui"
        )

    @cached_property
    def supervisor_with_device(self):
        """A supervisor who has set up the authenticator app (for the second step of sign-in)."""
        from tests.otp import enrol_totp

        user = factories.supervisor("03", username=f"sup_device{self.suffix}", first_name="Hind", last_name="Amrani")
        enrol_totp(user)
        return user

    @cached_property
    def new_supervisor(self):
        """A supervisor who has not set up a second factor yet."""
        return factories.supervisor("06", username=f"sup_new{self.suffix}", first_name="Omar", last_name="Chraibi")

    @cached_property
    def partner(self):
        return factories.partner_viewer(username=f"partner_rabat{self.suffix}", first_name="Laila", last_name="Berrada")

    def __getitem__(self, role: str):
        return getattr(self, role)


def person(actor, *, centre_code: str = "FES", **fields):
    values = {
        "sex": "M",
        "first_name_ar": "يوسف",
        "family_name_ar": "المرابط",
        "father_name_ar": "عبد الله",
        "first_name_latin": "Youssef",
        "family_name_latin": "El Mourabit",
        "father_name_latin": "Abdellah",
        "birth_date": datetime.date(1986, 4, 2),
        "birth_place": "Fès",
        "phone": "+212 6 61 23 45 67",
        "address": "Derb Sidi Bounafaa, Fès el-Bali",
        "city": "Fès",
        "trade": "Couture, réparation de vêtements",
        "conviction": "Loi 03-03",
        "sentence_months": 60,
        "release_date": datetime.date(2021, 5, 4),
        "release_type": "royal_pardon",
    }
    values.update(fields)
    return beneficiary_register(actor=actor, centre=Centre.objects.get(code=centre_code), **values)


class Scene:
    """What the pages show. Built lazily: a test that only opens the login page creates nothing."""

    def __init__(self, cast: Cast, *, edition: int = 7):
        self.cast = cast
        self.edition = edition  # cohort editions are unique: each test's scene has its own

    def build(self) -> None:
        """Everything at once (the page tests' shared scene: the same pages whatever runs first)."""
        for name in (
            "person",
            "others",
            "cohort",
            "incoming_transfer",
            "submitted_grant",
            "event",
            "plan",
            "submitted_plan",
            "follow_ups",
            "referral",
            "alert",
            "draft_plan",
            "correction",
            "draft_grant",
            "delivered_grant",
            "report_job",
        ):
            getattr(self, name)

    @cached_property
    def person(self):
        cw = self.cast.caseworker
        someone = person(cw, establishment=PrisonEstablishment.objects.order_by("code").first())
        family_member_add(
            actor=cw,
            beneficiary=someone,
            relation="spouse",
            name="فاطمة الزهراء المرابط",
            age=34,
            occupation="Couturière",
            contact="+212 6 70 11 22 33",
            needs="Soutien scolaire pour les enfants",
        )
        family_member_add(actor=cw, beneficiary=someone, relation="child", name="آدم", age=9, occupation="CE3")
        consent_record(actor=cw, beneficiary=someone, purpose="data_processing", given_on=datetime.date(2021, 5, 10))
        return someone

    @cached_property
    def others(self):
        """A few more files in Fès, one released soon (releases page), one with a long name."""
        cw = self.cast.caseworker
        soon = timezone.localdate() + datetime.timedelta(days=12)
        return [
            person(
                cw,
                sex="F",
                first_name_ar="خديجة",
                family_name_ar="بنعلي",
                first_name_latin="Khadija",
                family_name_latin="Benali",
                birth_date=datetime.date(1990, 9, 17),
                release_date=soon,
                release_type="end_of_sentence",
                phone="",
            ),
            person(
                cw,
                first_name_ar="عبد الرحمن",
                family_name_ar="الإدريسي الحسني العلمي",
                first_name_latin="Abderrahmane",
                family_name_latin="El Idrissi El Hassani El Alami",
                birth_date=datetime.date(1979, 1, 30),
                status="released",
            ),
        ]

    @cached_property
    def cohort(self):
        supervisor = self.cast.supervisor
        cohort = cohort_create(
            actor=supervisor,
            edition=self.edition,
            year=2021,
            starts_on=datetime.date(2021, 1, 11),
            ends_on=datetime.date(2021, 4, 30),
            establishments=list(PrisonEstablishment.objects.order_by("code")[:2]),
        )
        for module in Module.objects.order_by("pk")[:3]:
            cohort_session_add(actor=supervisor, cohort=cohort, module=module, held_on=datetime.date(2021, 2, 1))
        for member in [self.person, *self.others]:
            cohort_add_member(actor=supervisor, cohort=cohort, beneficiary=member)
        return cohort

    @cached_property
    def incoming_transfer(self):
        """A file of Meknès that its centre asks Fès to take on."""
        neighbour = self.cast.neighbour
        moving = person(
            neighbour,
            centre_code="MEK",
            first_name_ar="سعيد",
            family_name_ar="الوزاني",
            first_name_latin="Said",
            family_name_latin="Ouazzani",
            birth_date=datetime.date(1988, 7, 7),
        )
        return transfer_request(
            actor=neighbour,
            beneficiary=moving,
            to_centre=Centre.objects.get(code="FES"),
            reason="Installation chez sa famille à Fès",
        )

    @cached_property
    def envelope(self):
        name = "Opération mai 2021" if self.edition == 7 else f"Opération n° {self.edition}"  # names are unique
        return gf.envelope(Decimal("2576296.77"), name=name)

    @cached_property
    def submitted_grant(self):
        return gf.submitted(proposer=self.cast.caseworker, beneficiary=self.person, title="Atelier de couture")

    @cached_property
    def approved_grant(self):
        return gf.approved(
            proposer=self.cast.caseworker,
            supervisor=self.cast.supervisor,
            envelope_=self.envelope,
            beneficiary=self.others[0],
            title="Salon de coiffure",
        )

    @cached_property
    def event(self):
        from grants.services import event_assign_grants

        event = gf.event(administrator=self.cast.administrator, envelope_=self.envelope)
        event_assign_grants(actor=self.cast.administrator, event=event, grants=[self.approved_grant])
        return event

    # ---- life projects, follow-ups, referrals, the watchlist ------------------------------------------

    @cached_property
    def plan(self):
        """The person's life project: two goals, approved by the supervisor, active."""
        from reintegration_plans.models import Domain
        from reintegration_plans.services import (
            goal_add,
            life_project_activate,
            life_project_approve,
            life_project_create,
            life_project_submit,
            milestone_add,
        )

        cw = self.cast.caseworker
        project = life_project_create(
            actor=cw,
            beneficiary=self.person,
            summary="أن أفتح ورشة خياطة صغيرة في فاس العتيقة وأن أعيش مع أسرتي.",
        )
        today = timezone.localdate()
        goal = goal_add(
            actor=cw,
            project=project,
            domain=Domain.objects.get(code="vocational"),
            description="Formation en couture (OFPPT) et certificat",
            target_date=today + datetime.timedelta(days=150),
            progress_measure="Séances suivies",
        )
        milestone_add(
            actor=cw, goal=goal, description="Inscription à l'OFPPT", due_on=today + datetime.timedelta(days=20)
        )
        goal_add(
            actor=cw,
            project=project,
            domain=Domain.objects.get(code="administrative"),
            description="تجديد البطاقة الوطنية",
            target_date=today + datetime.timedelta(days=45),
        )
        life_project_submit(actor=cw, project=project)
        life_project_approve(actor=self.cast.supervisor, project=project, comment="Plan réaliste, bon courage.")
        return life_project_activate(actor=cw, project=project)

    @cached_property
    def submitted_plan(self):
        """Another person's plan, waiting for the supervisor."""
        from reintegration_plans.models import Domain
        from reintegration_plans.services import goal_add, life_project_create, life_project_submit

        cw = self.cast.caseworker
        project = life_project_create(actor=cw, beneficiary=self.others[1], summary="Retrouver un emploi stable.")
        goal_add(
            actor=cw, project=project, domain=Domain.objects.get(code="social"), description="Rejoindre sa famille"
        )
        return life_project_submit(actor=cw, project=project)

    @cached_property
    def follow_ups(self):
        """Done ones (one with the next planned), one overdue, on the person with the plan."""
        from reintegration_plans.models import Domain
        from reintegration_plans.services import follow_up_plan, follow_up_record

        cw, someone, today = self.cast.caseworker, self.plan.beneficiary, timezone.localdate()
        goal = self.plan.goals.order_by("target_date").first()
        done = follow_up_record(
            actor=cw,
            beneficiary=someone,
            occurred_on=today - datetime.timedelta(days=10),
            domain=Domain.objects.get(code="vocational"),
            kind="home_visit",
            summary="زيارة منزلية: الأسرة متعاونة، التسجيل في التكوين جار.",
            attendees="Youssef, son épouse",
            outcome="Dossier OFPPT déposé",
            goals=[goal],
            next_due_on=today + datetime.timedelta(days=4),
        )
        overdue = follow_up_plan(
            actor=cw,
            beneficiary=self.others[0],
            due_on=today - datetime.timedelta(days=3),
            domain=Domain.objects.get(code="health"),
            kind="phone",
        )
        return [done, overdue]

    @cached_property
    def referral(self):
        from reintegration_plans.models import PartnerOrganisation
        from reintegration_plans.services import referral_send

        # The person agreed to share their file with this partner: the referral rests on that consent.
        partner = PartnerOrganisation.objects.exclude(consent_partner="").order_by("pk").first()
        consent_record(
            actor=self.cast.caseworker,
            beneficiary=self.person,
            purpose="sharing",
            partner=partner.consent_partner,
            given_on=timezone.localdate() - datetime.timedelta(days=30),
        )
        return referral_send(
            actor=self.cast.caseworker,
            beneficiary=self.person,
            partner=partner,
            reason="Orientation vers une formation qualifiante",
        )

    @cached_property
    def alert(self):
        """A caseworker's concern on the watchlist (the supervisors of the region are told)."""
        from casework.watchlist.models import Indicator
        from casework.watchlist.services import alert_raise_concern

        return alert_raise_concern(
            actor=self.cast.caseworker,
            beneficiary=self.others[1],
            indicator=Indicator.objects.get(code="caseworker_concern"),
            severity="medium",
            note="ما عاد يجيب على الهاتف منذ أسبوعين؛ الأسرة قلقة.",
        )

    # ---- what the form and detail pages open (pages.py) ------------------------------------------------

    @cached_property
    def membership(self):
        """The person's place in the cohort (completion and hand-off)."""
        return self.cohort.memberships.get(beneficiary=self.person)

    @cached_property
    def session(self):
        return self.cohort.sessions.order_by("held_on", "pk").first()

    @cached_property
    def draft_plan(self):
        """Khadija's life project, still a draft: goals may be added and reworded."""
        from reintegration_plans.models import Domain
        from reintegration_plans.services import goal_add, life_project_create

        cw = self.cast.caseworker
        project = life_project_create(actor=cw, beneficiary=self.others[0], summary="Ouvrir un salon de coiffure.")
        goal_add(actor=cw, project=project, domain=Domain.objects.get(code="housing"), description="إيجاد سكن قريب")
        return project

    @cached_property
    def goal(self):
        """The plan's vocational goal, which has a milestone."""
        return self.plan.goals.get(domain__code="vocational")

    @cached_property
    def milestone(self):
        return self.goal.milestones.order_by("position").first()

    @cached_property
    def correction(self):
        """The home visit of ten days ago was recorded a day late: corrected, the history keeps both dates."""
        from reintegration_plans.services import follow_up_correct

        done = self.follow_ups[0]
        return follow_up_correct(
            actor=self.cast.caseworker,
            follow_up=done,
            reason="Date mal saisie",
            occurred_on=done.occurred_on - datetime.timedelta(days=1),
        )

    @cached_property
    def draft_grant(self):
        """A proposal the caseworker is still writing."""
        return gf.proposal(proposer=self.cast.caseworker, beneficiary=self.others[1], title="Épicerie de quartier")

    @cached_property
    def delivered_grant(self):
        """Equipment handed over at the event: its monitoring visits are due."""
        from grants.services import grant_deliver

        grant = gf.approved(
            proposer=self.cast.caseworker,
            supervisor=self.cast.supervisor,
            envelope_=self.envelope,
            beneficiary=self.person,
            title="Atelier de retouches",
        )
        grant_deliver(actor=self.cast.caseworker, grant=grant, delivered_on=self.event.date, event=self.event)
        grant.refresh_from_db()
        return grant

    @cached_property
    def visit(self):
        return self.delivered_grant.visits.order_by("months_after").first()

    @cached_property
    def report_job(self):
        """The event's report, being built (a row as the worker leaves it mid-way: no worker runs for the
        page tests)."""
        from reports.models import ReportJob

        return ReportJob.objects.create(
            kind="distribution",
            parameters={"event": str(self.event.pk)},
            language="ar",
            requested_by=self.cast.administrator,
            status="running",
            progress=40,
            started_at=timezone.now(),
            heartbeat_at=timezone.now(),
        )
