"""Several instances on one machine, as on Kubernetes: two gunicorn web servers and two Celery workers,
each started in an empty working directory of its own, one beat, against the same PostgreSQL test
database and a Redis of this test's own. Nothing is shared but the database and Redis, and it works:

- a session made (through the real two-factor login) on web 1 works on web 2, and the idle timeout,
  whichever instance answers;
- a report requested through web 1 is made by whichever worker takes it and downloaded through web 2,
  and the download is in the access log;
- a worker killed (SIGKILL) mid-render: the other worker takes the report over and finishes it;
- failed logins on either web server count towards one lockout;
- nothing was written into any instance's working directory.
"""

import io
import json
import os
import signal
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from django_otp.oath import TOTP
from pypdf import PdfReader

from accounts.constants import Rol
from core.constants import Gebeurtenis
from core.models import Toegangslog
from rapportage.models import Rapport, RapportStatus
from tests.factories import (
    TEST_TOTP_KEY_HEX,
    WACHTWOORD,
    IndicatieFactory,
    OrganisatieFactory,
    TrajectFactory,
    lid,
)
from tests.rapportage.werker import (
    beatproces,
    omgeving,
    redis_server,
    stop,
    vrije_poort,
    wacht_op,
    webserver,
    werkerproces,
)

# Ports of this worktree's servers (README of the test machine): web 8400-8499, Redis 6400-6499.
WEB_POORTEN = range(8400, 8500)
REDIS_POORTEN = range(6400, 6500)
# Production: a heartbeat every 10 s, dead after 60 s, the watchdog every 30 s; scaled to seconds here.
SNEL = {
    "RAPPORT_HARTSLAG_SECONDEN": "1",
    "RAPPORT_VASTGELOPEN_NA_SECONDEN": "3",
    "RAPPORT_BEWAKEN_SECONDEN": "1",
}
VERTRAGING = 4  # seconds each render is held up in the test workers, so "mid-render" can be hit


class Browser:
    """Just enough of a browser: cookies kept across requests and across web servers."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def vraag(self, poort, pad, velden=None) -> tuple[int, dict, bytes]:
        import http.client

        verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if velden is not None:
            velden = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **velden}
            body = urlencode(velden)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{poort}{pad}"
        try:
            verbinding.request("POST" if velden is not None else "GET", pad, body=body, headers=headers)
            antwoord = verbinding.getresponse()
            inhoud = antwoord.read()
            for kop, waarde in antwoord.getheaders():
                if kop.lower() == "set-cookie":
                    for naam, morsel in SimpleCookie(waarde).items():
                        if morsel["max-age"] == "0" or not morsel.value:
                            self.cookies.pop(naam, None)
                        else:
                            self.cookies[naam] = morsel.value
            return antwoord.status, dict(antwoord.getheaders()), inhoud
        finally:
            verbinding.close()

    def inloggen(self, poort, gebruikersnaam, wachtwoord=WACHTWOORD) -> int:
        login = reverse("two_factor:login")
        self.vraag(poort, login)  # the CSRF cookie
        status, _, _ = self.vraag(
            poort,
            login,
            {"login_view-current_step": "auth", "auth-username": gebruikersnaam, "auth-password": wachtwoord},
        )
        if status != 200:
            return status
        code = f"{TOTP(bytes.fromhex(TEST_TOTP_KEY_HEX)).token():06d}"
        status, _, _ = self.vraag(poort, login, {"login_view-current_step": "token", "token-otp_token": code})
        return status


def leeg(map_) -> bool:
    return not any(map_.iterdir())


@pytest.fixture
def instanties(transactional_db, tmp_path):
    """Two web servers, two workers (on both queues), one beat, one Redis; each in its own directory."""
    redis_poort = vrije_poort(REDIS_POORTEN)
    env = {
        "CELERY_TEST_BROKER_URL": f"redis://127.0.0.1:{redis_poort}/0",
        "CELERY_TEST_RESULT_BACKEND": f"redis://127.0.0.1:{redis_poort}/1",
        "RAPPORT_TEST_VERTRAGING": str(VERTRAGING),
        **SNEL,
    }
    mappen = {naam: tmp_path / naam for naam in ("web1", "web2", "werker1", "werker2", "beat")}
    for map_ in mappen.values():
        map_.mkdir()
    processen = [redis_server(redis_poort)]
    try:
        poort1 = vrije_poort(WEB_POORTEN)
        processen.append(webserver(poort1, werkmap=mappen["web1"], **env))
        poort2 = vrije_poort(range(poort1 + 1, WEB_POORTEN.stop))
        processen.append(webserver(poort2, werkmap=mappen["web2"], **env))
        werkers = {
            naam: werkerproces(naam=naam, werkmap=mappen[naam], app="tests.rapportage.trage_werker", **env)
            for naam in ("werker1", "werker2")
        }
        processen += list(werkers.values())
        processen.append(beatproces(mappen["beat"], **env))
        yield {
            "web1": poort1,
            "web2": poort2,
            "werkers": werkers,
            "broker": env["CELERY_TEST_BROKER_URL"],
            "mappen": mappen,
        }
    finally:
        for proces in reversed(processen):
            if proces.poll() is None:
                stop(proces, signal.SIGKILL)


def bezige_werker(instanties) -> str:
    """The worker that is rendering: with the solo pool it cannot answer a ping until it is done. Asked
    by ``celery inspect ping`` as an operator would, on this test's broker."""
    uitvoer = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "celery", "-A", "config", "inspect", "ping", "--timeout=1.5", "--json"],
        env=omgeving(CELERY_TEST_BROKER_URL=instanties["broker"]),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    regels = [regel for regel in uitvoer.stdout.splitlines() if regel.startswith(("{", "["))]
    antwoorden = json.loads(regels[-1]) if regels else {}
    vrij = set(antwoorden) if isinstance(antwoorden, dict) else {n for a in antwoorden for n in a}
    bezig = [naam for naam in instanties["werkers"] if not any(v.startswith(f"{naam}@") for v in vrij)]
    assert len(bezig) == 1, (
        f"expected one busy worker; free: {vrij}; {uitvoer.stdout} {uitvoer.stderr[-500:]}"
    )
    return bezig[0]


def test_two_web_servers_and_two_workers_share_nothing_but_the_database_and_redis(instanties):
    web1, web2 = instanties["web1"], instanties["web2"]
    casemanager = lid(Rol.CASEMANAGER, OrganisatieFactory(), username="casemanager.multi")
    traject = TrajectFactory(intake=True, gezin__gemeente=casemanager.organisatie)
    IndicatieFactory(traject=traject)  # something to report
    browser = Browser()

    # A session made on web 1 works on web 2.
    assert browser.inloggen(web1, casemanager.username) == 302
    status, _, pagina = browser.vraag(web2, reverse("core:home"))
    assert status == 200
    assert "Werklijst" in pagina.decode()

    # A report requested through web 1, made by whichever worker takes it, downloaded through web 2.
    status, headers, _ = browser.vraag(web1, reverse("rapportage:trajectrapport", args=[traject.pk]), {})
    assert status == 302, headers
    rapport = Rapport.objects.get(traject=traject)
    rapport = wacht_op(rapport.pk, RapportStatus.GEREED, RapportStatus.MISLUKT, timeout=120)
    assert rapport.status == RapportStatus.GEREED, rapport.foutmelding
    assert rapport.pogingen == 1
    status, headers, pdf = browser.vraag(web2, reverse("rapportage:pdf", args=[rapport.sleutel]))
    assert status == 200
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Cache-Control"] == "private, no-store"
    assert traject.nummer in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    # The download is in the access log, with the request id web 2 answered with.
    rij = Toegangslog.objects.get(
        gebruiker=casemanager, gebeurtenis=Gebeurtenis.EXPORTEREN, omschrijving__endswith="gedownload (pdf)"
    )
    assert rij.request_id == headers["X-Request-ID"]

    # A second report; the worker that renders it is killed mid-render; the other one takes it over.
    Rapport.objects.filter(pk=rapport.pk).delete()
    status, _, _ = browser.vraag(web2, reverse("rapportage:trajectrapport", args=[traject.pk]), {})
    assert status == 302
    tweede = Rapport.objects.get(traject=traject)
    wacht_op(tweede.pk, RapportStatus.BEZIG, timeout=60, interval=0.05)
    time.sleep(0.5)  # inside the render (held up VERTRAGING seconds)
    gedood = bezige_werker(instanties)
    proces = instanties["werkers"][gedood]
    os.killpg(proces.pid, signal.SIGKILL)  # no ack, no cleanup
    proces.wait(timeout=10)
    assert Rapport.objects.get(pk=tweede.pk).status == RapportStatus.BEZIG
    begin = time.monotonic()
    tweede = wacht_op(tweede.pk, RapportStatus.GEREED, RapportStatus.MISLUKT, timeout=120)
    assert tweede.status == RapportStatus.GEREED, tweede.foutmelding
    assert tweede.pogingen == 2
    assert time.monotonic() - begin < 60
    status, _, pdf = browser.vraag(web1, reverse("rapportage:pdf", args=[tweede.sleutel]))
    assert status == 200
    assert pdf.startswith(b"%PDF-")

    # The idle timeout holds whichever server answers: the session's last activity is in the database.
    sessie = SessionStore(session_key=browser.cookies[settings.SESSION_COOKIE_NAME])
    sessie["laatste_activiteit"] = time.time() - settings.IDLE_TIMEOUT.total_seconds() - 60
    sessie.save()
    status, headers, _ = browser.vraag(web2, reverse("core:home"))
    assert status == 302
    assert headers["Location"].startswith(reverse("two_factor:login"))
    status, headers, _ = browser.vraag(web1, reverse("core:home"))
    assert status == 302  # logged out everywhere, not only on web 2

    # Failed logins on either server count towards one lockout.
    coordinator = lid(Rol.COORDINATOR, OrganisatieFactory(zorgaanbieder=True), username="coordinator.multi")
    for poging in range(settings.AXES_FAILURE_LIMIT - 1):
        assert Browser().inloggen((web1, web2)[poging % 2], coordinator.username, "fout-wachtwoord") == 200
    assert Browser().inloggen(web1, coordinator.username, "fout-wachtwoord") == 429  # the limit's failure
    geblokkeerd = Browser()
    geblokkeerd.vraag(web2, reverse("two_factor:login"))
    status, _, pagina = geblokkeerd.vraag(
        web2,
        reverse("two_factor:login"),
        {
            "login_view-current_step": "auth",
            "auth-username": coordinator.username,
            "auth-password": WACHTWOORD,
        },
    )
    assert status == 429
    assert "Te veel mislukte pogingen" in pagina.decode()

    # No instance kept anything of its own on disk.
    for naam in ("web1", "web2", "werker1", "werker2"):
        assert leeg(instanties["mappen"][naam]), naam
