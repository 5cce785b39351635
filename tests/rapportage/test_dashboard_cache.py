"""The role homes' figures at national scale: computed by SQL aggregates that match a direct count on the
demo world, and shared per organisation for a few minutes through the cache (with the time shown)."""

from collections import Counter
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.demo import laad_demo_wereld
from accounts.models import User
from indicaties.models import Indicatie
from rapportage import kerncijfers
from tests.conftest import login_with_two_factors
from tests.factories import HuisbezoekFactory
from trajecten.demo import laad_demo_trajecten
from trajecten.models import Huisbezoek, Traject
from trajecten.zorg import AMSTERDAM


@pytest.fixture
def demo(db):
    laad_demo_wereld()
    laad_demo_trajecten(timezone.localdate())


def als(username):
    user = User.objects.select_related("lidmaatschap__organisatie").get(username=username)
    user.is_verified = lambda: True
    return user


def lokale_dag(moment):
    return moment.astimezone(AMSTERDAM).date()


def test_coordinator_figures_match_a_direct_count_on_the_demo_world(demo):
    coordinator = als("coordinator.noord")
    noord = coordinator.lidmaatschap.organisatie_id
    vandaag = timezone.localdate()
    bezoeken = [b for b in Huisbezoek.objects.filter(traject__aanbieder_id=noord, vervangen=False)]
    assert bezoeken, "the demo world has visits for Kraamzorg Noord"

    per_status = kerncijfers.trajecten_per_status(fetched_by=coordinator)
    direct = Counter(Traject.objects.filter(aanbieder_id=noord).values_list("status", flat=True))
    assert {s: n for s, n in per_status.items() if n} == dict(direct)

    maand = sum(
        (b.eind - b.start).total_seconds() / 3600
        for b in bezoeken
        if vandaag.replace(day=1) <= lokale_dag(b.start) <= vandaag
    )
    assert kerncijfers.geleverde_uren(fetched_by=coordinator)["maand"] == Decimal(str(round(maand, 2)))

    week = Counter()
    for b in bezoeken:
        if vandaag - timedelta(days=6) <= lokale_dag(b.start) <= vandaag:
            week[b.medewerker.get_full_name()] += (b.eind - b.start).total_seconds() / 3600
    belasting = {r["naam"]: r["gewerkt"] for r in kerncijfers.medewerker_belasting(fetched_by=coordinator)}
    assert {n: u for n, u in belasting.items() if u} == {
        n: Decimal(str(round(u, 2))) for n, u in week.items()
    }


def test_municipal_cost_per_month_matches_hours_times_the_tariff_of_that_day(demo):
    rapportage = als("rapportage.groningen")
    gemeente = rapportage.lidmaatschap.organisatie_id
    cijfers = {c["maand"]: c for c in kerncijfers.maandcijfers(fetched_by=rapportage)}
    uren, kosten = Counter(), Counter()
    for b in Huisbezoek.objects.filter(traject__gezin__gemeente_id=gemeente, vervangen=False):
        dag = lokale_dag(b.start)
        tarief = (
            Indicatie.objects.filter(traject_id=b.traject_id, van__lte=dag, tot__gte=dag)
            .values_list("uurtarief", flat=True)
            .first()
        ) or Decimal(0)
        duur = Decimal((b.eind - b.start).total_seconds()) / 3600
        uren[dag.replace(day=1)] += duur
        kosten[dag.replace(day=1)] += duur * tarief
    assert kosten, "the demo world has delivered hours in Groningen"
    for maand, bedrag in kosten.items():
        if maand in cijfers:
            assert cijfers[maand]["kosten"] == bedrag.quantize(Decimal("0.01"))
            assert cijfers[maand]["uren"] == uren[maand].quantize(Decimal("0.01"))


def home_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/")
    assert response.status_code == 200
    return len(ctx), response.content.decode()


def test_the_organisation_shares_its_figures_for_minutes_and_sees_since_when(demo):
    client = login_with_two_factors(Client(), User.objects.get(username="coordinator.noord"))
    client.get("/")  # the first request of a session writes its idle timestamp
    cache.clear()

    berekend, html = home_queries(client)
    uit_cache, html_daarna = home_queries(client)

    assert uit_cache == berekend - 3  # staff load, trajectories by state, hours per week: not asked again
    assert "Bijgewerkt om " in html_daarna
    assert "Sanne" in html_daarna  # Kraamzorg Noord's staff in its chart


def test_another_provider_never_gets_the_cached_figures_of_the_first(demo):
    noord = login_with_two_factors(Client(), User.objects.get(username="coordinator.noord"))
    wadden = login_with_two_factors(Client(), User.objects.get(username="coordinator.wadden"))
    assert "Sanne" in noord.get("/").content.decode()

    html = wadden.get("/").content.decode()
    assert "Sanne" not in html
    assert "Hilde" in html


def test_without_the_cache_the_home_page_computes_its_figures(demo, cache_onbereikbaar):
    client = login_with_two_factors(Client(), User.objects.get(username="coordinator.noord"))
    response = client.get("/")
    assert response.status_code == 200
    assert "Sanne" in response.content.decode()


def test_a_visit_shows_in_the_casemanagers_figures_at_once_not_after_minutes(
    demo, django_capture_on_commit_callbacks
):
    """Issue 12: the casemanager's cached figures lagged up to DASHBOARD_CACHE_SECONDEN behind a visit."""
    casemanager = als("casemanager.groningen")
    cache.clear()
    voor = kerncijfers.dashboard(fetched_by=casemanager)
    assert kerncijfers.dashboard(fetched_by=casemanager).bijgewerkt_op == voor.bijgewerkt_op  # cached
    traject = Traject.objects.filter(
        gezin__gemeente_id=casemanager.lidmaatschap.organisatie_id, status="actief"
    ).first()
    toewijzing = traject.toewijzingen.filter(tot__isnull=True).first()
    gisteren = timezone.localdate() - timedelta(days=1)
    start = datetime.combine(gisteren, time(3), tzinfo=AMSTERDAM)  # a night hour: nothing of hers overlaps

    with django_capture_on_commit_callbacks(execute=True):
        HuisbezoekFactory(
            traject=traject, medewerker=toewijzing.medewerker, start=start, eind=start + timedelta(hours=2)
        )

    na = kerncijfers.dashboard(fetched_by=casemanager)
    assert na.bijgewerkt_op > voor.bijgewerkt_op

    def rij(dashboard):
        return next(r for r in dashboard.grafieken[0].rijen if r[0].startswith(traject.nummer))

    assert rij(na)[1] == rij(voor)[1]  # hours indicated: unchanged
    assert rij(na)[2] != rij(voor)[2]  # hours given: two more
