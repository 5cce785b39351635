"""Issue 16 in a real browser, as the people involved would try it: a family moves from Groningen to Assen
(the coordinator records it; the Groningen casemanager loses the file, the Assen one has it and is told),
a scaling down below the care already logged (refused with the weeks, accepted with a budget exception),
and a referral of twins whose mother is already known (shown before saving)."""

from datetime import timedelta

import pytest
from django.utils.timezone import localdate
from playwright.sync_api import expect

from accounts.demo import laad_demo_wereld
from core.models import Melding
from indicaties.models import Indicatie
from tests.e2e.test_login_per_role import inloggen
from tests.e2e.test_uit_dienst import BREED, foto
from tests.factories import geldig_bsn
from trajecten.demo import laad_demo_trajecten
from trajecten.models import Huisbezoek, Ouder, Traject, Verhuizing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server):
    laad_demo_wereld()
    laad_demo_trajecten(localdate())
    return live_server.url


def test_a_family_moves_and_the_file_follows(browser, demo):
    url = demo
    traject = (
        Traject.objects.filter(
            status="actief", gemeente__naam="Gemeente Groningen", aanbieder__naam="Kraamzorg Noord",
            regie_casemanager__username="casemanager.groningen",
        ).order_by("pk").first()
    )  # fmt: skip
    assert Verhuizing.objects.count() == 1  # the demo's moved family
    coordinator = browser.new_context(viewport=BREED, locale="nl-NL").new_page()
    inloggen(coordinator, url, "coordinator.noord")
    coordinator.goto(f"{url}/trajecten/{traject.pk}/?tab=gezin")
    coordinator.get_by_role("link", name="Verhuizing naar een andere gemeente vastleggen").click()
    coordinator.fill("#id_datum", (localdate() - timedelta(days=3)).isoformat())
    coordinator.select_option(
        "#id_casemanager",
        label=coordinator.locator("#id_casemanager option", has_text="Gemeente Assen").first.inner_text(),
    )
    coordinator.fill("#id_straat", "Brink")
    coordinator.fill("#id_huisnummer", "7")
    coordinator.fill("#id_postcode", "9401 HS")
    coordinator.fill("#id_woonplaats", "Assen")
    foto(coordinator, "verhuizing-formulier")
    coordinator.get_by_role("button", name="Verhuizing vastleggen").click()
    expect(coordinator.get_by_text("De verhuizing is vastgelegd")).to_be_visible()
    expect(coordinator.get_by_test_id("verhuizingen")).to_contain_text("Gemeente Groningen")
    foto(coordinator, "verhuizing-geschiedenis")

    groningen = browser.new_context(viewport=BREED, locale="nl-NL").new_page()
    inloggen(groningen, url, "casemanager.groningen")
    antwoord = groningen.goto(f"{url}/trajecten/{traject.pk}/")
    assert antwoord.status == 404

    assen = browser.new_context(viewport=BREED, locale="nl-NL").new_page()
    inloggen(assen, url, "casemanager.assen")
    assen.goto(f"{url}/trajecten/{traject.pk}/?tab=gezin")
    expect(assen.get_by_test_id("verhuisd").first).to_contain_text("Gemeente Groningen")
    foto(assen, "verhuizing-nieuwe-casemanager")
    assert Melding.objects.filter(
        gebruiker__username="casemanager.assen", tekst__contains=traject.nummer
    ).exists()
    assert Traject.objects.get(pk=traject.pk).regie_casemanager.username == "casemanager.assen"
    for page in (coordinator, groningen, assen):
        page.context.close()


def test_scaling_down_below_logged_care_needs_a_budget_exception(page, demo):
    url = demo
    vandaag = localdate()
    indicatie = next(
        i for i in Indicatie.objects.filter(
            traject__status="actief", volgende__isnull=True, beeindigd_op__isnull=True,
            traject__gemeente__naam="Gemeente Groningen", van__lt=vandaag - timedelta(days=28),
        ).order_by("pk")
        if Huisbezoek.objects.filter(traject=i.traject, vervangen=False, start__date__gte=vandaag - timedelta(days=21)).count() >= 2
    )  # fmt: skip
    versies = Indicatie.objects.filter(traject=indicatie.traject).count()
    page.set_viewport_size(BREED)
    inloggen(page, url, "casemanager.groningen")
    page.goto(f"{url}/indicaties/{indicatie.pk}/wijzigen/")
    page.get_by_label("Afschalen").check()
    page.fill("#id_geldig_van", (vandaag - timedelta(days=21)).isoformat())
    page.fill("#id_uren_per_week", "0.25")
    page.fill("#id_tot", max(indicatie.tot, vandaag).isoformat())
    page.get_by_role("button", name="Nieuwe versie opslaan").click()
    melding = page.get_by_text("meer dan het budget van deze versie").first
    expect(melding).to_be_visible()
    assert "Weken boven het nieuwe weekvolume" in melding.inner_text()
    foto(page, "indicatie-budget-geweigerd")
    assert Indicatie.objects.filter(traject=indicatie.traject).count() == versies  # nothing saved
    page.fill("#id_budgetreden", "Opname in moeder-kindhuis uitgesteld; zorg liep door")
    page.get_by_role("button", name="Nieuwe versie opslaan").click()
    expect(page.get_by_text("Er is een nieuwe versie van de indicatie opgeslagen")).to_be_visible()
    nieuw = Indicatie.objects.get(vorige=indicatie)
    assert nieuw.budgetuitzondering.reden.startswith("Opname")


def test_a_referral_of_twins_with_a_known_mother(page, demo):
    url = demo
    bekend = (
        Ouder.objects.filter(bsn__isnull=False, gezin__trajecten__aanbieder__naam="Kraamzorg Noord")
        .exclude(bsn="")
        .select_related("gezin")
        .first()
    )
    traject = bekend.gezin.trajecten.first()
    page.set_viewport_size({"width": 390, "height": 844})
    inloggen(page, url, "coordinator.noord")
    page.goto(f"{url}/aanmeldingen/nieuw/")
    page.select_option("#id_aanmelding-verwijzer_soort", "verloskundige")
    page.fill("#id_aanmelding-verwijzer_naam", "Verloskundigenpraktijk De Wieg")
    page.fill("#id_aanmelding-hulpvraag", "Tweeling op komst; moeder is alleen.")
    page.check("#id_aanmelding-toestemming_client")
    page.select_option("#id_gezin-gemeente", label="Gemeente Groningen")
    page.fill("#id_gezin-woonplaats", "Groningen")
    page.fill("#id_moeder-voornaam", bekend.voornaam)
    page.fill("#id_moeder-achternaam", bekend.achternaam)
    page.fill("#id_moeder-geboortedatum", bekend.geboortedatum.isoformat())
    page.fill("#id_moeder-bsn", bekend.bsn)
    uitgerekend = (localdate() + timedelta(days=50)).isoformat()
    page.fill("#id_baby-uitgerekende_datum", uitgerekend)
    page.fill("#id_baby2-uitgerekende_datum", uitgerekend)
    page.get_by_role("button", name="Aanmelding registreren").click()
    waarschuwing = page.get_by_test_id("bekend-gezin")
    expect(waarschuwing).to_contain_text(traject.nummer)
    foto(page, "aanmelding-bekend-gezin")
    voor = Traject.objects.count()
    page.get_by_label("Ik heb de bekende trajecten bekeken").check()
    page.get_by_role("button", name="Aanmelding registreren").click()
    expect(page.get_by_text("geregistreerd")).to_be_visible()
    assert Traject.objects.count() == voor + 1
    nieuw = Traject.objects.order_by("-pk").first()
    assert nieuw.gezin.babys.count() == 2
    foto(page, "aanmelding-tweeling")

    # After the birth the first twin's BSN arrives: added on the family tab, checked and shown masked.
    baby = nieuw.gezin.babys.order_by("pk").first()
    page.get_by_role("link", name="BSN toevoegen").click()
    page.select_option("#id_persoon", f"baby-{baby.pk}")
    page.fill("#id_bsn", "123456789")  # fails the eleven test
    page.get_by_role("button", name="BSN toevoegen").click()
    expect(page.locator("#id_bsn")).to_have_attribute("aria-invalid", "true")
    bsn = geldig_bsn(9001)
    page.fill("#id_bsn", bsn)
    page.get_by_role("button", name="BSN toevoegen").click()
    expect(page.get_by_text("Het BSN is toegevoegd.")).to_be_visible()
    expect(page.get_by_text(f"*****{bsn[-4:]}")).to_be_visible()
    baby.refresh_from_db()
    assert baby.bsn == bsn
    foto(page, "bsn-toegevoegd")

    # The twins are born early, on the same day: one step records both (both are ticked already).
    page.get_by_role("link", name="Geboorte vastleggen").first.click()
    foto(page, "geboorte-tweeling")
    page.fill("#id_geboortedatum", localdate().isoformat())
    page.get_by_label("Te vroeg geboren (voor 37 weken)").check()
    page.get_by_role("button", name="Geboorte vastleggen").click()
    expect(page.get_by_text("De geboorte is vastgelegd")).to_be_visible()
    assert set(nieuw.gezin.babys.values_list("geboortedatum", flat=True)) == {localdate()}
