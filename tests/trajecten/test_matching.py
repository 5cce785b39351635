"""Matching (DESIGN §3 step 6): the hard rules at their boundaries, the ranking and its reasons."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import localdate

from accounts.constants import Expertise, Rol, Taal
from tests.factories import AanmeldingFactory, IndicatieFactory, ToewijzingFactory, TrajectFactory, lid
from trajecten import matching
from trajecten.constants import Kwetsbaarheid
from trajecten.models import Traject

pytestmark = pytest.mark.django_db

OP = date(2026, 3, 16)
VANDAAG = localdate()


def aanpassen(user, **velden):
    profiel = user.medewerkerprofiel
    for naam, waarde in velden.items():
        setattr(profiel, naam, waarde)
    profiel.save()
    return profiel


@pytest.fixture
def traject(aanbieder, gemeente):
    return TrajectFactory(aanbieder=aanbieder, gezin__gemeente=gemeente)


@pytest.fixture
def profiel(aanbieder):
    """A fully qualified medewerker of the trajectory's provider, with dates relative to OP."""
    return aanpassen(
        lid(Rol.MEDEWERKER, aanbieder, username="mw.regels"),
        kckz_geldig_tot=OP + relativedelta(years=1),
        vog_datum=OP - relativedelta(months=6),
        basistraining_datum=OP - relativedelta(months=3),
        jaren_ervaring=5,
        nachtbeschikbaar=False,
    )


def bezwaren(profiel, traject, **opties):
    opties = {
        "op": OP,
        "nachten_nodig": False,
        "als_eerste_aanspreekpunt": True,
        "heeft_getrainde_eerste_aanspreekpunt": False,
    } | opties
    return matching.bezwaren(profiel, traject=traject, **opties)


# --- Hard rules ---


def test_a_fully_qualified_medewerker_has_no_objections(profiel, traject):
    assert bezwaren(profiel, traject) == []


def test_kckz_registration_is_valid_through_its_last_day(profiel, traject):
    profiel.kckz_geldig_tot = OP
    assert bezwaren(profiel, traject) == []

    profiel.kckz_geldig_tot = OP - timedelta(days=1)
    [bezwaar] = bezwaren(profiel, traject)
    assert "KCKZ" in bezwaar


def test_kckz_registration_missing(profiel, traject):
    profiel.kckz_nummer = ""
    [bezwaar] = bezwaren(profiel, traject)
    assert "KCKZ" in bezwaar


def test_vog_exactly_at_the_providers_limit_is_accepted_one_day_over_is_not(profiel, traject):
    traject.aanbieder.vog_max_maanden = 12
    traject.aanbieder.save()
    profiel.vog_datum = OP - relativedelta(months=12)
    assert bezwaren(profiel, traject) == []

    profiel.vog_datum = OP - relativedelta(months=12) - timedelta(days=1)
    [bezwaar] = bezwaren(profiel, traject)
    assert "VOG" in bezwaar
    assert "12" in bezwaar


def test_vog_limit_defaults_to_36_months(profiel, traject):
    traject.aanbieder.vog_max_maanden = None
    traject.aanbieder.save()
    profiel.vog_datum = OP - relativedelta(months=36)
    assert bezwaren(profiel, traject) == []

    profiel.vog_datum = OP - relativedelta(months=36) - timedelta(days=1)
    [bezwaar] = bezwaren(profiel, traject)
    assert "VOG" in bezwaar
    assert "36" in bezwaar


def test_vog_missing(profiel, traject):
    profiel.vog_datum = None
    [bezwaar] = bezwaren(profiel, traject)
    assert "VOG" in bezwaar


def test_two_years_experience_is_enough_one_is_not(profiel, traject):
    profiel.jaren_ervaring = 2
    assert bezwaren(profiel, traject) == []

    profiel.jaren_ervaring = 1
    [bezwaar] = bezwaren(profiel, traject)
    assert "1" in bezwaar
    assert "2" in bezwaar


def test_nights_needed_require_night_availability(profiel, traject):
    assert len(bezwaren(profiel, traject, nachten_nodig=True)) == 1
    assert bezwaren(profiel, traject, nachten_nodig=False) == []

    profiel.nachtbeschikbaar = True
    assert bezwaren(profiel, traject, nachten_nodig=True) == []


def test_without_basic_training_she_cannot_be_first_contact(profiel, traject):
    profiel.basistraining_datum = None
    assert len(bezwaren(profiel, traject, als_eerste_aanspreekpunt=True)) == 1
    # Not even when another trained colleague is around: she herself would be the first contact.
    assert (
        len(
            bezwaren(
                profiel, traject, als_eerste_aanspreekpunt=True, heeft_getrainde_eerste_aanspreekpunt=True
            )
        )
        == 1
    )


def test_without_basic_training_only_alongside_a_trained_first_contact(profiel, traject):
    profiel.basistraining_datum = None
    assert (
        bezwaren(profiel, traject, als_eerste_aanspreekpunt=False, heeft_getrainde_eerste_aanspreekpunt=True)
        == []
    )
    assert (
        len(
            bezwaren(
                profiel, traject, als_eerste_aanspreekpunt=False, heeft_getrainde_eerste_aanspreekpunt=False
            )
        )
        == 1
    )


def test_trained_medewerker_may_be_first_contact_or_join(profiel, traject):
    assert bezwaren(profiel, traject, als_eerste_aanspreekpunt=True) == []
    assert (
        bezwaren(profiel, traject, als_eerste_aanspreekpunt=False, heeft_getrainde_eerste_aanspreekpunt=False)
        == []
    )


def test_medewerker_of_another_provider_is_refused(andere_aanbieder, traject):
    vreemde = lid(Rol.MEDEWERKER, andere_aanbieder, username="mw.wadden").medewerkerprofiel
    [bezwaar] = bezwaren(vreemde, traject, op=VANDAAG)
    assert bezwaar


def test_every_violated_rule_is_one_sentence(profiel, traject):
    profiel.kckz_geldig_tot = OP - timedelta(days=1)
    profiel.vog_datum = OP - relativedelta(years=5)
    profiel.jaren_ervaring = 0
    profiel.basistraining_datum = None
    resultaat = bezwaren(profiel, traject, nachten_nodig=True)
    assert len(resultaat) == 5
    assert all(zin.endswith(".") for zin in resultaat)


# --- Candidates and ranking (op = today, the factories' dates are relative to today) ---


def per_naam(resultaat):
    return {k.user.username: k for k in resultaat}


def test_candidates_are_the_providers_active_medewerkers_not_yet_assigned(
    aanbieder, andere_aanbieder, traject
):
    vrij = lid(Rol.MEDEWERKER, aanbieder, username="vrij")
    al_erop = lid(Rol.MEDEWERKER, aanbieder, username="al.erop")
    was_erop = lid(Rol.MEDEWERKER, aanbieder, username="was.erop")
    uit_dienst = lid(Rol.MEDEWERKER, aanbieder, username="uit.dienst")
    uit_dienst.is_active = False
    uit_dienst.save()
    lid(Rol.COORDINATOR, aanbieder, username="coord")
    lid(Rol.MEDEWERKER, andere_aanbieder, username="elders")
    ToewijzingFactory(traject=traject, medewerker=al_erop, eerste_aanspreekpunt=True)
    ToewijzingFactory(
        traject=traject,
        medewerker=was_erop,
        van=VANDAAG - timedelta(days=10),
        tot=VANDAAG - timedelta(days=1),
    )

    resultaat = matching.kandidaten(traject, op=VANDAAG, nachten_nodig=False)

    assert {k.user for k in resultaat} == {vrij, was_erop}
    assert all(k.toewijsbaar for k in resultaat)


def test_continuity_beats_language(aanbieder, traject):
    traject.gezin.taal = Taal.ARABISCH
    traject.gezin.save()
    spreekt_arabisch = lid(Rol.MEDEWERKER, aanbieder, username="arabisch")
    aanpassen(spreekt_arabisch, talen=[Taal.NEDERLANDS, Taal.ARABISCH])
    kraamweek = lid(Rol.MEDEWERKER, aanbieder, username="kraamweek")
    traject.kraamweek_medewerker = kraamweek
    traject.save()

    eerste, tweede = matching.kandidaten(traject, op=VANDAAG, nachten_nodig=False)

    assert eerste.user == kraamweek
    assert tweede.user == spreekt_arabisch
    assert eerste.score - tweede.score == matching.GEWICHT_CONTINUITEIT - matching.GEWICHT_TAAL
    assert str(Taal.ARABISCH.label) in " ".join(tweede.redenen)
    assert len(eerste.redenen) == len(tweede.redenen)


def test_an_unqualified_candidate_ranks_below_every_qualified_one(aanbieder, traject):
    AanmeldingFactory(traject=traject, kwetsbaarheden=[Kwetsbaarheid.PSYCHIATRIE, Kwetsbaarheid.VERSLAVING])
    beste_papieren_verlopen = lid(Rol.MEDEWERKER, aanbieder, username="a.verlopen")
    aanpassen(
        beste_papieren_verlopen,
        kckz_geldig_tot=VANDAAG - timedelta(days=1),
        expertises=[Expertise.PSYCHIATRIE, Expertise.VERSLAVING],
    )
    traject.kraamweek_medewerker = beste_papieren_verlopen
    traject.save()
    gewoon = lid(Rol.MEDEWERKER, aanbieder, username="b.gewoon")
    zonder_uren = lid(Rol.MEDEWERKER, aanbieder, username="c.zonder.uren")
    aanpassen(zonder_uren, contracturen_per_week=0, regio="Assen")

    resultaat = matching.kandidaten(traject, op=VANDAAG, nachten_nodig=False)

    assert [k.user for k in resultaat] == [gewoon, zonder_uren, beste_papieren_verlopen]
    verlopen = resultaat[-1]
    assert not verlopen.toewijsbaar
    assert len(verlopen.bezwaren) == 1
    assert all(verlopen.score > k.score for k in resultaat[:-1])


def test_reasons_name_the_matching_expertise_and_at_most_two_count(aanbieder, traject):
    kwetsbaarheden = [
        Kwetsbaarheid.PSYCHIATRIE,
        Kwetsbaarheid.VERSLAVING,
        Kwetsbaarheid.LVB,
        Kwetsbaarheid.DAKLOOS,
    ]
    AanmeldingFactory(traject=traject, kwetsbaarheden=kwetsbaarheden)
    specialist = lid(Rol.MEDEWERKER, aanbieder, username="specialist")
    aanpassen(specialist, expertises=[Expertise.PSYCHIATRIE, Expertise.VERSLAVING, Expertise.LVB])
    lid(Rol.MEDEWERKER, aanbieder, username="generalist")  # expertise: excessive crying only

    specialist_k, generalist_k = matching.kandidaten(traject, op=VANDAAG, nachten_nodig=False)

    assert specialist_k.user == specialist
    assert (
        specialist_k.score - generalist_k.score
        == matching.GEWICHT_EXPERTISE * matching.MAX_EXPERTISE_TREFFERS
    )
    for expertise, kwetsbaarheid in [
        (Expertise.PSYCHIATRIE, Kwetsbaarheid.PSYCHIATRIE),
        (Expertise.VERSLAVING, Kwetsbaarheid.VERSLAVING),
        (Expertise.LVB, Kwetsbaarheid.LVB),
    ]:
        [reden] = [
            r for r in specialist_k.redenen if str(kwetsbaarheid.label) in r and str(expertise.label) in r
        ]
        assert reden.endswith(".")
    assert not any(str(Expertise.HUILBABY.label) in r for r in generalist_k.redenen)
    assert len(specialist_k.redenen) == len(generalist_k.redenen) + 3


def test_region_matches_the_place_of_residence_case_insensitively(aanbieder, traject):
    traject.gezin.woonplaats = "Groningen"
    traject.gezin.save()
    stad = lid(Rol.MEDEWERKER, aanbieder, username="stad")
    aanpassen(stad, regio="GRONINGEN")
    ommeland = lid(Rol.MEDEWERKER, aanbieder, username="ommeland")
    aanpassen(ommeland, regio="Delfzijl")

    eerste, tweede = matching.kandidaten(traject, op=VANDAAG, nachten_nodig=False)

    assert eerste.user == stad
    assert eerste.score - tweede.score == matching.GEWICHT_REGIO
    assert any("GRONINGEN" in r for r in eerste.redenen)


def test_nights_count_only_when_needed(aanbieder, traject):
    nachtdienst = lid(Rol.MEDEWERKER, aanbieder, username="nacht")
    aanpassen(nachtdienst, nachtbeschikbaar=True)
    overdag = lid(Rol.MEDEWERKER, aanbieder, username="dag")

    zonder = per_naam(matching.kandidaten(traject, op=VANDAAG, nachten_nodig=False))
    assert zonder["nacht"].score == zonder["dag"].score
    assert zonder["dag"].toewijsbaar

    met = matching.kandidaten(traject, op=VANDAAG, nachten_nodig=True)
    assert [k.user for k in met] == [nachtdienst, overdag]
    assert met[0].score - met[1].score == matching.GEWICHT_NACHT
    assert not met[1].toewijsbaar


def test_free_capacity_decreases_with_current_assignments(aanbieder, gemeente, traject):
    medewerker = lid(Rol.MEDEWERKER, aanbieder, username="druk")
    aanpassen(medewerker, contracturen_per_week=24)
    collega = lid(Rol.MEDEWERKER, aanbieder, username="collega")

    def vrij():
        kandidaat = per_naam(matching.kandidaten(traject, op=VANDAAG, nachten_nodig=False))["druk"]
        return kandidaat.vrije_uren, kandidaat.score

    uren_0, score_0 = vrij()
    assert uren_0 == 24

    # Alone on a trajectory with 12 hours a week.
    eerste = TrajectFactory(aanbieder=aanbieder, gezin__gemeente=gemeente)
    IndicatieFactory(traject=eerste, uren_per_week=Decimal("12"))
    ToewijzingFactory(traject=eerste, medewerker=medewerker, eerste_aanspreekpunt=True)
    uren_1, score_1 = vrij()
    assert uren_1 == 12

    # Sharing 16 hours a week with a colleague: half of it is hers.
    tweede = TrajectFactory(aanbieder=aanbieder, gezin__gemeente=gemeente)
    IndicatieFactory(traject=tweede, uren_per_week=Decimal("16"))
    ToewijzingFactory(traject=tweede, medewerker=medewerker, eerste_aanspreekpunt=True)
    ToewijzingFactory(traject=tweede, medewerker=collega)
    uren_2, score_2 = vrij()
    assert uren_2 == 4

    # A trajectory without a current indication, and an ended assignment, take no hours.
    zonder_indicatie = TrajectFactory(aanbieder=aanbieder, gezin__gemeente=gemeente)
    ToewijzingFactory(traject=zonder_indicatie, medewerker=medewerker)
    afgelopen = TrajectFactory(aanbieder=aanbieder, gezin__gemeente=gemeente)
    IndicatieFactory(traject=afgelopen, uren_per_week=Decimal("8"))
    ToewijzingFactory(
        traject=afgelopen,
        medewerker=medewerker,
        van=VANDAAG - timedelta(days=30),
        tot=VANDAAG - timedelta(days=1),
    )
    assert vrij() == (uren_2, score_2)

    assert score_0 > score_1 > score_2
    assert score_0 - score_1 == matching.GEWICHT_CAPACITEIT_MAX - 12
    assert score_1 - score_2 == 12 - 4


def test_fully_booked_medewerker_gets_no_capacity_points(aanbieder, gemeente, traject):
    medewerker = lid(Rol.MEDEWERKER, aanbieder, username="vol")
    aanpassen(medewerker, contracturen_per_week=8)
    lid(Rol.MEDEWERKER, aanbieder, username="leeg")
    ander = TrajectFactory(aanbieder=aanbieder, gezin__gemeente=gemeente)
    IndicatieFactory(traject=ander, uren_per_week=Decimal("10"))
    ToewijzingFactory(traject=ander, medewerker=medewerker, eerste_aanspreekpunt=True)

    kandidaten = per_naam(matching.kandidaten(traject, op=VANDAAG, nachten_nodig=False))

    assert kandidaten["vol"].vrije_uren == -2
    assert kandidaten["leeg"].score - kandidaten["vol"].score == matching.GEWICHT_CAPACITEIT_MAX
    assert kandidaten["vol"].toewijsbaar


def test_first_contact_rule_follows_the_trajectory(aanbieder, traject):
    ongetraind = lid(Rol.MEDEWERKER, aanbieder, username="ongetraind")
    aanpassen(ongetraind, basistraining_datum=None)

    [kandidaat] = matching.kandidaten(traject, op=VANDAAG, nachten_nodig=False)
    assert not kandidaat.toewijsbaar  # she would be the first contact

    getraind = lid(Rol.MEDEWERKER, aanbieder, username="getraind")
    ToewijzingFactory(traject=traject, medewerker=getraind, eerste_aanspreekpunt=True)
    [kandidaat] = matching.kandidaten(traject, op=VANDAAG, nachten_nodig=False)
    assert kandidaat.user == ongetraind
    assert kandidaat.toewijsbaar


def test_medewerker_without_profile_is_shown_with_objections(aanbieder, traject):
    zonder = lid(Rol.MEDEWERKER, aanbieder, username="zonder.profiel")
    zonder.medewerkerprofiel.delete()

    [kandidaat] = matching.kandidaten(traject, op=VANDAAG, nachten_nodig=False)

    assert kandidaat.user == zonder
    assert not kandidaat.toewijsbaar


def test_ties_are_ordered_by_name(aanbieder, traject):
    lid(Rol.MEDEWERKER, aanbieder, username="z", first_name="Anna", last_name="Zwart")
    lid(Rol.MEDEWERKER, aanbieder, username="a", first_name="Bea", last_name="Aalders")

    namen = [k.naam for k in matching.kandidaten(traject, op=VANDAAG, nachten_nodig=False)]

    assert namen == ["Anna Zwart", "Bea Aalders"]


# --- Performance ---


def opzet(aanbieder, gemeente, aantal, prefix):
    """A trajectory with a first contact, and ``aantal`` candidates who each work elsewhere already."""
    traject = TrajectFactory(aanbieder=aanbieder, gezin__gemeente=gemeente)
    AanmeldingFactory(traject=traject, kwetsbaarheden=[Kwetsbaarheid.HUILBABY, Kwetsbaarheid.LVB])
    IndicatieFactory(traject=traject)
    ToewijzingFactory(
        traject=traject,
        medewerker=lid(Rol.MEDEWERKER, aanbieder, username=f"{prefix}.eerste"),
        eerste_aanspreekpunt=True,
    )
    for n in range(aantal):
        medewerker = lid(Rol.MEDEWERKER, aanbieder, username=f"{prefix}.{n}")
        elders = TrajectFactory(aanbieder=aanbieder, gezin__gemeente=gemeente)
        IndicatieFactory(traject=elders)
        ToewijzingFactory(traject=elders, medewerker=medewerker, eerste_aanspreekpunt=True)
    return traject.pk


def test_query_count_does_not_grow_with_the_number_of_medewerkers(aanbieder, andere_aanbieder, gemeente):
    een = opzet(aanbieder, gemeente, 1, "een")
    vier = opzet(andere_aanbieder, gemeente, 4, "vier")

    with CaptureQueriesContext(connection) as bij_een:
        assert len(matching.kandidaten(Traject.objects.get(pk=een), op=VANDAAG, nachten_nodig=True)) == 1
    with CaptureQueriesContext(connection) as bij_vier:
        assert len(matching.kandidaten(Traject.objects.get(pk=vier), op=VANDAAG, nachten_nodig=True)) == 4

    assert len(bij_een.captured_queries) == len(bij_vier.captured_queries)


def test_a_candidate_who_cannot_be_assigned_is_said_so_in_words_not_only_by_colour(
    client, login, gebruikers, aanbieder, traject
):
    from django.urls import reverse

    zonder = lid(Rol.MEDEWERKER, aanbieder, username="zonder.profiel2")
    zonder.medewerkerprofiel.delete()
    login(client, gebruikers["coordinator"])

    html = client.get(reverse("trajecten:team", args=[traject.pk])).content.decode()

    kaart = html.split(zonder.get_full_name())[1].split("</li>")[0]
    assert 'app-badge--geweigerd">Kan niet worden toegewezen<' in kaart


def test_a_candidate_lacking_only_the_basic_training_is_shown_as_not_first_contact(
    client, login, gebruikers, aanbieder, traject
):
    from django.urls import reverse

    mw = lid(Rol.MEDEWERKER, aanbieder, username="mw.zonder.training")
    aanpassen(mw, kckz_geldig_tot=VANDAAG + relativedelta(years=1), vog_datum=VANDAAG - relativedelta(months=3),
              basistraining_datum=None, jaren_ervaring=5)  # fmt: skip
    login(client, gebruikers["coordinator"])

    html = client.get(reverse("trajecten:team", args=[traject.pk])).content.decode()

    kaart = html.split(mw.get_full_name())[1].split("</li>")[0]
    assert ">Niet als eerste aanspreekpunt<" in kaart
    assert "Kan niet worden toegewezen" not in kaart
