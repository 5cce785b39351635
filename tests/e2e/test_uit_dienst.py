"""Issue 16's staff departure in a real browser: the beheerder of Kraamzorg Noord reports that Sanne leaves.
Unticking 'active' is refused while she has families; the departure page shows her running assignments
and first-contact roles, refuses to leave an active family without a first contact, and in one step hands
them to Fatima, deactivates Sanne (her open session ends) and tells the coordinator."""

import pytest
from django.utils.timezone import localdate
from playwright.sync_api import expect

from accounts.demo import laad_demo_wereld
from accounts.models import User
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_login_per_role import inloggen
from trajecten.demo import laad_demo_trajecten
from trajecten.models import Toewijzing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BREED = {"width": 1366, "height": 900}
SMAL = {"width": 390, "height": 844}


def foto(page, naam):
    """At 1366 and 390 px (test-artifacts/ is not committed)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for grootte, breedte in (("1366", BREED), ("390", SMAL)):
        page.set_viewport_size(breedte)
        page.screenshot(path=SCREENSHOTS / f"{naam}-{grootte}.png", full_page=True)
    page.set_viewport_size(BREED)


def test_beheerder_reports_a_departure_and_hands_over_her_families(browser, live_server):
    laad_demo_wereld()
    laad_demo_trajecten(localdate())
    url = live_server.url
    sanne = User.objects.get(username="sanne")
    lopend = Toewijzing.objects.filter(medewerker=sanne).exclude(tot__lt=localdate()).count()
    assert lopend >= 1

    # Sanne is logged in on her phone.
    telefoon = browser.new_context(viewport=SMAL, locale="nl-NL")
    haar_pagina = telefoon.new_page()
    inloggen(haar_pagina, url, "sanne")
    assert haar_pagina.get_by_role("heading", name="Mijn gezinnen").is_visible()

    beheer = browser.new_context(viewport=BREED, locale="nl-NL")
    page = beheer.new_page()
    page.set_default_timeout(10_000)
    inloggen(page, url, "beheer.noord")
    page.goto(f"{url}/beheer/admin/accounts/user/{sanne.pk}/change/")

    # Unticking 'active' would leave her families with nobody: refused, with the way forward.
    page.get_by_label("Actief").uncheck()
    page.get_by_role("button", name="Opslaan", exact=True).click()
    assert f"nog {lopend} lopende toewijzing(en)" in page.locator(".errorlist").first.inner_text()
    assert User.objects.get(pk=sanne.pk).is_active

    page.get_by_role("link", name=f"Vertrek melden ({lopend} lopend)").click()
    assert page.get_by_role("heading", name="Vertrek van Sanne de Vries melden").is_visible()
    assert page.locator(".app-card").count() == lopend
    assert "eerste aanspreekpunt" in page.locator(".app-team").inner_text()
    foto(page, "uit-dienst-overzicht")

    # Nobody chosen: an active family would lose its first contact.
    page.get_by_role("button", name="Vertrek melden en account deactiveren").click()
    assert "kies de collega die het overneemt" in page.locator(".app-card").first.inner_text()
    assert User.objects.get(pk=sanne.pk).is_active
    foto(page, "uit-dienst-fout")

    for keuze in page.locator("select[name^=opvolger_]").all():
        keuze.select_option(label="Fatima El Amrani")
    page.get_by_role("button", name="Vertrek melden en account deactiveren").click()
    assert (
        "Sanne de Vries is uit dienst"
        in page.locator(".utrecht-alert, .messagelist, [role=status]").first.inner_text()
    )
    assert not User.objects.get(pk=sanne.pk).is_active
    foto(page, "uit-dienst-gereed")

    # Her phone is logged out at the next click.
    haar_pagina.reload()
    assert haar_pagina.get_by_label("Gebruikersnaam").is_visible()

    # The coordinator sees what happened on her home page.
    coordinator = browser.new_context(viewport=BREED, locale="nl-NL").new_page()
    inloggen(coordinator, url, "coordinator.noord")
    expect(coordinator.get_by_text("Sanne de Vries is uit dienst").first).to_be_visible()
    foto(coordinator, "uit-dienst-melding-coordinator")
    for context in (telefoon, beheer, coordinator.context):
        context.close()
