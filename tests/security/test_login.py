"""Login protection: django-axes lockout per username + address, audited failures, the lockout page,
password rules, password reset by e-mail that never says whether an address exists."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from casework.models import AuditAction, AuditEntry
from casework.security.network import client_ip
from tests.factories import TEST_PASSWORD
from tests.otp import enrol_totp, next_totp_token, sign_in_through_pages

LIMIT = 5


@pytest.fixture(autouse=True)
def in_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


WRONG = "wrong-password-123"  # noqa: S105


def attempt(client, username, password=WRONG, address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_settings_lock_the_username_and_address_pair_for_30_minutes(settings):
    assert settings.AXES_FAILURE_LIMIT == LIMIT
    assert settings.AXES_COOLOFF_TIME == datetime.timedelta(minutes=30)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_four_failures_then_the_right_password_signs_in(client, people):
    for _ in range(LIMIT - 1):
        assert attempt(client, people.caseworker.username).status_code == 200
    response = attempt(client, people.caseworker.username, TEST_PASSWORD)
    assert response.status_code == 302 and signed_in(client)


def test_five_failures_lock_the_pair_out_with_a_clear_translated_page(client, people):
    for _ in range(LIMIT):
        attempt(client, people.caseworker.username)
    response = attempt(client, people.caseworker.username, TEST_PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)
    page = response.content.decode()
    assert "Too many failed sign-in attempts" in page and "30 minutes" in page
    assert 'lang="en"' in page and response["Retry-After"] == "1800"
    # Default language: Arabic, right to left, same status.
    arabic = Client()
    arabic_page = attempt(arabic, people.caseworker.username, TEST_PASSWORD)
    assert arabic_page.status_code == 429 and 'lang="ar" dir="rtl"' in arabic_page.content.decode()


def test_the_lockout_never_locks_the_whole_site(client, people):
    for _ in range(LIMIT):
        attempt(client, people.caseworker.username)
    assert attempt(client, people.caseworker.username, TEST_PASSWORD).status_code == 429
    # Another account from the same address signs in.
    neighbour = Client()
    assert attempt(neighbour, people.neighbour.username, TEST_PASSWORD).status_code == 302
    # The same account from another address signs in.
    elsewhere = Client()
    assert attempt(elsewhere, people.caseworker.username, TEST_PASSWORD, address="10.0.0.2").status_code == 302


def test_the_fifth_failure_already_answers_the_lockout_page(client, people):
    for _ in range(LIMIT - 1):
        assert attempt(client, people.caseworker.username).status_code == 200
    assert attempt(client, people.caseworker.username).status_code == 429


def test_an_unknown_username_is_locked_out_the_same_way(client, db):
    for _ in range(LIMIT - 1):
        assert attempt(client, "nobody-here").status_code == 200
    assert attempt(client, "nobody-here").status_code == 429


def test_every_failure_is_audited_including_during_lockout(client, people):
    for _ in range(LIMIT + 2):
        attempt(client, people.caseworker.username)
    failures = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED, object_type="auth.login")
    assert failures.count() == LIMIT + 2
    assert set(failures.values_list("actor_username", flat=True)) == {people.caseworker.username}
    assert set(failures.values_list("ip_address", flat=True)) == {"10.0.0.1"}
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED, object_type="auth.lockout").exists()
    assert "wrong-password" not in str(list(AuditEntry.objects.values_list("changes", flat=True)))


def test_the_lockout_ends_after_the_cool_off(client, people):
    for _ in range(LIMIT):
        attempt(client, people.caseworker.username)
    assert attempt(client, people.caseworker.username, TEST_PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=31))
    assert attempt(client, people.caseworker.username, TEST_PASSWORD).status_code == 302


def test_an_administrator_lifts_a_lockout_audited(client, people):
    locked = Client()
    for _ in range(LIMIT):
        attempt(locked, people.caseworker.username)
    client.force_login(people.administrator)
    page = client.get(reverse("security:staff_detail", args=[people.caseworker.pk])).content.decode()
    assert "Blocked from 10.0.0.1 after" in page
    assert client.post(reverse("security:staff_unlock", args=[people.caseworker.pk])).status_code == 302
    assert attempt(locked, people.caseworker.username, TEST_PASSWORD).status_code == 302
    assert AuditEntry.objects.filter(object_type="auth.lockout", action=AuditAction.UPDATE).get().actor == (
        people.administrator
    )


@pytest.mark.parametrize("who", ["caseworker", "supervisor", "partner"])
def test_only_administrators_open_the_staff_security_pages(client, people, who):
    client.force_login(getattr(people, who))
    target = people.neighbour.pk
    assert client.get(reverse("security:staff_list")).status_code == 404
    assert client.get(reverse("security:staff_detail", args=[target])).status_code == 404
    for name in ("staff_end_sessions", "staff_reset_two_factor", "staff_unlock"):
        assert client.post(reverse(f"security:{name}", args=[target])).status_code == 404


def test_the_staff_security_list_for_administrators(client, people):
    client.force_login(people.administrator)
    page = client.get(reverse("security:staff_list"), {"q": "sup_"})
    assert page.status_code == 200
    names = {row.username for row in page.context["page"].object_list}
    assert names == {"sup_fesmeknes", "sup_casa", "sup_national"}
    assert client.get(reverse("security:staff_detail", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    "password",
    ["short-pass", "password1234", "123456789012345", "cw_fes_password", "Samira-Bennani", "my-BENNANI-2024!"],
)
def test_weak_passwords_are_refused(people, password):
    user = people.caseworker
    user.first_name, user.last_name = "Samira", "Bennani"
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_strong_password_is_accepted(people):
    validate_password("tangerine-Atlas-1956-quiet", people.caseworker)


def test_password_reset_never_says_whether_the_address_exists(client, people):
    people.caseworker.email = "samira@example.org"
    people.caseworker.save()
    known = client.post(reverse("security:password_reset"), {"email": "samira@example.org"})
    unknown = client.post(reverse("security:password_reset"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("security:password_reset_done")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["samira@example.org"]
    assert "choose a new password" in mail.outbox[0].subject
    done = client.get(known["Location"]).content.decode()
    assert "If the address belongs to an active staff account" in done


@pytest.mark.real_two_factor
def test_password_reset_never_bypasses_the_second_factor(client, people):
    supervisor = people.supervisor
    supervisor.email = "rachid@example.org"
    supervisor.save()
    device = enrol_totp(supervisor)
    # A session already open elsewhere ends when the password is reset.
    elsewhere = Client()
    sign_in_through_pages(elsewhere, supervisor, device=device)
    assert elsewhere.get(reverse("casework:home")).status_code == 200

    client.post(reverse("security:password_reset"), {"email": "rachid@example.org"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/password/reset/" in line)
    form_page = client.get(link.split("testserver", 1)[1], follow=True)
    assert form_page.status_code == 200
    new_password = "tangerine-Atlas-1956-quiet"
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302 and done["Location"] == reverse("security:password_reset_complete")
    assert not signed_in(client)  # no sign-in by the link
    assert elsewhere.get(reverse("casework:home")).status_code == 302
    assert AuditEntry.objects.filter(object_type="casework.user", changes__password="reset by e-mail link").exists()

    response = sign_in_through_pages(client, supervisor, password=new_password)
    assert response.redirect_chain[-1][0].startswith(reverse("security:two_factor_verify"))
    assert client.get(reverse("casework:home")).status_code == 302
    client.post(reverse("security:two_factor_verify"), {"token": next_totp_token(device)})
    assert client.get(reverse("casework:home")).status_code == 200


def test_the_client_address_honours_only_trusted_proxies(settings):
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.7")
    settings.CASEWORK_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "192.0.2.10"
    settings.CASEWORK_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "198.51.100.7"  # what the proxy saw; the client's own claim is ignored
    settings.CASEWORK_TRUSTED_PROXY_COUNT = 3
    assert client_ip(request) == "192.0.2.10"  # fewer hops than proxies: not trusted
    garbage = factory.get("/", REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="not-an-ip")
    settings.CASEWORK_TRUSTED_PROXY_COUNT = 1
    assert client_ip(garbage) == "192.0.2.10"


def test_the_signed_in_user_is_read_with_their_centre_in_one_query(client, people):
    """casework.security.backends.ModelBackendWithPlaces: the navigation's "where I work" needs no query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert attempt(client, people.caseworker.username, TEST_PASSWORD).status_code == 302
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("beneficiaries:list"))
    assert response.status_code == 200
    user = response.wsgi_request.user
    assert user.pk == people.caseworker.pk and "centre" in user._state.fields_cache
    user_reads = [q["sql"] for q in captured if 'FROM "casework_user"' in q["sql"]]
    assert len(user_reads) == 1 and '"casework_centre"' in user_reads[0]
    assert people.caseworker.centre.name_en in response.content.decode()  # shown in the navigation


def test_a_deactivated_user_is_no_longer_signed_in(client, people):
    assert attempt(client, people.caseworker.username, TEST_PASSWORD).status_code == 302
    type(people.caseworker).objects.filter(pk=people.caseworker.pk).update(is_active=False)
    response = client.get(reverse("beneficiaries:list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
