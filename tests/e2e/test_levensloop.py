"""Issue 16 in a real browser: a lost phone (the second-factor reset ends the open session; a new
authenticator needs the password), and an indication that may not be cut short behind logged visits."""

from datetime import timedelta

import pytest
from django.utils.timezone import localdate
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD, laad_demo_wereld
from accounts.models import User
from core.models import Toegangslog
from indicaties.models import Indicatie
from tests.e2e.test_login_per_role import inloggen
from tests.e2e.test_uit_dienst import foto
from trajecten.demo import laad_demo_trajecten
from trajecten.models import Huisbezoek
from trajecten.zorg import AMSTERDAM

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lost_phone_the_open_session_ends_and_a_new_phone_needs_the_password(browser, live_server):
    laad_demo_wereld()
    url = live_server.url
    sanne = User.objects.get(username="sanne")

    # Sanne's phone, still logged in, is lost.
    gevonden = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL").new_page()
    inloggen(gevonden, url, "sanne")
    assert gevonden.get_by_role("heading", name="Mijn gezinnen").is_visible()

    beheer = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL").new_page()
    inloggen(beheer, url, "beheer.noord")
    beheer.goto(f"{url}/beheer/admin/accounts/user/")
    beheer.check(f"input[name=_selected_action][value='{sanne.pk}']")
    beheer.select_option("select[name=action]", "tweede_factor_resetten")
    beheer.click("button[name=index]")
    beheer.fill("#id_reden", "Telefoon verloren")  # a step with the reason, not one click
    beheer.get_by_role("button", name="Tweede factor resetten").click()
    assert "Alle sessies van deze gebruiker zijn beëindigd" in beheer.locator(".messagelist").inner_text()
    foto(beheer, "tweede-factor-gereset")

    # Whoever holds the phone is sent to the login, not to a new authenticator.
    gevonden.goto(f"{url}/account/tweede-factor/instellen/")
    assert gevonden.get_by_label("Gebruikersnaam").is_visible()
    assert "QR" not in gevonden.content()
    foto(gevonden, "tweede-factor-gereset-oude-sessie")

    # Sanne herself, with her password, sets up the new phone.
    nieuw = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL").new_page()
    nieuw.goto(f"{url}/")
    nieuw.get_by_label("Gebruikersnaam").fill("sanne")
    nieuw.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    nieuw.get_by_role("button", name="Volgende").click()
    assert nieuw.get_by_role("heading", name="Inloggen in twee stappen instellen").is_visible()
    foto(nieuw, "tweede-factor-opnieuw-instellen")
    assert Toegangslog.objects.filter(
        object_id=str(sanne.pk), omschrijving__contains="tweede factor gereset"
    ).exists()
    for context in (gevonden.context, beheer.context, nieuw.context):
        context.close()


def test_casemanager_cannot_end_an_indication_before_logged_visits(page, live_server):
    vandaag = localdate()
    laad_demo_wereld()
    laad_demo_trajecten(vandaag)
    url = live_server.url
    indicatie = next(
        i
        for i in Indicatie.objects.filter(
            traject__status="actief",
            volgende__isnull=True,
            beeindigd_op__isnull=True,
            traject__gezin__gemeente__naam="Gemeente Groningen",
        ).order_by("pk")  # fmt: skip
        if Huisbezoek.objects.filter(
            traject=i.traject, vervangen=False, start__date__gt=i.van + timedelta(days=1)
        ).exists()
    )
    laatste = Huisbezoek.objects.filter(traject=indicatie.traject, vervangen=False).order_by("-start").first()
    laatste_dag = laatste.start.astimezone(AMSTERDAM).date()
    te_vroeg = max(indicatie.van, laatste_dag - timedelta(days=7))
    page.set_viewport_size({"width": 1366, "height": 900})
    inloggen(page, url, "casemanager.groningen")
    page.goto(f"{url}/indicaties/{indicatie.pk}/beeindigen/")
    page.fill("#id_op", te_vroeg.isoformat())
    page.fill("#id_beeindigingsreden", "Moeder opgenomen in een moeder-kindhuis")
    page.get_by_role("button", name="Indicatie beëindigen").click()
    melding = page.get_by_text("buiten elke indicatie").first
    expect(melding).to_be_visible()
    assert "Er is niets opgeslagen" in melding.inner_text()
    assert laatste.medewerker.get_full_name() in melding.inner_text()
    foto(page, "indicatie-inkorten-geweigerd")
    bewaard = Indicatie.objects.get(pk=indicatie.pk)
    assert (bewaard.tot, bewaard.beeindigd_op) == (indicatie.tot, None)
