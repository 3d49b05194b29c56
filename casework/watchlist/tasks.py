from celery import shared_task

from .rules import run_rules


@shared_task(name="casework.watchlist.tasks.run_watchlist_rules", acks_late=True, max_retries=3)
def run_watchlist_rules() -> dict:
    """Beat task: raise the alerts the rules call for. Safe to run any number of times (see rules.py)."""
    return run_rules()
