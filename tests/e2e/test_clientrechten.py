"""Issue 11's client-rights journey in a real browser with a real Celery worker: the casemanager opens
"Rechten van de cliënt" from a trajectory, records and refuses a correction request, makes the
inspection export (PDF and JSON, read back), sees that an active trajectory cannot be erased, and
erases a declined referral."""

import json

import pytest
from django.utils.timezone import localdate

from accounts.demo import laad_demo_wereld
from bewaring.models import Correctieverzoek, Wissing
from ketenpartners.demo import laad_demo_ketenpartners
from tests.e2e.test_login_per_role import inloggen
from tests.e2e.test_rapporten import download, tekst_van
from tests.factories import TrajectFactory
from trajecten.demo import laad_demo_trajecten
from trajecten.models import Traject

pytestmark = [pytest.mark.browser]


@pytest.fixture
def demo(transactional_db):
    vandaag = localdate()
    laad_demo_wereld()
    laad_demo_trajecten(vandaag)
    laad_demo_ketenpartners(vandaag)


def test_casemanager_handles_the_clients_rights(page, live_server, demo, celery_werker, screenshot):
    traject = Traject.objects.filter(status="actief", gezin__gemeente__naam="Gemeente Groningen").first()
    moeder = traject.gezin.ouders.order_by("id").first()
    inloggen(page, live_server.url, "casemanager.groningen")
    page.goto(f"{live_server.url}/trajecten/{traject.pk}/")
    page.get_by_role("link", name="Rechten van de cliënt").click()
    page.get_by_role("heading", name="Rechten van de cliënt").wait_for()
    # Care was given: erasure is not possible, and the page says why.
    assert "Jeugdwet" in page.locator("#kop-wissen").locator("..").inner_text()

    # A correction request, refused with a reason.
    page.get_by_role("link", name="Correctieverzoek vastleggen").click()
    page.get_by_label("Wat de cliënt wil laten corrigeren").fill("Haar tweede voornaam ontbreekt.")
    page.get_by_role("button", name="Verzoek vastleggen").click()
    page.get_by_text("Het correctieverzoek is vastgelegd.").wait_for()
    page.get_by_role("link", name="Besluiten").click()
    page.get_by_label("Geweigerd").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_text("Geef aan waarom het verzoek wordt afgewezen").first.wait_for()  # beside the field
    page.get_by_label("Reden").fill("De BRP vermeldt geen tweede voornaam.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_text("Het besluit is vastgelegd.").wait_for()
    assert Correctieverzoek.objects.get(traject=traject).besluit == "afgewezen"
    screenshot(page, "clientrechten")

    # The inspection export, made by the worker: PDF and JSON.
    page.get_by_role("button", name="Inzage-export maken").click()
    page.locator("#rapport-status").get_by_text("Gereed", exact=True).wait_for(timeout=60_000)
    screenshot(page, "inzage-gereed")
    pdf = tekst_van(download(page, "PDF downloaden"))
    assert moeder.bsn in pdf
    assert "Wie uw dossier heeft ingezien" in pdf
    assert "casemanager.groningen" in pdf
    data = json.loads(download(page, "JSON downloaden"))
    assert data["ouders"][0]["bsn"] == moeder.bsn
    assert any(t["nummer"] == traject.nummer for t in data["trajecten"])
    assert any(r["gebruikersnaam"] == "casemanager.groningen" for r in data["toegangslog"])

    # A declined referral can be erased, after typing its number.
    afgewezen = TrajectFactory(
        gezin__gemeente=traject.gezin.gemeente, aanbieder=traject.aanbieder, status="afgewezen"
    )
    page.goto(f"{live_server.url}/trajecten/{afgewezen.pk}/rechten/")
    page.get_by_role("link", name="Gegevens van de cliënt wissen").click()
    page.get_by_label("De cliënt trekt haar toestemming in").check()
    page.get_by_label("Typ het trajectnummer ter bevestiging").fill(afgewezen.nummer)
    screenshot(page, "wissen")
    page.get_by_role("button", name="Definitief wissen").click()
    page.get_by_text(f"De gegevens van traject {afgewezen.nummer} zijn gewist.").wait_for()
    assert not Traject.objects.filter(pk=afgewezen.pk).exists()
    assert Wissing.objects.get().traject_nummer == afgewezen.nummer
