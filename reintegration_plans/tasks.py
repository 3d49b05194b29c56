"""Celery tasks: thin adapters over the services."""

from celery import shared_task

from .services import plan_reviews_remind


@shared_task(name="reintegration_plans.tasks.remind_plan_reviews", acks_late=True, max_retries=3)
def remind_plan_reviews() -> int:
    """Beat task: one `plan_review_due` reminder per active plan and review date (idempotent)."""
    return plan_reviews_remind()
