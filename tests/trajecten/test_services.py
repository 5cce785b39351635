"""The trajectory from referral to active, rule by rule, through the services (as the views use them)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.timezone import localdate

from core.models import Toegangslog
from indicaties.models import Indicatie, IndicatieAanvraag
from indicaties.services import standaardbudget
from tests.factories import BabyFactory, IndicatieFactory, OuderFactory, ToewijzingFactory, lid
from trajecten import indicatiebesluiten, services
from trajecten.constants import TrajectStatus
from trajecten.models import Baby, Gezin, Intake, IntakeFactor, Ouder, StatusOvergang, Toewijzing, Traject

VANDAAG = localdate()


def intake_doen(als, coordinator, traject):
    services.aanmelding_accepteren(request=als(coordinator), traject=traject, versie=traject.versie)
    traject.refresh_from_db()
    services.intake_vastleggen(
        request=als(coordinator),
        traject=traject,
        intake=Intake(
            datum=VANDAAG,
            client_visie="Ik wil het zelf leren.",
            risiconiveau="midden",
            conclusie="Steun nodig",
            componenten=["aanvullen"],
        ),
        factoren=[IntakeFactor(factor="netwerk", inschatting="risico", ernst=3)],
        versie=traject.versie,
    )
    traject.refresh_from_db()
    return traject


def aanvragen(als, coordinator, traject, **kwargs):
    velden = {
        "product": "intensief",
        "gewenste_start": VANDAAG,
        "gewenste_eind": VANDAAG + timedelta(weeks=6),
        "uren_per_week": Decimal(168),
        "toelichting": "Overbrugging tot opname moeder-kindhuis.",
    }
    velden.update(kwargs)
    aanvraag = indicatiebesluiten.indicatie_aanvragen(
        request=als(coordinator), traject=traject, aanvraag=IndicatieAanvraag(**velden), versie=traject.versie
    )
    traject.refresh_from_db()
    return aanvraag


def afgeven(als, casemanager, aanvraag, **kwargs):
    velden = {
        "beschikkingsnummer": "WMO-2026-00042",
        "product": "intensief",
        "van": VANDAAG,
        "tot": VANDAAG + timedelta(weeks=6),
        "uren_per_week": Decimal(168),
        "nachten": True,
    }
    velden.update(kwargs)
    return indicatiebesluiten.indicatie_afgeven(request=als(casemanager), aanvraag=aanvraag, **velden)


# --- referral ---------------------------------------------------------------------------------


def test_coordinator_registers_a_referral_with_encrypted_bsn(gebruikers, als):
    gezin = Gezin(
        gemeente=gebruikers["casemanager"].organisatie,
        straat="Oosterstraat",
        huisnummer="12",
        postcode="9711 NP",
        woonplaats="Groningen",
    )
    moeder = Ouder(voornaam="Amira", achternaam="Haddad", geboortedatum=date(2003, 5, 1), bsn="1112.22.333")
    baby = Baby(uitgerekende_datum=VANDAAG + timedelta(days=60))
    from tests.factories import AanmeldingFactory

    aanmelding = AanmeldingFactory.build(traject=None, ingediend_door=None)
    traject = services.aanmelding_registreren(
        request=als(gebruikers["coordinator"]), gezin=gezin, ouders=[moeder], baby=baby, aanmelding=aanmelding
    )

    assert traject.status == TrajectStatus.AANGEMELD
    assert traject.aanbieder == gebruikers["coordinator"].organisatie
    moeder = Ouder.objects.get()
    assert moeder.bsn == "111222333"
    assert moeder.bsn_gemaskeerd == "*****2333"
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT bsn FROM trajecten_ouder")
        assert "111222333" not in cursor.fetchone()[0]  # encrypted at rest
    assert moeder.bsn_hash == services.bsn_hash("111222333")
    assert Toegangslog.objects.filter(traject_id=traject.pk, gebeurtenis="aanmaken").exists()


def test_invalid_bsn_is_refused_and_nothing_is_saved(gebruikers, als):
    gezin = Gezin(
        gemeente=gebruikers["casemanager"].organisatie,
        straat="Oosterstraat",
        huisnummer="12",
        postcode="9711 NP",
        woonplaats="Groningen",
    )
    moeder = Ouder(voornaam="Amira", achternaam="Haddad", geboortedatum=date(2003, 5, 1), bsn="123456789")
    from tests.factories import AanmeldingFactory

    with pytest.raises(ValidationError) as fout:
        services.aanmelding_registreren(
            request=als(gebruikers["coordinator"]),
            gezin=gezin,
            ouders=[moeder],
            baby=Baby(uitgerekende_datum=VANDAAG),
            aanmelding=AanmeldingFactory.build(traject=None, ingediend_door=None),
        )
    assert "elfproef" in str(fout.value) or "eleven" in str(fout.value)
    assert not Gezin.objects.exists()


def test_casemanager_cannot_register_a_referral(gebruikers, als):
    with pytest.raises(PermissionDenied):
        services.aanmelding_registreren(
            request=als(gebruikers["casemanager"]), gezin=Gezin(), ouders=[], baby=Baby(), aanmelding=None
        )


def test_declining_needs_reason_and_advice_and_is_recorded(gebruikers, als, traject):
    with pytest.raises(ValidationError):
        services.aanmelding_afwijzen(
            request=als(gebruikers["coordinator"]),
            traject=traject,
            reden="",
            advies="",
            versie=traject.versie,
        )
    services.aanmelding_afwijzen(
        request=als(gebruikers["coordinator"]),
        traject=traject,
        reden="Geen kwetsbare situatie",
        advies="Reguliere kraamzorg en JGZ",
        versie=traject.versie,
    )
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.AFGEWEZEN
    assert traject.aanmelding.advies == "Reguliere kraamzorg en JGZ"
    overgang = StatusOvergang.objects.get(traject=traject)
    assert (overgang.van, overgang.naar, overgang.door, overgang.reden) == (
        "aangemeld",
        "afgewezen",
        gebruikers["coordinator"],
        "Geen kwetsbare situatie",
    )


def test_transition_not_allowed_from_current_state(gebruikers, als, traject):
    with pytest.raises(ValidationError) as fout:
        services.traject_starten(
            request=als(gebruikers["coordinator"]), traject=traject, versie=traject.versie
        )
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.AANGEMELD
    assert "indicatie" in str(fout.value).lower() or "indication" in str(fout.value).lower()


def test_stale_version_gives_a_conflict_and_changes_nothing(gebruikers, als, traject):
    oude_versie = traject.versie
    services.aanmelding_accepteren(
        request=als(gebruikers["coordinator"]), traject=traject, versie=oude_versie
    )
    with pytest.raises(services.Conflict):
        services.aanmelding_afwijzen(
            request=als(gebruikers["coordinator"]), traject=traject, reden="x", advies="y", versie=oude_versie
        )
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.INTAKE


def test_coordinator_of_another_provider_cannot_triage(gebruikers, als, traject):
    with pytest.raises(PermissionDenied):
        services.aanmelding_accepteren(
            request=als(gebruikers["andere_coordinator"]), traject=traject, versie=None
        )


def test_intake_records_factors_and_components(gebruikers, als, traject):
    traject = intake_doen(als, gebruikers["coordinator"], traject)
    intake = traject.intakes.get()
    assert intake.componenten == ["aanvullen"]
    assert intake.factoren.get().get_inschatting_display()


def test_indication_cannot_be_requested_before_intake(gebruikers, als, traject):
    services.aanmelding_accepteren(
        request=als(gebruikers["coordinator"]), traject=traject, versie=traject.versie
    )
    traject.refresh_from_db()
    with pytest.raises(ValidationError):
        aanvragen(als, gebruikers["coordinator"], traject)
    assert not IndicatieAanvraag.objects.exists()


# --- indication -------------------------------------------------------------------------------


def test_casemanager_issues_a_24_7_bridging_indication_with_the_contract_tariff(gebruikers, als, traject):
    traject = intake_doen(als, gebruikers["coordinator"], traject)
    aanvraag = aanvragen(als, gebruikers["coordinator"], traject)
    assert traject.status == TrajectStatus.INDICATIE_AANGEVRAAGD

    indicatie = afgeven(als, gebruikers["casemanager"], aanvraag)

    assert indicatie.uren_per_week == 168
    assert indicatie.uurtarief == Decimal("58.50")
    # 6 weeks × 168 h × € 58.50 plus the first day counted inclusively
    assert indicatie.budget == standaardbudget(Decimal(168), indicatie.van, indicatie.tot, Decimal("58.50"))
    aanvraag.refresh_from_db()
    assert aanvraag.status == "toegekend"


def test_casemanager_of_another_municipality_cannot_decide(gebruikers, als, traject):
    traject = intake_doen(als, gebruikers["coordinator"], traject)
    aanvraag = aanvragen(als, gebruikers["coordinator"], traject)
    with pytest.raises(PermissionDenied):
        afgeven(als, gebruikers["andere_casemanager"], aanvraag)
    assert not Indicatie.objects.exists()


@pytest.mark.parametrize(
    ("uren", "geldig"),
    [(Decimal("0"), False), (Decimal("0.25"), True), (Decimal("168"), True), (Decimal("168.01"), False)],
)
def test_hours_per_week_boundaries(gebruikers, als, traject, uren, geldig):
    traject = intake_doen(als, gebruikers["coordinator"], traject)
    aanvraag = aanvragen(als, gebruikers["coordinator"], traject, uren_per_week=Decimal(12))
    if geldig:
        assert afgeven(als, gebruikers["casemanager"], aanvraag, uren_per_week=uren).uren_per_week == uren
    else:
        with pytest.raises(ValidationError) as fout:
            afgeven(als, gebruikers["casemanager"], aanvraag, uren_per_week=uren)
        assert "uren_per_week" in fout.value.message_dict


def test_end_must_lie_after_start(gebruikers, als, traject):
    traject = intake_doen(als, gebruikers["coordinator"], traject)
    aanvraag = aanvragen(als, gebruikers["coordinator"], traject)
    with pytest.raises(ValidationError) as fout:
        afgeven(als, gebruikers["casemanager"], aanvraag, tot=VANDAAG)
    assert "tot" in fout.value.message_dict


def test_end_after_first_birthday_needs_a_motivation(gebruikers, als, traject):
    baby = traject.gezin.babys.get()
    traject = intake_doen(als, gebruikers["coordinator"], traject)
    aanvraag = aanvragen(als, gebruikers["coordinator"], traject)
    op_verjaardag = baby.eerste_verjaardag
    with pytest.raises(ValidationError) as fout:
        afgeven(als, gebruikers["casemanager"], aanvraag, tot=op_verjaardag + timedelta(days=1))
    assert "motivatie_na_eerste_verjaardag" in fout.value.message_dict
    indicatie = afgeven(
        als,
        gebruikers["casemanager"],
        aanvraag,
        tot=op_verjaardag + timedelta(days=1),
        motivatie="Wacht op plek moeder-kindhuis.",
    )
    assert indicatie.motivatie_na_eerste_verjaardag == "Wacht op plek moeder-kindhuis."


def test_end_on_the_first_birthday_itself_needs_no_motivation(gebruikers, als, traject):
    baby = traject.gezin.babys.get()
    traject = intake_doen(als, gebruikers["coordinator"], traject)
    aanvraag = aanvragen(als, gebruikers["coordinator"], traject)
    assert (
        afgeven(als, gebruikers["casemanager"], aanvraag, tot=baby.eerste_verjaardag).tot
        == baby.eerste_verjaardag
    )


def test_unborn_baby_first_birthday_is_due_date_plus_one_year(db):
    baby = BabyFactory.build(geboortedatum=None, uitgerekende_datum=date(2027, 1, 15))
    assert baby.eerste_verjaardag == date(2028, 1, 15)


def test_leap_day_baby_turns_one_on_28_february(db):
    assert BabyFactory.build(geboortedatum=date(2024, 2, 29)).eerste_verjaardag == date(2025, 2, 28)


def test_database_refuses_overlapping_indications(db):
    eerste = IndicatieFactory(van=date(2026, 1, 1), tot=date(2026, 3, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatieFactory(traject=eerste.traject, van=date(2026, 3, 31), tot=date(2026, 5, 1))
    IndicatieFactory(traject=eerste.traject, van=date(2026, 4, 1), tot=date(2026, 5, 1))  # adjacent is fine


def test_database_refuses_hours_above_168(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatieFactory(uren_per_week=Decimal("168.5"))


def test_scaling_down_makes_a_new_version_and_keeps_history(gebruikers, als, traject):
    traject = intake_doen(als, gebruikers["coordinator"], traject)
    aanvraag = aanvragen(als, gebruikers["coordinator"], traject)
    eerste = afgeven(als, gebruikers["casemanager"], aanvraag)
    per = VANDAAG + timedelta(weeks=2)

    tweede = indicatiebesluiten.indicatie_wijzigen(
        request=als(gebruikers["casemanager"]),
        indicatie=eerste,
        wijziging="afschalen",
        geldig_van=per,
        uren_per_week=Decimal(24),
        tot=eerste.tot,
    )

    eerste.refresh_from_db()
    assert eerste.tot == per - timedelta(days=1)
    assert eerste.oorspronkelijk_tot == tweede.tot
    assert (tweede.vorige, tweede.uren_per_week, tweede.uurtarief) == (eerste, Decimal(24), eerste.uurtarief)
    with pytest.raises(ValidationError):
        indicatiebesluiten.indicatie_wijzigen(
            request=als(gebruikers["casemanager"]),
            indicatie=eerste,
            wijziging="opschalen",
            geldig_van=per,
            uren_per_week=Decimal(40),
            tot=eerste.tot,
        )


def test_nights_added_to_an_indication_tell_the_coordinator_when_nobody_assigned_works_nights(
    gebruikers, als, traject
):
    from core.models import Melding
    from tests.factories import ToewijzingFactory

    traject = intake_doen(als, gebruikers["coordinator"], traject)
    eerste = afgeven(
        als,
        gebruikers["casemanager"],
        aanvragen(als, gebruikers["coordinator"], traject),
        uren_per_week=Decimal(20),
        nachten=False,
    )
    medewerker = gebruikers["toegewezen_medewerker"]
    medewerker.medewerkerprofiel.nachtbeschikbaar = False
    medewerker.medewerkerprofiel.save()
    ToewijzingFactory(traject=traject, medewerker=medewerker, van=eerste.van)

    indicatiebesluiten.indicatie_wijzigen(
        request=als(gebruikers["casemanager"]),
        indicatie=eerste,
        wijziging="opschalen",
        geldig_van=VANDAAG + timedelta(days=7),
        uren_per_week=Decimal(30),
        tot=eerste.tot,
        nachten=True,
    )
    melding = Melding.objects.get()
    assert melding.gebruiker == gebruikers["coordinator"]
    assert traject.nummer in melding.tekst
    assert "nachten" in melding.tekst
    assert melding.url.endswith("?tab=team")

    # With a night-available colleague on the team, nothing needs doing.
    Melding.objects.all().delete()
    medewerker.medewerkerprofiel.nachtbeschikbaar = True
    medewerker.medewerkerprofiel.save()
    tweede = traject.indicaties.get(volgende__isnull=True)
    tweede.nachten = False
    tweede.save()
    indicatiebesluiten.indicatie_wijzigen(
        request=als(gebruikers["casemanager"]),
        indicatie=tweede,
        wijziging="opschalen",
        geldig_van=VANDAAG + timedelta(days=14),
        uren_per_week=Decimal(40),
        tot=tweede.tot,
        nachten=True,
    )
    assert not Melding.objects.exists()


def test_scaling_up_requires_more_hours(gebruikers, als, traject):
    traject = intake_doen(als, gebruikers["coordinator"], traject)
    eerste = afgeven(
        als,
        gebruikers["casemanager"],
        aanvragen(als, gebruikers["coordinator"], traject),
        uren_per_week=Decimal(20),
    )
    with pytest.raises(ValidationError) as fout:
        indicatiebesluiten.indicatie_wijzigen(
            request=als(gebruikers["casemanager"]),
            indicatie=eerste,
            wijziging="opschalen",
            geldig_van=VANDAAG + timedelta(days=7),
            uren_per_week=Decimal(16),
            tot=eerste.tot,
        )
    assert "uren_per_week" in fout.value.message_dict


def test_ending_is_explicit_with_a_reason(gebruikers, als, traject):
    traject = intake_doen(als, gebruikers["coordinator"], traject)
    indicatie = afgeven(als, gebruikers["casemanager"], aanvragen(als, gebruikers["coordinator"], traject))
    einde = VANDAAG + timedelta(days=10)
    indicatiebesluiten.indicatie_beeindigen(
        request=als(gebruikers["casemanager"]), indicatie=indicatie, op=einde, reden="Opname moeder-kindhuis"
    )
    indicatie.refresh_from_db()
    assert (indicatie.tot, indicatie.beeindigd_op, indicatie.beeindigingsreden) == (
        einde,
        einde,
        "Opname moeder-kindhuis",
    )


def test_declined_request_sends_the_trajectory_back_to_intake(gebruikers, als, traject):
    traject = intake_doen(als, gebruikers["coordinator"], traject)
    aanvraag = aanvragen(als, gebruikers["coordinator"], traject)
    indicatiebesluiten.indicatie_afwijzen(
        request=als(gebruikers["casemanager"]), aanvraag=aanvraag, reden="Eerst VoorZorg proberen"
    )
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.INTAKE


def test_no_contract_no_indication(gebruikers, als, traject):
    traject = intake_doen(als, gebruikers["coordinator"], traject)
    aanvraag = aanvragen(als, gebruikers["coordinator"], traject)
    from indicaties.models import Contract

    Contract.objects.all().delete()
    with pytest.raises(ValidationError) as fout:
        afgeven(als, gebruikers["casemanager"], aanvraag)
    assert "contract" in str(fout.value).lower()


# --- regie, assignment, start -------------------------------------------------------------------


def test_regie_must_be_a_casemanager_of_the_municipality(gebruikers, als, traject):
    with pytest.raises(ValidationError):
        services.regie_vastleggen(
            request=als(gebruikers["casemanager"]),
            traject=traject,
            casemanager=gebruikers["andere_casemanager"],
            versie=None,
        )
    with pytest.raises(ValidationError):
        services.regie_vastleggen(
            request=als(gebruikers["casemanager"]),
            traject=traject,
            naam="J. de Groot",
            skj="",
            organisatie=None,
            versie=None,
        )
    services.regie_vastleggen(
        request=als(gebruikers["casemanager"]),
        traject=traject,
        casemanager=gebruikers["casemanager"],
        versie=None,
    )
    traject.refresh_from_db()
    assert traject.heeft_regie


def test_database_refuses_an_active_trajectory_without_regie(traject):
    with pytest.raises(IntegrityError), transaction.atomic():
        Traject.objects.filter(pk=traject.pk).update(status=TrajectStatus.ACTIEF)


def test_database_refuses_a_second_first_contact(traject, gebruikers):
    ToewijzingFactory(traject=traject, medewerker=gebruikers["medewerker"], eerste_aanspreekpunt=True)
    tweede = lid("medewerker", gebruikers["coordinator"].organisatie, username="mw2")
    with pytest.raises(IntegrityError), transaction.atomic():
        ToewijzingFactory(
            traject=traject, medewerker=tweede, eerste_aanspreekpunt=True, van=VANDAAG + timedelta(days=3)
        )
    # After the first one ends, a new first contact may start.
    Toewijzing.objects.filter(traject=traject).update(tot=VANDAAG + timedelta(days=2))
    ToewijzingFactory(
        traject=traject, medewerker=tweede, eerste_aanspreekpunt=True, van=VANDAAG + timedelta(days=3)
    )


def test_full_path_to_active_and_the_assigned_medewerker_sees_it(gebruikers, als, traject):
    from core import policy

    coordinator, casemanager = gebruikers["coordinator"], gebruikers["casemanager"]
    traject = intake_doen(als, coordinator, traject)
    afgeven(als, casemanager, aanvragen(als, coordinator, traject))
    services.regie_vastleggen(request=als(casemanager), traject=traject, casemanager=casemanager, versie=None)
    sanne = gebruikers["medewerker"]
    sanne.medewerkerprofiel.nachtbeschikbaar = True
    sanne.medewerkerprofiel.save()
    tweede = lid("medewerker", coordinator.organisatie, username="hilde")
    tweede.medewerkerprofiel.nachtbeschikbaar = True
    tweede.medewerkerprofiel.save()
    services.toewijzing_maken(
        request=als(coordinator),
        traject=traject,
        medewerker=sanne,
        van=VANDAAG,
        eerste_aanspreekpunt=True,
        versie=None,
    )
    services.toewijzing_maken(
        request=als(coordinator), traject=traject, medewerker=tweede, van=VANDAAG, versie=None
    )
    derde = lid("medewerker", coordinator.organisatie, username="derde")
    derde.medewerkerprofiel.nachtbeschikbaar = True
    derde.medewerkerprofiel.save()
    with pytest.raises(ValidationError) as fout:
        services.toewijzing_maken(
            request=als(coordinator),
            traject=traject,
            medewerker=derde,
            van=VANDAAG,
            eerste_aanspreekpunt=True,
            versie=None,
        )
    assert "eerste aanspreekpunt" in str(fout.value).lower() or "first contact" in str(fout.value).lower()

    traject.refresh_from_db()
    services.traject_starten(request=als(coordinator), traject=traject, versie=traject.versie)
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.ACTIEF
    assert traject.gestart_op == VANDAAG
    assert [o.naar for o in traject.overgangen.all()] == ["intake", "indicatie_aangevraagd", "actief"]

    assert policy.may(als(sanne).user, policy.TRAJECT_BEKIJKEN, traject)
    onbekende = lid("medewerker", coordinator.organisatie, username="niet.toegewezen")
    assert not policy.may(als(onbekende).user, policy.TRAJECT_BEKIJKEN, traject)
    assert list(policy.zichtbaar(als(sanne).user, Traject.objects.all())) == [traject]

    # Ending the assignment removes access.
    toewijzing = traject.toewijzingen.get(medewerker=tweede)
    services.toewijzing_beeindigen(
        request=als(coordinator), toewijzing=toewijzing, tot=VANDAAG - timedelta(days=0), versie=None
    )
    Toewijzing.objects.filter(pk=toewijzing.pk).update(
        tot=VANDAAG - timedelta(days=1), van=VANDAAG - timedelta(days=1)
    )
    tweede = type(tweede).objects.get(pk=tweede.pk)
    assert not policy.may(als(tweede).user, policy.TRAJECT_BEKIJKEN, traject)


def test_unqualified_medewerker_cannot_be_assigned(gebruikers, als, traject):
    marieke = lid("medewerker", gebruikers["coordinator"].organisatie, username="marieke")
    marieke.medewerkerprofiel.kckz_geldig_tot = VANDAAG - timedelta(days=1)
    marieke.medewerkerprofiel.save()
    with pytest.raises(ValidationError) as fout:
        services.toewijzing_maken(
            request=als(gebruikers["coordinator"]),
            traject=traject,
            medewerker=marieke,
            van=VANDAAG,
            versie=None,
        )
    assert "KCKZ" in str(fout.value)
    assert not Toewijzing.objects.exists()


def test_parent_factory_is_valid(db):
    assert OuderFactory().bsn


def test_the_database_refuses_a_family_or_trajectory_pointing_at_the_wrong_kind_of_organisation(db):
    from tests.factories import GezinFactory, OrganisatieFactory, TrajectFactory

    aanbieder = OrganisatieFactory(zorgaanbieder=True)
    gemeente = OrganisatieFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        GezinFactory(gemeente=aanbieder)
    with pytest.raises(IntegrityError), transaction.atomic():
        TrajectFactory(aanbieder=gemeente, gezinsleden=False)
    traject = TrajectFactory(gezin__gemeente=gemeente, aanbieder=aanbieder, gezinsleden=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        type(traject).objects.filter(pk=traject.pk).update(aanbieder=gemeente)
    from tests.factories import ContractFactory

    with pytest.raises(IntegrityError), transaction.atomic():
        ContractFactory(gemeente=aanbieder, aanbieder=aanbieder)
    # Nor can an organisation in use change its kind underneath them.
    with pytest.raises(IntegrityError), transaction.atomic():
        type(gemeente).objects.filter(pk=gemeente.pk).update(soort="zorgaanbieder")


def test_the_model_refuses_a_bsn_that_fails_the_eleven_test(db):
    from tests.factories import OuderFactory as Ouders

    ouder = Ouders.build(bsn="123456789")
    with pytest.raises(ValidationError) as fout:
        ouder.full_clean(exclude=["gezin"])
    assert [e.code for e in fout.value.error_dict["bsn"]] == ["elfproef"]
    ouder.bsn = "123456782"
    ouder.full_clean(exclude=["gezin"])


def test_a_chain_partners_regievoerder_must_be_an_skj_professional_on_the_social_map(
    traject, gebruikers, als
):
    from tests.ketenpartners.factories import ContactpersoonFactory, KetenpartnerFactory

    partner = KetenpartnerFactory(gemeenten=[traject.gezin.gemeente])
    ContactpersoonFactory(ketenpartner=partner, naam="Gerda Smit", skj=True, skj_nummer="7654321")
    ContactpersoonFactory(
        ketenpartner=partner,
        naam="Oud Lid",
        skj=True,
        skj_nummer="1112223",
        skj_geldig_tot=VANDAAG - timedelta(days=1),
    )

    def vastleggen(skj):
        return services.regie_vastleggen(
            request=als(gebruikers["coordinator"]),
            traject=traject,
            naam="Gerda Smit",
            skj=skj,
            organisatie=partner.organisatie,
            versie=None,
        )

    for onbekend in ("9999999", "1112223"):  # not on the map; registration expired
        with pytest.raises(ValidationError) as fout:
            vastleggen(onbekend)
        assert "sociale kaart" in str(fout.value.message_dict["skj"])
    traject.refresh_from_db()
    assert not traject.heeft_regie
    vastleggen("7654321")
    traject.refresh_from_db()
    assert (traject.regie_naam, traject.regie_skj, traject.regie_organisatie) == (
        "Gerda Smit",
        "7654321",
        partner.organisatie,
    )
