"""Issue 16, item 2: a medewerker leaves. Her running assignments and first-contact roles are shown first
and handed over or ended in the same step as the deactivation; the coordinator is told; her past visits
stay hers. The admin no longer lets a checkbox or a changed membership leave her families with nobody."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from accounts.constants import Rol
from accounts.models import User
from core.models import Melding, Toegangslog
from tests.accounts.test_credential_lifecycle import wijzigformulier
from tests.conftest import login_with_two_factors
from tests.factories import (
    AanmeldingFactory,
    HuisbezoekFactory,
    IndicatieFactory,
    ToewijzingFactory,
    TrajectFactory,
    lid,
)
from trajecten import vertrek
from trajecten.models import Huisbezoek, Toewijzing

AMS = ZoneInfo("Europe/Amsterdam")
VANDAAG = timezone.localdate()


@pytest.fixture
def team(gebruikers, traject):
    """Kim leaves: first contact of an active family (with a visit she logged), and on the team of a second
    family still in intake. Her colleague Fatima takes over; a third colleague has an expired KCKZ."""
    kim = gebruikers["toegewezen_medewerker"]
    kim.first_name, kim.last_name = "Kim", "Visser"
    kim.save()
    fatima = gebruikers["medewerker"]
    fatima.first_name, fatima.last_name = "Fatima", "El Amrani"
    fatima.save()
    verlopen = lid(
        Rol.MEDEWERKER, traject.aanbieder, username="mw.verlopen", first_name="Ingrid", last_name="Bos"
    )
    verlopen.medewerkerprofiel.kckz_geldig_tot = VANDAAG - timedelta(days=1)
    verlopen.medewerkerprofiel.save()

    traject.status = "actief"
    traject.regie_casemanager = gebruikers["casemanager"]
    traject.save()
    IndicatieFactory(
        traject=traject, van=VANDAAG - timedelta(days=40), tot=VANDAAG + timedelta(days=60),
        uren_per_week=Decimal(12), budget=Decimal(20000), afgegeven_door=gebruikers["casemanager"],
    )  # fmt: skip
    eerste = ToewijzingFactory(
        traject=traject, medewerker=kim, van=VANDAAG - timedelta(days=40), eerste_aanspreekpunt=True
    )
    assign_perm("trajecten.view_traject", kim, traject)
    start = datetime.combine(VANDAAG - timedelta(days=3), time(9), tzinfo=AMS)
    bezoek = HuisbezoekFactory(traject=traject, medewerker=kim, start=start, eind=start + timedelta(hours=3))

    intake = TrajectFactory(intake=True, gezin__gemeente=traject.gezin.gemeente, aanbieder=traject.aanbieder)
    AanmeldingFactory(traject=intake, ingediend_door=gebruikers["coordinator"])
    gewoon = ToewijzingFactory(traject=intake, medewerker=kim, van=VANDAAG - timedelta(days=5))
    assign_perm("trajecten.view_traject", kim, intake)
    return {
        "kim": kim, "fatima": fatima, "verlopen": verlopen, "actief": traject, "intake": intake,
        "eerste": eerste, "gewoon": gewoon, "bezoek": bezoek,
    }  # fmt: skip


def url(user):
    return reverse("trajecten:uit_dienst", args=[user.pk])


def formulier(team, **opvolgers):
    data = {
        "laatste_dag": VANDAAG.isoformat(),
        "getoond": f"{team['eerste'].pk},{team['gewoon'].pk}",
        f"opvolger_{team['eerste'].pk}": "",
        f"opvolger_{team['gewoon'].pk}": "",
    }
    for sleutel, opvolger in opvolgers.items():
        data[f"opvolger_{team[sleutel].pk}"] = str(opvolger.pk)
    return data


def niets_veranderd(team):
    kim = User.objects.get(pk=team["kim"].pk)
    assert kim.is_active
    assert kim.sessies_beeindigd_op is None
    assert set(Toewijzing.objects.filter(medewerker=kim, tot__isnull=True)) == {
        team["eerste"],
        team["gewoon"],
    }
    assert not Toewijzing.objects.filter(medewerker=team["fatima"]).exists()
    assert not Melding.objects.exists()


def test_beheerder_first_sees_her_running_assignments_and_first_contact_roles(
    client, login, gebruikers, team
):
    login(client, gebruikers["beheerder"])
    response = client.get(url(team["kim"]))
    assert response.status_code == 200
    tekst = response.content.decode()
    assert "Vertrek van Kim Visser melden" in tekst
    assert team["actief"].nummer in tekst
    assert team["intake"].nummer in tekst
    assert "eerste aanspreekpunt" in tekst
    assert "Fatima El Amrani" in tekst  # a colleague to hand over to
    # Which families she serves is client data: reading it is logged.
    assert Toegangslog.objects.filter(
        traject_id=team["actief"].pk, omschrijving__contains="uit dienst"
    ).exists()


def test_the_first_contact_of_an_active_family_must_be_handed_over(client, login, gebruikers, team):
    login(client, gebruikers["beheerder"])
    response = client.post(url(team["kim"]), formulier(team))
    assert response.status_code == 400
    assert "kies de collega die het overneemt" in response.content.decode()
    niets_veranderd(team)


def test_departure_hands_over_ends_deactivates_and_tells_the_coordinator(client, login, gebruikers, team):
    kim, fatima = team["kim"], team["fatima"]
    haar_telefoon = login_with_two_factors(Client(), kim)
    login(client, gebruikers["beheerder"])

    response = client.post(url(kim), formulier(team, eerste=fatima))

    assert response.status_code == 302
    kim.refresh_from_db()
    assert not kim.is_active
    # Her access ends at once, on every device.
    assert haar_telefoon.get(reverse("core:home")).status_code == 302
    # Her assignments end today; Fatima is first contact from tomorrow; the intake family's assignment ends.
    assert Toewijzing.objects.get(pk=team["eerste"].pk).tot == VANDAAG
    assert Toewijzing.objects.get(pk=team["gewoon"].pk).tot == VANDAAG
    opvolging = Toewijzing.objects.get(traject=team["actief"], medewerker=fatima)
    assert (opvolging.van, opvolging.tot, opvolging.eerste_aanspreekpunt) == (
        VANDAAG + timedelta(days=1),
        None,
        True,
    )
    assert fatima.has_perm("trajecten.view_traject", team["actief"])
    assert not User.objects.get(pk=kim.pk).has_perm("trajecten.view_traject", team["actief"])
    # Her past visit stays hers.
    assert Huisbezoek.objects.get(pk=team["bezoek"].pk).medewerker == kim
    # The coordinator hears of both families, with a link to their team.
    meldingen = Melding.objects.filter(gebruiker=gebruikers["coordinator"])
    teksten = {m.url: m.tekst for m in meldingen}
    assert (
        "Fatima El Amrani is nu eerste aanspreekpunt" in teksten[f"/trajecten/{team['actief'].pk}/?tab=team"]
    )
    assert "Kim Visser is uit dienst" in teksten[f"/trajecten/{team['intake'].pk}/?tab=team"]
    assert not Melding.objects.filter(
        gebruiker__lidmaatschap__organisatie=gebruikers["andere_coordinator"].organisatie
    ).exists()
    # Written down: the deactivation and each family's change.
    assert Toegangslog.objects.filter(object_id=str(kim.pk), omschrijving__contains="gedeactiveerd").exists()
    assert Toegangslog.objects.filter(
        traject_id=team["intake"].pk, omschrijving__contains="uit dienst"
    ).exists()


def test_the_team_tab_shows_her_as_having_left(client, login, gebruikers, team):
    login(client, gebruikers["beheerder"])
    client.post(url(team["kim"]), formulier(team, eerste=team["fatima"]))
    login(client, gebruikers["coordinator"])
    tekst = client.get(reverse("trajecten:detail", args=[team["actief"].pk]) + "?tab=team").content.decode()
    assert "uit dienst" in tekst


def test_a_colleague_who_breaks_a_hard_rule_is_not_offered_nor_accepted(client, login, gebruikers, team):
    login(client, gebruikers["beheerder"])
    pagina = client.get(url(team["kim"])).content.decode()
    assert "Fatima El Amrani" in pagina
    assert "Ingrid Bos" not in pagina  # expired KCKZ: not offered, so not refused afterwards (issue 12)
    response = client.post(url(team["kim"]), formulier(team, eerste=team["verlopen"]))
    assert response.status_code == 400
    assert "geldige keuze" in response.content.decode()
    niets_veranderd(team)


def test_the_service_still_refuses_a_colleague_who_breaks_a_hard_rule(gebruikers, team, als):
    # The form's list is judged for today; the service judges the day she would start, and has the last word.
    with pytest.raises(ValidationError) as fout:
        vertrek.medewerker_uit_dienst(
            request=als(gebruikers["beheerder"]), medewerker=team["kim"], laatste_dag=VANDAAG,
            opvolgers={team["eerste"].pk: team["verlopen"], team["gewoon"].pk: None},
            getoond={team["eerste"].pk, team["gewoon"].pk},
        )  # fmt: skip
    assert "KCKZ-registratie verlopen" in str(fout.value)
    niets_veranderd(team)


def test_a_list_that_changed_meanwhile_changes_nothing(client, login, gebruikers, team):
    login(client, gebruikers["beheerder"])
    data = formulier(team, eerste=team["fatima"])
    data["getoond"] = str(team["eerste"].pk)  # the page was opened before the intake assignment existed
    response = client.post(url(team["kim"]), data)
    assert response.status_code == 400
    assert "veranderd" in response.content.decode()
    niets_veranderd(team)


def test_her_last_day_cannot_lie_before_a_visit_she_logged(client, login, gebruikers, team):
    login(client, gebruikers["beheerder"])
    data = formulier(team, eerste=team["fatima"])
    data["laatste_dag"] = (VANDAAG - timedelta(days=10)).isoformat()
    response = client.post(url(team["kim"]), data)
    assert response.status_code == 400
    assert "registreerde een bezoek" in response.content.decode()
    niets_veranderd(team)


@pytest.mark.parametrize("wie", ["coordinator", "medewerker", "casemanager", "andere_beheerder"])
def test_only_a_beheerder_of_her_provider_reports_a_departure(client, login, gebruikers, team, wie):
    login(client, gebruikers[wie])
    assert client.get(url(team["kim"])).status_code == 404
    assert client.post(url(team["kim"]), formulier(team, eerste=team["fatima"])).status_code == 404
    niets_veranderd(team)


def test_global_beheerder_may_report_a_departure(client, login, gebruikers, team):
    login(client, gebruikers["globale_beheerder"])
    assert client.post(url(team["kim"]), formulier(team, eerste=team["fatima"])).status_code == 302
    assert not User.objects.get(pk=team["kim"].pk).is_active


def test_a_coordinator_has_no_departure_page(client, login, gebruikers, team):
    login(client, gebruikers["beheerder"])
    assert client.get(url(gebruikers["coordinator"])).status_code == 404


# --- the admin no longer leaves her families with nobody -------------------------------------------


def test_admin_refuses_to_deactivate_a_medewerker_with_running_assignments(client, login, gebruikers, team):
    login(client, gebruikers["beheerder"])
    wijzig = reverse("admin:accounts_user_change", args=[team["kim"].pk])
    assert "Vertrek melden (2 lopend)" in client.get(wijzig).content.decode()
    data = wijzigformulier(client, team["kim"])
    data.pop("is_active")
    response = client.post(wijzig, data)
    assert response.status_code == 200
    assert "nog 2 lopende toewijzing(en)" in response.content.decode()
    niets_veranderd(team)


def test_admin_refuses_to_end_her_membership_with_running_assignments(client, login, gebruikers, team):
    login(client, gebruikers["globale_beheerder"])
    wijzig = reverse("admin:accounts_user_change", args=[team["kim"].pk])
    data = wijzigformulier(client, team["kim"])
    data["lidmaatschap-0-organisatie"] = str(gebruikers["andere_coordinator"].organisatie.pk)
    response = client.post(wijzig, data)
    assert response.status_code == 200
    assert "lopende toewijzing" in response.content.decode()
    assert User.objects.get(pk=team["kim"].pk).organisatie == team["actief"].aanbieder


def test_admin_still_deactivates_someone_without_running_work(client, login, gebruikers, team):
    login(client, gebruikers["beheerder"])
    coordinator = gebruikers["coordinator"]
    data = wijzigformulier(client, coordinator)
    data.pop("is_active")
    response = client.post(reverse("admin:accounts_user_change", args=[coordinator.pk]), data)
    assert response.status_code == 302
    assert not User.objects.get(pk=coordinator.pk).is_active


# --- the database --------------------------------------------------------------------------------


def test_database_refuses_deactivating_someone_who_still_carries_families(team):
    with pytest.raises(IntegrityError, match="gebruiker_zonder_lopende_toewijzingen"), transaction.atomic():
        User.objects.filter(pk=team["kim"].pk).update(is_active=False)
    niets_veranderd(team)


def test_database_refuses_assigning_someone_who_left(team, gebruikers):
    weg = lid(Rol.MEDEWERKER, team["actief"].aanbieder, username="mw.weg", is_active=False)
    with pytest.raises(IntegrityError, match="toewijzing_actieve_medewerker"), transaction.atomic():
        ToewijzingFactory(traject=team["intake"], medewerker=weg)
    # Her past is still recorded: an assignment that ended is fine.
    ToewijzingFactory(
        traject=team["intake"],
        medewerker=weg,
        van=VANDAAG - timedelta(days=30),
        tot=VANDAAG - timedelta(days=10),
    )


def test_database_accepts_the_departure_as_the_service_writes_it(client, login, gebruikers, team):
    login(client, gebruikers["beheerder"])
    assert client.post(url(team["kim"]), formulier(team, eerste=team["fatima"])).status_code == 302
    with transaction.atomic():
        # Ending her (already ended) assignment earlier later on, e.g. when the family's file closes.
        Toewijzing.objects.filter(pk=team["gewoon"].pk).update(tot=VANDAAG - timedelta(days=1))


def test_the_service_refuses_ending_an_assignment_before_yesterday_whoever_calls_it(gebruikers, team, als):
    """Issue 12 review: the rule lived only in the form; now the service holds it."""
    from trajecten import services

    with pytest.raises(ValidationError) as fout:
        services.toewijzing_beeindigen(
            request=als(gebruikers["coordinator"]), toewijzing=team["gewoon"],
            tot=VANDAAG - timedelta(days=2), versie=None,
        )  # fmt: skip
    assert "niet vóór gisteren" in " ".join(fout.value.message_dict["laatste_dag"])
    assert Toewijzing.objects.get(pk=team["gewoon"].pk).tot is None


def test_a_departure_reported_late_still_ends_her_assignments_before_yesterday(
    client, login, gebruikers, team
):
    """The departure flow ends assignments on her last working day, which may lie further back (after the
    last visit she logged): the one path the service allows that on purpose (terugwerkend=True)."""
    login(client, gebruikers["beheerder"])
    data = formulier(team, eerste=team["fatima"])
    twee_dagen_terug = VANDAAG - timedelta(days=2)
    data["laatste_dag"] = twee_dagen_terug.isoformat()

    response = client.post(url(team["kim"]), data)

    assert response.status_code == 302
    assert Toewijzing.objects.get(pk=team["eerste"].pk).tot == twee_dagen_terug
    assert Toewijzing.objects.get(pk=team["gewoon"].pk).tot == twee_dagen_terug


def test_someone_who_left_is_not_offered_nor_made_first_contact(client, login, gebruikers, team):
    """Her assignment still runs on her last day after her account is deactivated: the team tab offers
    no "make her first contact", and a forged request gets a Dutch refusal, not a server error."""
    bos = ToewijzingFactory(
        traject=team["actief"], medewerker=team["fatima"], van=VANDAAG - timedelta(days=2), tot=VANDAAG
    )
    User.objects.filter(pk=team["fatima"].pk).update(is_active=False)
    login(client, gebruikers["coordinator"])
    tab = client.get(reverse("trajecten:detail", args=[team["actief"].pk]) + "?tab=team").content.decode()
    assert reverse("trajecten:eerste_aanspreekpunt", args=[team["actief"].pk, bos.pk]) not in tab

    response = client.post(
        reverse("trajecten:eerste_aanspreekpunt", args=[team["actief"].pk, bos.pk]),
        {"versie": team["actief"].versie},
    )
    assert response.status_code == 400
    assert "uit dienst" in response.content.decode()
    team["eerste"].refresh_from_db()
    assert team["eerste"].tot is None
    assert team["eerste"].eerste_aanspreekpunt
