"""Waiting for the worker, and the processes a test starts and may kill: a Celery worker, Celery beat,
a gunicorn web server and a Redis of its own (never the shared one on 6379)."""

import http.client
import os
import socket
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


def vrije_poort(bereik: range | None = None) -> int:
    """A free port on 127.0.0.1: any, or the first free one in ``bereik``."""
    for poort in bereik or [0]:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", poort))
            except OSError:
                continue
            return s.getsockname()[1]
    raise AssertionError(f"no free port in {bereik}")


def omgeving(**extra) -> dict:
    """The environment of a process on the test database and this run's queue (``extra`` overrides)."""
    db = settings.DATABASES["default"]
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_TEST_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
        **extra,
    }


def _start(argumenten, env, werkmap=None) -> subprocess.Popen:
    """Started from the project directory, or from ``werkmap`` (an empty directory of its own, with the
    project on PYTHONPATH): then nothing the process writes is where another instance could read it."""
    if werkmap is not None:
        env = {**env, "PYTHONPATH": os.pathsep.join(filter(None, [str(BASE_DIR), env.get("PYTHONPATH")]))}
    return subprocess.Popen(  # noqa: S603 - our own processes, fixed arguments
        [sys.executable, "-m", *argumenten], cwd=werkmap or BASE_DIR, env=env, start_new_session=True
    )


def werkerproces(*, wachtrijen=None, naam=None, werkmap=None, app="config", **env) -> subprocess.Popen:
    """``celery worker`` as its own process, on the test database and this run's queues (both, unless
    ``wachtrijen`` names some); ``werkmap``: its own working directory, as a pod has."""
    wachtrijen = wachtrijen or [settings.CELERY_TASK_DEFAULT_QUEUE, settings.RAPPORT_WACHTRIJ]
    return _start(
        [
            "celery",
            "-A",
            app,
            "worker",
            "--pool=solo",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "--loglevel=WARNING",
            "-Q",
            ",".join(wachtrijen),
            *([f"--hostname={naam}@%h"] if naam else []),
        ],
        omgeving(**env),
        werkmap,
    )


def beatproces(schema: Path, **env) -> subprocess.Popen:
    """``celery beat`` with its schedule file in ``schema`` (a temporary directory, also its working
    directory)."""
    return _start(
        ["celery", "-A", "config", "beat", "--loglevel=WARNING", "--schedule", str(schema / "beat")],
        omgeving(**env),
        schema,
    )


def webserver(poort: int, *, werkmap=None, **env) -> subprocess.Popen:
    """gunicorn with two sync workers, as in production; returns once it answers."""
    proces = _start(
        ["gunicorn", "--workers=2", f"--bind=127.0.0.1:{poort}", "--log-level=warning", "config.wsgi"],
        omgeving(**env),
        werkmap,
    )
    einde = time.monotonic() + 30
    while time.monotonic() < einde:
        try:
            if vraag(poort, "/gezondheid/leeft/")[0] == 200:
                return proces
        except OSError:
            time.sleep(0.1)
    stop(proces)
    raise AssertionError("gunicorn did not start")


def redis_server(poort: int) -> subprocess.Popen:
    """A Redis of this test's own, without persistence (like the demo's): killing it loses its data."""
    proces = subprocess.Popen(  # noqa: S603
        ["redis-server", "--port", str(poort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],  # noqa: S607
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    einde = time.monotonic() + 10
    while time.monotonic() < einde:
        try:
            socket.create_connection(("127.0.0.1", poort), timeout=0.2).close()
            return proces
        except OSError:
            time.sleep(0.05)
    raise AssertionError("redis-server did not start")


def stop(proces: subprocess.Popen, signaal=15) -> None:
    if proces.poll() is None:
        os.killpg(proces.pid, signaal)
    proces.wait(timeout=30)


def vraag(poort, pad, *, methode="GET", cookies=None, velden=None, timeout=30) -> tuple[int, dict, str]:
    """One HTTP request to our own server: (status, headers, body)."""
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=timeout)
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())}
    body = None
    if velden is not None:
        from urllib.parse import urlencode

        body = urlencode(velden)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        verbinding.request(methode, pad, body=body, headers=headers)
        antwoord = verbinding.getresponse()
        return antwoord.status, dict(antwoord.getheaders()), antwoord.read().decode()
    finally:
        verbinding.close()
