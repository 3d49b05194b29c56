"""docker-compose.yml keeps the production shape the design asks for (no engine runs here to start it)."""

from pathlib import Path

import yaml
from django.conf import settings

COMPOSE = yaml.safe_load(Path(settings.BASE_DIR, "docker-compose.yml").read_text())


def test_services_of_the_production_shape():
    services = COMPOSE["services"]
    assert {"db", "redis", "web", "worker", "beat"} <= set(services)
    assert services["db"]["image"] == "postgres:16"
    assert services["redis"]["image"] == "redis:7"
    assert "--appendonly" in services["redis"]["command"]
    assert services["redis"]["command"][services["redis"]["command"].index("--appendonly") + 1] == "yes"


def test_app_containers_take_their_settings_from_the_environment():
    for name in ("web", "worker", "beat"):
        env = COMPOSE["services"][name]["environment"]
        assert env["DJANGO_SETTINGS_MODULE"] == "casework.settings.production"
        assert env["DJANGO_SECRET_KEY"].startswith("${DJANGO_SECRET_KEY:?")
        assert env["CELERY_BROKER_URL"].startswith("redis://redis:6379")
    assert "celery" in COMPOSE["services"]["worker"]["command"]
    assert "beat" in COMPOSE["services"]["beat"]["command"]
