"""Issue 4's phone journey (part): the assigned medewerker logs a day visit and a night visit across
midnight with progress on two goals, on a 390 px wide screen, and sees the hours left this week change."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.demo import laad_demo_wereld
from indicaties.models import IndicatieAanvraag
from tests.e2e.conftest import TELEFOON
from tests.e2e.test_login_per_role import inloggen
from trajecten.demo import laad_demo_trajecten
from trajecten.models import Huisbezoek, Traject
from trajecten.zorg import AMSTERDAM

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def uren_over(page, traject):
    return page.get_by_test_id(f"uren-over-{traject.pk}").locator("strong").inner_text()


def test_medewerker_logs_a_day_and_a_night_visit_on_her_phone(page, live_server, screenshot):
    laad_demo_wereld()
    laad_demo_trajecten(timezone.localdate())
    traject = Traject.objects.get(gezin__ouders__achternaam="Dijkstra")
    demo_bezoeken = Huisbezoek.objects.count()
    page.set_viewport_size(TELEFOON)
    inloggen(page, live_server.url, "sanne")
    voor = uren_over(page, traject)
    assert voor == "12,0"

    # A day visit that ended an hour ago, with progress on both goals.
    nu = timezone.now().astimezone(AMSTERDAM)
    begin, einde = nu - timedelta(hours=3), nu - timedelta(hours=1)
    page.get_by_role("link", name="Bezoek registreren").click()
    page.fill("#id_datum", begin.date().isoformat())
    page.fill("#id_begin", begin.strftime("%H:%M"))
    page.fill("#id_einde", einde.strftime("%H:%M"))
    # One tap per goal; the themes of the scored goals count without ticking them.
    doelen = page.locator("div.app-scores")
    assert doelen.count() == 2
    doelen.nth(0).get_by_label("5", exact=True).check()
    doelen.nth(1).get_by_label("4", exact=True).check()
    page.fill("#id_verslag", "Samen gevoed en gebadderd; moeder herkende zelf het hongerhuilen.")
    screenshot(page, "bezoek-registreren")
    page.get_by_role("button", name="Bezoek opslaan").click()
    assert "Bezoek opgeslagen" in page.get_by_role("status").first.inner_text()
    if begin.date() >= (nu - timedelta(days=nu.weekday())).date():  # the visit falls in this ISO week
        assert uren_over(page, traject) == "10,0"

    # A night visit across midnight (last week: 23:00 to 01:00).
    nacht = (nu - timedelta(days=nu.weekday() + 3)).date()
    page.get_by_role("link", name="Bezoek registreren").click()
    page.fill("#id_datum", nacht.isoformat())
    page.fill("#id_begin", "23:00")
    page.fill("#id_einde", "01:00")
    page.fill("#id_verslag", "Nachtdienst: moeder kon vier uur slapen.")
    page.get_by_role("button", name="Bezoek opslaan").click()
    # One message about that week (a warning when it goes above the indicated volume), issue 12.
    berichten = page.locator(".app-messages .utrecht-alert")
    assert "Bezoek opgeslagen" in berichten.first.inner_text()
    assert "Week" in berichten.first.inner_text()
    screenshot(page, "mijn-gezinnen-na-bezoek")

    nachtbezoek = Huisbezoek.objects.get(verslag__startswith="Nachtdienst")
    assert nachtbezoek.dienst == "nacht"
    assert (nachtbezoek.eind - nachtbezoek.start) == timedelta(hours=2)
    assert Huisbezoek.objects.get(verslag__startswith="Samen").voortgang.count() == 2

    # The same night again overlaps: refused with a Dutch message, nothing saved.
    page.get_by_role("link", name="Bezoek registreren").click()
    page.fill("#id_datum", (nacht + timedelta(days=1)).isoformat())
    page.fill("#id_begin", "00:00")
    page.fill("#id_einde", "02:00")
    page.fill("#id_verslag", "Dubbel")
    page.get_by_role("button", name="Bezoek opslaan").click()
    assert "overlapt" in page.get_by_role("alert").first.inner_text()
    assert Huisbezoek.objects.count() == demo_bezoeken + 2


def test_serious_signal_reaches_the_coordinator_and_the_trajectory_is_closed(page, live_server, screenshot):
    laad_demo_wereld()
    laad_demo_trajecten(timezone.localdate())
    traject = Traject.objects.get(gezin__ouders__achternaam="Dijkstra")
    url = live_server.url
    page.set_viewport_size(TELEFOON)

    # The medewerker records a serious signal from her phone.
    inloggen(page, url, "sanne")
    page.goto(f"{url}/trajecten/{traject.pk}/?tab=signalen")
    page.get_by_role("link", name="Signaal vastleggen").click()
    page.select_option("#id_categorie", "postpartum")
    page.select_option("#id_ernst", "ernstig")
    page.fill("#id_beschrijving", "Moeder slaapt niet meer en zegt dat het kind beter af is zonder haar.")
    page.get_by_role("button", name="Signaal vastleggen").click()
    assert "Het signaal is vastgelegd" in page.get_by_role("status").first.inner_text()
    screenshot(page, "signaal-vastgelegd")
    page.get_by_role("button", name="Uitloggen").click()

    # The coordinator sees the notification and the open signal, and proposes closure.
    inloggen(page, url, "coordinator.noord")
    meldingen = page.get_by_role("region", name="Meldingen", exact=True)
    assert traject.nummer in meldingen.inner_text()
    assert "Postpartumdepressie of -psychose" in page.locator("#kop-open-signalen").locator("..").inner_text()
    screenshot(page, "coordinator-ziet-signaal")
    # An evaluation with the parents concludes 'afschalen': the casemanager gets a request for 6 hours.
    page.goto(f"{url}/trajecten/{traject.pk}/?tab=evaluaties")
    page.get_by_role("link", name="Extra evaluatie vastleggen").click()
    page.fill("#id_gehouden_op", timezone.localdate().isoformat())
    page.fill("#id_deelnemers", "moeder, casemanager, kraamverzorgende")
    page.get_by_label("Afschalen").check()
    page.fill("#id_uren_per_week", "6")
    page.fill("#id_toelichting", "Moeder herkent de huilsignalen; dagstructuur staat.")
    page.fill("#id_volgende_op", (timezone.localdate() + timedelta(weeks=4)).isoformat())
    for select in page.locator("select[id^='id_doel_']").all():
        select.select_option("7")
    screenshot(page, "evaluatie-afschalen")
    page.get_by_role("button", name="Evaluatie opslaan").click()
    assert "De evaluatie is vastgelegd" in page.get_by_role("status").first.inner_text()
    aanvraag = IndicatieAanvraag.objects.get(traject=traject, status="open")
    assert aanvraag.uren_per_week == 6

    page.goto(f"{url}/trajecten/{traject.pk}/?tab=geschiedenis")
    page.get_by_role("link", name="Afsluiting voorstellen").click()
    page.select_option("#id_uitkomst", "zelfredzaam")
    page.get_by_role("button", name="Afsluiting voorstellen aan de casemanager").click()
    page.get_by_role("button", name="Uitloggen").click()

    # The casemanager closes the trajectory with the satisfaction scores.
    inloggen(page, url, "casemanager.groningen")
    page.goto(f"{url}/trajecten/{traject.pk}/?tab=geschiedenis")
    page.get_by_role("link", name="Traject afsluiten").click()
    page.select_option("#id_tevredenheid_client", "9")
    page.select_option("#id_tevredenheid_partner", "8")
    page.get_by_role("button", name="Traject afsluiten").click()
    assert page.locator(".app-status").first.inner_text() == "Afgesloten"
    assert "Ouders zelfredzaam" in page.content()
    screenshot(page, "traject-afgesloten")
