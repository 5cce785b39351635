"""Issue 3's journey, by the real roles in a real browser: referral → intake → indication request →
voorliggende voorzieningen check → 24/7 bridging indication → two medewerkers → active."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.utils.timezone import localdate

from accounts.demo import laad_demo_wereld
from tests.e2e.test_login_per_role import inloggen
from trajecten.demo import laad_demo_trajecten
from trajecten.models import Traject

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

seed = importlib.import_module("indicaties.migrations.0003_voorzieningen_seed")


def uitloggen(page):
    page.get_by_role("button", name="Uitloggen").click()


def test_from_referral_to_an_active_trajectory(page, live_server, screenshot):
    laad_demo_wereld()
    laad_demo_trajecten(localdate())  # contracts (and other demo families)
    seed.zaai_voorzieningen(django_apps, None)  # a flushing test may have removed the migration's rows
    url = live_server.url
    vandaag = localdate()
    uitgerekend = vandaag + timedelta(days=45)

    # The coordinator registers the referral.
    inloggen(page, url, "coordinator.noord")
    page.get_by_role("link", name="Nieuwe aanmelding").first.click()
    page.select_option("#id_aanmelding-verwijzer_soort", "verloskundige")
    page.fill("#id_aanmelding-verwijzer_naam", "Verloskundige M. Smit")
    page.fill(
        "#id_aanmelding-hulpvraag",
        "Jonge moeder, geen netwerk, dreigende dakloosheid. Wacht op plek in moeder-kindhuis.",
    )
    page.check("#id_aanmelding-kwetsbaarheden_1")  # geen sociaal netwerk
    page.check("#id_aanmelding-kwetsbaarheden_7")  # dakloosheid
    page.check("#id_aanmelding-toestemming_client")
    page.select_option("#id_gezin-gemeente", label="Gemeente Groningen")
    page.fill("#id_gezin-straat", "Damsterdiep")
    page.fill("#id_gezin-huisnummer", "101")
    page.fill("#id_gezin-postcode", "9713 EE")
    page.fill("#id_gezin-woonplaats", "Groningen")
    page.fill("#id_moeder-voornaam", "Noor")
    page.fill("#id_moeder-achternaam", "Veenstra")
    page.fill("#id_moeder-geboortedatum", "2006-03-14")
    page.fill("#id_moeder-bsn", "123456789")  # fails the elfproef
    page.fill("#id_baby-uitgerekende_datum", uitgerekend.isoformat())
    page.get_by_role("button", name="Aanmelding registreren").click()
    assert "de elfproef klopt niet" in page.locator("#id_moeder-bsn_error").inner_text()
    assert not Traject.objects.filter(gezin__ouders__achternaam="Veenstra").exists()
    page.fill("#id_moeder-bsn", "111222333")
    page.check("#id_aanmelding-toestemming_client")
    page.get_by_role("button", name="Aanmelding registreren").click()
    assert "is geregistreerd" in page.get_by_role("status").first.inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == "Noor Veenstra"
    assert "*****2333" in page.content()
    traject = Traject.objects.get(gezin__ouders__achternaam="Veenstra")
    screenshot(page, "traject-aangemeld")

    # Triage and intake (GIZ).
    page.get_by_role("link", name="Accepteren voor intake").click()
    page.get_by_role("button", name="Accepteren voor intake").click()
    page.get_by_role("link", name="Intake vastleggen").click()
    page.select_option("#id_factor_netwerk", "risico")
    page.select_option("#id_ernst_netwerk", "3")
    page.select_option("#id_factor_huisvesting", "risico")
    page.select_option("#id_factor_hechting", "kracht")
    page.fill("#id_client_visie", "Ik wil een veilige plek voor mij en de baby.")
    page.select_option("#id_risiconiveau", "hoog")
    page.fill("#id_conclusie", "Overbrugging nodig tot opname in moeder-kindhuis.")
    page.check("#id_componenten_2")  # overbrugging
    screenshot(page, "intake-giz")
    page.get_by_role("button", name="Intake opslaan").click()
    assert page.get_by_text("Hoog").first.is_visible()

    # Request a 24/7 bridging indication.
    page.get_by_role("link", name="Indicatie aanvragen").first.click()
    page.select_option("#id_product", "intensief")
    page.fill("#id_gewenste_start", vandaag.isoformat())
    page.fill("#id_gewenste_eind", (vandaag + timedelta(weeks=8)).isoformat())
    page.fill("#id_uren_per_week", "168")
    page.check("#id_nachten_nodig")
    page.fill("#id_toelichting", "24 uur per dag tot opname in moeder-kindhuis De Haven.")
    page.get_by_role("button", name="Aanvraag naar de casemanager sturen").click()
    assert "wacht op het besluit van de casemanager" in page.content()
    uitloggen(page)

    # The casemanager checks the preceding provisions and issues the indication.
    inloggen(page, url, "casemanager.groningen")
    assert page.get_by_role("link", name="Noor Veenstra").is_visible()  # on her worklist
    page.get_by_role("link", name="Trajecten", exact=True).click()
    page.get_by_role("link", name=traject.nummer).click()
    page.get_by_role("link", name="Voorliggende voorzieningen bekijken").click()
    assert page.get_by_text("VoorZorg").first.is_visible()
    screenshot(page, "voorliggende-voorzieningen")
    page.goto(f"{url}/trajecten/{traject.pk}/?tab=indicaties")
    page.get_by_role("link", name="Besluiten").click()
    page.fill("#id_beschikkingsnummer", "WMO-2026-04711")
    page.fill("#id_uren_per_week", "169")
    page.get_by_role("button", name="Besluit opslaan").click()
    assert "ten hoogste 168" in page.content()
    page.fill("#id_uren_per_week", "168")
    page.check("#id_nachten")
    screenshot(page, "indicatie-besluiten")
    page.get_by_role("button", name="Besluit opslaan").click()
    assert "WMO-2026-04711" in page.locator("table").inner_text()
    page.goto(f"{url}/trajecten/{traject.pk}/regie/")
    page.select_option("#id_casemanager", label="Casemanager Groningen")
    page.get_by_role("button", name="Regievoerder opslaan").click()
    assert "voert de regie" in page.content()
    uitloggen(page)

    # The coordinator assigns two medewerkers, one first contact, and starts the trajectory.
    inloggen(page, url, "coordinator.noord")
    page.goto(f"{url}/trajecten/{traject.pk}/team/")
    assert page.locator(".app-kandidaat").first.inner_text().startswith(("Sanne", "Fatima"))
    screenshot(page, "matching")
    page.select_option("#id_medewerker", label="Marieke Bakker")
    page.get_by_role("button", name="Toewijzen").click()
    assert "KCKZ" in page.get_by_role("alert").last.inner_text()
    page.select_option("#id_medewerker", label="Sanne de Vries")
    page.check("#id_eerste_aanspreekpunt")
    page.get_by_role("button", name="Toewijzen").click()
    page.get_by_role("link", name="Medewerkers toewijzen").click()
    page.select_option("#id_medewerker", label="Fatima El Amrani")
    page.check("#id_eerste_aanspreekpunt")
    page.get_by_role("button", name="Toewijzen").click()
    assert "al een eerste aanspreekpunt" in page.content()
    page.uncheck("#id_eerste_aanspreekpunt")
    page.get_by_role("button", name="Toewijzen").click()
    page.get_by_role("button", name="Traject starten").click()
    assert page.locator(".app-status").first.inner_text() == "Actief"
    screenshot(page, "traject-actief-team")
    uitloggen(page)

    # The assigned medewerker sees the family; an unassigned colleague gets a 404.
    inloggen(page, url, "sanne")
    page.get_by_role("link", name="Noor Veenstra").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Noor Veenstra"
    uitloggen(page)
    inloggen(page, url, "agnieszka")
    response = page.goto(f"{url}/trajecten/{traject.pk}/")
    assert response.status == 404
    assert "Veenstra" not in page.content()
