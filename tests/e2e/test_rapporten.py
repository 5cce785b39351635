"""Issue 6's journeys in a real browser with a real Celery worker: the casemanager requests a trajectory
report and downloads it once the status page (htmx polling) says it is ready; gemeente-rapportage
requests a period report for her municipality and downloads PDF and CSV without personal data."""

import io
from datetime import timedelta

import pytest
from django.utils.timezone import localdate
from pypdf import PdfReader

from accounts.demo import laad_demo_wereld
from ketenpartners.demo import laad_demo_ketenpartners
from tests.e2e.test_login_per_role import inloggen
from trajecten import zorg
from trajecten.demo import laad_demo_trajecten
from trajecten.models import Ouder, Traject

pytestmark = [pytest.mark.browser]


@pytest.fixture
def demo(transactional_db):
    vandaag = localdate()
    laad_demo_wereld()
    laad_demo_trajecten(vandaag)
    laad_demo_ketenpartners(vandaag)


def download(page, knop: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=knop).click()
    pad = info.value.path()
    with open(pad, "rb") as bestand:
        return bestand.read()


def tekst_van(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_casemanager_requests_a_trajectory_report_and_downloads_it(
    page, live_server, demo, celery_werker, screenshot
):
    traject = max(
        Traject.objects.filter(status="actief", gezin__gemeente__naam="Gemeente Groningen"),
        key=lambda t: sum(w.geleverd for w in zorg.uren_per_week(t)),
    )
    inloggen(page, live_server.url, "casemanager.groningen")
    page.goto(f"{live_server.url}/trajecten/{traject.pk}/")
    page.get_by_role("button", name="Trajectrapport (PDF)").click()

    # The status page refreshes itself until the report is ready.
    status = page.locator("#rapport-status")
    status.get_by_text("Gereed", exact=True).wait_for(timeout=60_000)
    screenshot(page, "rapport-gereed")
    pdf = download(page, "PDF downloaden")
    tekst = tekst_van(pdf)
    assert traject.nummer in tekst
    for doel in zorg.actueel_plan(traject).doelen.all():
        assert doel.get_thema_display() in tekst

    # It is in her list of reports, and the list says it is ready.
    page.get_by_role("link", name="Rapporten", exact=True).click()
    rij = page.get_by_role("row").filter(has_text=traject.nummer)
    assert "Gereed" in rij.inner_text()
    screenshot(page, "rapporten-lijst")


def test_gemeente_rapportage_downloads_the_period_report_without_names(
    page, live_server, demo, celery_werker, screenshot
):
    inloggen(page, live_server.url, "rapportage.groningen")
    page.get_by_role("link", name="Rapporten", exact=True).click()
    page.get_by_role("link", name="Periodeverantwoording aanvragen").click()

    # The form proposes last month.
    vandaag = localdate()
    laatste = vandaag.replace(day=1) - timedelta(days=1)
    assert page.get_by_label("Van").input_value() == laatste.replace(day=1).isoformat()
    assert page.get_by_label("Tot en met").input_value() == laatste.isoformat()

    # Bad input first: the end before the start is refused in Dutch and nothing is queued.
    page.get_by_label("Van").fill(vandaag.isoformat())
    page.get_by_label("Tot en met").fill((vandaag - timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Rapport aanvragen").click()
    assert "Het einde van de periode ligt vóór het begin." in page.content()
    screenshot(page, "periode-fout")

    page.get_by_label("Van").fill((vandaag - timedelta(days=180)).isoformat())
    page.get_by_label("Tot en met").fill(vandaag.isoformat())
    page.get_by_role("button", name="Rapport aanvragen").click()
    page.locator("#rapport-status").get_by_text("Gereed", exact=True).wait_for(timeout=60_000)
    screenshot(page, "periode-gereed")

    pdf = tekst_van(download(page, "PDF downloaden"))
    csv = download(page, "CSV downloaden").decode("utf-8-sig")
    assert "Gemeente Groningen" in pdf
    for ouder in Ouder.objects.all():
        for tekst in (pdf, csv):
            assert ouder.achternaam not in tekst
            assert ouder.bsn not in tekst
