"""Issue 12 (QA walk, last round) in the browser on the demo world, at 1366 px and 390 px: the
second-factor reset step, closure and the report in the trajectory header, the decision form that shows
all refusals at once. No horizontal scrolling; screenshots in test-artifacts/ (not committed)."""

import pytest
from django.utils import timezone

from accounts.demo import laad_demo_wereld
from accounts.models import User
from tests.e2e.test_login_per_role import inloggen
from tests.e2e.test_werklijsten_toestand import BREED, SMAL, bekijk, uitloggen
from trajecten.demo import laad_demo_trajecten
from trajecten.models import Traject

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_second_factor_reset_step_fits_a_phone(browser, live_server):
    laad_demo_wereld()
    url = live_server.url
    sanne = User.objects.get(username="sanne")
    page = browser.new_context(viewport=SMAL, locale="nl-NL").new_page()
    inloggen(page, url, "beheer.noord")
    page.goto(f"{url}/beheer/admin/accounts/user/")
    page.check(f"input[name=_selected_action][value='{sanne.pk}']")
    page.select_option("select[name=action]", "tweede_factor_resetten")
    page.click("button[name=index]")

    reden = page.locator("#id_reden")
    knop = page.get_by_role("button", name="Tweede factor resetten")
    assert reden.is_visible()
    assert knop.is_visible()
    # The field and the button fit the screen: nothing to scroll sideways to reach them.
    for element in (reden, knop):
        vak = element.bounding_box()
        assert vak["x"] >= 0
        assert vak["x"] + vak["width"] <= SMAL["width"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    bekijk(page, "tweede-factor-reset-stap")

    reden.fill("   ")  # only spaces: refused by the service's rule, with the reason beside the field
    knop.click()
    assert "Schrijf waarom de tweede factor wordt gereset" in page.content()
    assert sanne.totpdevice_set.exists()
    bekijk(page, "tweede-factor-reset-zonder-reden")
    page.context.close()


def test_closure_and_the_report_are_in_the_trajectory_header_on_a_phone(page, live_server):
    laad_demo_wereld()
    laad_demo_trajecten(timezone.localdate())
    url = live_server.url
    actief = Traject.objects.get(gezin__ouders__achternaam="Dijkstra")
    voorgesteld = Traject.objects.get(gezin__ouders__achternaam="Wubbels")
    aangemeld = Traject.objects.get(gezin__ouders__achternaam="Haddad")

    inloggen(page, url, "coordinator.noord")
    page.goto(f"{url}/trajecten/{actief.pk}/?tab=bezoeken")
    assert page.locator(".app-kop-acties").get_by_role("link", name="Afsluiting voorstellen").is_visible()
    bekijk(page, "kop-afsluiting-voorstellen")
    page.goto(f"{url}/trajecten/{aangemeld.pk}/")
    assert "Nog geen trajectrapport" in page.locator(".app-kop-acties").inner_text()
    bekijk(page, "kop-geen-trajectrapport")
    uitloggen(page)

    inloggen(page, url, "casemanager.groningen")
    page.goto(f"{url}/trajecten/{voorgesteld.pk}/")
    page.locator(".app-kop-acties").get_by_role("link", name="Traject afsluiten").click()
    assert page.get_by_role("heading", name="Traject afsluiten").first.is_visible()
    page.set_viewport_size(BREED)


def test_the_decision_form_lists_every_refusal_at_once(page, live_server):
    laad_demo_wereld()
    laad_demo_trajecten(timezone.localdate())
    url = live_server.url
    traject = Traject.objects.get(gezin__ouders__achternaam="Nowak")  # waits for the decision
    eerste_verjaardag = traject.gezin.babys.get().eerste_verjaardag

    inloggen(page, url, "casemanager.groningen")
    page.goto(f"{url}/trajecten/{traject.pk}/?tab=indicaties")
    page.get_by_role("link", name="Besluiten").click()
    page.fill("#id_beschikkingsnummer", "")
    page.fill("#id_tot", eerste_verjaardag.replace(year=eerste_verjaardag.year + 1).isoformat())
    page.get_by_role("button", name="Besluit opslaan").click()

    samenvatting = page.locator(".app-foutsamenvatting").inner_text()
    assert "beschikkingsnummer" in samenvatting
    assert "eerste verjaardag" in samenvatting
    bekijk(page, "besluit-alle-fouten")
