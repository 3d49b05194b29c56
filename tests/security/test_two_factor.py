"""Second factor: mandatory for supervisors and administrators, available to everyone, enforced before
any page or API call, with single-use recovery codes. Tests marked `real` walk the real pages (no
force_login shortcut, see tests/otp.py)."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from casework.models import AuditAction, AuditEntry
from casework.security.models import UserSession
from tests.factories import TEST_PASSWORD
from tests.otp import enrol_totp, next_totp_token, recovery_codes, sign_in_through_pages, totp_token
from tests.security.auth_helpers import every_url

real = pytest.mark.real_two_factor


@pytest.fixture(autouse=True)
def in_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def _enrol_through_pages(client):
    page = client.get(reverse("security:two_factor_setup"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=page.wsgi_request.user, confirmed=False)
    response = client.post(reverse("security:two_factor_setup"), {"token": totp_token(device)})
    return device, response


@real
def test_a_supervisor_without_second_factor_reaches_only_enrolment(client, people):
    """Every URL pattern of the project, GET and POST: enrolment page, logout and the language switch
    only; pages redirect to enrolment, API calls answer 403 JSON."""
    response = sign_in_through_pages(client, people.supervisor)
    assert response.redirect_chain[-1][0].startswith(reverse("security:two_factor_setup"))
    assert response.context["nav_items"] == []  # no menu of pages that are out of reach

    urls = every_url()
    unresolved = [path for path, name in urls if not name]
    assert not unresolved, unresolved
    allowed = {"security:two_factor_setup", "logout", "set_language"}
    requests = 0
    for path, name in urls:
        for method in ("get", "post"):
            if name == "logout":
                continue  # would end the session under test; checked below
            response = getattr(client, method)(path)
            requests += 1
            if name in allowed:
                assert response.status_code in (200, 302, 405), (method, path, response.status_code)
                continue
            if path.startswith("/api/"):
                assert response.status_code == 403, (method, path, response.status_code)
                assert response.json()["code"] == "two_factor_required"
            else:
                assert response.status_code == 302, (method, path, response.status_code)
                assert response["Location"].startswith(reverse("security:two_factor_setup")), (method, path)
    assert requests > 100
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("casework:home")).status_code == 302
    assert client.get(reverse("casework:home"))["Location"].startswith(reverse("login"))


@real
def test_enrolment_shows_a_server_made_qr_code_then_recovery_codes_once(client, people):
    sign_in_through_pages(client, people.supervisor)
    page = client.get(reverse("security:two_factor_setup") + "?next=/people/")
    html = page.content.decode()
    assert "<svg" in html and "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    device = TOTPDevice.objects.get(user=people.supervisor, confirmed=False)
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', html).group(1)
    assert len(secret.replace(" ", "")) == 32
    # The same pending device (and QR code) on reload.
    client.get(reverse("security:two_factor_setup"))
    assert TOTPDevice.objects.filter(user=people.supervisor).count() == 1

    wrong = client.post(reverse("security:two_factor_setup"), {"token": "000000"})
    assert wrong.status_code == 200 and "not valid" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()

    key_before = client.session.session_key
    done = client.post(reverse("security:two_factor_setup"), {"token": totp_token(device), "next": "/people/"})
    assert done.status_code == 200
    codes = re.findall(r"<code>([a-z2-7]{8})</code>", done.content.decode())
    assert len(codes) == 10
    assert set(StaticToken.objects.filter(device__user=people.supervisor).values_list("token", flat=True)) == set(codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.session.session_key != key_before  # a new session key once verified
    assert UserSession.objects.get(session_key=client.session.session_key).verified_at is not None
    assert client.get(reverse("casework:home")).status_code == 200
    # Shown once: no page displays them again.
    overview = client.get(reverse("security:two_factor")).content.decode()
    assert "10 recovery codes left" in overview
    assert not any(code in overview for code in codes)
    entry = AuditEntry.objects.filter(action=AuditAction.CREATE, object_type="security.two_factor").get()
    assert entry.actor == people.supervisor and codes[0] not in str(entry.changes)
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED, object_type="security.two_factor").count() == 1


@real
def test_next_sign_in_asks_the_code_and_refuses_a_wrong_or_replayed_one(client, people):
    device = enrol_totp(people.supervisor)
    response = sign_in_through_pages(client, people.supervisor, next_url="/people/")
    assert response.redirect_chain[-1][0].startswith(reverse("security:two_factor_verify"))
    assert client.get(reverse("casework:home")).status_code == 302

    bad = client.post(reverse("security:two_factor_verify"), {"token": "123456"})
    assert bad.status_code == 200 and "not valid" in bad.content.decode()
    assert AuditEntry.objects.filter(
        action=AuditAction.LOGIN_FAILED, actor=people.supervisor, object_type="security.two_factor"
    ).exists()
    # django-otp throttles: right after a failure even the right code is refused ...
    token = next_totp_token(device)
    assert client.post(reverse("security:two_factor_verify"), {"token": token}).status_code == 200
    # ... until the delay has passed.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None, throttling_failure_count=0)
    ok = client.post(reverse("security:two_factor_verify"), {"token": token, "next": "/people/"})
    assert ok.status_code == 302 and ok["Location"] == "/people/"
    assert client.get(reverse("casework:home")).status_code == 200
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN, object_type="security.two_factor").count() == 1

    # The same code in another browser is refused (single use).
    other = fresh_sign_in(people.supervisor)
    assert other.post(reverse("security:two_factor_verify"), {"token": token}).status_code == 200
    assert other.get(reverse("casework:home")).status_code == 302


def fresh_sign_in(user):
    """Another browser: signed in with the password only (second factor not given yet)."""
    other = Client()
    other.cookies["django_language"] = "en"
    sign_in_through_pages(other, user)
    return other


@real
def test_a_recovery_code_signs_in_once_and_new_codes_cancel_the_old(client, people):
    device = enrol_totp(people.administrator)
    first, second = recovery_codes(people.administrator, 2)
    sign_in_through_pages(client, people.administrator)
    response = client.post(reverse("security:two_factor_verify"), {"token": first.upper()}, follow=True)
    assert response.status_code == 200
    assert "You used a recovery code; 1 left" in response.content.decode()
    assert client.get(reverse("casework:audit")).status_code == 200

    again = fresh_sign_in(people.administrator)
    assert again.post(reverse("security:two_factor_verify"), {"token": first}).status_code == 200  # used up
    assert again.get(reverse("casework:home")).status_code == 302

    renewed = client.post(reverse("security:recovery_codes_new"))
    new_codes = re.findall(r"<code>([a-z2-7]{8})</code>", renewed.content.decode())
    assert len(new_codes) == 10 and second not in new_codes
    third = fresh_sign_in(people.administrator)
    assert third.post(reverse("security:two_factor_verify"), {"token": second}).status_code == 200  # cancelled
    # (The failure above started django-otp's growing delay on the recovery codes; let it pass.)
    StaticDevice.objects.filter(user=people.administrator).update(throttling_failure_timestamp=None)
    fourth = fresh_sign_in(people.administrator)
    assert fourth.post(reverse("security:two_factor_verify"), {"token": new_codes[0]}).status_code == 302
    assert device.user == people.administrator


@real
def test_api_calls_answer_403_json_until_the_second_factor_is_given(client, people):
    device = enrol_totp(people.supervisor)
    sign_in_through_pages(client, people.supervisor)
    response = client.get("/api/v1/beneficiaries/")
    assert response.status_code == 403
    assert response.json()["code"] == "two_factor_required"
    client.post(reverse("security:two_factor_verify"), {"token": next_totp_token(device)})
    assert client.get("/api/v1/beneficiaries/").status_code == 200


@real
def test_the_django_admin_needs_the_second_factor_too(client, people):
    device = enrol_totp(people.administrator)
    sign_in_through_pages(client, people.administrator)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security:two_factor_verify"))
    client.post(reverse("security:two_factor_verify"), {"token": next_totp_token(device)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_admin_never_shows_a_totp_secret_nor_answers_a_missing_device_with_a_500(client, people):
    device = enrol_totp(people.supervisor)
    client.force_login(people.administrator)
    for pk in (device.pk, 999999):
        for view in ("config", "qrcode"):
            assert client.get(f"/admin/otp_totp/totpdevice/{pk}/{view}/").status_code == 403


@real
def test_the_admin_login_form_does_not_skip_the_second_factor(client, people):
    enrol_totp(people.administrator)
    response = client.post(
        reverse("admin:login"), {"username": people.administrator.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    follow = client.get(reverse("admin:index"))
    assert follow.status_code == 302
    assert follow["Location"].startswith(reverse("security:two_factor_verify"))


@real
def test_a_caseworker_may_turn_it_on_and_is_then_asked_for_it(client, people):
    sign_in_through_pages(client, people.caseworker)
    assert client.get(reverse("casework:home")).status_code == 200  # not required for caseworkers
    assert "Off" in client.get(reverse("security:two_factor")).content.decode()
    device, response = _enrol_through_pages(client)
    assert response.status_code == 200
    client.post(reverse("logout"))

    sign_in_through_pages(client, people.caseworker)
    assert client.get(reverse("casework:home"))["Location"].startswith(reverse("security:two_factor_verify"))
    client.post(reverse("security:two_factor_verify"), {"token": next_totp_token(device)})
    assert client.get(reverse("casework:home")).status_code == 200

    assert client.post(reverse("security:two_factor_disable")).status_code == 302
    assert not TOTPDevice.objects.filter(user=people.caseworker).exists()
    client.post(reverse("logout"))
    sign_in_through_pages(client, people.caseworker)
    assert client.get(reverse("casework:home")).status_code == 200


@real
def test_supervisors_cannot_turn_it_off(client, people):
    device = enrol_totp(people.supervisor)
    sign_in_through_pages(client, people.supervisor, device=device)
    assert client.post(reverse("security:two_factor_disable")).status_code == 404
    assert TOTPDevice.objects.filter(user=people.supervisor, confirmed=True).exists()


@real
def test_a_pending_enrolment_cannot_replace_an_existing_device_without_verification(client, people):
    """Someone holding only the password of an enrolled supervisor cannot enrol their own phone."""
    enrol_totp(people.supervisor)
    sign_in_through_pages(client, people.supervisor)
    response = client.get(reverse("security:two_factor_setup"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security:two_factor_verify"))
    assert client.post(reverse("security:two_factor_setup"), {"token": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=people.supervisor).count() == 1


@real
def test_an_administrator_resets_a_lost_second_factor(client, people):
    supervisor_device = enrol_totp(people.supervisor)
    supervisor = fresh_sign_in(people.supervisor)
    supervisor.post(reverse("security:two_factor_verify"), {"token": next_totp_token(supervisor_device)})
    assert supervisor.get(reverse("casework:home")).status_code == 200

    admin_device = enrol_totp(people.administrator)
    sign_in_through_pages(client, people.administrator, device=admin_device)
    page = client.get(reverse("security:staff_detail", args=[people.supervisor.pk]))
    assert page.status_code == 200 and "data-confirm" in page.content.decode()
    response = client.post(reverse("security:staff_reset_two_factor", args=[people.supervisor.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=people.supervisor).exists()
    assert supervisor.get(reverse("casework:home"))["Location"].startswith(reverse("login"))  # sessions ended
    assert AuditEntry.objects.filter(
        action=AuditAction.REVOKE, object_type="security.two_factor", actor=people.administrator
    ).exists()
    # Own second factor: refused here.
    client.post(reverse("security:staff_reset_two_factor", args=[people.administrator.pk]))
    assert TOTPDevice.objects.filter(user=people.administrator).exists()
    # Next sign-in of the supervisor: enrolment again.
    again = sign_in_through_pages(supervisor, people.supervisor)
    assert again.redirect_chain[-1][0].startswith(reverse("security:two_factor_setup"))


def test_force_login_in_tests_gives_a_verified_session(client, people):
    """The shortcut of tests/otp.py: other tests' `client.force_login(supervisor)` reach pages."""
    client.force_login(people.supervisor)
    assert client.get(reverse("casework:home")).status_code == 200
    client.force_login(people.caseworker)
    assert client.get(reverse("casework:home")).status_code == 200
    assert not TOTPDevice.objects.filter(user=people.caseworker).exists()
