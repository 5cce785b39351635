"""A worker step: each time a worker (re)connects to the broker it sends the report outbox.

Celery beat needs the broker too, so after an outage the first sign of life is the worker coming back;
it does not wait for beat. Every queued report is sent again, not only the unsent ones: a broker that
restarted without its data lost the messages that were waiting (the claim makes a duplicate harmless).
"""

import logging

from celery import bootsteps

logger = logging.getLogger(__name__)


class OutboxBijVerbinden(bootsteps.StartStopStep):
    requires = {"celery.worker.consumer.tasks:Tasks"}

    def start(self, c):
        try:
            c.app.send_task(
                "rapportage.tasks.rapporten_bewaken", kwargs={"alle_wachtende": True}, ignore_result=True
            )
        except Exception:  # the connection dropped again: the consumer restarts and this runs again
            logger.warning("Rapporten-outbox niet aangeboden na verbinden", exc_info=True)
