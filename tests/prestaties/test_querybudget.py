"""Issue 10: every key page runs at most 12 SQL statements (BEGIN/COMMIT included), and as many with
more data as with less. Measured on the demo world with rows on every list, then again with more rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.demo import laad_demo_wereld
from accounts.models import User
from core.models import Toegangslog
from ketenpartners.demo import laad_demo_ketenpartners
from tests.conftest import login_with_two_factors
from tests.factories import (
    AanmeldingFactory,
    EvaluatieFactory,
    MeldingFactory,
    SignaalFactory,
    TrajectFactory,
)
from trajecten.demo import laad_demo_trajecten
from trajecten.models import Toewijzing

MAX_QUERIES = 12
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
    yield "casemanager.groningen", "/"
    yield "rapportage.groningen", "/"
    yield "rapportage.groningen", "/ketenoverzicht/"
    yield "casemanager.groningen", "/ketenoverzicht/"
    yield "beheer.noord", "/beheer/toegangslog/"
    yield "beheer.noord", f"/beheer/toegangslog/?gezin_id={gezin}"
    yield "beheer.noord", "/beheer/toegangslog/?gebruikersnaam=sanne"
    yield "coordinator.noord", "/sociale-kaart/?zoek=huil"


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
    meer_gegevens(traject)
    na = tellingen(traject)

    te_veel = {pagina: n for pagina, n in na.items() if n > MAX_QUERIES}
    gegroeid = {pagina: (voor[pagina], n) for pagina, n in na.items() if n != voor[pagina]}
    assert te_veel == {}
    assert gegroeid == {}
