"""Each demo role logs in with two factors in a real browser and lands on its own home page."""

import base64
import time

import pytest
from django.utils.timezone import localdate
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import DEMO_PASSWORD, DEMO_TOTP_KEY_HEX, laad_demo_wereld
from core.models import Toegangslog
from trajecten.demo import laad_demo_trajecten

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_voor(key: bytes) -> str:
    return f"{TOTP(key).token():06d}"


def verse_code(username, key_hex=DEMO_TOTP_KEY_HEX) -> str:
    """The current code, waiting for the next 30-second step if this user already used it:
    a code works once (django-otp refuses a replay, as a real attacker would find)."""
    device = TOTPDevice.objects.get(user__username=username)
    totp = TOTP(bytes.fromhex(key_hex))
    while device.last_t is not None and totp.t() <= device.last_t:
        time.sleep(0.5)
        totp = TOTP(bytes.fromhex(key_hex))
    return f"{totp.token():06d}"


def inloggen(page, base_url, username, key_hex=DEMO_TOTP_KEY_HEX):
    page.goto(f"{base_url}/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Code").fill(verse_code(username, key_hex))
    page.get_by_role("button", name="Inloggen").click()


@pytest.mark.parametrize(
    ("username", "kop", "menu"),
    [
        (
            "casemanager.groningen",
            "Werklijst",
            ["Start", "Trajecten", "Sociale kaart", "Ketenoverzicht", "Rapporten", "Accountbeveiliging"],
        ),
        (
            "coordinator.noord",
            "Werklijst",
            ["Start", "Trajecten", "Nieuwe aanmelding", "Sociale kaart", "Rapporten", "Accountbeveiliging"],
        ),
        (
            "sanne",
            "Mijn gezinnen",
            ["Start", "Trajecten", "Sociale kaart", "Rapporten", "Accountbeveiliging"],
        ),
        (
            "rapportage.groningen",
            "Kerncijfers",
            ["Start", "Sociale kaart", "Ketenoverzicht", "Rapporten", "Accountbeveiliging"],
        ),
        (
            "beheer.noord",
            "Functioneel beheer",
            ["Start", "Sociale kaart", "Toegangslog", "Beheer", "Accountbeveiliging"],
        ),
    ],
)
def test_role_logs_in_with_two_factors_and_sees_its_home(page, live_server, screenshot, username, kop, menu):
    laad_demo_wereld()
    laad_demo_trajecten(localdate())
    inloggen(page, live_server.url, username)

    assert page.get_by_role("heading", level=1).inner_text() == kop
    navigatie = page.get_by_role("navigation", name="Hoofdmenu")
    assert navigatie.get_by_role("link").all_inner_texts() == menu
    screenshot(page, f"home-{username}")

    page.get_by_role("button", name="Uitloggen").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen"
    page.goto(f"{live_server.url}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen"


def test_wrong_code_keeps_the_door_shut(page, live_server):
    laad_demo_wereld()
    page.goto(f"{live_server.url}/")
    page.get_by_label("Gebruikersnaam").fill("coordinator.noord")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Volgende").click()
    goed = code_voor(bytes.fromhex(DEMO_TOTP_KEY_HEX))
    page.get_by_label("Code").fill("123456" if goed != "123456" else "654321")
    page.get_by_role("button", name="Inloggen").click()
    assert "Deze code klopt niet" in page.get_by_role("alert").inner_text()
    page.goto(f"{live_server.url}/beheer/toegangslog/")
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen"


def test_new_user_sets_up_her_authenticator_and_creates_recovery_codes(page, live_server, screenshot):
    from accounts.constants import Rol
    from tests.factories import WACHTWOORD, OrganisatieFactory, lid

    lid(Rol.COORDINATOR, OrganisatieFactory(zorgaanbieder=True), username="nieuwe.coordinator", totp=False)
    page.goto(f"{live_server.url}/")
    page.get_by_label("Gebruikersnaam").fill("nieuwe.coordinator")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Volgende").click()

    # Sent to setup: welcome, then the QR code with its secret.
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen in twee stappen instellen"
    page.get_by_role("button", name="Volgende").click()
    assert page.get_by_role("img", name="QR-code voor uw authenticator-app").is_visible()
    screenshot(page, "tweede-factor-instellen")
    geheim = page.locator(".app-secret").inner_text().strip()
    key = base64.b32decode(geheim + "=" * (-len(geheim) % 8))
    page.get_by_label("Code").fill(code_voor(key))
    page.get_by_role("button", name="Volgende").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen in twee stappen is ingesteld"
    page.get_by_role("link", name="Herstelcodes maken").click()
    page.get_by_role("button", name="Nieuwe herstelcodes maken").click()
    assert page.locator(".app-codes li").count() == 10
    page.get_by_role("link", name="Start").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Werklijst"


def test_beheerder_searches_the_access_log_by_family(page, live_server, screenshot):
    laad_demo_wereld()
    from accounts.models import User

    sanne = User.objects.get(username="sanne")
    Toegangslog.objects.create(
        gebeurtenis="lezen", gebruiker=sanne, gebruikersnaam="sanne", rol="medewerker",
        organisatie=sanne.organisatie, gezin_id=4711, omschrijving="gezinsdossier gelezen",
    )  # fmt: skip
    inloggen(page, live_server.url, "beheer.noord")
    page.get_by_role("link", name="Toegangslog", exact=True).click()
    page.get_by_label("Gezinsnummer").fill("4711")
    page.get_by_role("button", name="Zoeken").click()
    rijen = page.locator("tbody tr")
    assert rijen.count() == 1
    assert "gezinsdossier gelezen" in rijen.first.inner_text()
    screenshot(page, "toegangslog")
