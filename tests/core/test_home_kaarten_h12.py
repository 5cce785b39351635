"""Issue 12 (QA walk): the role homes say the same as the lists they link to. The casemanager's figures
count the trajectories whose care runs (active or closing); the link under the chart opened only the
active ones, so the list held fewer than the figure said."""

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from rapportage import kerncijfers
from tests.conftest import login_with_two_factors
from tests.rapportage.test_dashboards import geverifieerd, lopend_traject


def test_the_casemanagers_running_figure_and_its_list_hold_the_same_trajectories(
    gebruikers, gemeente, aanbieder
):
    for _ in range(kerncijfers.MAX_TRAJECTEN):
        lopend_traject(gemeente, aanbieder)
    for _ in range(2):
        lopend_traject(gemeente, aanbieder, status="afsluiten")
    cache.clear()
    casemanager = geverifieerd(gebruikers["casemanager"])

    dashboard = kerncijfers.casemanager_dashboard(fetched_by=casemanager)
    client = login_with_two_factors(Client(), gebruikers["casemanager"])
    lijst = client.get(dashboard.opmerking_url).context["page"]

    assert dashboard.kerncijfers[0].waarde == str(kerncijfers.MAX_TRAJECTEN + 2)
    assert len(lijst.object_list) == kerncijfers.MAX_TRAJECTEN + 2  # one page of 25, no COUNT (issue 10)
    assert {t.status for t in lijst.object_list} == {"actief", "afsluiten"}
    assert dashboard.opmerking_link == "Alle trajecten waarin de zorg loopt"


def test_the_casemanager_always_sees_the_closure_card(client, login, gebruikers):
    login(client, gebruikers["casemanager"])

    html = client.get(reverse("core:home")).content.decode()

    assert "Voorgesteld om af te sluiten" in html
    assert "Er wachten geen trajecten op afsluiting door u." in html


def test_the_medewerkers_home_promises_what_it_shows(client, login, gebruikers):
    login(client, gebruikers["medewerker"])

    html = client.get(reverse("core:home")).content.decode()

    assert "uw bezoeken van vandaag" not in html
    assert "de uren die deze week over zijn, hun doelen en open signalen" in html


def test_every_casemanager_card_with_items_shows_its_count(client, login, gebruikers):
    from tests.factories import IndicatieAanvraagFactory
    from tests.trajecten.test_views import nieuw_traject

    traject = nieuw_traject(gebruikers, status="indicatie_aangevraagd")
    IndicatieAanvraagFactory(traject=traject, aangevraagd_door=gebruikers["coordinator"])
    login(client, gebruikers["casemanager"])

    html = client.get(reverse("core:home")).content.decode()

    assert 'Indicatieaanvragen om te beslissen <span class="app-telling">(1)</span>' in html


def test_an_ending_indication_offers_to_propose_closure_where_the_coordinator_looks(
    client, login, gebruikers
):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import IndicatieFactory
    from tests.trajecten.test_views import nieuw_traject

    vandaag = timezone.localdate()
    traject = nieuw_traject(gebruikers, status="actief", regie_casemanager=gebruikers["casemanager"])
    IndicatieFactory(traject=traject, van=vandaag - timedelta(days=80), tot=vandaag + timedelta(days=10))
    login(client, gebruikers["coordinator"])

    html = client.get(reverse("core:home")).content.decode()

    assert reverse("trajecten:afsluiting_voorstellen", args=[traject.pk]) in html
