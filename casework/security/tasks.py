from importlib import import_module

from celery import shared_task
from django.conf import settings

from .sessions import purge_session_records


@shared_task(name="casework.security.tasks.purge_sessions", acks_late=True, max_retries=3)
def purge_sessions() -> int:
    """Hourly (beat): drop expired sessions from the session store and the records of dead sessions."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return purge_session_records()
