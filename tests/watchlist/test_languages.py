"""Every page of the notifications and the watchlist renders in Arabic (RTL), French and English."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.notifications import factories as nf

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_pages_render_in_each_language(client, people, scene, language):
    nf.sent(people.supervisor, title="Report")
    pages = [
        (people.supervisor, reverse("notifications:list")),
        (people.supervisor, reverse("notifications:preferences")),
        (people.supervisor, reverse("watchlist:list")),
        (people.supervisor, reverse("watchlist:detail", args=[scene.fes_alert.pk])),
        (people.caseworker, reverse("concerns:create", args=[scene.fes_person.pk])),
        (people.administrator, reverse("watchlist:authorisations")),
    ]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for user, url in pages:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'lang="{language}"' in html and ('dir="rtl"' in html) == (language == "ar")
        assert 'style="' not in html.split("<main", 1)[1]
