"""Reports through outages: Redis down while a report is requested (a Redis of this test's own, killed
and started again, a real gunicorn and worker), the outbox, the heartbeat and honest progress."""

import signal
import time
import uuid

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rapportage import maken, tasks, wachtrij
from rapportage.models import Rapport, RapportSoort, RapportStatus, Voortgang
from tests.conftest import login_with_two_factors
from tests.factories import IndicatieFactory, RapportFactory, TrajectFactory
from tests.rapportage.werker import (
    redis_server,
    stop,
    vraag,
    vrije_poort,
    wacht_op,
    webserver,
    werkerproces,
)

CSRF = "storingstoets" * 2 + "abcdef"  # a CSRF secret of 32 characters, as cookie and as form field


def test_with_redis_down_a_report_request_answers_at_once_and_is_made_when_redis_is_back(
    transactional_db, gebruikers
):
    casemanager = gebruikers["casemanager"]
    traject = TrajectFactory(intake=True, gezin__gemeente=casemanager.organisatie)
    IndicatieFactory(traject=traject)  # something to report
    client = login_with_two_factors(Client(), casemanager)
    cookies = {
        settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
        "csrftoken": CSRF,
    }
    redis_poort, web_poort = vrije_poort(), vrije_poort()
    broker = {
        "CELERY_TEST_BROKER_URL": f"redis://127.0.0.1:{redis_poort}/0",
        "CELERY_TEST_RESULT_BACKEND": f"redis://127.0.0.1:{redis_poort}/1",
    }
    redis = redis_server(redis_poort)
    werker = werkerproces(**broker)
    web = webserver(web_poort, **broker)
    try:
        stop(redis, signal.SIGKILL)

        begin = time.monotonic()
        status, headers, _body = vraag(
            web_poort,
            reverse("rapportage:trajectrapport", args=[traject.pk]),
            methode="POST",
            cookies=cookies,
            velden={"csrfmiddlewaretoken": CSRF},
        )
        assert time.monotonic() - begin < 5  # it used to hang for 19 s
        assert status == 302
        rapport = Rapport.objects.get()
        assert headers["Location"] == reverse("rapportage:detail", args=[rapport.sleutel])
        assert rapport.status == RapportStatus.WACHTRIJ
        assert rapport.ingepland_op is None  # kept in the outbox
        status, _headers, pagina = vraag(web_poort, headers["Location"], cookies=cookies)
        assert status == 200
        assert "De achtergronddienst die rapporten maakt is tijdelijk niet bereikbaar" in pagina
        assert "U hoeft het niet opnieuw aan te vragen" in pagina

        # Redis is back (empty): the worker reconnects, sends the outbox, and the report is made.
        redis = redis_server(redis_poort)
        rapport = wacht_op(rapport.pk, RapportStatus.GEREED, RapportStatus.MISLUKT, timeout=90)
        assert rapport.status == RapportStatus.GEREED, rapport.foutmelding
        assert rapport.ingepland_op is not None
        status, _headers, pagina = vraag(web_poort, headers["Location"], cookies=cookies)
        assert "tijdelijk niet bereikbaar" not in pagina
        assert reverse("rapportage:pdf", args=[rapport.sleutel]) in pagina
        assert maken.prive_opslag().listdir("rapporten")[1] == [f"{rapport.sleutel}.pdf"]
    finally:
        stop(web)
        stop(werker)
        stop(redis)


def test_the_watchdog_job_sends_the_outbox(celery_werker, gebruikers):
    casemanager = gebruikers["casemanager"]
    rapport = RapportFactory(aangevraagd_door=casemanager, traject__gezin__gemeente=casemanager.organisatie)
    assert rapport.wacht_op_achtergronddienst  # created, never sent
    assert tasks.rapporten_bewaken.delay().get(timeout=30) is None  # ignore_result: nothing to fetch
    rapport = wacht_op(rapport.pk, RapportStatus.GEREED, RapportStatus.MISLUKT)
    assert rapport.status == RapportStatus.GEREED, rapport.foutmelding
    assert wachtrij.rapporten_bewaken() == 0  # nothing left to send


def test_the_heartbeat_beats_while_a_report_is_made_and_stops_after(transactional_db, gebruikers, settings):
    settings.RAPPORT_HARTSLAG_SECONDEN = 0.2
    poging = uuid.uuid4()
    lang_geleden = timezone.now() - timezone.timedelta(hours=1)
    rapport = RapportFactory(aangevraagd_door=gebruikers["casemanager"])
    Rapport.objects.filter(pk=rapport.pk).update(
        status=RapportStatus.BEZIG, poging_sleutel=poging, hartslag_op=lang_geleden
    )
    with maken.hartslag(rapport.pk, poging):
        time.sleep(0.7)  # WeasyPrint busy: no progress to report, the thread beats anyway
        tijdens = Rapport.objects.get(pk=rapport.pk).hartslag_op
    assert tijdens > timezone.now() - timezone.timedelta(seconds=1)
    time.sleep(0.5)
    assert Rapport.objects.get(pk=rapport.pk).hartslag_op == tijdens  # stopped with the work
    # Another attempt took the report over: the old attempt's thread may not keep it alive.
    Rapport.objects.filter(pk=rapport.pk).update(poging_sleutel=uuid.uuid4(), hartslag_op=lang_geleden)
    with maken.hartslag(rapport.pk, poging):
        time.sleep(0.5)
    assert Rapport.objects.get(pk=rapport.pk).hartslag_op == lang_geleden


def test_progress_follows_the_real_phases_and_the_page_says_since_when(db, gebruikers, monkeypatch):
    casemanager = gebruikers["casemanager"]
    traject = TrajectFactory(intake=True, gezin__gemeente=casemanager.organisatie)
    IndicatieFactory(traject=traject)  # something to report
    rapport = Rapport.objects.create(
        soort=RapportSoort.TRAJECT, traject=traject, aangevraagd_door=casemanager
    )
    gezien = []
    echte_voortgang = maken._voortgang

    def volgen(r, poging, procent):
        gezien.append((procent, Rapport.objects.get(pk=r.pk).voortgang))
        echte_voortgang(r, poging, procent)

    monkeypatch.setattr(maken, "_voortgang", volgen)
    assert maken.rapport_maken(rapport.pk) == "gereed"
    # Claimed at "data", then layout, writing the PDF, saving: in that order, each after the one before.
    assert gezien == [
        (Voortgang.OPMAAK, Voortgang.GEGEVENS),
        (Voortgang.SCHRIJVEN, Voortgang.OPMAAK),
        (Voortgang.OPSLAAN, Voortgang.SCHRIJVEN),
    ]
    assert Rapport.objects.get(pk=rapport.pk).voortgang == Voortgang.GEREED

    gestart = timezone.now().replace(hour=9, minute=41)
    Rapport.objects.filter(pk=rapport.pk).update(
        status=RapportStatus.BEZIG, voortgang=Voortgang.OPMAAK, gestart_op=gestart, pogingen=2
    )
    client = login_with_two_factors(Client(), casemanager)
    fragment = client.get(
        reverse("rapportage:detail", args=[rapport.sleutel]), headers={"HX-Request": "true"}
    ).content.decode()
    assert f"Bezig sinds {timezone.localtime(gestart):%H:%M}: pagina&#x27;s opmaken." in fragment
    assert "Poging 2: de vorige poging werd onderbroken." in fragment
