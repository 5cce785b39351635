"""Issue 10: every key page runs at most 12 SQL statements (BEGIN/COMMIT included), and as many with
more data as with less. Measured on the demo world with rows on every list, then again with more rows."""

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.demo import laad_demo_wereld
from accounts.models import User
from core.models import Toegangslog
from ketenpartners.demo import laad_demo_ketenpartners
from rapportage.demo import laad_demo_regios
from tests.conftest import login_with_two_factors
from tests.factories import (
    AanmeldingFactory,
    EvaluatieFactory,
    MeldingFactory,
    SignaalFactory,
    TrajectFactory,
)
from trajecten.demo import laad_demo_trajecten
from trajecten.models import Huisbezoek, Toewijzing
from trajecten.zorg import AMSTERDAM

MAX_QUERIES = 12
TRANSACTIEBEHEER = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE SAVEPOINT")
TABS = [
    "gezin",
    "intake",
    "indicaties",
    "team",
    "plan",
    "bezoeken",
    "netwerk",
    "evaluaties",
    "signalen",
    "geschiedenis",
]


@pytest.fixture
def wereld(db):
    laad_demo_wereld()
    laad_demo_trajecten(timezone.localdate())
    laad_demo_ketenpartners(timezone.localdate())
    laad_demo_regios()
    toewijzing = Toewijzing.objects.filter(
        medewerker__username="sanne", tot__isnull=True, traject__status="actief"
    ).first()
    return {"traject": toewijzing.traject}


def paginas(traject):
    pk, gezin = traject.pk, traject.gezin_id
    yield "coordinator.noord", "/"
    yield "coordinator.noord", "/trajecten/"
    yield "coordinator.noord", "/trajecten/?status=actief&achternaam=a"
    for tab in TABS:
        yield "coordinator.noord", f"/trajecten/{pk}/?tab={tab}"
        yield "sanne", f"/trajecten/{pk}/?tab={tab}"
    yield "sanne", "/"
    yield "sanne", f"/trajecten/{pk}/bezoeken/nieuw/"
    yield "coordinator.noord", f"/trajecten/{pk}/verhuizing/"  # issue 16
    yield "coordinator.noord", f"/trajecten/{pk}/baby/"
    yield "coordinator.noord", f"/trajecten/{pk}/bsn/"
    yield "casemanager.groningen", "/"
    yield "rapportage.groningen", "/"
    yield "rapportage.groningen", "/ketenoverzicht/"
    yield "casemanager.groningen", "/ketenoverzicht/"
    yield "beheer.noord", "/beheer/toegangslog/"
    yield "beheer.noord", f"/beheer/toegangslog/?gezin_id={gezin}"
    yield "beheer.noord", "/beheer/toegangslog/?gebruikersnaam=sanne"
    yield "coordinator.noord", "/sociale-kaart/?zoek=huil"
    # Programme evaluation (issue 13): the request form per kind of requester, and the report list.
    yield "rapportage.groningen", "/rapporten/evaluatie/"
    yield "coordinator.noord", "/rapporten/evaluatie/"
    yield "beheer.landelijk", "/rapporten/evaluatie/"
    yield "beheer.landelijk", "/rapporten/"


def tellingen(traject) -> dict:
    clients, uitkomst = {}, {}
    for username, url in paginas(traject):
        if username not in clients:
            clients[username] = login_with_two_factors(Client(), User.objects.get(username=username))
        client = clients[username]
        client.get(url)  # warm: the first request of a session may write its idle timestamp
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (username, url, response.status_code)
        uitkomst[(username, url)] = len(ctx)
    return uitkomst


def vrij_uur(medewerker, dag):
    """An hour on ``dag`` without a visit of hers (the database refuses overlapping visits)."""
    for uur in range(7, 23):
        start = datetime.combine(dag, time(uur), tzinfo=AMSTERDAM)
        if not Huisbezoek.objects.filter(
            medewerker=medewerker, vervangen=False, start__lt=start + timedelta(hours=1), eind__gt=start
        ).exists():
            return uur
    raise AssertionError("no free hour")


def bezoek_opslaan(traject) -> tuple[int, int]:
    """Sanne saves a visit through the real form: (SQL queries, transaction-control statements)."""
    sanne = User.objects.get(username="sanne")
    client = login_with_two_factors(Client(), sanne)
    client.get("/")
    dag = timezone.localdate() - timedelta(days=1)
    uur = vrij_uur(sanne, dag)
    data = {"soort": "huisbezoek", "datum": dag.isoformat(), "begin": f"{uur:02d}:00", "einde": f"{uur:02d}:45",
            "verslag": "Samen gevoed en gebadderd."}  # fmt: skip
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(f"/trajecten/{traject.pk}/bezoeken/nieuw/", data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    beheer = [q for q in ctx.captured_queries if q["sql"].startswith(TRANSACTIEBEHEER)]
    return len(ctx) - len(beheer), len(beheer)


def meer_gegevens(traject):
    """More rows on every list the pages show: worklist trajectories, signals, overdue evaluations,
    notifications and access-log rows."""
    coordinator = User.objects.get(username="coordinator.noord")
    for status in ("aangemeld", "intake", "indicatie_aangevraagd"):
        for _ in range(3):
            nieuw = TrajectFactory(
                status=status, aanbieder=traject.aanbieder, gezin__gemeente=traject.gezin.gemeente
            )
            AanmeldingFactory(traject=nieuw, ingediend_door=coordinator)
    for _ in range(3):
        SignaalFactory(traject=traject, gemeld_door=coordinator)
        EvaluatieFactory(traject=traject, gepland_op=timezone.localdate() - timedelta(days=3))
        MeldingFactory(gebruiker=coordinator)
    Toegangslog.objects.bulk_create(
        Toegangslog(gebeurtenis="lezen", gebruiker=coordinator, gebruikersnaam="sanne", rol="medewerker",
                    organisatie_id=traject.aanbieder_id, gezin_id=traject.gezin_id, traject_id=traject.pk)
        for _ in range(200)
    )  # fmt: skip


def test_every_key_page_stays_within_its_query_budget_as_the_data_grows(wereld):
    traject = wereld["traject"]
    meer_gegevens(traject)  # every list has rows (an empty list skips its prefetch)
    voor = tellingen(traject)
    bezoek_voor = bezoek_opslaan(traject)
    meer_gegevens(traject)
    na = tellingen(traject)
    bezoek_na = bezoek_opslaan(traject)

    te_veel = {pagina: n for pagina, n in na.items() if n > MAX_QUERIES}
    gegroeid = {pagina: (voor[pagina], n) for pagina, n in na.items() if n != voor[pagina]}
    assert te_veel == {}
    assert gegroeid == {}
    # Saving a visit: at most 12 queries, plus the statements of its nested transactions (the request's,
    # the service's, and the savepoint that turns an overlap refused by the database into a message).
    assert bezoek_na == bezoek_voor
    assert bezoek_na[0] <= MAX_QUERIES
