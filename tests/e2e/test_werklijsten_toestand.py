"""Issue 12 in the browser, on the demo world: what the worklists and the visit form say matches the
state of the trajectory. Screenshots at 1366 px and 390 px (test-artifacts/, not committed)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override
from guardian.shortcuts import assign_perm

from accounts.demo import laad_demo_wereld
from accounts.models import User
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_login_per_role import inloggen
from tests.factories import ToewijzingFactory
from trajecten import zorg
from trajecten.demo import laad_demo_trajecten
from trajecten.models import Huisbezoek, Traject

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BREED = {"width": 1366, "height": 900}
SMAL = {"width": 390, "height": 844}


def bekijk(page, naam):
    """Both widths: a screenshot to look at, and no horizontal scrolling."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for breedte, viewport in (("1366", BREED), ("390", SMAL)):
        page.set_viewport_size(viewport)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (naam, breedte)
        page.screenshot(path=SCREENSHOTS / f"h12-{naam}-{breedte}.png", full_page=True)
    page.set_viewport_size(BREED)


def uitloggen(page):
    page.get_by_role("button", name="Uitloggen").click()


def test_an_indication_from_next_week_reads_granted_and_starts_later(page, live_server):
    laad_demo_wereld()
    laad_demo_trajecten(timezone.localdate())
    traject = Traject.objects.get(gezin__ouders__achternaam="Nowak")  # waits for the decision
    volgende_week = timezone.localdate() + timedelta(days=7)
    url = live_server.url
    page.set_viewport_size(BREED)

    # The casemanager grants from next week: the trajectory no longer reads "Indicatie aangevraagd".
    inloggen(page, url, "casemanager.groningen")
    page.goto(f"{url}/trajecten/{traject.pk}/?tab=indicaties")
    page.get_by_role("link", name="Besluiten").click()
    page.fill("#id_beschikkingsnummer", "WMO-2026-04712")
    page.fill("#id_van", volgende_week.isoformat())
    page.get_by_role("button", name="Besluit opslaan").click()
    assert page.locator(".app-status").first.inner_text() == "Indicatie afgegeven"
    bekijk(page, "indicatie-afgegeven")
    uitloggen(page)

    # With a first contact, the coordinator sees it under "starts later", with the day.
    sanne = User.objects.get(username="sanne")
    coordinator = User.objects.get(username="coordinator.noord")
    ToewijzingFactory(
        traject=traject, medewerker=sanne, eerste_aanspreekpunt=True, toegewezen_door=coordinator
    )
    assign_perm("trajecten.view_traject", sanne, traject)
    inloggen(page, url, "coordinator.noord")
    with override("nl"):
        dag = date_format(volgende_week, "j F Y")
    kaart = page.locator("section", has=page.locator("#start-later"))
    assert f"kan starten op {dag}" in kaart.inner_text()
    assert "Nowak" not in page.locator("section", has=page.locator("#klaar")).inner_text()
    bekijk(page, "coordinator-start-later")
    kaart.get_by_role("link", name="Joanna Nowak").click()
    page.goto(f"{url}/trajecten/{traject.pk}/?tab=team")
    # No start button that would be refused: the tab says what is still needed, and from when.
    assert page.get_by_role("button", name="Traject starten").count() == 0
    assert f"De indicatie gaat in op {dag}" in page.locator(".app-startbezwaren").inner_text()
    bekijk(page, "traject-starten-later")


def test_the_casemanager_finds_the_closure_proposal_on_her_worklist(page, live_server):
    laad_demo_wereld()
    laad_demo_trajecten(timezone.localdate())
    voorgesteld = Traject.objects.get(status="afsluiten", gezin__gemeente__naam="Gemeente Groningen")
    page.set_viewport_size(BREED)
    inloggen(page, live_server.url, "casemanager.groningen")

    kaart = page.locator("section", has=page.locator("#af-te-sluiten"))
    assert "Voorgesteld om af te sluiten" in kaart.inner_text()
    bekijk(page, "casemanager-afsluiten")
    kaart.get_by_role("link").first.click()
    assert page.url.endswith(f"/trajecten/{voorgesteld.pk}/afsluiten/")
    assert page.get_by_role("heading", level=1).is_visible()


def test_the_visit_form_and_a_locked_visit_as_the_care_worker_sees_them(page, live_server):
    laad_demo_wereld()
    laad_demo_trajecten(timezone.localdate())
    traject = Traject.objects.get(gezin__ouders__achternaam="Dijkstra")
    page.set_viewport_size(SMAL)
    inloggen(page, live_server.url, "sanne")

    page.get_by_role("link", name="Bezoek registreren").first.click()
    assert page.get_by_label("Einde").is_visible()
    assert page.get_by_text("valt op de volgende dag (nachtdienst)").count() == 1
    assert "Beëindigen" not in page.content()
    bekijk(page, "bezoekformulier")

    # A visit of hers from ten days ago is locked: no "Corrigeren" for her.
    vergrendeld = (
        Huisbezoek.objects.filter(traject=traject, medewerker__username="sanne", vervangen=False)
        .filter(eind__lt=timezone.now() - timedelta(days=10))
        .first()
    )
    assert vergrendeld is not None
    assert zorg.is_vergrendeld(vergrendeld)
    page.goto(f"{live_server.url}/trajecten/{traject.pk}/?tab=bezoeken")
    corrigeer = f"/trajecten/{traject.pk}/bezoeken/{vergrendeld.pk}/corrigeren/"
    assert page.locator(f"a[href='{corrigeer}']").count() == 0
    page.goto(f"{live_server.url}{corrigeer}")
    assert "vergrendeld" in page.get_by_role("alert").first.inner_text()
    assert page.locator("#id_correctiereden").count() == 0
    bekijk(page, "vergrendeld-bezoek")
