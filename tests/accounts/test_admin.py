"""Beheerders manage users in the Django admin, only for their own organisation unless global."""

from django.urls import reverse

from accounts.constants import Rol
from accounts.models import Lidmaatschap, User

CHANGELIST = reverse("admin:accounts_user_changelist")


def test_beheerder_lists_only_her_organisations_users(client, login, gebruikers):
    login(client, gebruikers["beheerder"])
    response = client.get(CHANGELIST)
    namen = {u.username for u in response.context["cl"].result_list}
    assert namen == {"coord", "mw", "mw.toegewezen", "beheer"}


def test_beheerder_cannot_open_another_organisations_user(client, login, gebruikers):
    login(client, gebruikers["beheerder"])
    andere = gebruikers["andere_coordinator"]
    response = client.get(reverse("admin:accounts_user_change", args=[andere.pk]))
    assert response.status_code == 302  # "does not exist" for her
    response = client.post(
        reverse("admin:accounts_user_change", args=[andere.pk]),
        {"username": "overgenomen", "is_active": "on"},
    )
    andere.refresh_from_db()
    assert andere.username == "coord.wadden"


def test_beheerder_can_only_choose_her_own_organisation_for_a_new_user(client, login, gebruikers):
    login(client, gebruikers["beheerder"])
    response = client.get(reverse("admin:accounts_user_add"))
    keuzes = response.context["inline_admin_formsets"][0].formset.forms[0].fields["organisatie"].queryset
    assert list(keuzes) == [gebruikers["beheerder"].organisatie]


def test_beheerder_adds_a_coordinator_to_her_organisation(client, login, gebruikers):
    beheerder = gebruikers["beheerder"]
    login(client, beheerder)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "nieuwe.collega",
            "password1": "Een-lang-wachtwoord-2026",
            "password2": "Een-lang-wachtwoord-2026",
            "usable_password": "true",
            "lidmaatschap-TOTAL_FORMS": "1",
            "lidmaatschap-INITIAL_FORMS": "0",
            "lidmaatschap-MIN_NUM_FORMS": "1",
            "lidmaatschap-MAX_NUM_FORMS": "1",
            "lidmaatschap-0-organisatie": beheerder.organisatie.pk,
            "lidmaatschap-0-rol": Rol.COORDINATOR,
            "medewerkerprofiel-TOTAL_FORMS": "0",
            "medewerkerprofiel-INITIAL_FORMS": "0",
            "medewerkerprofiel-MIN_NUM_FORMS": "0",
            "medewerkerprofiel-MAX_NUM_FORMS": "1",
        },
    )
    assert response.status_code == 302, response.context["errors"] if response.context else response
    lid = Lidmaatschap.objects.get(user__username="nieuwe.collega")
    assert (lid.organisatie, lid.rol) == (beheerder.organisatie, Rol.COORDINATOR)


def test_beheerder_cannot_put_a_new_user_in_another_organisation(client, login, gebruikers):
    beheerder = gebruikers["beheerder"]
    login(client, beheerder)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "indringer",
            "password1": "Een-lang-wachtwoord-2026",
            "password2": "Een-lang-wachtwoord-2026",
            "usable_password": "true",
            "lidmaatschap-TOTAL_FORMS": "1",
            "lidmaatschap-INITIAL_FORMS": "0",
            "lidmaatschap-MIN_NUM_FORMS": "1",
            "lidmaatschap-MAX_NUM_FORMS": "1",
            "lidmaatschap-0-organisatie": gebruikers["andere_beheerder"].organisatie.pk,
            "lidmaatschap-0-rol": Rol.COORDINATOR,
            "medewerkerprofiel-TOTAL_FORMS": "0",
            "medewerkerprofiel-INITIAL_FORMS": "0",
            "medewerkerprofiel-MIN_NUM_FORMS": "0",
            "medewerkerprofiel-MAX_NUM_FORMS": "1",
        },
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not User.objects.filter(username="indringer").exists()


def test_reset_second_factor_for_a_lost_phone(client, login, gebruikers):
    login(client, gebruikers["beheerder"])
    medewerker = gebruikers["medewerker"]
    client.post(
        CHANGELIST,
        {
            "action": "tweede_factor_resetten",
            "_selected_action": [medewerker.pk],
            "bevestigd": "1",
            "reden": "Telefoon kwijt",
        },
    )
    assert not medewerker.totpdevice_set.exists()


def test_resetting_a_second_factor_asks_who_and_why_first(client, login, gebruikers):
    from core.models import Toegangslog

    login(client, gebruikers["beheerder"])
    medewerker = gebruikers["medewerker"]
    actie = {"action": "tweede_factor_resetten", "_selected_action": [medewerker.pk]}

    stap = client.post(CHANGELIST, actie)  # the action opens a step, it does not reset at once
    assert stap.status_code == 200
    assert medewerker.username in stap.content.decode()
    assert 'name="reden"' in stap.content.decode()
    assert medewerker.totpdevice_set.exists()
    zonder_reden = client.post(CHANGELIST, {**actie, "bevestigd": "1", "reden": " "})
    assert zonder_reden.status_code == 400
    assert "Schrijf waarom" in zonder_reden.content.decode()
    assert medewerker.totpdevice_set.exists()

    client.post(CHANGELIST, {**actie, "bevestigd": "1", "reden": "Telefoon verloren op huisbezoek"})
    assert not medewerker.totpdevice_set.exists()
    regel = Toegangslog.objects.filter(
        object_id=str(medewerker.pk), omschrijving__contains="tweede factor"
    ).get()
    assert regel.omschrijving.endswith("reden: Telefoon verloren op huisbezoek")


def test_the_admin_speaks_dutch_also_where_django_leaves_english(client, login, gebruikers):
    """Issue 12: Django 5.2's nl catalogue misses a few admin texts; ours has them."""
    login(client, gebruikers["beheerder"])

    toevoegen = client.get(reverse("admin:accounts_user_add")).content.decode()
    javascript = client.get(reverse("admin:jsi18n")).content.decode()

    assert "Nadat u een gebruiker hebt aangemaakt" in toevoegen
    assert "After you" not in toevoegen
    assert '"Choose all %s": "Alle %s kiezen"' in javascript
    assert '"Remove all %s": "Alle %s verwijderen"' in javascript
