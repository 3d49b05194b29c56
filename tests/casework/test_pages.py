import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _ in settings.LANGUAGES]

# (url name, who may open it)
PAGES = [
    ("casework:home", ["caseworker", "supervisor", "national", "administrator", "partner"]),
    ("password_change", ["caseworker", "administrator"]),
    ("casework:audit", ["administrator"]),
    ("admin:index", ["administrator"]),
]


def in_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.parametrize("language", LANGUAGES)
def test_login_page_renders_in_each_language(client, language):
    response = in_language(client, language).get(reverse("login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{language}"' in html
    assert ('dir="rtl"' in html) == (language == "ar")


def test_arabic_is_the_default_whatever_the_browser_asks(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="ar" dir="rtl"' in response.content.decode()
    assert "تسجيل الدخول" in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("url_name", "roles"), PAGES)
def test_every_page_renders_in_each_language(login, people, url_name, roles, language):
    for role in roles:
        client = in_language(login(getattr(people, role)), language)
        response = client.get(reverse(url_name))
        assert response.status_code == 200, (url_name, role, language)
        assert response["Content-Language"] == language
        assert "no-store" in response["Cache-Control"]


def test_language_switch_sets_the_cookie_and_returns(client):
    response = client.post(reverse("set_language"), {"language": "fr", "next": reverse("login")})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert 'lang="fr" dir="ltr"' in client.get(reverse("login")).content.decode()


def test_navigation_fits_the_role(login, people):
    caseworker_page = login(people.caseworker).get(reverse("casework:home")).content.decode()
    assert reverse("casework:audit") not in caseworker_page
    assert reverse("admin:index") not in caseworker_page
    admin_page = login(people.administrator).get(reverse("casework:home")).content.decode()
    assert reverse("casework:audit") in admin_page
    assert reverse("admin:index") in admin_page


def test_partner_viewer_home_shows_aggregates_only(login, people):
    response = login(people.partner).get(reverse("casework:home"))
    assert "national_total" in response.context["figures"]
    assert "files_in_scope" not in response.context["figures"]


@pytest.mark.parametrize("who", ["caseworker", "supervisor", "partner"])
def test_django_admin_is_for_administrators_only(login, people, who):
    response = login(getattr(people, who)).get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(reverse("casework:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_unknown_url_answers_the_translated_not_found_page(login, people):
    response = login(people.caseworker).get("/no-such-page/")
    assert response.status_code == 404
