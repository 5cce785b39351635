"""Two-factor login, lockout, idle timeout, logout and CSRF, through the real login wizard."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP

from accounts.constants import Rol
from core.constants import Uitkomst
from core.models import Toegangslog
from tests.factories import TEST_TOTP_KEY_HEX, WACHTWOORD, OrganisatieFactory, lid

LOGIN = reverse("two_factor:login")


def totp_code(offset_steps: int = 0) -> str:
    totp = TOTP(bytes.fromhex(TEST_TOTP_KEY_HEX))
    totp.time = totp.time + offset_steps * 30
    return f"{totp.token():06d}"


def stap_wachtwoord(client, username, password=WACHTWOORD):
    return client.post(
        LOGIN, {"login_view-current_step": "auth", "auth-username": username, "auth-password": password}
    )


def stap_code(client, code):
    return client.post(LOGIN, {"login_view-current_step": "token", "token-otp_token": code})


@pytest.fixture
def casemanager(db):
    return lid(Rol.CASEMANAGER, OrganisatieFactory(), username="marloes")


def test_casemanager_logs_in_with_password_and_code(client, casemanager):
    response = stap_wachtwoord(client, "marloes")
    assert response.status_code == 200
    assert "zescijferige code" in response.content.decode()
    assert "_auth_user_id" not in client.session  # not logged in after the password alone

    response = stap_code(client, totp_code())
    assert response.status_code == 302
    home = client.get(response["Location"])
    assert home.status_code == 200
    assert "Werklijst" in home.content.decode()


def test_wrong_password_is_refused_in_dutch(client, casemanager):
    response = stap_wachtwoord(client, "marloes", "fout-wachtwoord")
    body = response.content.decode()
    assert "juiste gebruikersnaam en wachtwoord" in body
    assert "_auth_user_id" not in client.session


def test_wrong_code_is_refused_in_dutch(client, casemanager):
    stap_wachtwoord(client, "marloes")
    response = stap_code(client, "000000" if totp_code() != "000000" else "111111")
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_code_cannot_be_used_twice(casemanager):
    eerste = Client()
    stap_wachtwoord(eerste, "marloes")
    code = totp_code()
    assert stap_code(eerste, code).status_code == 302

    tweede = Client()
    stap_wachtwoord(tweede, "marloes")
    response = stap_code(tweede, code)
    assert response.status_code == 200
    assert "_auth_user_id" not in tweede.session


def test_lockout_after_repeated_failures_even_with_the_right_password(client, casemanager, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        stap_wachtwoord(client, "marloes", "fout-wachtwoord")
    response = stap_wachtwoord(client, "marloes")
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_user_without_device_must_set_up_second_factor_before_anything(client, db):
    user = lid(Rol.COORDINATOR, OrganisatieFactory(zorgaanbieder=True), username="nieuw", totp=False)
    response = stap_wachtwoord(client, user.username)
    # Without a device the wizard logs in after the password, but the user is not verified.
    assert client.session["_auth_user_id"] == str(user.pk)
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor:setup")


def test_unverified_user_is_refused_client_data_and_it_is_logged(client, db):
    beheerder = lid(Rol.BEHEERDER, OrganisatieFactory(zorgaanbieder=True), username="halfweg", totp=False)
    client.force_login(beheerder)
    response = client.get(reverse("core:toegangslog"))
    assert response.status_code == 302
    regel = Toegangslog.objects.get()
    assert regel.uitkomst == Uitkomst.GEWEIGERD
    assert regel.gebruiker == beheerder
    assert regel.reden == "tweede factor niet geverifieerd"


def test_idle_session_expires_with_a_dutch_message(client, casemanager, login, settings):
    login(client, casemanager)
    assert client.get(reverse("core:home")).status_code == 200
    session = client.session
    session["laatste_activiteit"] -= settings.IDLE_TIMEOUT.total_seconds() + 1
    session.save()

    response = client.get(reverse("core:home"), follow=True)
    assert response.redirect_chain[0][0].startswith(LOGIN)
    assert "verlopen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_activity_keeps_the_session_alive(client, casemanager, login, settings):
    login(client, casemanager)
    client.get(reverse("core:home"))
    session = client.session
    session["laatste_activiteit"] -= (
        settings.IDLE_TIMEOUT.total_seconds() - timedelta(minutes=1).total_seconds()
    )
    session.save()
    assert client.get(reverse("core:home")).status_code == 200


def test_logout_ends_the_session(client, casemanager, login):
    login(client, casemanager)
    response = client.post(reverse("core:logout"))
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_missing_csrf_token_is_refused_in_dutch_and_changes_nothing(casemanager, login):
    client = Client(enforce_csrf_checks=True)
    login(client, casemanager)
    response = client.post(reverse("core:logout"))
    assert response.status_code == 403
    assert "formulier is verlopen" in response.content.decode()
    assert client.get(reverse("core:home")).status_code == 200  # still logged in


def test_missing_csrf_on_client_data_is_refused_logged_and_changes_nothing(gebruikers, traject_voor_csrf):
    from tests.conftest import login_with_two_factors

    client = Client(enforce_csrf_checks=True)
    login_with_two_factors(client, gebruikers["coordinator"])
    response = client.post(reverse("trajecten:accepteren", args=[traject_voor_csrf.pk]), {"versie": 1})
    assert response.status_code == 403
    assert "formulier is verlopen" in response.content.decode()
    traject_voor_csrf.refresh_from_db()
    assert traject_voor_csrf.status == "aangemeld"
    regel = Toegangslog.objects.get(uitkomst=Uitkomst.GEWEIGERD)
    assert (regel.traject_id, regel.gezin_id, regel.reden) == (
        traject_voor_csrf.pk,
        traject_voor_csrf.gezin_id,
        "CSRF-controle mislukt",
    )


@pytest.fixture
def traject_voor_csrf(gebruikers):
    from tests.factories import TrajectFactory

    return TrajectFactory(
        gezin__gemeente=gebruikers["casemanager"].organisatie, aanbieder=gebruikers["coordinator"].organisatie
    )
