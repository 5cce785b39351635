"""Issue 12: the demo world shows the states the QA walk missed: a running trajectory whose baby is still
expected, a medewerker who has left (reported through the departure flow), and monthly period reports
already made for gemeente-rapportage."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.demo import laad_demo_wereld
from accounts.models import User
from core.models import Toegangslog
from ketenpartners.demo import laad_demo_ketenpartners
from rapportage.demo import laad_demo_rapporten
from rapportage.models import Rapport, RapportStatus
from tests.conftest import login_with_two_factors
from trajecten.demo import laad_demo_trajecten
from trajecten.models import Huisbezoek, Toewijzing, Traject

VANDAAG = timezone.localdate()


@pytest.fixture
def demo(db):
    laad_demo_wereld()
    laad_demo_trajecten(VANDAAG)
    laad_demo_ketenpartners(VANDAAG)


def test_a_running_trajectory_whose_baby_is_still_expected(demo, client):
    traject = Traject.objects.get(gezin__ouders__achternaam="Brouwer")
    baby = traject.gezin.babys.get()
    assert traject.status == "actief"
    assert baby.geboortedatum is None
    assert baby.uitgerekende_datum > VANDAAG
    assert traject.huisbezoeken.exists()  # care during the pregnancy
    assert "badje" not in " ".join(traject.huisbezoeken.values_list("verslag", flat=True))

    login_with_two_factors(client, User.objects.get(username="coordinator.noord"))
    html = client.get(reverse("trajecten:detail", args=[traject.pk])).content.decode()
    assert "Uitgerekende datum" in html
    assert "Geboorte vastleggen" in html


def test_a_medewerker_who_has_left_through_the_departure_flow(demo, client):
    anouk = User.objects.get(username="anouk")
    assert not anouk.is_active
    assert anouk.sessies_beeindigd_op is not None
    assert not Toewijzing.objects.filter(medewerker=anouk).exclude(tot__lt=VANDAAG).exists()
    assert Huisbezoek.objects.filter(medewerker=anouk).exists()  # her visits stay on her name
    assert Toegangslog.objects.filter(
        object_id=str(anouk.pk), omschrijving__contains="gedeactiveerd"
    ).exists()
    assert "anouk" not in laad_demo_wereld()["medewerker"]  # no demo login for her

    traject = Toewijzing.objects.filter(medewerker=anouk).first().traject
    login_with_two_factors(client, User.objects.get(username="coordinator.noord"))
    team = client.get(reverse("trajecten:detail", args=[traject.pk]), {"tab": "team"}).content.decode()
    assert "Anouk Smit (uit dienst)" in team


def test_loading_the_demo_again_keeps_her_departure(demo):
    laad_demo_wereld()
    assert laad_demo_trajecten(VANDAAG) == 0
    assert not User.objects.get(username="anouk").is_active


def test_monthly_reports_are_already_made_for_gemeente_rapportage(demo):
    assert laad_demo_rapporten(VANDAAG, maanden=1) == 3
    assert laad_demo_rapporten(VANDAAG, maanden=1) == 0  # idempotent

    rapportage = User.objects.get(username="rapportage.groningen")
    client = login_with_two_factors(Client(), rapportage)
    response = client.get("/")
    rapporten = list(response.context["rapporten"])
    assert [r.status for r in rapporten] == [RapportStatus.GEREED]
    assert rapporten[0].gemeente == rapportage.lidmaatschap.organisatie
    assert (
        Rapport.objects.filter(soort="periode", aangevraagd_door=None, status=RapportStatus.GEREED).count()
        == 3
    )


def test_an_indication_that_starts_later_is_on_the_coordinators_worklist_with_its_day(demo, client):
    from django.utils.formats import date_format

    traject = Traject.objects.get(gezin__ouders__achternaam="Mansour")
    login_with_two_factors(client, User.objects.get(username="coordinator.noord"))

    response = client.get("/")

    assert traject.pk in [t.pk for t in response.context["start_later"]]
    assert traject.pk not in [t.pk for t in response.context["klaar_om_te_starten"]]
    dag = traject.indicaties.get().van
    assert f"kan starten op {date_format(dag, 'j F Y')}" in response.content.decode()


def test_the_demos_moved_family_left_notices_for_both_casemanagers(demo):
    """Issue 16: the demo's move (Leeuwarden → Groningen, recorded by the provider's coordinator) sent the
    service's notices, so each person involved can read it back."""
    from core.models import Melding
    from trajecten.models import Verhuizing

    verhuizing = Verhuizing.objects.select_related("gezin").get()
    nummer = verhuizing.gezin.trajecten.get().nummer
    ontvangers = set(
        Melding.objects.filter(tekst__contains=nummer).values_list("gebruiker__username", flat=True)
    )
    assert {"casemanager.groningen", "casemanager.leeuwarden"} <= ontvangers
    assert verhuizing.vastgelegd_door.username not in ontvangers
