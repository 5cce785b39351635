"""A refused form opens with an error summary that has focus and links to each field (issue 12)."""

import pytest
from django.utils import timezone

from accounts.demo import laad_demo_wereld
from tests.e2e.conftest import TELEFOON
from tests.e2e.test_login_per_role import inloggen
from trajecten.demo import laad_demo_trajecten

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_error_summary_takes_focus_and_leads_to_the_field(page, live_server, screenshot):
    laad_demo_wereld()
    laad_demo_trajecten(timezone.localdate())
    page.set_viewport_size(TELEFOON)
    inloggen(page, live_server.url, "sanne")
    page.get_by_role("link", name="Bezoek registreren").first.click()
    page.fill("#id_begin", "10:00")
    page.fill("#id_einde", "09:00")
    page.fill("#id_datum", "2001-01-01")
    page.get_by_role("button", name="Bezoek opslaan").click()

    samenvatting = page.locator(".app-foutsamenvatting")
    assert samenvatting.is_visible()
    assert "Verbeter het volgende" in samenvatting.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('app-foutsamenvatting')")
    screenshot(page, "foutsamenvatting-telefoon")
    link = samenvatting.locator("a").first
    doel = link.get_attribute("href")
    link.click()
    assert page.evaluate("'#' + document.activeElement.id") == doel
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
