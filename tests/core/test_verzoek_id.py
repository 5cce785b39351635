"""Observability: one request id in the response header, the JSON log lines, the access-log row and the
Celery task the request sends; Prometheus metrics from every gunicorn worker on a port of their own
that users never reach (a real gunicorn with config/gunicorn.py)."""

import json
import logging
import subprocess
import sys
import time
import urllib.request

import pytest
from celery import shared_task
from django.db import DatabaseError, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory

from core.constants import Gebeurtenis
from core.models import Toegangslog
from core.toegangslog import log_toegang
from core.verzoek_id import JsonFormatter, VerzoekIdFilter, VerzoekIdMiddleware, huidig
from tests.rapportage.werker import BASE_DIR, omgeving, stop, vraag, vrije_poort

WEB_POORTEN = range(8400, 8500)


@shared_task(name="tests.verzoek_id_terug")
def verzoek_id_terug() -> str:
    return huidig.get()


def test_every_response_carries_a_request_id_and_a_valid_one_from_the_proxy_is_kept(db):
    eerste = Client().get("/gezondheid/leeft/")["X-Request-ID"]
    tweede = Client().get("/gezondheid/leeft/")["X-Request-ID"]
    assert len(eerste) == 32
    assert eerste != tweede
    van_proxy = "3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f"
    assert Client().get("/gezondheid/leeft/", HTTP_X_REQUEST_ID=van_proxy)["X-Request-ID"] == van_proxy
    # Not an id (too long, or text that could forge a log line): replaced.
    for fout in ("x" * 65, 'abc"}\n{"niveau": "ERROR', "kort"):
        assert Client().get("/gezondheid/leeft/", HTTP_X_REQUEST_ID=fout)["X-Request-ID"] != fout


def test_the_access_log_row_has_the_request_id_and_stays_append_only(db, gebruikers):
    def view(request):
        request.user = gebruikers["casemanager"]
        log_toegang(request, gebeurtenis=Gebeurtenis.LEZEN, omschrijving="proef")
        return HttpResponse("ok")

    response = VerzoekIdMiddleware(view)(RequestFactory().get("/trajecten/1/"))
    rij = Toegangslog.objects.get(omschrijving="proef")
    assert rij.request_id == response["X-Request-ID"]
    with pytest.raises(DatabaseError), transaction.atomic():
        Toegangslog.objects.filter(pk=rij.pk).update(request_id="anders")
    assert Toegangslog.objects.get(pk=rij.pk).request_id == response["X-Request-ID"]


def test_a_row_written_without_the_column_gets_the_database_default(db, gebruikers):
    """The previous version, running beside the new one during a rollout, does not know the column."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_toegangslog (tijdstip, gebeurtenis, uitkomst, gebruikersnaam, rol, object_type,"
            " object_id, omschrijving, reden, pad) VALUES (now(), 'lezen', 'toegestaan', '', '', '', '',"
            " 'oude versie', '', '')"
        )
    assert Toegangslog.objects.get(omschrijving="oude versie").request_id == ""


def test_a_task_sent_during_a_request_runs_with_its_request_id(celery_werker):
    token = huidig.set("verzoek-1234abcd")
    try:
        resultaat = verzoek_id_terug.delay()
    finally:
        huidig.reset(token)
    assert resultaat.get(timeout=30) == "verzoek-1234abcd"
    assert verzoek_id_terug.delay().get(timeout=30) == ""  # sent outside a request: none


def test_log_lines_are_json_with_the_request_id():
    record = logging.LogRecord(
        "rapportage.maken", logging.WARNING, __file__, 1, "Rapport %s mislukt", ("x",), None
    )
    token = huidig.set("verzoek-abcdef12")
    try:
        VerzoekIdFilter().filter(record)
    finally:
        huidig.reset(token)
    regel = json.loads(JsonFormatter().format(record))
    assert regel["request_id"] == "verzoek-abcdef12"
    assert regel["niveau"] == "WARNING"
    assert regel["bericht"] == "Rapport x mislukt"
    assert regel["logger"] == "rapportage.maken"


def test_gunicorn_serves_metrics_of_all_workers_on_their_own_port_and_not_to_users(
    transactional_db, tmp_path
):
    web, metrics = vrije_poort(WEB_POORTEN), vrije_poort(range(8450, 8500))
    log = (tmp_path / "gunicorn.log").open("w")
    proces = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--config", "config/gunicorn.py"],
        cwd=BASE_DIR,
        env=omgeving(
            PORT=str(web),
            METRICS_PORT=str(metrics),
            GUNICORN_WORKERS="2",
            PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "prometheus"),
            GUNICORN_WORKER_TMP_DIR=str(tmp_path),
        ),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        einde = time.monotonic() + 30
        while True:
            try:
                status, headers, _ = vraag(web, "/gezondheid/leeft/")
                break
            except OSError:
                assert time.monotonic() < einde, "gunicorn did not start"
                time.sleep(0.2)
        for _ in range(5):
            vraag(web, "/gezondheid/leeft/")
        assert vraag(web, "/metrics")[0] == 404  # users' port: no metrics
        tekst = urllib.request.urlopen(f"http://127.0.0.1:{metrics}/metrics", timeout=10).read().decode()  # noqa: S310
        totaal = [
            float(regel.rsplit(" ", 1)[1])
            for regel in tekst.splitlines()
            if regel.startswith("django_http_requests_total_by_method_total{") and 'method="GET"' in regel
        ]
        assert sum(totaal) >= 7
        assert "django_http_requests_latency_seconds_by_view_method_bucket" in tekst
    finally:
        stop(proces)
        log.close()
    # The access log: a JSON line per request, with the id the response carried.
    regels = [
        json.loads(r) for r in (tmp_path / "gunicorn.log").read_text().splitlines() if r.startswith("{")
    ]
    assert headers["X-Request-ID"] in {r["request_id"] for r in regels if r["logger"] == "gunicorn.access"}
