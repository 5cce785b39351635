"""Sending reports to the worker's queue, and the outbox for when the broker is down.

A report whose task could not reach the broker stays queued without ``ingepland_op`` (the outbox);
``rapporten_bewaken`` (Celery beat, and each worker when it (re)connects to the broker) sends it, and
queues again a running report whose heartbeat stopped (a killed worker). The task is sent by name: the
tasks (rapportage.tasks) import this module and the maker (rapportage.maken), never the other way round.
"""

import logging

from celery import current_app
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerFout
from redis.exceptions import RedisError

from .maken import bericht_verloren_na, vastgelopen_na
from .models import Rapport, RapportStatus

logger = logging.getLogger(__name__)

# The task that makes one report (rapportage.tasks.rapport_maken; routed to its own queue in settings).
RAPPORT_MAKEN = "rapportage.tasks.rapport_maken"


def vastgelopen_rapporten(nu=None, alle_wachtende=False) -> list[int]:
    """Reports to send (again): the outbox (queued, never sent), those whose worker died mid-render
    (running, heartbeat stopped) and those whose message may be lost (or every queued one, when a
    worker (re)connects to a broker that may have restarted empty)."""
    nu = nu or timezone.now()
    wachtend = Q(status=RapportStatus.WACHTRIJ)
    if not alle_wachtende:
        wachtend &= Q(ingepland_op__isnull=True) | Q(ingepland_op__lt=nu - bericht_verloren_na())
    return list(
        Rapport.objects.filter(
            wachtend | Q(status=RapportStatus.BEZIG, hartslag_op__lt=nu - vastgelopen_na())
        )
        .order_by("aangemaakt_op", "pk")
        .values_list("pk", flat=True)
    )


def inplannen(rapport_id: int) -> bool:
    """Send the report's task to the queue now. With the broker unreachable (the attempt is bounded by the
    CELERY_BROKER_* timeouts) the report stays in the outbox: queued, ``ingepland_op`` empty."""
    try:
        # By name (as rapportage.werker does): the queue does not import the tasks, which import it.
        current_app.send_task(RAPPORT_MAKEN, args=[rapport_id], ignore_result=True)
    except (BrokerFout, RedisError, OSError):
        logger.warning("Rapport %s niet verstuurd: broker onbereikbaar; blijft in de outbox", rapport_id)
        Rapport.objects.filter(pk=rapport_id, status=RapportStatus.WACHTRIJ).update(ingepland_op=None)
        return False
    Rapport.objects.filter(pk=rapport_id).update(ingepland_op=timezone.now())
    return True


def rapporten_bewaken(alle_wachtende=False) -> int:
    """Send the outbox and queue again what lost its worker or its message; stops at the first report
    the broker refuses (the rest waits for the next run). Returns how many were sent."""
    verstuurd = 0
    for rapport_id in vastgelopen_rapporten(alle_wachtende=alle_wachtende):
        if not inplannen(rapport_id):
            break
        verstuurd += 1
    return verstuurd
