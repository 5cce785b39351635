"""Health endpoints for the load balancer and for monitoring (README: "Beheer en storingen").

- ``/gezondheid/leeft/``: liveness. The process answers; touches neither database nor broker.
- ``/gezondheid/gereed/``: readiness. The database answers: without it no page works (a broker or
  worker outage leaves the pages working, so it does not take the web server out of rotation).
- ``/gezondheid/``: everything, for monitoring: database, broker (Redis), a Celery worker (ping), disk
  space for temporary files (WeasyPrint's work; the private files themselves are in the database).

JSON, 200 when every check passes, 503 otherwise. Public, as a load balancer needs: the answer names
each check and a short reason, never a host, path, address or version.
"""

import asyncio
import dataclasses
import datetime
import re
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import View
from health_check.checks import Database
from health_check.contrib.celery import Ping
from health_check.contrib.psutil import Disk
from health_check.contrib.redis import Redis
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

from . import policy


def _broker_client():
    from redis.asyncio import Redis as RedisClient

    return RedisClient.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=2, socket_timeout=2)


@dataclasses.dataclass
class Werker(Ping):
    """Celery workers answer and together consume the default queue and the report queue. The broker
    connection is made first with one short attempt: Celery's broadcast would otherwise retry an
    unreachable broker forever."""

    timeout: datetime.timedelta = dataclasses.field(
        default_factory=lambda: datetime.timedelta(seconds=settings.GEZONDHEID_PING_SECONDEN), repr=False
    )

    def run(self):
        with self.app.connection_for_write(settings.CELERY_BROKER_URL) as verbinding:
            try:
                verbinding.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
            except Exception as fout:
                raise ServiceUnavailable("Broker unreachable") from fout
            # Every worker answers with its queues (one Deployment per queue: more than one answer).
            wachtrijen = (
                self.app.control.inspect(
                    connection=verbinding, timeout=self.timeout.total_seconds()
                ).active_queues()
                or {}
            )
        if not wachtrijen:
            raise ServiceUnavailable("Celery workers unavailable")
        bediend = {wachtrij.get("name") for lijst in wachtrijen.values() for wachtrij in lijst}
        if self.app.conf.task_default_queue not in bediend:
            raise ServiceUnavailable("No worker for the default task queue")
        if settings.RAPPORT_WACHTRIJ not in bediend:
            raise ServiceUnavailable("No worker for the report queue")


class Schijf(Disk):
    """Space on the disk of the temporary files (the nearest existing folder of the path)."""

    def run(self):
        pad = Path(self.path)
        while not pad.exists() and pad != pad.parent:
            pad = pad.parent
        self.path = pad
        super().run()


def _controles_alles():
    from config.celery_app import app

    return {
        "database": Database(),
        "broker": Redis(client_factory=_broker_client),
        "worker": Werker(app=app),
        "disk": Schijf(
            path=tempfile.gettempdir(),
            max_disk_usage_percent=settings.GEZONDHEID_MAX_SCHIJFGEBRUIK_PROCENT,
        ),
    }


# Whatever a library puts in a message, an address, host or worker name does not leave the building.
_GEVOELIG = re.compile(r"\S+@\S+|\b\d{1,3}(?:\.\d{1,3}){3}\b|/\S*")


def _reden(fout) -> str:
    return _GEVOELIG.sub("…", str(fout))[:120]


class GezondheidView(HealthCheckView):
    """All checks, run concurrently within their own timeouts (django-health-check 4)."""

    actie = policy.GEZONDHEID
    controles = staticmethod(_controles_alles)

    async def get(self, request, *args, **kwargs):
        controles = self.controles()
        resultaten = await asyncio.gather(*(controle.get_result() for controle in controles.values()))
        checks = {
            naam: {"status": "error", "reason": _reden(r.error)} if r.error else {"status": "ok"}
            for naam, r in zip(controles, resultaten, strict=True)
        }
        gezond = all(not r.error for r in resultaten)
        return JsonResponse(
            {"status": "ok" if gezond else "error", "checks": checks}, status=200 if gezond else 503
        )


class GereedView(GezondheidView):
    controles = staticmethod(lambda: {"database": Database()})


@method_decorator([never_cache, transaction.non_atomic_requests], name="dispatch")
class LeeftView(View):
    actie = policy.GEZONDHEID
    http_method_names = ["get", "head"]

    def get(self, request):
        return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
