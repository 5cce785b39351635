"""Celery tasks of the reports. They take ids, never objects, and are safe to run twice (rapportage.maken).

One direction: the tasks call the maker (maken), the services and the queue (wachtrij); none of those
imports this module (the queue sends ``rapport_maken`` by name)."""

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import translation
from django.utils.translation import gettext as _

from . import maken, services, wachtrij

TIJDELIJKE_FOUTEN = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


@shared_task(
    bind=True,
    # Nobody waits for its result (the status is on the Rapport): sending it touches only the broker.
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TIJDELIJKE_FOUTEN,
    retry_backoff=5,
    retry_jitter=True,
    max_retries=3,
)
def rapport_maken(self, rapport_id: int) -> str:
    try:
        return maken.rapport_maken(rapport_id)
    except TIJDELIJKE_FOUTEN:
        if self.request.retries >= self.max_retries:
            with translation.override("nl"):
                maken.mislukt(rapport_id, _("The report could not be made: the database was not reachable."))
        raise


@shared_task(acks_late=True)
def maandrapporten_maken() -> int:
    """Celery beat, on the first of the month: last month's period report for every municipality."""
    return len(services.maandrapporten_aanmaken())


@shared_task(acks_late=True, ignore_result=True)
def rapporten_bewaken(alle_wachtende: bool = False) -> int:
    """Celery beat (every RAPPORT_BEWAKEN_SECONDEN) and every worker that (re)connects to the broker: send
    the outbox, and queue again the reports whose worker died or whose message was lost."""
    return wachtrij.rapporten_bewaken(alle_wachtende=alle_wachtende)


@shared_task(acks_late=True)
def verlopen_rapporten_verwijderen() -> int:
    """Celery beat, nightly: remove report files past the retention period."""
    return maken.verlopen_rapporten_verwijderen()
