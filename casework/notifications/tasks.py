from celery import shared_task

from .overdue import followups_overdue_notify


@shared_task(name="casework.notifications.tasks.notify_overdue_followups", acks_late=True, max_retries=3)
def notify_overdue_followups() -> int:
    """Beat task: tell each overdue follow-up's caseworker, once (safe to run any number of times)."""
    return followups_overdue_notify()
