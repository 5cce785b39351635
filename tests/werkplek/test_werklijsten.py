"""The worklist cards of a role home, kept per user in the web process for a minute (werkplek.werklijsten):
her own writes show at once, other organisations' within the minute or on "vernieuwen", nobody ever gets
another user's cards, every view is still logged, and with the cache down the cards are built each time."""

import uuid

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from guardian.shortcuts import assign_perm

from core.cache import ALLE_ORGANISATIES, nieuwe_versie, organisatie_versie_naam, versies
from core.middleware import SchrijfVersieMiddleware
from core.models import Toegangslog
from tests.factories import AanmeldingFactory, ToewijzingFactory, TrajectFactory
from werkplek import werklijsten


@pytest.fixture(autouse=True)
def kaarten_bewaard(settings):
    settings.WERKLIJST_CACHE_SECONDEN = 60
    werklijsten.vergeten()
    yield
    werklijsten.vergeten()


def _aangemeld(gebruikers):
    traject = TrajectFactory(status="aangemeld", aanbieder=gebruikers["coordinator"].organisatie)
    AanmeldingFactory(traject=traject)
    return traject


def _home(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/")
    assert response.status_code == 200
    return response, len(ctx)


def _kaart(response, naam="te_trieren"):
    """The rows of a card, as the page shows them (its HTML, which may have been kept too) and as its
    context holds them: the two must agree."""
    html = response.content.decode()
    sectie = html[html.index(f'aria-labelledby="{KAART_IDS[naam]}"') :]
    sectie = sectie[: sectie.index("</section>")]
    rijen = [t.pk for t in response.context[naam]]
    assert [f"/trajecten/{pk}/" in sectie for pk in rijen] == [True] * len(rijen)
    assert sectie.count("<li>") == len(rijen)
    return rijen


KAART_IDS = {"te_trieren": "te-trieren", "in_intake": "intake"}


def test_a_second_home_within_the_minute_reuses_her_cards_and_still_logs_the_view(client, login, gebruikers):
    traject = _aangemeld(gebruikers)
    login(client, gebruikers["coordinator"])
    client.get("/")  # the session's first request writes its idle timestamp
    werklijsten.vergeten()
    logs = Toegangslog.objects.filter(gebruiker=gebruikers["coordinator"], omschrijving="werklijst bekeken")
    voor = logs.count()

    eerste, gebouwd = _home(client)
    tweede, bewaard = _home(client)

    assert _kaart(eerste) == _kaart(tweede) == [traject.pk]
    assert bewaard < gebouwd - 3  # the worklist, the signals, the evaluations, the ending indications
    assert tweede.context["werklijst_bijgewerkt_op"] == eerste.context["werklijst_bijgewerkt_op"]
    html = tweede.content.decode()
    assert "Bijgewerkt om " in html
    assert "Lijsten nu vernieuwen" in html
    assert logs.count() == voor + 2  # every view of the worklist is in the access log, kept or not


def test_her_own_write_shows_on_her_next_home_at_once(client, login, gebruikers):
    traject = _aangemeld(gebruikers)
    login(client, gebruikers["coordinator"])
    assert _kaart(_home(client)[0]) == [traject.pk]

    response = client.post(reverse("trajecten:accepteren", args=[traject.pk]), {"versie": traject.versie})
    assert response.status_code == 302

    home = _home(client)[0]
    assert _kaart(home) == []
    assert _kaart(home, "in_intake") == [traject.pk]


def test_another_organisations_change_shows_within_the_minute_or_on_refresh(
    client, login, gebruikers, monkeypatch
):
    login(client, gebruikers["coordinator"])
    assert _kaart(_home(client)[0]) == []
    nieuw = _aangemeld(gebruikers)  # as a referral by another organisation, without her writing

    assert _kaart(_home(client)[0]) == []  # her cards of a moment ago
    ververst = client.get("/?vernieuwen=1")
    assert _kaart(ververst) == [nieuw.pk]

    ander = _aangemeld(gebruikers)
    assert _kaart(_home(client)[0]) == [nieuw.pk]
    over_een_minuut = werklijsten.time.monotonic() + 61
    monkeypatch.setattr(werklijsten.time, "monotonic", lambda: over_een_minuut)
    assert set(_kaart(_home(client)[0])) == {nieuw.pk, ander.pk}


def test_cards_are_never_shared_between_users_of_one_organisation(client, login, gebruikers):
    medewerker, collega = gebruikers["medewerker"], gebruikers["toegewezen_medewerker"]
    haar = ToewijzingFactory(
        medewerker=medewerker,
        traject=TrajectFactory(
            status="actief",
            aanbieder=gebruikers["coordinator"].organisatie,
            gezin__gemeente=gebruikers["casemanager"].organisatie,
            regie_casemanager=gebruikers["casemanager"],
        ),
    ).traject
    assign_perm("trajecten.view_traject", medewerker, haar)

    login(client, medewerker)
    assert [t.pk for t in _home(client)[0].context["gezinnen"]] == [haar.pk]
    client.logout()
    login(client, collega)
    response = _home(client)[0]

    assert response.context["gezinnen"] == []
    assert haar.nummer not in response.content.decode()


def test_with_the_cache_down_the_cards_are_built_on_every_view(client, login, gebruikers, cache_onbereikbaar):
    login(client, gebruikers["coordinator"])
    assert _kaart(_home(client)[0]) == []
    nieuw = _aangemeld(gebruikers)

    assert _kaart(_home(client)[0]) == [nieuw.pk]  # nothing kept on the strength of an unknown version


def _schrijven(user, status=302, methode="post"):
    request = getattr(RequestFactory(), methode)("/")
    request.user = user
    SchrijfVersieMiddleware(lambda r: HttpResponse(status=status))(request)


def test_a_write_that_went_through_bumps_the_writers_organisation_only(gebruikers):
    coordinator = gebruikers["coordinator"]
    eigen = organisatie_versie_naam(coordinator.lidmaatschap.organisatie_id)
    andere = organisatie_versie_naam(gebruikers["andere_coordinator"].lidmaatschap.organisatie_id)
    voor = versies(eigen, andere, ALLE_ORGANISATIES)

    _schrijven(coordinator, status=403)
    _schrijven(coordinator, methode="get")
    assert versies(eigen, andere, ALLE_ORGANISATIES) == voor

    _schrijven(coordinator)
    assert versies(eigen, andere, ALLE_ORGANISATIES) == (voor[0] + 1, voor[1], voor[2])


def test_a_beheerders_write_makes_every_organisations_cards_stale(gebruikers):
    voor = versies(ALLE_ORGANISATIES)[0]
    _schrijven(gebruikers["beheerder"])
    assert versies(ALLE_ORGANISATIES)[0] == voor + 1


def test_on_redis_one_bump_raises_several_versions_and_starts_a_missing_one(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/12",
            "KEY_PREFIX": f"test-versies-{uuid.uuid4().hex}",
        }
    }
    cache.set("versie:cijfers:org1", 5, timeout=None)

    nieuwe_versie(organisatie_versie_naam(1), organisatie_versie_naam(2))

    assert versies(organisatie_versie_naam(1), organisatie_versie_naam(2)) == (6, 1)
    assert cache.get("versie:cijfers:org2") == 1  # read back as the integer Django's cache stores
    cache.clear()
