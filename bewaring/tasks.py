"""Celery tasks of the retention (scheduled in CELERY_BEAT_SCHEDULE). Safe to run twice."""

from celery import shared_task

from . import opschonen


@shared_task(acks_late=True)
def bewaartermijnen_toepassen() -> dict:
    """Nightly: anonymise or destroy dossiers past their retention, purge old access-log rows."""
    return opschonen.bewaartermijnen_toepassen()
