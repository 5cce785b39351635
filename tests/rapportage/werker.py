"""Waiting for the worker, and a worker in a separate process that a test can kill."""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

from rapportage.models import Rapport

BASE_DIR = Path(__file__).resolve().parents[2]


def wacht_op(rapport_id, *statussen, timeout=90.0, interval=0.05) -> Rapport:
    """Poll the database until the report reaches one of ``statussen``."""
    einde = time.monotonic() + timeout
    while time.monotonic() < einde:
        rapport = Rapport.objects.get(pk=rapport_id)
        if rapport.status in statussen:
            return rapport
        time.sleep(interval)
    raise AssertionError(f"report {rapport_id} stayed {rapport.status}, expected {statussen}")


def werkerproces() -> subprocess.Popen:
    """``celery worker`` as its own process, on the test database and this run's queue."""
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_TEST_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
    }
    return subprocess.Popen(  # noqa: S603 - our own worker, fixed arguments
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "--loglevel=WARNING",
            "-Q",
            settings.CELERY_TASK_DEFAULT_QUEUE,
        ],
        cwd=BASE_DIR,
        env=env,
        start_new_session=True,
    )
