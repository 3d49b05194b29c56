import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def in_english(client, settings):
    """These tests read messages in English; the product's default language is Arabic."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
