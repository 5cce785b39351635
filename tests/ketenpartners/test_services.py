"""The chain around a trajectory, rule by rule, through the services (as the views use them): who may
do what, bad input with a Dutch message and nothing changed, consent before sharing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.timezone import localdate

from accounts.constants import OrganisatieSoort, Rol
from accounts.models import Organisatie
from core.constants import Gebeurtenis, Uitkomst
from core.models import Toegangslog
from ketenpartners import selectors, services
from ketenpartners.constants import Aanleiding, BetrokkenheidRol, PartnerSoort, Reikwijdte, ToestemmingWijze
from ketenpartners.demo import laad_demo_ketenpartners
from ketenpartners.models import (
    Betrokkenheid,
    Contactpersoon,
    Convenant,
    Ketenpartner,
    Ondertekening,
    Overdracht,
    Toestemming,
    Verstrekking,
)
from tests.factories import ToewijzingFactory, lid
from trajecten.models import Ondersteuningsplan, Traject, Zorgdoel
from trajecten.services import Conflict

from .conftest import contact
from .factories import BetrokkenheidFactory, KetenpartnerFactory, ToestemmingFactory

VANDAAG = localdate()


def toevoegen(als, user, traject, partner, **kwargs):
    velden = {
        "rol": BetrokkenheidRol.MEDEBEHANDELAAR,
        "contactpersoon": partner.contactpersonen.first(),
        "verantwoordelijkheden": "JGZ: groei en huilspreekuur. BabythuisZorg: oefenen met de huilsignalen thuis.",
        "van": VANDAAG,
        "tot": None,
        "versie": Traject.objects.get(pk=traject.pk).versie,
    }
    velden.update(kwargs)
    return services.betrokkenheid_toevoegen(
        request=als(user), traject=traject, ketenpartner=partner, **velden
    )


def toestemming(als, user, traject, partner, **kwargs):
    velden = {
        "reikwijdte": [Reikwijdte.OVERDRACHT],
        "wijze": ToestemmingWijze.SCHRIFTELIJK,
        "gegeven_op": VANDAAG,
        "toelichting": "",
        "versie": Traject.objects.get(pk=traject.pk).versie,
    }
    velden.update(kwargs)
    return services.toestemming_vastleggen(request=als(user), traject=traject, ketenpartner=partner, **velden)


def opstellen(als, user, traject, partner, **kwargs):
    velden = {
        "contactpersoon": None,
        "aanleiding": Aanleiding.DOORVERWIJZING,
        "doelen": "- Huilgedrag: start 3, nu 6, doel 7",
        "netwerk": "- Oma Janny: boodschappen",
        "wens_gezin": "Dat ze weten dat inbakeren helpt.",
        "aandachtspunten": "",
        "versie": Traject.objects.get(pk=traject.pk).versie,
    }
    velden.update(kwargs)
    return services.overdracht_opstellen(request=als(user), traject=traject, ketenpartner=partner, **velden)


def melding(fout: ValidationError) -> str:
    return " ".join(fout.messages)


# --- the social map ------------------------------------------------------------------------------


def test_global_beheerder_confirms_the_waiting_time_as_of_today(gebruikers, als, partner):
    Ketenpartner.objects.filter(pk=partner.pk).update(wachttijd_bijgewerkt_op=VANDAAG - timedelta(weeks=20))
    services.ketenpartner_bijwerken(
        request=als(gebruikers["globale_beheerder"]),
        ketenpartner=partner,
        telefoon="06 12345678",
        email="jgz@ggd.example",
        wachttijd_dagen=7,
    )
    partner.refresh_from_db()
    assert (partner.wachttijd_dagen, partner.wachttijd_bijgewerkt_op, partner.telefoon) == (
        7,
        VANDAAG,
        "+31612345678",
    )


@pytest.mark.parametrize(
    ("veld", "waarde", "bericht"),
    [
        ("wachttijd_dagen", -1, "Een wachttijd kan niet onder nul zijn."),
        ("telefoon", "0501234", "Vul een geldig telefoonnummer in"),
        ("email", "jgz-at-ggd.example", "Vul een geldig e-mailadres in"),
    ],
)
def test_bad_partner_details_get_a_dutch_message_and_nothing_changes(
    gebruikers, als, partner, veld, waarde, bericht
):
    velden = {"telefoon": "050-3674000", "email": "jgz@ggd.example", "wachttijd_dagen": 3, veld: waarde}
    voor = Ketenpartner.objects.values().get(pk=partner.pk)
    with pytest.raises(ValidationError) as fout:
        services.ketenpartner_bijwerken(
            request=als(gebruikers["globale_beheerder"]), ketenpartner=partner, **velden
        )
    assert fout.value.message_dict[veld][0].startswith(bericht)
    assert Ketenpartner.objects.values().get(pk=partner.pk) == voor


@pytest.mark.parametrize("wie", ["beheerder", "casemanager", "coordinator"])
def test_only_a_global_beheerder_keeps_the_map_for_now(gebruikers, als, partner, wie):
    with pytest.raises(PermissionDenied):
        services.ketenpartner_bijwerken(
            request=als(gebruikers[wie]), ketenpartner=partner, telefoon="", email="", wachttijd_dagen=0
        )


def test_search_finds_who_helps_with_x_in_y_shortest_wait_first(
    gebruikers, als, gemeente, andere_gemeente, huilbaby
):
    snel = KetenpartnerFactory(wachttijd_dagen=2, gemeenten=[gemeente], diensten=[huilbaby])
    traag = KetenpartnerFactory(wachttijd_dagen=30, gemeenten=[gemeente], diensten=[huilbaby])
    onbekend = KetenpartnerFactory(
        wachttijd_dagen=None, wachttijd_bijgewerkt_op=None, gemeenten=[gemeente], diensten=[huilbaby]
    )
    KetenpartnerFactory(wachttijd_dagen=0, gemeenten=[andere_gemeente], diensten=[huilbaby])  # elsewhere
    KetenpartnerFactory(wachttijd_dagen=0, gemeenten=[gemeente])  # other help
    inactief = KetenpartnerFactory(wachttijd_dagen=0, gemeenten=[gemeente], diensten=[huilbaby])
    Organisatie.objects.filter(pk=inactief.organisatie_id).update(actief=False)

    gevonden = selectors.sociale_kaart(
        fetched_by=als(gebruikers["coordinator"]).user, dienst=huilbaby, gemeente=gemeente
    )
    assert list(gevonden) == [snel, traag, onbekend]


def test_every_role_may_search_the_map_and_nobody_without_both_factors(gebruikers, partner):
    for user in gebruikers.values():
        user.is_verified = lambda: True
        assert list(selectors.sociale_kaart(fetched_by=user)) == [partner]
    anoniem = gebruikers["casemanager"]
    anoniem.is_verified = lambda: False
    assert list(selectors.sociale_kaart(fetched_by=anoniem)) == []


# --- partners in a trajectory --------------------------------------------------------------------


def test_coordinator_involves_a_partner_with_responsibilities(gebruikers, als, traject, partner):
    versie = traject.versie
    betrokkenheid = toevoegen(als, gebruikers["coordinator"], traject, partner)

    assert betrokkenheid.verantwoordelijkheden.startswith("JGZ: groei")
    assert Traject.objects.get(pk=traject.pk).versie == versie + 1
    log = Toegangslog.objects.get(gebeurtenis=Gebeurtenis.AANMAKEN)
    assert (log.traject_id, log.gebruikersnaam) == (traject.pk, "coord")


def test_casemanager_of_the_family_may_involve_a_partner_too(gebruikers, als, traject, partner):
    toevoegen(als, gebruikers["casemanager"], traject, partner)
    assert Betrokkenheid.objects.count() == 1


@pytest.mark.parametrize(
    "wie",
    [
        "andere_casemanager",
        "andere_coordinator",
        "medewerker",
        "toegewezen_medewerker",
        "rapportage",
        "globale_beheerder",
    ],
)
def test_others_may_not_involve_a_partner(gebruikers, als, traject, partner, wie):
    ToewijzingFactory(traject=traject, medewerker=gebruikers["toegewezen_medewerker"])
    with pytest.raises(PermissionDenied):
        toevoegen(als, gebruikers[wie], traject, partner)
    assert not Betrokkenheid.objects.exists()


def test_a_stale_form_gives_a_conflict_and_changes_nothing(gebruikers, als, traject, partner):
    with pytest.raises(Conflict, match="iemand anders|Iemand anders"):
        toevoegen(als, gebruikers["coordinator"], traject, partner, versie=traject.versie - 1)
    assert not Betrokkenheid.objects.exists()
    assert Traject.objects.get(pk=traject.pk).versie == traject.versie


@pytest.mark.parametrize(
    ("velden", "veld", "bericht"),
    [
        ({"verantwoordelijkheden": "  "}, "verantwoordelijkheden", "wie doet wat"),
        ({"tot": VANDAAG - timedelta(days=1)}, "tot", "einddatum ligt vóór de begindatum"),
    ],
)
def test_bad_involvement_gets_a_dutch_message_and_nothing_changes(
    gebruikers, als, traject, partner, velden, veld, bericht
):
    with pytest.raises(ValidationError) as fout:
        toevoegen(als, gebruikers["coordinator"], traject, partner, **velden)
    assert bericht in fout.value.message_dict[veld][0]
    assert not Betrokkenheid.objects.exists()
    assert Traject.objects.get(pk=traject.pk).versie == traject.versie


def test_contact_person_must_work_at_the_chosen_partner(gebruikers, als, traject, partner, verre_partner):
    with pytest.raises(ValidationError, match="werkt niet bij"):
        toevoegen(
            als,
            gebruikers["coordinator"],
            traject,
            partner,
            contactpersoon=contact(verre_partner, "Gerda Smit"),
        )


def test_a_partner_no_longer_active_cannot_be_involved(gebruikers, als, traject, partner):
    Organisatie.objects.filter(pk=partner.organisatie_id).update(actief=False)
    partner.refresh_from_db()
    with pytest.raises(ValidationError, match="niet meer actief"):
        toevoegen(als, gebruikers["coordinator"], traject, partner)


def test_regievoerder_from_outside_the_municipality_without_skj_is_refused(
    gebruikers, als, traject, verre_partner
):
    zonder_skj = contact(verre_partner, "Marjolein Kuiper")
    with pytest.raises(ValidationError) as fout:
        toevoegen(
            als,
            gebruikers["casemanager"],
            traject,
            verre_partner,
            rol=BetrokkenheidRol.REGIEVOERDER,
            contactpersoon=zonder_skj,
        )
    assert fout.value.message_dict["contactpersoon"] == [
        "Moeder-kindhuis De Haven werkt niet in Gemeente Groningen: een regievoerder van buiten de gemeente "
        "van het gezin moet geregistreerd zijn bij het SKJ, en Marjolein Kuiper heeft geen geldige "
        "SKJ-registratie."
    ]
    assert not Betrokkenheid.objects.exists()


def test_regievoerder_from_outside_with_valid_skj_is_accepted(gebruikers, als, traject, verre_partner):
    betrokkenheid = toevoegen(
        als,
        gebruikers["casemanager"],
        traject,
        verre_partner,
        rol=BetrokkenheidRol.REGIEVOERDER,
        contactpersoon=contact(verre_partner, "Gerda Smit"),
    )
    assert betrokkenheid.rol == BetrokkenheidRol.REGIEVOERDER


def test_regievoerder_whose_skj_registration_expired_is_refused(gebruikers, als, traject, verre_partner):
    Contactpersoon.objects.filter(naam="Gerda Smit").update(skj_geldig_tot=VANDAAG - timedelta(days=1))
    with pytest.raises(ValidationError, match="geen geldige SKJ-registratie"):
        toevoegen(
            als,
            gebruikers["casemanager"],
            traject,
            verre_partner,
            rol=BetrokkenheidRol.REGIEVOERDER,
            contactpersoon=contact(verre_partner, "Gerda Smit"),
        )


def test_regievoerder_of_a_partner_in_the_municipality_needs_a_person_not_skj(
    gebruikers, als, traject, partner
):
    with pytest.raises(ValidationError, match="benoemde professional"):
        toevoegen(
            als,
            gebruikers["casemanager"],
            traject,
            partner,
            rol=BetrokkenheidRol.REGIEVOERDER,
            contactpersoon=None,
        )
    toevoegen(als, gebruikers["casemanager"], traject, partner, rol=BetrokkenheidRol.REGIEVOERDER)
    assert Betrokkenheid.objects.get().rol == BetrokkenheidRol.REGIEVOERDER


def test_same_role_twice_or_two_regievoerders_get_a_clear_message(
    gebruikers, als, traject, partner, verre_partner
):
    toevoegen(als, gebruikers["coordinator"], traject, partner)
    with pytest.raises(ValidationError, match="heeft deze rol al"):
        toevoegen(als, gebruikers["coordinator"], traject, partner)
    toevoegen(als, gebruikers["casemanager"], traject, partner, rol=BetrokkenheidRol.REGIEVOERDER)
    with pytest.raises(ValidationError, match="voert al een andere partner de regie"):
        toevoegen(
            als,
            gebruikers["casemanager"],
            traject,
            verre_partner,
            rol=BetrokkenheidRol.REGIEVOERDER,
            contactpersoon=contact(verre_partner, "Gerda Smit"),
        )
    assert Betrokkenheid.objects.count() == 2


def test_ending_an_involvement(gebruikers, als, traject, partner):
    betrokkenheid = toevoegen(
        als, gebruikers["coordinator"], traject, partner, van=VANDAAG - timedelta(days=10)
    )
    coordinator = gebruikers["coordinator"]
    with pytest.raises(ValidationError, match="vóór de begindatum"):
        services.betrokkenheid_beeindigen(
            request=als(coordinator),
            betrokkenheid=betrokkenheid,
            tot=VANDAAG - timedelta(days=11),
            versie=None,
        )
    services.betrokkenheid_beeindigen(
        request=als(coordinator), betrokkenheid=betrokkenheid, tot=VANDAAG, versie=None
    )
    betrokkenheid.refresh_from_db()
    assert betrokkenheid.tot == VANDAAG
    with pytest.raises(ValidationError, match="al beëindigd"):
        services.betrokkenheid_beeindigen(
            request=als(coordinator), betrokkenheid=betrokkenheid, tot=VANDAAG, versie=None
        )


# --- consent -------------------------------------------------------------------------------------


def test_consent_is_recorded_for_an_involved_partner_and_logged(gebruikers, als, traject, partner):
    toevoegen(als, gebruikers["coordinator"], traject, partner)
    vastgelegd = toestemming(
        als, gebruikers["coordinator"], traject, partner, reikwijdte=["overdracht", "overleg"]
    )
    assert vastgelegd.reikwijdte == ["overdracht", "overleg"]
    assert Toegangslog.objects.filter(object_type="ketenpartners.toestemming", traject_id=traject.pk).exists()


def test_consent_dated_in_the_future_is_refused_and_nothing_changes(gebruikers, als, traject, partner):
    toevoegen(als, gebruikers["coordinator"], traject, partner)
    with pytest.raises(ValidationError) as fout:
        toestemming(als, gebruikers["coordinator"], traject, partner, gegeven_op=VANDAAG + timedelta(days=1))
    assert fout.value.message_dict["gegeven_op"] == [
        "Toestemming kan niet in de toekomst gedateerd zijn: leg haar vast zodra de cliënt haar heeft gegeven."
    ]
    assert not Toestemming.objects.exists()


def test_consent_needs_a_scope_and_an_involved_partner(gebruikers, als, traject, partner, verre_partner):
    toevoegen(als, gebruikers["coordinator"], traject, partner)
    with pytest.raises(ValidationError) as fout:
        toestemming(als, gebruikers["coordinator"], traject, partner, reikwijdte=[])
    assert "reikwijdte" in fout.value.message_dict
    with pytest.raises(ValidationError, match="Voeg deze partner eerst toe"):
        toestemming(als, gebruikers["coordinator"], traject, verre_partner)
    assert not Toestemming.objects.exists()


def test_one_valid_consent_per_partner(gebruikers, als, traject, partner):
    toevoegen(als, gebruikers["coordinator"], traject, partner)
    toestemming(als, gebruikers["coordinator"], traject, partner)
    with pytest.raises(ValidationError, match="trek die eerst in"):
        toestemming(als, gebruikers["coordinator"], traject, partner)


@pytest.mark.parametrize("wie", ["andere_casemanager", "andere_coordinator", "toegewezen_medewerker"])
def test_others_may_not_record_or_withdraw_consent(gebruikers, als, traject, partner, wie):
    ToewijzingFactory(traject=traject, medewerker=gebruikers["toegewezen_medewerker"])
    BetrokkenheidFactory(traject=traject, ketenpartner=partner)
    with pytest.raises(PermissionDenied):
        toestemming(als, gebruikers[wie], traject, partner)
    bestaand = ToestemmingFactory(traject=traject, ketenpartner=partner)
    with pytest.raises(PermissionDenied):
        services.toestemming_intrekken(request=als(gebruikers[wie]), toestemming=bestaand)
    assert Toestemming.objects.get().ingetrokken_op is None


# --- warm handover and sharing -------------------------------------------------------------------


def test_handover_is_shared_only_with_consent_and_withdrawal_works_at_once(gebruikers, als, traject, partner):
    coordinator = gebruikers["coordinator"]
    toevoegen(als, coordinator, traject, partner, rol=BetrokkenheidRol.OVERDRACHT)
    overdracht = opstellen(als, coordinator, traject, partner)

    with pytest.raises(ValidationError) as fout:
        services.overdracht_delen(request=als(coordinator), overdracht=overdracht)
    assert melding(fout.value) == (
        "Niet gedeeld: er is geen geldige toestemming van de cliënt om de warme overdracht te delen met "
        "GGD Groningen — JGZ. Leg eerst de toestemming van de cliënt vast."
    )
    assert not Verstrekking.objects.exists()

    gegeven = toestemming(als, coordinator, traject, partner)
    verstrekking = services.overdracht_delen(request=als(coordinator), overdracht=overdracht)
    assert verstrekking.toestemming == gegeven
    log = Toegangslog.objects.get(gebeurtenis=Gebeurtenis.EXPORTEREN)
    assert (log.traject_id, log.uitkomst, log.object_type) == (
        traject.pk,
        Uitkomst.TOEGESTAAN,
        "ketenpartners.overdracht",
    )

    services.toestemming_intrekken(
        request=als(coordinator), toestemming=gegeven, toelichting="Wil het zelf vertellen"
    )
    with pytest.raises(ValidationError, match="geen geldige toestemming"):
        services.overdracht_delen(request=als(coordinator), overdracht=overdracht)
    assert Verstrekking.objects.count() == 1
    with pytest.raises(ValidationError, match="al ingetrokken"):
        services.toestemming_intrekken(request=als(coordinator), toestemming=gegeven)


def test_consent_for_consultation_only_does_not_allow_a_handover(gebruikers, als, traject, partner):
    coordinator = gebruikers["coordinator"]
    toevoegen(als, coordinator, traject, partner)
    toestemming(als, coordinator, traject, partner, reikwijdte=[Reikwijdte.OVERLEG])
    overdracht = opstellen(als, coordinator, traject, partner)
    with pytest.raises(ValidationError, match="warme overdracht"):
        services.overdracht_delen(request=als(coordinator), overdracht=overdracht)


def test_another_partners_consent_does_not_count(gebruikers, als, traject, partner, verre_partner):
    coordinator = gebruikers["coordinator"]
    toevoegen(als, coordinator, traject, partner)
    toevoegen(als, coordinator, traject, verre_partner, contactpersoon=None)
    toestemming(als, coordinator, traject, verre_partner)
    overdracht = opstellen(als, coordinator, traject, partner)
    with pytest.raises(ValidationError):
        services.overdracht_delen(request=als(coordinator), overdracht=overdracht)


def test_a_consent_dated_in_the_future_behind_the_forms_back_does_not_count(
    gebruikers, als, traject, partner
):
    coordinator = gebruikers["coordinator"]
    toevoegen(als, coordinator, traject, partner)
    ToestemmingFactory(traject=traject, ketenpartner=partner, gegeven_op=VANDAAG + timedelta(days=3))
    overdracht = opstellen(als, coordinator, traject, partner)
    with pytest.raises(ValidationError):
        services.overdracht_delen(request=als(coordinator), overdracht=overdracht)


def test_handover_needs_an_involved_partner_and_the_familys_wish(
    gebruikers, als, traject, partner, verre_partner
):
    coordinator = gebruikers["coordinator"]
    toevoegen(als, coordinator, traject, partner)
    with pytest.raises(ValidationError) as fout:
        opstellen(als, coordinator, traject, verre_partner, wens_gezin=" ")
    assert set(fout.value.message_dict) == {"ketenpartner", "wens_gezin"}
    assert not Overdracht.objects.exists()


@pytest.mark.parametrize("wie", ["andere_casemanager", "andere_coordinator", "toegewezen_medewerker"])
def test_others_may_not_write_or_share_a_handover(gebruikers, als, traject, partner, wie):
    ToewijzingFactory(traject=traject, medewerker=gebruikers["toegewezen_medewerker"])
    toevoegen(als, gebruikers["coordinator"], traject, partner)
    toestemming(als, gebruikers["coordinator"], traject, partner)
    with pytest.raises(PermissionDenied):
        opstellen(als, gebruikers[wie], traject, partner)
    overdracht = opstellen(als, gebruikers["coordinator"], traject, partner)
    with pytest.raises(PermissionDenied):
        services.overdracht_delen(request=als(gebruikers[wie]), overdracht=overdracht)
    assert not Verstrekking.objects.exists()


def test_the_handover_text_starts_from_the_plan(gebruikers, traject):
    plan = Ondersteuningsplan.objects.create(
        traject=traject, versie=1, vastgelegd_door=gebruikers["coordinator"]
    )
    Zorgdoel.objects.create(
        plan=plan,
        thema="huilgedrag",
        omschrijving="Moeder herkent de huilsignalen.",
        startscore=3,
        doelscore=7,
    )
    voorstel = selectors.overdracht_voorstel(traject)
    assert "Moeder herkent de huilsignalen." in voorstel["doelen"]
    assert "start 3" in voorstel["doelen"]
    assert "doel 7" in voorstel["doelen"]


def test_toestemming_vereist_is_the_gate_for_reports_too(gebruikers, traject, partner):
    BetrokkenheidFactory(traject=traject, ketenpartner=partner)
    with pytest.raises(ValidationError, match="trajectrapportages"):
        services.toestemming_vereist(traject=traject, ketenpartner=partner, reikwijdte=Reikwijdte.RAPPORTAGE)
    gegeven = ToestemmingFactory(traject=traject, ketenpartner=partner, reikwijdte=[Reikwijdte.RAPPORTAGE])
    assert (
        services.toestemming_vereist(traject=traject, ketenpartner=partner, reikwijdte=Reikwijdte.RAPPORTAGE)
        == gegeven
    )
    Toestemming.objects.filter(pk=gegeven.pk).update(
        ingetrokken_op=timezone.now(), ingetrokken_door=gebruikers["casemanager"]
    )
    with pytest.raises(ValidationError):
        services.toestemming_vereist(traject=traject, ketenpartner=partner, reikwijdte=Reikwijdte.RAPPORTAGE)


# --- the chain view ------------------------------------------------------------------------------


def test_chain_view_counts_referrals_made_and_received_and_days_to_start(
    gebruikers, als, gemeente, partner, verre_partner
):
    from tests.factories import AanmeldingFactory, TrajectFactory

    for dagen in (10, 20):
        traject = TrajectFactory(
            gezin__gemeente=gemeente,
            status="actief",
            gestart_op=VANDAAG,
            regie_casemanager=gebruikers["casemanager"],
        )
        AanmeldingFactory(
            traject=traject,
            verwijzer_organisatie=partner.organisatie,
            ontvangen_op=VANDAAG - timedelta(days=dagen),
        )
    nog_niet = TrajectFactory(gezin__gemeente=gemeente)
    AanmeldingFactory(traject=nog_niet, verwijzer_organisatie=partner.organisatie)
    BetrokkenheidFactory(traject=nog_niet, ketenpartner=verre_partner, rol=BetrokkenheidRol.OVERDRACHT)
    elders = TrajectFactory(gezin__gemeente=gebruikers["andere_casemanager"].organisatie)
    AanmeldingFactory(traject=elders, verwijzer_organisatie=partner.organisatie)

    casemanager = als(gebruikers["casemanager"]).user
    rijen = {p.pk: p for p in selectors.ketenoverzicht(fetched_by=casemanager, gemeente=gemeente)}
    assert (
        rijen[partner.pk].verwezen,
        rijen[partner.pk].ontvangen,
        rijen[partner.pk].dagen_tot_start.days,
    ) == (3, 0, 15)
    assert (
        rijen[verre_partner.pk].verwezen,
        rijen[verre_partner.pk].ontvangen,
        rijen[verre_partner.pk].bedient,
    ) == (0, 1, False)
    totaal = selectors.ketenoverzicht_totaal(gemeente=gemeente)
    assert (totaal["aanmeldingen"], totaal["via_partner"], totaal["gestart"]) == (3, 3, 2)
    assert (
        selectors.ketenoverzicht(fetched_by=als(gebruikers["andere_casemanager"]).user, gemeente=gemeente)
        == []
    )
    assert selectors.ketenoverzicht(fetched_by=als(gebruikers["coordinator"]).user, gemeente=gemeente) == []


# --- demo ----------------------------------------------------------------------------------------


def test_demo_social_map_has_every_type_and_is_idempotent(db):
    from accounts.demo import KETENPARTNERS, laad_demo_wereld

    laad_demo_wereld()
    assert laad_demo_ketenpartners(VANDAAG) > 0
    aantallen = [
        m.objects.count() for m in (Ketenpartner, Contactpersoon, Convenant, Ondertekening, Betrokkenheid)
    ]
    assert laad_demo_ketenpartners(VANDAAG) == 0
    assert [
        m.objects.count() for m in (Ketenpartner, Contactpersoon, Convenant, Ondertekening, Betrokkenheid)
    ] == aantallen

    assert set(Ketenpartner.objects.values_list("soort", flat=True)) == set(PartnerSoort.values)
    assert {naam for naam, _plaats in KETENPARTNERS} <= set(
        Ketenpartner.objects.values_list("organisatie__naam", flat=True)
    )
    assert (
        Organisatie.objects.filter(soort=OrganisatieSoort.KETENPARTNER, ketenpartner__isnull=True).count()
        == 0
    )
    partners = list(Ketenpartner.objects.prefetch_related("gemeenten"))
    assert any(p.wachttijd_verouderd(VANDAAG) for p in partners)
    assert any(not p.wachttijd_verouderd(VANDAAG) for p in partners)
    assert {g.naam for p in partners for g in p.gemeenten.all()} == {
        "Gemeente Groningen",
        "Gemeente Leeuwarden",
        "Gemeente Assen",
    }
    assert Contactpersoon.objects.exclude(skj_nummer="").exists()
    for persoon in Contactpersoon.objects.all():
        persoon.full_clean()
    for partner in partners:
        partner.full_clean()


def test_demo_links_the_demo_families_referrers(db):
    from accounts.demo import laad_demo_wereld
    from trajecten.demo import laad_demo_trajecten

    laad_demo_wereld()
    laad_demo_trajecten(VANDAAG)
    laad_demo_ketenpartners(VANDAAG)
    verwezen = Traject.objects.filter(aanmelding__verwijzer_organisatie__isnull=False).count()
    assert Betrokkenheid.objects.filter(rol=BetrokkenheidRol.VERWIJZER).count() == verwezen > 0
    laad_demo_ketenpartners(VANDAAG)
    assert Betrokkenheid.objects.filter(rol=BetrokkenheidRol.VERWIJZER).count() == verwezen


def test_a_new_coordinator_elsewhere_sees_no_partner_rows_of_families(gebruikers, als, traject, partner):
    """Reading a trajectory's chain goes through the trajectory's scope: another provider gets nothing."""
    BetrokkenheidFactory(traject=traject, ketenpartner=partner)
    nieuwe = lid(Rol.COORDINATOR, gebruikers["andere_coordinator"].organisatie, username="coord.nieuw")
    nieuwe.is_verified = lambda: True
    assert selectors.traject_voor_keten(fetched_by=nieuwe, pk=traject.pk) is None
