"""The health endpoints against the real services: PostgreSQL, Redis and a Celery worker."""

import socket
import tempfile
import time

from django.test import Client
from django.urls import reverse


def vrije_poort() -> int:
    """A port on which nothing listens (bound and released: the OS will not hand it out again soon)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_liveness_answers_without_database_or_broker(settings):
    # No database fixture: a query would raise here. And a broker that is gone does not matter.
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{vrije_poort()}/0"
    response = Client().get(reverse("core:gezondheid_leeft"))
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_readiness_needs_only_the_database(db, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{vrije_poort()}/0"  # the pages work without it
    response = Client().get(reverse("core:gezondheid_gereed"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": {"status": "ok"}}}


def test_health_reports_database_broker_worker_and_disk(celery_werker):
    response = Client().get(reverse("core:gezondheid"))
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": {"status": "ok"},
            "broker": {"status": "ok"},
            "worker": {"status": "ok"},
            "disk": {"status": "ok"},
        },
    }
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_without_a_worker_the_worker_check_fails_and_nothing_else(db):
    response = Client().get(reverse("core:gezondheid"))
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["worker"]["status"] == "error"
    assert {naam: c["status"] for naam, c in checks.items() if naam != "worker"} == {
        "database": "ok",
        "broker": "ok",
        "disk": "ok",
    }


def test_an_unreachable_broker_is_named_quickly_and_nothing_sensitive_is_shown(db, settings):
    poort = vrije_poort()
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{poort}/0"
    begin = time.monotonic()
    response = Client().get(reverse("core:gezondheid"))
    assert time.monotonic() - begin < 10
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["broker"]["status"] == "error"
    assert "Redis" in body["checks"]["broker"]["reason"]
    assert body["checks"]["worker"] == {"status": "error", "reason": "Unavailable: Broker unreachable"}
    assert body["checks"]["database"] == {"status": "ok"}
    tekst = response.content.decode()
    for geheim in (
        "127.0.0.1",
        str(poort),
        "redis://",
        socket.gethostname(),
        tempfile.gettempdir(),
    ):
        assert geheim not in tekst


def test_a_full_disk_fails_the_disk_check(db, settings, celery_werker):
    settings.GEZONDHEID_MAX_SCHIJFGEBRUIK_PROCENT = 0.001  # any use at all is "too full"
    response = Client().get(reverse("core:gezondheid"))
    assert response.status_code == 503
    assert response.json()["checks"]["disk"]["status"] == "error"
    assert tempfile.gettempdir() not in response.content.decode()
