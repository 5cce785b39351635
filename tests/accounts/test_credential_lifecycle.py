"""Issue 16, item 4: a new password, a second-factor reset and a deactivation end every existing session of
that user at once; after a reset a new authenticator needs the password again; each is in the access log."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client
from django.urls import reverse

from accounts.models import User
from core.constants import Gebeurtenis
from core.models import Toegangslog
from tests.accounts.test_login import stap_code, stap_wachtwoord, totp_code
from tests.conftest import login_with_two_factors
from tests.factories import WACHTWOORD

CHANGELIST = reverse("admin:accounts_user_changelist")
HOME = reverse("core:home")
SETUP = reverse("two_factor:setup")
LOGIN = reverse("two_factor:login")


def ingelogd(user) -> Client:
    return login_with_two_factors(Client(), user)


def is_ingelogd(client) -> bool:
    return client.get(HOME).status_code == 200


def logregels(user, woord):
    return Toegangslog.objects.filter(
        gebeurtenis=Gebeurtenis.WIJZIGEN, object_type="accounts.user", object_id=str(user.pk)
    ).filter(omschrijving__contains=woord)


def wijzigformulier(client, user) -> dict:
    """The admin's change form for ``user`` as the browser would post it back unchanged."""
    response = client.get(reverse("admin:accounts_user_change", args=[user.pk]))
    data = {}
    for veld in response.context["adminform"].form:
        waarde = veld.value()
        if waarde is None or veld.field.disabled or veld.name == "password":
            continue
        if isinstance(waarde, bool):
            if waarde:
                data[veld.name] = "on"
            continue
        data[veld.name] = [str(w) for w in waarde] if isinstance(waarde, list) else str(waarde)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for veld in formset.management_form:
            data[veld.html_name] = veld.value()
        for form in formset.forms:
            for veld in form:
                waarde = veld.value()
                if waarde is None or waarde is False:
                    continue
                if waarde is True:
                    data[veld.html_name] = "on"
                elif isinstance(waarde, list):
                    data[veld.html_name] = [str(w) for w in waarde]
                else:
                    data[veld.html_name] = str(waarde)
    return data


# --- second-factor reset ---------------------------------------------------------------------------


def test_reset_second_factor_ends_her_open_session_instead_of_offering_a_new_authenticator(gebruikers):
    medewerker = gebruikers["medewerker"]
    haar_browser = ingelogd(medewerker)
    assert is_ingelogd(haar_browser)

    beheer = ingelogd(gebruikers["beheerder"])
    beheer.post(
        CHANGELIST,
        {
            "action": "tweede_factor_resetten",
            "_selected_action": [medewerker.pk],
            "bevestigd": "1",
            "reden": "Telefoon kwijt",
        },
    )

    assert not medewerker.totpdevice_set.exists()
    # Whoever holds her old session (the finder of the phone) gets the login page, not the setup.
    response = haar_browser.get(SETUP)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in haar_browser.session
    assert haar_browser.get(HOME)["Location"].startswith(LOGIN)


def test_after_a_reset_a_new_authenticator_needs_the_password_again(gebruikers):
    medewerker = gebruikers["medewerker"]
    ingelogd(gebruikers["beheerder"]).post(
        CHANGELIST,
        {
            "action": "tweede_factor_resetten",
            "_selected_action": [medewerker.pk],
            "bevestigd": "1",
            "reden": "Telefoon kwijt",
        },
    )
    browser = Client()
    assert browser.get(SETUP)["Location"].startswith(LOGIN)
    stap_wachtwoord(browser, medewerker.username, "fout-wachtwoord")
    assert browser.get(SETUP)["Location"].startswith(LOGIN)

    stap_wachtwoord(browser, medewerker.username, WACHTWOORD)
    response = browser.get(SETUP)
    assert response.status_code == 200  # with her password she sets up the new phone


def test_reset_second_factor_is_written_to_the_access_log(gebruikers):
    medewerker, beheerder = gebruikers["medewerker"], gebruikers["beheerder"]
    ingelogd(beheerder).post(
        CHANGELIST,
        {
            "action": "tweede_factor_resetten",
            "_selected_action": [medewerker.pk],
            "bevestigd": "1",
            "reden": "Telefoon kwijt",
        },
    )
    regel = logregels(medewerker, "tweede factor gereset").get()
    assert regel.gebruiker == beheerder
    assert regel.organisatie == beheerder.organisatie


def test_no_path_resets_a_second_factor_without_a_reason(gebruikers):
    """Issue 12 review: the reason was asked only by the admin action; the service asks it of every caller."""
    import pytest
    from django.core.exceptions import ValidationError

    from accounts import services
    from tests.trajecten.conftest import verzoek

    medewerker = gebruikers["medewerker"]
    haar_browser = ingelogd(medewerker)
    for reden in ("", "   ", "x" * 256):
        with pytest.raises(ValidationError) as fout:
            services.tweede_factor_resetten(
                request=verzoek(gebruikers["beheerder"]), user=medewerker, reden=reden
            )
        assert fout.value.message_dict["reden"]
    assert medewerker.totpdevice_set.exists()
    assert is_ingelogd(haar_browser)
    assert not logregels(medewerker, "tweede factor gereset").exists()

    beheer = ingelogd(gebruikers["beheerder"])
    response = beheer.post(
        CHANGELIST,
        {
            "action": "tweede_factor_resetten",
            "_selected_action": [medewerker.pk],
            "bevestigd": "1",
            "reden": " ",
        },
    )
    assert response.status_code == 400
    assert "Schrijf waarom de tweede factor" in response.content.decode()
    assert medewerker.totpdevice_set.exists()


def test_reset_does_not_touch_other_users_sessions(gebruikers):
    collega = ingelogd(gebruikers["toegewezen_medewerker"])
    ingelogd(gebruikers["beheerder"]).post(
        CHANGELIST, {"action": "tweede_factor_resetten", "_selected_action": [gebruikers["medewerker"].pk]}
    )
    assert is_ingelogd(collega)


def test_beheerder_cannot_reset_another_organisations_user(gebruikers):
    andere = gebruikers["andere_coordinator"]
    andere_browser = ingelogd(andere)
    ingelogd(gebruikers["beheerder"]).post(
        CHANGELIST,
        {
            "action": "tweede_factor_resetten",
            "_selected_action": [andere.pk],
            "bevestigd": "1",
            "reden": "Telefoon kwijt",
        },
    )
    assert andere.totpdevice_set.exists()
    assert is_ingelogd(andere_browser)
    assert not logregels(andere, "tweede factor").exists()


# --- password change -------------------------------------------------------------------------------


def test_own_password_change_ends_her_other_sessions_and_keeps_this_one(gebruikers):
    coordinator = gebruikers["coordinator"]
    telefoon, laptop = ingelogd(coordinator), ingelogd(coordinator)
    response = laptop.post(
        reverse("accounts:wachtwoord_wijzigen"),
        {
            "old_password": WACHTWOORD,
            "new_password1": "Een-nieuw-lang-wachtwoord-2026",
            "new_password2": "Een-nieuw-lang-wachtwoord-2026",
        },
    )
    assert response.status_code == 302
    assert "overal elders uitgelogd" in laptop.get(response["Location"]).content.decode()
    assert is_ingelogd(laptop)
    assert not is_ingelogd(telefoon)
    assert logregels(coordinator, "wachtwoord gewijzigd").get().gebruiker == coordinator


def test_wrong_old_password_changes_nothing_and_says_so_in_dutch(gebruikers):
    coordinator = gebruikers["coordinator"]
    telefoon, laptop = ingelogd(coordinator), ingelogd(coordinator)
    response = laptop.post(
        reverse("accounts:wachtwoord_wijzigen"),
        {"old_password": "fout", "new_password1": "Een-nieuw-2026-xx", "new_password2": "Een-nieuw-2026-xx"},
    )
    assert response.status_code == 200
    assert "oude wachtwoord" in response.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.check_password(WACHTWOORD)
    assert is_ingelogd(telefoon)
    assert not logregels(coordinator, "wachtwoord").exists()


def test_password_set_by_a_beheerder_ends_every_session_and_is_logged(gebruikers):
    coordinator = gebruikers["coordinator"]
    haar_browser = ingelogd(coordinator)
    beheer = ingelogd(gebruikers["globale_beheerder"])
    response = beheer.post(
        reverse("admin:auth_user_password_change", args=[coordinator.pk]),
        {
            "password1": "Een-nieuw-lang-wachtwoord-2026",
            "password2": "Een-nieuw-lang-wachtwoord-2026",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    assert not is_ingelogd(haar_browser)
    assert is_ingelogd(beheer)
    assert logregels(coordinator, "wachtwoord gewijzigd").get().gebruiker == gebruikers["globale_beheerder"]


# --- deactivation ----------------------------------------------------------------------------------


def test_deactivation_ends_her_sessions_for_good_and_is_logged(gebruikers):
    coordinator = gebruikers["coordinator"]
    haar_browser = ingelogd(coordinator)
    beheer = ingelogd(gebruikers["beheerder"])
    data = wijzigformulier(beheer, coordinator)
    data.pop("is_active")
    response = beheer.post(reverse("admin:accounts_user_change", args=[coordinator.pk]), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    coordinator.refresh_from_db()
    assert not coordinator.is_active
    assert not is_ingelogd(haar_browser)
    assert logregels(coordinator, "gedeactiveerd").get().gebruiker == gebruikers["beheerder"]

    # Re-activated later (she returns): the old session does not come back to life.
    data["is_active"] = "on"
    beheer.post(reverse("admin:accounts_user_change", args=[coordinator.pk]), data)
    assert User.objects.get(pk=coordinator.pk).is_active
    assert not is_ingelogd(haar_browser)
    assert logregels(coordinator, "opnieuw geactiveerd").exists()


def test_a_fresh_login_after_reactivation_works(gebruikers):
    coordinator = gebruikers["coordinator"]
    coordinator.is_active = False
    coordinator.save()
    from accounts.services import sessies_beeindigen

    sessies_beeindigen(coordinator)
    User.objects.filter(pk=coordinator.pk).update(is_active=True)
    browser = Client()
    stap_wachtwoord(browser, coordinator.username)
    response = stap_code(browser, totp_code())
    assert response.status_code == 302
    assert is_ingelogd(browser)


def test_sessions_from_before_the_field_existed_stay_valid(gebruikers):
    """Users whose sessions were never ended keep Django's own session hash: deploying this logs nobody out."""
    casemanager = gebruikers["casemanager"]
    assert casemanager.sessies_beeindigd_op is None
    browser = ingelogd(casemanager)
    assert browser.session["_auth_user_hash"] == AbstractBaseUser._get_session_auth_hash(casemanager)
    assert is_ingelogd(browser)


def test_beheerder_changing_her_own_password_in_the_admin_ends_her_other_sessions_and_is_logged(gebruikers):
    beheerder = gebruikers["beheerder"]
    andere_browser, deze = ingelogd(beheerder), ingelogd(beheerder)
    response = deze.post(
        reverse("admin:password_change"),
        {
            "old_password": WACHTWOORD,
            "new_password1": "Een-nieuw-lang-wachtwoord-2026",
            "new_password2": "Een-nieuw-lang-wachtwoord-2026",
        },
    )
    assert response.status_code == 302
    assert is_ingelogd(deze)
    assert not is_ingelogd(andere_browser)
    assert logregels(beheerder, "wachtwoord gewijzigd").get().gebruiker == beheerder
