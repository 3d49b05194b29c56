from celery import shared_task

from .sharing import file_shares_expire


@shared_task(name="casework.tasks.expire_file_shares", acks_late=True, max_retries=3)
def expire_file_shares() -> int:
    return file_shares_expire()
