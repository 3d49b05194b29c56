import pytest
from django.core import mail
from django.db import transaction
from django.utils import translation

from casework.notifications.kinds import NotificationKind, register_kind
from casework.notifications.models import Notification
from casework.notifications.services import notify, notify_rows, preference_update
from tests.factories import BeneficiaryFactory

pytestmark = pytest.mark.django_db

CENTRE = {"ar": "فاس", "fr": "Fès", "en": "Fez"}


def _with_email(*users):
    for user in users:
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])


def test_one_notification_per_active_recipient_never_the_actor(people, django_capture_on_commit_callbacks):
    people.neighbour.is_active = False
    people.neighbour.save(update_fields=["is_active"])
    with django_capture_on_commit_callbacks(execute=True):
        rows = notify(
            recipients=[people.supervisor, people.supervisor, people.caseworker, people.neighbour],
            kind=NotificationKind.PLAN_SUBMITTED,
            actor=people.caseworker,
            url="/people/",
            params={"file_number": "FES-2021-0001"},
        )
    assert [row.recipient for row in rows] == [people.supervisor]
    stored = Notification.objects.get()
    assert stored.recipient == people.supervisor and stored.actor == people.caseworker
    assert stored.read_at is None and stored.url == "/people/"


def test_partner_viewers_are_never_told_about_a_person(people):
    person = BeneficiaryFactory()
    rows = notify(
        recipients=[people.partner, people.supervisor],
        kind=NotificationKind.ALERT_RAISED,
        beneficiary_id=person.pk,
        params={"file_number": person.file_number},
    )
    assert [row.recipient for row in rows] == [people.supervisor]


def test_the_sentence_is_built_when_read_in_the_readers_language(people):
    row = notify(
        recipients=[people.caseworker],
        kind=NotificationKind.TRANSFER_REQUESTED,
        actor=people.supervisor,
        params={"file_number": "FES-2021-0009", "from_centre": CENTRE, "to_centre": {**CENTRE, "en": "Meknes"}},
    )[0]
    row = Notification.objects.select_related("actor").get(pk=row.pk)
    assert "FES-2021-0009" in row.text and "Meknes" in row.text and "sup_fesmeknes" in row.text
    with translation.override("fr"):
        assert "Fès" in row.text and "Meknes" not in row.text
    with translation.override("ar"):
        assert "فاس" in row.text
    # Nothing of the sentence is stored: only the parameters.
    assert "Meknes" not in str(Notification.objects.values_list("kind", "target_type", "url").get())


def test_variants_and_coded_labels(people):
    row = notify(
        recipients=[people.caseworker],
        kind=NotificationKind.TRANSFER_DECIDED,
        actor=people.outsider,
        params={"file_number": "F-1", "to_centre": CENTRE, "variant": "refused"},
    )[0]
    assert "refused" in row.text
    alert = notify(
        recipients=[people.supervisor],
        kind=NotificationKind.ALERT_RAISED,
        params={
            "file_number": "F-2",
            "severity": "high",
            "indicator": {"ar": "انقطاع", "fr": "Contact perdu", "en": "Lost contact"},
        },
    )[0]
    assert "high" in alert.text and "Lost contact" in alert.text and "F-2" in alert.text


def test_missing_parameters_do_not_break_the_sentence(people):
    row = notify(recipients=[people.caseworker], kind=NotificationKind.PLAN_REVIEW_DUE)[0]
    assert "—" in row.text


def test_other_apps_register_their_own_kinds(people):
    register_kind("test_kind", label="Test kind", text="Hello %(name)s")
    row = notify(recipients=[people.caseworker], kind="test_kind", params={"name": "Samira"})[0]
    assert row.text == "Hello Samira" and row.kind_label == "Test kind"


def test_bad_input_is_refused(people):
    with pytest.raises(ValueError):
        notify(recipients=[people.caseworker], kind="no_such_kind")
    with pytest.raises(ValueError):
        notify(recipients=[people.caseworker], kind=NotificationKind.REPORT_READY, url="https://evil.example/")
    with pytest.raises(ValueError):
        notify(recipients=[people.caseworker], kind=NotificationKind.REPORT_READY, url="//evil.example/x")
    assert not Notification.objects.exists()


def test_the_email_goes_on_commit_only(people, django_capture_on_commit_callbacks):
    _with_email(people.supervisor)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(
            recipients=[people.supervisor],
            kind=NotificationKind.PLAN_SUBMITTED,
            actor=people.caseworker,
            url="/people/",
            params={"file_number": "FES-2021-0001"},
        )
    assert mail.outbox == []  # not before the commit
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sup_fesmeknes@example.org"]
    assert "http://127.0.0.1:8000/people/" in message.body
    assert message.extra_headers["Content-Language"] == "ar"  # nobody chose: Arabic


def test_no_email_when_the_action_rolls_back(people, django_capture_on_commit_callbacks):
    _with_email(people.supervisor)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):  # noqa: PT012
        with transaction.atomic():
            notify(recipients=[people.supervisor], kind=NotificationKind.REPORT_READY, params={"title": "X"})
            raise RuntimeError
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_email_in_the_recipients_language_and_only_if_wanted(people, django_capture_on_commit_callbacks):
    _with_email(people.supervisor, people.caseworker, people.neighbour)
    preference_update(user=people.supervisor, language="fr", email_enabled=True)
    preference_update(user=people.neighbour, language="en", email_enabled=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=[people.supervisor, people.caseworker, people.neighbour, people.outsider],
            kind=NotificationKind.TRANSFER_REQUESTED,
            params={"file_number": "F-9", "from_centre": CENTRE, "to_centre": CENTRE},
        )
    assert Notification.objects.count() == 4  # everyone is told in the app
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"sup_fesmeknes@example.org", "cw_fes@example.org"}
    assert by_address["sup_fesmeknes@example.org"].extra_headers["Content-Language"] == "fr"
    assert "Fès" in by_address["sup_fesmeknes@example.org"].body
    assert "فاس" in by_address["cw_fes@example.org"].body


def test_a_mail_server_failure_does_not_break_the_action(people, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1  # nothing listens there
    _with_email(people.supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        rows = notify(recipients=[people.supervisor], kind=NotificationKind.REPORT_READY, params={"title": "X"})
    assert len(rows) == 1 and Notification.objects.count() == 1


def test_notify_rows_tells_each_person_once_per_target(people, django_capture_on_commit_callbacks):
    _with_email(people.caseworker)

    def rows():
        return [
            Notification(
                recipient=people.caseworker,
                kind=NotificationKind.FOLLOWUP_OVERDUE,
                target_type="reintegration_plans.followup",
                target_id="abc",
                params={"file_number": "F-1"},
            )
        ]

    with django_capture_on_commit_callbacks(execute=True):
        first = notify_rows(rows=rows())
        second = notify_rows(rows=rows())
    assert len(first) == 1 and second == []
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_confidential_kinds_email_only_their_kind(people, django_capture_on_commit_callbacks):
    _with_email(people.supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=[people.supervisor],
            kind=NotificationKind.ALERT_RAISED,
            url="/watchlist/",
            params={"file_number": "FES-2021-0042", "severity": "high", "indicator": CENTRE},
        )
    body = mail.outbox[0].body
    assert "FES-2021-0042" not in body and "Fez" not in body
    # Without a preference the e-mail is in Arabic, the programme's default language.
    with translation.override("ar"):
        title = str(NotificationKind.ALERT_RAISED.label)
    assert title != "Vigilance alert raised" and title in body
    assert "http://127.0.0.1:8000/watchlist/" in body
    # In the app the reader sees the whole sentence.
    assert "FES-2021-0042" in Notification.objects.get().text
