"""Issue 5's journey in a real browser: the coordinator searches the social map for help with excessive
crying in Groningen, adds the partner with the shortest wait to a family's trajectory with clear
responsibilities, and shares a warm handover only while the client's consent is on file."""

from datetime import timedelta

import pytest
from django.utils.timezone import localdate

from accounts.demo import laad_demo_wereld
from core.constants import Gebeurtenis, Uitkomst
from core.models import Toegangslog
from ketenpartners.demo import laad_demo_ketenpartners
from ketenpartners.models import Betrokkenheid, Toestemming, Verstrekking
from tests.e2e.test_login_per_role import inloggen
from trajecten.demo import laad_demo_trajecten
from trajecten.models import Traject

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARTNER = "Baby-ouder GGZ De Kleine Stap"


def delen(page):
    page.get_by_role("link", name=f"Delen met {PARTNER}").click()
    page.get_by_role("button", name="Overdracht delen").click()


def test_coordinator_finds_a_partner_and_shares_the_handover_only_with_consent(page, live_server, screenshot):
    vandaag = localdate()
    laad_demo_wereld()
    laad_demo_trajecten(vandaag)
    laad_demo_ketenpartners(vandaag)
    url = live_server.url
    traject = Traject.objects.get(gezin__ouders__achternaam="Dijkstra")
    inloggen(page, url, "coordinator.noord")

    # The social map, searched from the family's chain page: excessive crying in Groningen.
    page.goto(f"{url}/trajecten/{traject.pk}/ketenpartners/")
    page.get_by_role("link", name="Zoeken op de sociale kaart").click()
    page.select_option("#id_dienst", label="Huilbaby / excessief huilen")
    page.select_option("#id_gemeente", label="Gemeente Groningen")
    page.get_by_role("button", name="Zoeken").click()
    resultaten = page.locator(".app-kaart")
    assert resultaten.first.get_by_role("heading").inner_text() == PARTNER
    assert "Wachttijd: 5 dagen" in resultaten.first.inner_text()
    assert "verouderd" in page.locator(".app-kaart", has_text="Praktijk Rustig Slapen").inner_text()
    screenshot(page, "sociale-kaart-huilbaby")

    # Add it to the trajectory, with who does what.
    resultaten.first.get_by_role("link", name=f"Toevoegen aan het traject {PARTNER}").click()
    assert page.locator("#id_ketenpartner").input_value() != ""
    page.select_option("#id_rol", label="Medebehandelaar")
    page.select_option("#id_contactpersoon", index=1)
    page.fill(
        "#id_verantwoordelijkheden",
        "De Kleine Stap: baby-ouderbehandeling en huilspreekuur, elke week. "
        "BabythuisZorg: thuis oefenen met rustmomenten en de huilsignalen; meldt zorgen aan de IMH-specialist.",
    )
    screenshot(page, "ketenpartner-toevoegen")
    page.get_by_role("button", name="Partner toevoegen").click()
    assert "De partner is aan het traject toegevoegd." in page.get_by_role("status").first.inner_text()
    assert Betrokkenheid.objects.get(traject=traject, ketenpartner__organisatie__naam=PARTNER).contactpersoon

    # A warm handover, started from the support plan.
    page.get_by_role("link", name="Warme overdracht opstellen").click()
    page.select_option("#id_ketenpartner", label=PARTNER)
    page.select_option("#id_aanleiding", label="Doorverwijzing naar specialistische zorg")
    assert "Moeder herkent de huilsignalen" in page.locator("#id_doelen").input_value()
    page.fill("#id_wens_gezin", "Dat ze weten dat inbakeren en vaste slaaptijden bij ons helpen.")
    page.get_by_role("button", name="Overdracht opslaan").click()
    assert page.get_by_role("heading", name=f"Warme overdracht aan {PARTNER}").is_visible()
    screenshot(page, "warme-overdracht")

    # Sharing without consent is refused, in Dutch, and nothing is shared.
    delen(page)
    assert (
        "Niet gedeeld: er is geen geldige toestemming van de cliënt" in page.get_by_role("alert").inner_text()
    )
    assert not Verstrekking.objects.exists()
    screenshot(page, "overdracht-zonder-toestemming")

    # The client's consent: not in the future, then today.
    page.get_by_role("link", name="Terug naar de overdracht").click()
    page.get_by_role("link", name="Terug naar de ketenpartners").click()
    page.get_by_role("link", name="Toestemming vastleggen").click()
    page.select_option("#id_ketenpartner", label=PARTNER)
    page.get_by_label("Warme overdracht").check()
    page.select_option("#id_wijze", label="Schriftelijk (ondertekend formulier)")
    page.fill("#id_gegeven_op", (vandaag + timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Toestemming vastleggen").click()
    assert "niet in de toekomst" in page.locator("#id_gegeven_op_error").inner_text()
    page.fill("#id_gegeven_op", vandaag.isoformat())
    page.get_by_label("Warme overdracht").check()
    screenshot(page, "toestemming-vastleggen")
    page.get_by_role("button", name="Toestemming vastleggen").click()
    assert "De toestemming is vastgelegd." in page.get_by_role("status").first.inner_text()

    # Now it is shared, and the access log says so.
    page.get_by_role("link", name=f"Overdracht aan {PARTNER}").click()
    delen(page)
    assert f"De overdracht is gedeeld met {PARTNER}." in page.get_by_role("status").first.inner_text()
    assert Verstrekking.objects.count() == 1
    assert Toegangslog.objects.filter(
        gebeurtenis=Gebeurtenis.EXPORTEREN, uitkomst=Uitkomst.TOEGESTAAN, traject_id=traject.pk
    ).exists()
    screenshot(page, "overdracht-gedeeld")

    # The client withdraws consent: sharing is refused again at once.
    page.get_by_role("link", name="Terug naar de ketenpartners").click()
    page.get_by_role("link", name=f"Toestemming intrekken {PARTNER}").click()
    page.get_by_role("button", name="Toestemming intrekken").click()
    assert "De toestemming is ingetrokken" in page.get_by_role("status").first.inner_text()
    assert Toestemming.objects.get(traject=traject, ketenpartner__organisatie__naam=PARTNER).ingetrokken_op
    screenshot(page, "ketenpartners-traject")
    page.get_by_role("link", name=f"Overdracht aan {PARTNER}").click()
    delen(page)
    assert "Niet gedeeld" in page.get_by_role("alert").inner_text()
    assert Verstrekking.objects.count() == 1


def test_municipality_sees_its_chain_and_a_partners_page(page, live_server, screenshot):
    vandaag = localdate()
    laad_demo_wereld()
    laad_demo_trajecten(vandaag)
    laad_demo_ketenpartners(vandaag)
    url = live_server.url
    inloggen(page, url, "rapportage.groningen")

    page.goto(f"{url}/ketenoverzicht/")
    assert page.get_by_role("heading", level=1).inner_text() == "Ketenoverzicht Gemeente Groningen"
    rij = page.locator("tr", has_text="GGD Groningen — Jeugdgezondheidszorg")
    assert rij.locator("td").nth(1).inner_text() != "0"  # the demo families it referred
    assert "Lisa" not in page.content()
    assert "Dijkstra" not in page.content()
    screenshot(page, "ketenoverzicht")

    rij.get_by_role("link").click()
    assert page.get_by_role("heading", level=1).inner_text() == "GGD Groningen — Jeugdgezondheidszorg"
    assert page.get_by_text("SKJ 110042871").is_visible()
    screenshot(page, "ketenpartner-pagina")


def test_beheerder_keeps_the_waiting_time_current(page, live_server, screenshot):
    vandaag = localdate()
    laad_demo_wereld()
    laad_demo_ketenpartners(vandaag)
    url = live_server.url
    inloggen(page, url, "beheer.landelijk")

    page.goto(f"{url}/sociale-kaart/")
    page.get_by_role("link", name="Praktijk Rustig Slapen").click()
    assert "verouderd" in page.locator("dd").first.inner_text()
    page.get_by_role("link", name="Wachttijd en contactgegevens bijwerken").click()
    page.fill("#id_wachttijd_dagen", "-3")
    page.fill("#id_email", "info-at-rustigslapen")
    page.get_by_role("button", name="Opslaan").click()
    assert page.locator("#id_wachttijd_dagen_error").inner_text() == "Een wachttijd kan niet onder nul zijn."
    assert page.locator("#id_email_error").inner_text().startswith("Vul een geldig e-mailadres in")
    screenshot(page, "wachttijd-bijwerken-fout")
    page.fill("#id_wachttijd_dagen", "6")
    page.fill("#id_email", "info@rustigslapen.example")
    page.get_by_role("button", name="Opslaan").click()
    assert "De gegevens van de partner zijn bijgewerkt." in page.get_by_role("status").first.inner_text()
    assert "verouderd" not in page.locator("dd").first.inner_text()
    assert "6 dagen" in page.locator("dd").first.inner_text()
