"""Issue 13 in a real browser with a real Celery worker: the national beheerder (the whole programme), a
region's gemeente-rapportage and a coordinator (her own provider) request the programme evaluation,
follow it while it renders, and download PDF and CSV without personal data and with small numbers hidden.
"""

import csv
import io

import pytest
from django.apps import apps as django_apps
from django.utils.timezone import localdate

from accounts.demo import laad_demo_wereld
from ketenpartners.demo import laad_demo_ketenpartners
from rapportage.demo import laad_demo_regios
from tests.e2e.test_login_per_role import inloggen
from tests.e2e.test_rapporten import download
from tests.rapportage.test_evaluatie import BRON, SEED, pdf_tekst
from trajecten.demo import laad_demo_trajecten
from trajecten.models import Ouder

pytestmark = [pytest.mark.browser]


@pytest.fixture
def demo(transactional_db):
    vandaag = localdate()
    laad_demo_wereld()
    laad_demo_trajecten(vandaag)
    laad_demo_ketenpartners(vandaag)
    laad_demo_regios()
    # The preceding provisions of seed 001 with their source (a flushing test may have removed them).
    SEED.zaai_voorzieningen(django_apps, None)
    BRON.bron_vastleggen(django_apps, None)


@pytest.mark.parametrize(
    ("username", "keuze", "scope"),
    [
        ("beheer.landelijk", ("Het hele programma", None, None), "hele programma"),
        ("rapportage.groningen", ("Een regio", "Regio", "Regio Noord-Nederland"), "Regio Noord-Nederland"),
        ("coordinator.noord", ("Een zorgaanbieder", None, None), "Kraamzorg Noord"),
    ],
)
def test_the_programme_evaluation_is_requested_followed_and_downloaded(
    page, live_server, demo, celery_werker, screenshot, username, keuze, scope
):
    inloggen(page, live_server.url, username)
    page.get_by_role("link", name="Rapporten", exact=True).click()
    page.get_by_role("link", name="Programma-evaluatie aanvragen").click()
    screenshot(page, f"evaluatie-formulier-{username}")
    radio, veld, waarde = keuze
    page.get_by_label(radio).check()
    if veld:
        page.get_by_label(veld, exact=True).select_option(label=waarde)
    page.get_by_label("Van").fill(localdate().replace(year=localdate().year - 1).isoformat())
    page.get_by_role("button", name="Rapport aanvragen").click()

    page.locator("#rapport-status").get_by_text("Gereed", exact=True).wait_for(timeout=90_000)
    screenshot(page, f"evaluatie-gereed-{username}")
    pdf = pdf_tekst(download(page, "PDF downloaden"))
    tekst_csv = download(page, "CSV downloaden").decode("utf-8-sig")
    assert f"Programma-evaluatie {scope}" in pdf
    assert "Kosten per traject tegenover de voorliggende voorzieningen" in pdf
    assert "VoorZorg" in pdf
    rijen = list(csv.reader(io.StringIO(tekst_csv), delimiter=";"))
    assert rijen[1][3] == scope
    assert any(r[3] == "< 5" for r in rijen[1:])  # the demo's small numbers are hidden
    for ouder in Ouder.objects.all():
        for tekst in (pdf, tekst_csv):
            assert ouder.achternaam not in tekst
            assert not ouder.bsn or ouder.bsn not in tekst
