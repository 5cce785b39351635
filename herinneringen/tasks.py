from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import services


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=30,
    retry_jitter=True,
    max_retries=5,
)
def herinneringen_versturen() -> int:
    """Celery beat, daily: today's reminders. Idempotent, so a redelivery or retry sends nothing twice."""
    return services.herinneringen_versturen()
