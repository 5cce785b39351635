"""A Celery app for tests that must kill a worker mid-render: the same app as production (config), with
the PDF rendering held up by RAPPORT_TEST_VERTRAGING seconds inside the heartbeat, so "mid-render" is a
moment a test can reliably hit. Started as ``celery -A tests.rapportage.trage_werker worker``."""

import os
import time

from celery.signals import task_prerun

from config.celery_app import app  # noqa: F401 - the app this module offers to ``celery -A``


@task_prerun.connect
def _renderen_vertragen(**kwargs):
    # Django is set up by the time a task runs; patch once, in this worker process only.
    from rapportage import maken

    if getattr(maken.render_pdf, "vertraagd", False):
        return
    echt = maken.render_pdf
    vertraging = float(os.environ.get("RAPPORT_TEST_VERTRAGING", "0"))

    def traag(*args, **kwargs):
        time.sleep(vertraging)
        return echt(*args, **kwargs)

    traag.vertraagd = True
    maken.render_pdf = traag
