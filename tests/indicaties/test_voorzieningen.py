"""Voorliggende voorzieningen check: programmes and criteria are data, checked generically per family."""

import importlib
from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from django.apps import apps as django_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import localdate

from core.constants import Gebeurtenis, Uitkomst
from core.models import Toegangslog
from indicaties.constants import Feit, Kostensoort, Operator
from indicaties.models import Criterium, Voorziening
from tests.factories import AanmeldingFactory, BabyFactory, GezinFactory, OuderFactory, TrajectFactory
from trajecten.voorzieningen import Beoordeling, Oordeel, beoordeel, feiten_van, voorzieningen_check

PROGRAMMAS = ["Kraamzorg", "BabythuisZorg", "VoorZorg", "Stevig Ouderschap", "Ambulante begeleiding"]
seed = importlib.import_module("indicaties.migrations.0003_voorzieningen_seed")


@pytest.fixture
def voorzieningen(db):
    """The rows of seed 001 (a flushing browser test may have removed the migration's data)."""
    if not Voorziening.objects.filter(naam__in=PROGRAMMAS).exists():
        seed.zaai_voorzieningen(django_apps, None)
    return {v.naam: v for v in Voorziening.objects.filter(naam__in=PROGRAMMAS)}


def url(traject):
    return reverse("indicaties:voorzieningen", kwargs={"traject_pk": traject.pk})


def criterium(feit, operator, waarde):
    return Criterium(omschrijving="test", feit=feit, operator=operator, waarde=waarde)


def uitkomsten(resultaat):
    return {regel.criterium.feit: regel.uitkomst for regel in resultaat.criteria}


def resultaat_van(traject, naam, op=None):
    return next(r for r in voorzieningen_check(traject, op or localdate()) if r.voorziening.naam == naam)


def jonge_moeder_zwanger(weken_zwanger=20, leeftijd=19, opleiding="vmbo_b", **gezin):
    """A young first-time mother, pregnant, referred with vulnerabilities."""
    vandaag = localdate()
    traject = TrajectFactory(gezinsleden=False, gezin__eerste_kind=True, gezin__taal="nl", **gezin)
    OuderFactory(
        gezin=traject.gezin,
        geboortedatum=vandaag - relativedelta(years=leeftijd, days=10),
        opleidingsniveau=opleiding,
    )
    BabyFactory(
        gezin=traject.gezin,
        verwacht=True,
        uitgerekende_datum=vandaag + relativedelta(weeks=40 - weken_zwanger),
    )
    AanmeldingFactory(traject=traject, kwetsbaarheden=["tienerzwangerschap", "geen_netwerk"])
    return traject


# --- The generic comparison ---


@pytest.mark.parametrize(
    ("feit", "operator", "waarde", "familie", "verwacht"),
    [
        (Feit.EERSTE_KIND, Operator.GELIJK, "ja", "ja", Beoordeling.VOLDAAN),
        (Feit.EERSTE_KIND, Operator.GELIJK, "ja", "nee", Beoordeling.NIET_VOLDAAN),
        (Feit.EERSTE_KIND, Operator.GELIJK, "nee", "nee", Beoordeling.VOLDAAN),
        (Feit.ZWANGERSCHAPSDUUR_WEKEN, Operator.MAXIMAAL, "28", 28, Beoordeling.VOLDAAN),
        (Feit.ZWANGERSCHAPSDUUR_WEKEN, Operator.MAXIMAAL, "28", 29, Beoordeling.NIET_VOLDAAN),
        (Feit.LEEFTIJD_MOEDER, Operator.MAXIMAAL, "25", 25, Beoordeling.VOLDAAN),
        (Feit.LEEFTIJD_MOEDER, Operator.MAXIMAAL, "25", 26, Beoordeling.NIET_VOLDAAN),
        (Feit.LEEFTIJD_MOEDER, Operator.MINIMAAL, "18", 18, Beoordeling.VOLDAAN),
        (Feit.LEEFTIJD_MOEDER, Operator.MINIMAAL, "18", 17, Beoordeling.NIET_VOLDAAN),
        (Feit.LEEFTIJD_MOEDER, Operator.GELIJK, "20", 20, Beoordeling.VOLDAAN),
        (Feit.OPLEIDINGSNIVEAU_MOEDER, Operator.MAXIMAAL, "vmbo_t", "geen", Beoordeling.VOLDAAN),
        (Feit.OPLEIDINGSNIVEAU_MOEDER, Operator.MAXIMAAL, "vmbo_t", "vmbo_t", Beoordeling.VOLDAAN),
        (Feit.OPLEIDINGSNIVEAU_MOEDER, Operator.MAXIMAAL, "vmbo_t", "mbo", Beoordeling.NIET_VOLDAAN),
        (Feit.OPLEIDINGSNIVEAU_MOEDER, Operator.MINIMAAL, "mbo", "hbo_wo", Beoordeling.VOLDAAN),
        (Feit.DAGEN_NA_GEBOORTE, Operator.MAXIMAAL, "10", 10, Beoordeling.VOLDAAN),
        (Feit.DAGEN_NA_GEBOORTE, Operator.MAXIMAAL, "10", 11, Beoordeling.NIET_VOLDAAN),
    ],
)
def test_beoordeel_per_operator_and_boundary(feit, operator, waarde, familie, verwacht):
    assert beoordeel(criterium(feit, operator, waarde), {feit: familie}) == verwacht


@pytest.mark.parametrize(
    ("feit", "waarde", "feiten"),
    [
        (Feit.EERSTE_KIND, "ja", {Feit.EERSTE_KIND: None}),
        (Feit.LEEFTIJD_MOEDER, "25", {}),
        (Feit.OPLEIDINGSNIVEAU_MOEDER, "vmbo_t", {Feit.OPLEIDINGSNIVEAU_MOEDER: None}),
        # A value of the wrong kind cannot be compared: not guessed, but unknown.
        (Feit.LEEFTIJD_MOEDER, "vmbo_t", {Feit.LEEFTIJD_MOEDER: 20}),
    ],
)
def test_unknown_or_incomparable_facts_give_onbekend(feit, waarde, feiten):
    assert beoordeel(criterium(feit, Operator.MAXIMAAL, waarde), feiten) == Beoordeling.ONBEKEND


# --- Facts about a family ---


@pytest.mark.django_db
def test_feiten_of_a_pregnant_young_mother():
    traject = jonge_moeder_zwanger(weken_zwanger=20, leeftijd=19)

    feiten = feiten_van(traject, localdate())

    assert feiten == {
        Feit.EERSTE_KIND: "ja",
        Feit.BABY_GEBOREN: "nee",
        Feit.ZWANGERSCHAPSDUUR_WEKEN: 20,
        Feit.LEEFTIJD_MOEDER: 19,
        Feit.OPLEIDINGSNIVEAU_MOEDER: "vmbo_b",
        Feit.SPREEKT_NEDERLANDS: "ja",
        Feit.LEEFTIJD_BABY_MAANDEN: 0,  # programmes "up to N months" include pregnancy
        Feit.DAGEN_NA_GEBOORTE: None,
        Feit.KWETSBARE_SITUATIE: "ja",
    }


@pytest.mark.django_db
def test_feiten_of_a_born_baby_and_missing_information():
    op = date(2026, 3, 15)
    gezin = GezinFactory(eerste_kind=None, taal="ar")
    traject = TrajectFactory(gezin=gezin, gezinsleden=False)
    OuderFactory(gezin=gezin, rol="vader", geboortedatum=date(1990, 1, 1))
    OuderFactory(gezin=gezin, rol="moeder", geboortedatum=date(2000, 3, 16), opleidingsniveau="")
    BabyFactory(gezin=gezin, geboortedatum=date(2025, 12, 1))

    feiten = feiten_van(traject, op)

    assert feiten[Feit.EERSTE_KIND] is None
    assert feiten[Feit.BABY_GEBOREN] == "ja"
    assert feiten[Feit.ZWANGERSCHAPSDUUR_WEKEN] is None
    assert feiten[Feit.LEEFTIJD_MOEDER] == 25  # the mother, not the father; 26 tomorrow
    assert feiten[Feit.OPLEIDINGSNIVEAU_MOEDER] is None
    assert feiten[Feit.SPREEKT_NEDERLANDS] == "nee"
    assert feiten[Feit.LEEFTIJD_BABY_MAANDEN] == 3
    assert feiten[Feit.DAGEN_NA_GEBOORTE] == 104
    assert feiten[Feit.KWETSBARE_SITUATIE] is None  # no referral on file


@pytest.mark.django_db
def test_referral_without_vulnerabilities_is_not_a_vulnerable_situation():
    aanmelding = AanmeldingFactory(kwetsbaarheden=[])
    assert feiten_van(aanmelding.traject, localdate())[Feit.KWETSBARE_SITUATIE] == "nee"


# --- The seeded programmes ---


def test_seed_holds_the_five_programmes_with_2023_prices(voorzieningen):
    assert set(voorzieningen) == set(PROGRAMMAS)
    assert {v.prijspeil for v in voorzieningen.values()} == {2023}
    assert voorzieningen["Kraamzorg"].kosten_bedrag == 56
    assert voorzieningen["Kraamzorg"].kostensoort == Kostensoort.PER_UUR
    assert voorzieningen["VoorZorg"].kosten_bedrag == 14000
    assert voorzieningen["BabythuisZorg"].kosten_bedrag == 6900
    assert voorzieningen["Stevig Ouderschap"].kosten_bedrag == 2000
    assert "€ 60 tot € 100 per uur" in voorzieningen["Ambulante begeleiding"].kosten_omschrijving
    assert {c.feit for c in voorzieningen["VoorZorg"].criteria.all()} == {
        Feit.EERSTE_KIND,
        Feit.ZWANGERSCHAPSDUUR_WEKEN,
        Feit.LEEFTIJD_MOEDER,
        Feit.OPLEIDINGSNIVEAU_MOEDER,
        Feit.SPREEKT_NEDERLANDS,
    }


def test_young_first_time_mother_20_weeks_pregnant_fits_voorzorg(voorzieningen):
    traject = jonge_moeder_zwanger(weken_zwanger=20, leeftijd=19)

    voorzorg = resultaat_van(traject, "VoorZorg")

    assert set(uitkomsten(voorzorg).values()) == {Beoordeling.VOLDAAN}
    assert voorzorg.oordeel == Oordeel.PAST
    # Stevig Ouderschap starts in pregnancy (the baby counts as 0 months); Kraamzorg needs a birth.
    assert (
        uitkomsten(resultaat_van(traject, "Stevig Ouderschap"))[Feit.LEEFTIJD_BABY_MAANDEN]
        == Beoordeling.VOLDAAN
    )
    assert resultaat_van(traject, "Kraamzorg").oordeel == Oordeel.PAST_NIET  # baby not born


@pytest.mark.parametrize(("weken", "verwacht"), [(28, Beoordeling.VOLDAAN), (29, Beoordeling.NIET_VOLDAAN)])
def test_voorzorg_at_most_28_weeks_pregnant(voorzieningen, weken, verwacht):
    traject = jonge_moeder_zwanger(weken_zwanger=weken)
    assert uitkomsten(resultaat_van(traject, "VoorZorg"))[Feit.ZWANGERSCHAPSDUUR_WEKEN] == verwacht


@pytest.mark.parametrize(("leeftijd", "verwacht"), [(25, Oordeel.PAST), (26, Oordeel.PAST_NIET)])
def test_voorzorg_mother_at_most_25(voorzieningen, leeftijd, verwacht):
    assert resultaat_van(jonge_moeder_zwanger(leeftijd=leeftijd), "VoorZorg").oordeel == verwacht


@pytest.mark.parametrize(("opleiding", "verwacht"), [("vmbo_t", Oordeel.PAST), ("mbo", Oordeel.PAST_NIET)])
def test_voorzorg_education_at_most_vmbo_t(voorzieningen, opleiding, verwacht):
    assert resultaat_van(jonge_moeder_zwanger(opleiding=opleiding), "VoorZorg").oordeel == verwacht


def test_born_baby_of_three_weeks_fails_kraamzorg_but_fits_babythuiszorg(voorzieningen):
    aanmelding = AanmeldingFactory()  # TrajectFactory: a mother and a baby born three weeks ago
    traject = aanmelding.traject

    kraamzorg = resultaat_van(traject, "Kraamzorg")
    babythuiszorg = resultaat_van(traject, "BabythuisZorg")

    assert uitkomsten(kraamzorg) == {
        Feit.BABY_GEBOREN: Beoordeling.VOLDAAN,
        Feit.DAGEN_NA_GEBOORTE: Beoordeling.NIET_VOLDAAN,
    }
    assert kraamzorg.oordeel == Oordeel.PAST_NIET
    assert babythuiszorg.oordeel == Oordeel.PAST
    waarde = next(r.waarde for r in kraamzorg.criteria if r.criterium.feit == Feit.DAGEN_NA_GEBOORTE)
    assert "21" in waarde


def test_unknown_facts_make_the_verdict_onbekend(voorzieningen):
    traject = TrajectFactory(gezin__eerste_kind=None)  # no referral, so vulnerability unknown

    stevig = resultaat_van(traject, "Stevig Ouderschap")

    assert uitkomsten(stevig)[Feit.EERSTE_KIND] == Beoordeling.ONBEKEND
    assert uitkomsten(stevig)[Feit.KWETSBARE_SITUATIE] == Beoordeling.ONBEKEND
    assert stevig.oordeel == Oordeel.ONBEKEND


def test_a_beheerder_changing_a_criterion_changes_the_outcome(voorzieningen):
    """The rules are data: a new age limit in the table changes the answer without a deployment."""
    traject = jonge_moeder_zwanger(leeftijd=24)
    assert resultaat_van(traject, "VoorZorg").oordeel == Oordeel.PAST

    leeftijdsgrens = voorzieningen["VoorZorg"].criteria.get(feit=Feit.LEEFTIJD_MOEDER)
    leeftijdsgrens.waarde = "23"
    leeftijdsgrens.save()
    assert resultaat_van(traject, "VoorZorg").oordeel == Oordeel.PAST_NIET

    Criterium.objects.create(
        voorziening=voorzieningen["Ambulante begeleiding"],
        omschrijving="Baby is geboren",
        feit=Feit.BABY_GEBOREN,
        operator=Operator.GELIJK,
        waarde="ja",
    )
    assert resultaat_van(traject, "Ambulante begeleiding").oordeel == Oordeel.PAST_NIET


def test_inactive_programmes_are_not_listed(voorzieningen):
    Voorziening.objects.filter(naam="Stevig Ouderschap").update(actief=False)
    namen = [r.voorziening.naam for r in voorzieningen_check(TrajectFactory(), localdate())]
    assert "Stevig Ouderschap" not in namen
    assert namen[:2] == ["Kraamzorg", "BabythuisZorg"]  # in the beheerder's order


# --- The page ---


def eigen_traject(gebruikers, **kwargs):
    return TrajectFactory(
        gezin__gemeente=gebruikers["casemanager"].organisatie,
        aanbieder=gebruikers["coordinator"].organisatie,
        **kwargs,
    )


@pytest.mark.parametrize("rol", ["casemanager", "coordinator"])
def test_casemanager_and_coordinator_of_the_family_see_the_check(
    client, login, gebruikers, voorzieningen, rol
):
    traject = eigen_traject(gebruikers)
    AanmeldingFactory(traject=traject)
    login(client, gebruikers[rol])

    response = client.get(url(traject))

    assert response.status_code == 200
    inhoud = response.content.decode()
    for naam in PROGRAMMAS:
        assert naam in inhoud
    assert "€ 14.000 per traject" in inhoud
    assert "Maximaal 10 dagen na de geboorte" in inhoud
    resultaten = {r.voorziening.naam: r for r in response.context["resultaten"]}
    assert resultaten["Kraamzorg"].oordeel == Oordeel.PAST_NIET
    assert resultaten["BabythuisZorg"].oordeel == Oordeel.PAST
    assert str(Beoordeling.NIET_VOLDAAN.label) in inhoud  # outcome as text, not only as colour
    assert response.context["traject"] == traject
    regel = Toegangslog.objects.get(gebruiker=gebruikers[rol])
    assert (regel.gebeurtenis, regel.uitkomst) == (Gebeurtenis.LEZEN, Uitkomst.TOEGESTAAN)
    assert (regel.traject_id, regel.gezin_id) == (traject.pk, traject.gezin_id)
    assert regel.omschrijving == "voorliggende voorzieningen bekeken"


@pytest.mark.parametrize("rol", ["andere_casemanager", "andere_coordinator", "medewerker"])
def test_others_get_not_found_and_the_refusal_is_logged(client, login, gebruikers, voorzieningen, rol):
    traject = eigen_traject(gebruikers)
    login(client, gebruikers[rol])

    response = client.get(url(traject))

    assert response.status_code in ((403, 404) if rol == "medewerker" else (404,))
    assert b"VoorZorg" not in response.content
    regel = Toegangslog.objects.get(gebruiker=gebruikers[rol])
    assert regel.uitkomst == Uitkomst.GEWEIGERD
    assert regel.traject_id == traject.pk


def test_unknown_trajectory_is_not_found(client, login, gebruikers, voorzieningen):
    login(client, gebruikers["casemanager"])
    response = client.get(reverse("indicaties:voorzieningen", kwargs={"traject_pk": 999999}))
    assert response.status_code == 404
    assert Toegangslog.objects.filter(uitkomst=Uitkomst.GEWEIGERD, traject_id=999999).exists()


def test_anonymous_is_sent_to_login_and_logged(client, gebruikers, voorzieningen):
    traject = eigen_traject(gebruikers)

    response = client.get(url(traject))

    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor:login"))
    assert Toegangslog.objects.filter(uitkomst=Uitkomst.GEWEIGERD, gebruiker=None).count() == 1


def test_query_count_does_not_grow_with_the_number_of_criteria(client, login, gebruikers, voorzieningen):
    traject = eigen_traject(gebruikers)
    AanmeldingFactory(traject=traject)
    login(client, gebruikers["casemanager"])

    def aantal_queries(extra_criteria):
        Criterium.objects.filter(omschrijving__startswith="Extra ").delete()
        for i in range(extra_criteria):
            Criterium.objects.create(
                voorziening=voorzieningen["Ambulante begeleiding"],
                omschrijving=f"Extra {i}",
                feit=Feit.LEEFTIJD_MOEDER,
                operator=Operator.MINIMAAL,
                waarde="16",
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(traject)).status_code == 200
        return len(queries)

    assert aantal_queries(1) == aantal_queries(3)


def test_voorzorg_does_not_fit_a_born_baby_and_says_why(voorzieningen):
    """VoorZorg starts in pregnancy: for a baby already born it does not fit (not 'not enough
    information'), and the criterion says the baby is born (issue 12)."""
    from django.utils import translation

    traject = AanmeldingFactory().traject  # a baby born three weeks ago

    with translation.override("nl"):
        voorzorg = resultaat_van(traject, "VoorZorg")
        waarde = next(r.waarde for r in voorzorg.criteria if r.criterium.feit == Feit.ZWANGERSCHAPSDUUR_WEKEN)
        assert str(waarde) == "de baby is al geboren"
    assert uitkomsten(voorzorg)[Feit.ZWANGERSCHAPSDUUR_WEKEN] == Beoordeling.NIET_VOLDAAN
    assert voorzorg.oordeel == Oordeel.PAST_NIET
