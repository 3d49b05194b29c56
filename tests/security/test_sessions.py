"""Sessions: a new key at sign-in, idle and absolute limits, logout and deactivation end every session of
the user, administrators end a user's sessions, cookie flags in production."""

import datetime
import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from casework.models import AuditAction, AuditEntry
from casework.security.models import UserSession
from casework.security.tasks import purge_sessions
from tests.casework.test_deploy_settings import production_environment
from tests.factories import TEST_PASSWORD


@pytest.fixture(autouse=True)
def in_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def signed_in_client(user) -> Client:
    other = Client()
    other.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    other.force_login(user)
    return other


def is_in(client) -> bool:
    return client.get(reverse("casework:home")).status_code == 200


def test_sign_in_gives_a_new_session_key_and_records_it(client, people):
    client.get(reverse("login"))
    session = client.session
    session["before"] = "anonymous"
    session.save()
    anonymous_key = session.session_key
    response = client.post(
        reverse("login"), {"username": people.caseworker.username, "password": TEST_PASSWORD}, HTTP_USER_AGENT="UA-1"
    )
    assert response.status_code == 302
    new_key = client.session.session_key
    assert new_key != anonymous_key
    assert not Session.objects.filter(session_key=anonymous_key).exists()
    record = UserSession.objects.get(session_key=new_key)
    assert record.user == people.caseworker and record.user_agent == "UA-1" and record.ip_address == "127.0.0.1"


def test_idle_sessions_end_after_the_setting(client, people, settings):
    assert settings.CASEWORK_SESSION_IDLE_SECONDS == 30 * 60
    client.force_login(people.caseworker)
    assert is_in(client)
    UserSession.objects.update(last_seen_at=timezone.now() - datetime.timedelta(minutes=29))
    assert is_in(client)  # activity moves the idle limit on
    assert UserSession.objects.get().last_seen_at > timezone.now() - datetime.timedelta(minutes=1)
    UserSession.objects.update(last_seen_at=timezone.now() - datetime.timedelta(minutes=31))
    response = client.get(reverse("casework:home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "signed out after a period of inactivity" in response.content.decode()
    assert not UserSession.objects.exists()
    entry = AuditEntry.objects.filter(action=AuditAction.LOGOUT, object_type="security.session").get()
    assert entry.changes == {"reason": "idle_timeout"} and entry.actor == people.caseworker


def test_the_last_use_is_written_at_most_once_a_minute(client, people):
    """Reading the record enforces the limits; writing it on every request would cost a commit per page."""
    client.force_login(people.caseworker)
    seen = timezone.now() - datetime.timedelta(seconds=30)
    UserSession.objects.update(last_seen_at=seen)
    with CaptureQueriesContext(connection) as queries:
        assert is_in(client)
    assert not [q for q in queries if q["sql"].startswith(f'UPDATE "{UserSession._meta.db_table}"')]
    assert UserSession.objects.get().last_seen_at == seen
    UserSession.objects.update(last_seen_at=timezone.now() - datetime.timedelta(seconds=61))
    assert is_in(client)
    assert UserSession.objects.get().last_seen_at > timezone.now() - datetime.timedelta(seconds=5)


def test_the_idle_limit_follows_the_setting(client, people, settings):
    settings.CASEWORK_SESSION_IDLE_SECONDS = 60
    client.force_login(people.caseworker)
    UserSession.objects.update(last_seen_at=timezone.now() - datetime.timedelta(seconds=61))
    assert not is_in(client)


def test_sessions_end_after_the_absolute_limit_even_when_active(client, people, settings):
    assert settings.CASEWORK_SESSION_ABSOLUTE_SECONDS == 12 * 3600
    client.force_login(people.caseworker)
    UserSession.objects.update(created_at=timezone.now() - datetime.timedelta(hours=12, minutes=1))
    response = client.get(reverse("casework:home"), follow=True)
    assert "maximum length" in response.content.decode()
    assert not is_in(client)


def test_api_calls_of_an_expired_session_are_refused(client, people):
    client.force_login(people.caseworker)
    UserSession.objects.update(last_seen_at=timezone.now() - datetime.timedelta(hours=1))
    assert client.get("/api/v1/beneficiaries/").status_code in (401, 403)


def test_a_session_without_its_record_is_refused(client, people):
    client.force_login(people.caseworker)
    UserSession.objects.all().delete()
    assert not is_in(client)


def test_logout_ends_every_session_of_the_user(client, people):
    client.force_login(people.caseworker)
    phone = signed_in_client(people.caseworker)
    colleague = signed_in_client(people.neighbour)
    assert is_in(phone)
    client.post(reverse("logout"))
    assert not is_in(client)
    assert not is_in(phone)
    assert is_in(colleague)
    assert not UserSession.objects.filter(user=people.caseworker).exists()
    entry = AuditEntry.objects.filter(action=AuditAction.REVOKE, object_type="security.session").get()
    assert entry.changes == {"sessions_ended": 2, "reason": "logout"}


def test_deactivating_an_account_ends_its_sessions(client, people):
    target = signed_in_client(people.caseworker)
    assert is_in(target)
    client.force_login(people.administrator)
    response = client.post(
        reverse("admin:casework_user_change", args=[people.caseworker.pk]),
        {
            "username": people.caseworker.username,
            "role": "caseworker",
            "centre": people.caseworker.centre_id,
            "first_name": "",
            "last_name": "",
            "email": "",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2021-05-01",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    people.caseworker.refresh_from_db()
    assert not people.caseworker.is_active
    assert not UserSession.objects.filter(user=people.caseworker).exists()
    assert not is_in(target)
    assert AuditEntry.objects.filter(
        action=AuditAction.REVOKE, object_type="security.session", changes__reason="account_deactivated"
    ).exists()


def test_an_administrator_ends_a_users_sessions_audited_and_confirmed(client, people):
    from knox.models import AuthToken

    target = signed_in_client(people.supervisor)
    assert is_in(target)
    _token, secret = AuthToken.objects.create(user=people.supervisor)
    assert Client().get("/api/v1/beneficiaries/", HTTP_AUTHORIZATION=f"Token {secret}").status_code == 200
    client.force_login(people.administrator)
    page = client.get(reverse("security:staff_detail", args=[people.supervisor.pk])).content.decode()
    assert "End all sessions" in page and "data-confirm=" in page
    assert client.get(reverse("security:staff_end_sessions", args=[people.supervisor.pk])).status_code == 405
    response = client.post(reverse("security:staff_end_sessions", args=[people.supervisor.pk]), follow=True)
    assert "1 session(s) ended" in response.content.decode()
    assert not is_in(target)
    assert is_in(client)
    entry = AuditEntry.objects.filter(action=AuditAction.REVOKE, object_type="security.session").get()
    assert entry.actor == people.administrator and entry.object_id == str(people.supervisor.pk)
    assert entry.changes == {"sessions_ended": 1, "reason": "ended_by_administrator", "api_tokens_revoked": 1}
    # The personal API token went with the sessions.
    assert Client().get("/api/v1/beneficiaries/", HTTP_AUTHORIZATION=f"Token {secret}").status_code in (401, 403)


def test_the_staff_page_lists_only_live_sessions(client, people):
    signed_in_client(people.supervisor)
    stale = signed_in_client(people.supervisor)
    UserSession.objects.filter(session_key=stale.session.session_key).update(
        last_seen_at=timezone.now() - datetime.timedelta(hours=2)
    )
    client.force_login(people.administrator)
    response = client.get(reverse("security:staff_detail", args=[people.supervisor.pk]))
    assert len(response.context["sessions"]) == 1
    listing = client.get(reverse("security:staff_list"), {"q": people.supervisor.username})
    assert listing.context["page"].object_list[0].live_sessions == 1


def test_the_purge_task_removes_dead_records_and_expired_sessions(people):
    live = signed_in_client(people.caseworker)
    dead = signed_in_client(people.neighbour)
    UserSession.objects.filter(session_key=dead.session.session_key).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    assert purge_sessions() == 1
    assert UserSession.objects.filter(session_key=live.session.session_key).exists()


def test_production_cookies_are_secure_httponly_and_samesite():
    names = [
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "SESSION_COOKIE_NAME",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SAMESITE",
        "CSRF_COOKIE_NAME",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_SSL_REDIRECT",
        "SESSION_EXPIRE_AT_BROWSER_CLOSE",
        "CASEWORK_SESSION_IDLE_SECONDS",
        "CASEWORK_SESSION_ABSOLUTE_SECONDS",
    ]
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        f"print(json.dumps({{k: getattr(s, k) for k in {names!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=production_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["SESSION_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert values["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert values["CSRF_COOKIE_SECURE"] and values["CSRF_COOKIE_HTTPONLY"]
    assert values["CSRF_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert values["CSRF_COOKIE_NAME"].startswith("__Host-")
    assert values["SECURE_HSTS_SECONDS"] >= 31536000 and values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert values["SECURE_SSL_REDIRECT"] and values["SESSION_EXPIRE_AT_BROWSER_CLOSE"]
    assert values["CASEWORK_SESSION_IDLE_SECONDS"] == 1800
    assert values["CASEWORK_SESSION_ABSOLUTE_SECONDS"] == 43200


def test_session_cookie_flags_on_a_real_response(client, people):
    response = client.post(reverse("login"), {"username": people.caseworker.username, "password": TEST_PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == ""  # ends with the browser


def test_the_admin_user_page_links_to_the_sign_in_security_page(client, people):
    client.force_login(people.administrator)
    page = client.get(reverse("admin:casework_user_change", args=[people.supervisor.pk])).content.decode()
    assert reverse("security:staff_detail", args=[people.supervisor.pk]) in page
