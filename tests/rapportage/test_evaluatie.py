"""The programme evaluation (issue 13): scopes and who may ask for them, the figures for the right scope
only, small-number protection, and the PDF and CSV read back after a real worker made them.

The hand-made world (period September 2026): Gemeente Groningen has six closed trajectories of Kraamzorg
Noord and one active one; Gemeente Assen two closed ones of Kraamzorg De Wadden; Gemeente Emmen three
closed ones of Kraamzorg Noord. Region "Noord-Drenthe" is Assen and Emmen.
"""

import csv
import importlib
import io
import subprocess
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from core import policy
from core.constants import Uitkomst
from core.models import Toegangslog
from rapportage import kleine_aantallen as ka
from rapportage.evaluatie import evaluatie_cijfers, naar_json, uit_json
from rapportage.evaluatie_basis import Scope
from rapportage.evaluatie_opmaak import evaluatie_context, evaluatie_csv
from rapportage.evaluatie_services import keuzes
from rapportage.models import EvaluatieScope, Rapport, RapportStatus, Regio
from rapportage.pdf import render_pdf
from tests.conftest import login_with_two_factors
from tests.factories import (
    AanmeldingFactory,
    AfsluitingFactory,
    EvaluatieDoelFactory,
    EvaluatieFactory,
    GezinFactory,
    HuisbezoekFactory,
    IndicatieFactory,
    IntakeFactorFactory,
    IntakeFactory,
    OndersteuningsplanFactory,
    OrganisatieFactory,
    OuderFactory,
    TrajectFactory,
    ZorgdoelFactory,
)
from tests.rapportage.werker import wacht_op

AMS = ZoneInfo("Europe/Amsterdam")
SEED = importlib.import_module("indicaties.migrations.0003_voorzieningen_seed")
BRON = importlib.import_module("indicaties.migrations.0013_voorziening_bron_h13")
VAN, TOT = date(2026, 9, 1), date(2026, 9, 30)
REGIE = {"regie_naam": "J. de Groot", "regie_skj": "1234567"}


# --- small-number protection ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aantallen", "verwacht"),
    [
        ([10, 7, 0], [10, 7, 0]),  # nothing small
        ([10, 7, 2], [10, "×", "< 5"]),  # one hidden: the smallest other cell goes too, as "×" (not small)
        ([10, 3, 2], [10, "< 5", "< 5"]),  # two hidden already: the total gives neither away
        ([3, 0, 0], ["< 5", 0, 0]),  # a total below the threshold hides every non-zero cell
        ([6, 6, 1], ["×", 6, "< 5"]),  # a tie: one of the smallest others
    ],
)
def test_a_distribution_hides_small_cells_and_what_the_total_would_give_away(aantallen, verwacht):
    beschermd = ka.verdeling(aantallen)
    assert [
        str(c["aantal"]) if ka.is_verborgen(c["aantal"]) else c["aantal"] for c in beschermd["cellen"]
    ] == [str(v) if isinstance(v, str) else v for v in verwacht]
    zichtbaar = [c["aantal"] for c in beschermd["cellen"] if not ka.is_verborgen(c["aantal"])]
    verborgen = [
        n for n, c in zip(aantallen, beschermd["cellen"], strict=True) if ka.is_verborgen(c["aantal"])
    ]
    # Never exactly one hidden cell beside a shown total.
    assert len(verborgen) != 1 or ka.is_verborgen(beschermd["totaal"])
    assert all(c["procent"] is None for c in beschermd["cellen"] if ka.is_verborgen(c["aantal"]))
    assert sum(zichtbaar) + sum(verborgen) == sum(aantallen)


def test_the_threshold_is_a_setting(settings):
    settings.RAPPORT_KLEINE_AANTALLEN_DREMPEL = 10
    assert str(ka.telling(7)) == "< 10"
    assert ka.telling(10) == 10
    assert ka.telling(0) == 0
    assert str(ka.over_genoeg(Decimal("8.5"), 9)) == "n < 10"


# --- the world ----------------------------------------------------------------------------------


def moment(dag: date, uur: int) -> datetime:
    return datetime(dag.year, dag.month, dag.day, uur, tzinfo=AMS)


def gesloten_traject(
    gemeente, aanbieder, *, client, partner, medewerker=None, uitkomst="zelfredzaam", uren=10
):
    gezin = GezinFactory(gemeente=gemeente, straat="Wubbinastraat", postcode="9999 ZZ")
    OuderFactory(gezin=gezin, voornaam=f"Zwaantje{gezin.pk}x", achternaam=f"Quaedvlieg{gezin.pk}x")
    t = TrajectFactory(
        gezin=gezin, aanbieder=aanbieder, status="afgesloten", gestart_op=date(2026, 8, 1), **REGIE
    )
    AanmeldingFactory(traject=t, ontvangen_op=date(2026, 9, 2), verwijzer_soort="verloskundige")
    IndicatieFactory(
        traject=t,
        van=date(2026, 8, 1),
        tot=date(2026, 9, 30),
        uren_per_week=Decimal(7),
        uurtarief=Decimal(60),
        budget=Decimal(50000),
    )
    HuisbezoekFactory(traject=t, start=moment(date(2026, 8, 10), 9), eind=moment(date(2026, 8, 10), 9 + uren))
    plan = OndersteuningsplanFactory(traject=t, versie=1)
    doel = ZorgdoelFactory(plan=plan, thema="huilgedrag", startscore=3)
    evaluatie = EvaluatieFactory(
        traject=t, gepland_op=date(2026, 9, 20), gehouden_op=date(2026, 9, 20), conclusie="afsluiten"
    )
    EvaluatieDoelFactory(evaluatie=evaluatie, doel=doel, realisatie=8)
    eerste = IntakeFactory(traject=t, datum=date(2026, 7, 20), risiconiveau="hoog")
    IntakeFactorFactory(intake=eerste, factor="netwerk", inschatting="risico")
    laatste = IntakeFactory(traject=t, datum=date(2026, 9, 15), risiconiveau="laag")
    IntakeFactorFactory(intake=laatste, factor="netwerk", inschatting="kracht")
    AfsluitingFactory(
        traject=t,
        uitkomst=uitkomst,
        overgedragen_aan="JGZ" if uitkomst == "overgedragen" else "",
        tevredenheid_client=client,
        tevredenheid_partner=partner,
        tevredenheid_medewerker=medewerker,
        afgesloten_op=moment(date(2026, 9, 25), 12),
    )
    return t


def pdf_tekst(inhoud: bytes) -> str:
    """The PDF's text as a reader sees it (pdftotext keeps table cells and list items together)."""
    tekst = subprocess.run(  # noqa: S603 - a fixed command on our own bytes
        ["/usr/bin/pdftotext", "-", "-"], input=inhoud, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(tekst.split())  # a label wrapped in its table cell reads as one


def bouw_wereld(gebruikers, gemeente, andere_gemeente, aanbieder, andere_aanbieder):
    # The preceding provisions of seed 001 with their source (a flushing test may have removed them).
    SEED.zaai_voorzieningen(django_apps, None)
    BRON.bron_vastleggen(django_apps, None)
    emmen = OrganisatieFactory(naam="Gemeente Emmen", gemeentecode="0114", plaats="Emmen")
    for i in range(6):
        uitkomst = "uithuisplaatsing_voorkomen" if i < 5 else "overgedragen"
        gesloten_traject(
            gemeente, aanbieder, client=9 if i % 2 else 10, partner=8, medewerker=8, uitkomst=uitkomst
        )
    actief = TrajectFactory(
        gezin__gemeente=gemeente, aanbieder=aanbieder, status="actief", gestart_op=VAN, **REGIE
    )
    AanmeldingFactory(traject=actief, ontvangen_op=date(2026, 8, 20), verwijzer_soort="huisarts")
    for _ in range(2):
        gesloten_traject(andere_gemeente, andere_aanbieder, client=6, partner=6)
    for _ in range(3):
        gesloten_traject(emmen, aanbieder, client=7, partner=7)
    regio = Regio.objects.create(naam="Noord-Drenthe")
    regio.gemeenten.set([andere_gemeente, emmen])
    return {"regio": regio, "emmen": emmen, "gebruikers": gebruikers}


@pytest.fixture
def wereld(gebruikers, gemeente, andere_gemeente, aanbieder, andere_aanbieder):
    return bouw_wereld(gebruikers, gemeente, andere_gemeente, aanbieder, andere_aanbieder)


def cijfers(**scope):
    with translation.override("nl"):
        return evaluatie_cijfers(scope=Scope(naam="test", **scope), van=VAN, tot=TOT)


def test_a_municipality_counts_only_its_own_families_with_the_pilot_figures(wereld, gemeente):
    c = cijfers(soort="gemeente", gemeente_id=gemeente.pk)
    assert c["trajecten"]["afgesloten"] == 6
    assert c["trajecten"]["actief"] == 7
    assert c["aanmeldingen"]["totaal"] == 6  # the active one was referred in August
    uitkomsten = {r["code"]: r["aantal"] for r in c["uitkomsten"]["rijen"]}
    # One handed over (hidden), so the five placements prevented are hidden too: 6 − 5 would give it away.
    assert ka.is_verborgen(uitkomsten["overgedragen"])
    assert ka.is_verborgen(uitkomsten["uithuisplaatsing_voorkomen"])
    assert c["uitkomsten"]["totaal"] == 6
    assert c["tevredenheid"]["client"]["gemiddeld"] == Decimal("9.5")
    assert c["tevredenheid"]["partner"]["gemiddeld"] == Decimal("8.0")
    assert c["tevredenheid"]["medewerker"]["gemiddeld"] == Decimal("8.0")
    # 10 hours × € 60 per trajectory; the norm and the provisions come from the table (seed 001).
    assert c["kosten"]["gemiddeld_per_traject"] == Decimal("600.00")
    assert c["kosten"]["referentie"] == Decimal("6900.00")
    vergelijking = {r["naam"]: r for r in c["vergelijking"]["rijen"]}
    assert vergelijking["VoorZorg"]["per_traject_van"] == Decimal("14000.00")
    assert vergelijking["Kraamzorg"]["per_traject_van"] == Decimal("560.00")  # 10 h × € 56
    assert vergelijking["Ambulante begeleiding"]["per_traject_tot"] == Decimal("1000.00")  # 10 h × € 100
    assert vergelijking["VoorZorg"]["bron_datum"] == date(2023, 9, 1)
    huilen = next(r for r in c["doelen"]["per_thema"] if r["code"] == "huilgedrag")
    assert (huilen["start"], huilen["eind"], huilen["verschil"]) == (
        Decimal("3.0"),
        Decimal("8.0"),
        Decimal("5.0"),
    )
    giz = c["giz"]
    assert giz["trajecten"] == 6
    assert giz["lager"]["aantal"] == 6
    assert {r["label"]: (r["eerste"], r["laatste"]) for r in giz["niveaus"]}["Hoog"] == (6, 0)


def test_a_region_counts_its_municipalities_and_hides_what_is_small(wereld):
    c = cijfers(soort="regio", regio_id=wereld["regio"].pk)
    assert c["trajecten"]["afgesloten"] == 5  # Assen 2 + Emmen 3, not Groningen
    assert c["tevredenheid"]["client"]["gemiddeld"] == Decimal("6.6")
    assert c["kosten"]["gemiddeld_per_traject"] == Decimal("600.00")


def test_a_provider_counts_its_own_trajectories_wherever_the_family_lives(
    wereld, aanbieder, andere_aanbieder
):
    assert cijfers(soort="aanbieder", aanbieder_id=aanbieder.pk)["trajecten"]["afgesloten"] == 9
    wadden = cijfers(soort="aanbieder", aanbieder_id=andere_aanbieder.pk)
    assert ka.is_verborgen(wadden["trajecten"]["afgesloten"])  # two families
    assert ka.is_verborgen(wadden["tevredenheid"]["client"]["gemiddeld"])
    assert ka.is_verborgen(wadden["kosten"]["gemiddeld_per_traject"])


def test_the_programme_counts_everything(wereld):
    c = cijfers(soort="programma")
    assert c["trajecten"]["afgesloten"] == 11
    assert c["aanmeldingen"]["gezinnen"] == 11


def test_the_figures_survive_storage_with_the_report(wereld, gemeente):
    import json

    c = cijfers(soort="gemeente", gemeente_id=gemeente.pk)
    terug = uit_json(json.loads(json.dumps(naar_json(c))))
    assert terug == c
    assert ka.is_verborgen(
        next(r for r in terug["uitkomsten"]["rijen"] if r["code"] == "overgedragen")["aantal"]
    )


def test_the_pdf_and_csv_show_the_figures_without_personal_data(wereld, gemeente):
    c = cijfers(soort="gemeente", gemeente_id=gemeente.pk)
    with translation.override("nl"):
        pdf = render_pdf("rapportage/pdf/evaluatie.html", evaluatie_context(c))
        tekst_csv = evaluatie_csv(c)
    tekst_pdf = pdf_tekst(pdf)
    rijen = list(csv.reader(io.StringIO(tekst_csv), delimiter=";"))
    waarden = {(r[0], r[1], r[2]): r[3] for r in rijen[1:]}
    assert waarden[("Tevredenheid", "Cliënten", "Gemiddeld")] == "9,5"
    # 5 and 1 of 6: the 1 is hidden, and the 5 too (as "×", not "< 5", which would be untrue), or
    # 6 minus 5 would give it back.
    assert waarden[("Uitkomsten", "Uithuisplaatsing voorkomen", "Aantal")] == "×"
    assert waarden[("Trajecten", "Afgesloten", "Aantal")] == "6"
    assert waarden[("Uitkomsten", "Overgedragen", "Aantal")] == "< 5"
    for tekst in (tekst_pdf, tekst_csv):
        assert "< 5" in tekst
        assert "Quaedvlieg" not in tekst
        assert "Wubbinastraat" not in tekst
    assert "prijspeil 2023" in tekst_csv  # the price level in Dutch, as in the PDF
    assert "price level" not in tekst_csv
    assert "Programma-evaluatie" in tekst_pdf
    assert "Uithuisplaatsing voorkomen" in tekst_pdf
    assert "VoorZorg" in tekst_pdf
    assert "14.000" in tekst_pdf


# --- who may ask for which scope ------------------------------------------------------------------


def rapport(scope, **kwargs):
    return Rapport(soort="evaluatie", scope=scope, periode_van=VAN, periode_tot=TOT, **kwargs)


def test_who_may_ask_for_which_scope(wereld, gemeente, andere_gemeente, aanbieder, andere_aanbieder):
    g = wereld["gebruikers"]
    regio = wereld["regio"]
    mag = lambda wie, r: policy.mag_namens(g[wie], policy.EVALUATIE_AANVRAGEN, r)  # noqa: E731
    groningen = rapport("gemeente", gemeente=gemeente)
    assen = rapport("gemeente", gemeente=andere_gemeente)
    noord_drenthe = rapport("regio", regio=regio)
    noord = rapport("aanbieder", aanbieder=aanbieder)
    wadden = rapport("aanbieder", aanbieder=andere_aanbieder)
    programma = rapport("programma")
    assert mag("rapportage", groningen)
    assert not mag("rapportage", assen)
    assert not mag("rapportage", noord_drenthe)  # Groningen takes no part in it
    regio.gemeenten.add(gemeente)
    assert mag("rapportage", noord_drenthe)
    assert not mag("rapportage", noord)
    assert not mag("rapportage", programma)
    assert mag("coordinator", noord)
    assert not mag("coordinator", wadden)
    assert not mag("coordinator", groningen)
    assert not mag("coordinator", programma)
    for r in (groningen, assen, noord_drenthe, noord, wadden, programma):
        assert mag("globale_beheerder", r)
        for wie in ("casemanager", "medewerker", "beheerder"):
            assert not mag(wie, r)
    assert keuzes(g["rapportage"]).scopes == ["gemeente", "regio"]
    assert keuzes(g["coordinator"]).scopes == ["aanbieder"]
    assert keuzes(g["globale_beheerder"]).scopes == ["gemeente", "regio", "aanbieder", "programma"]


def ingelogd(user) -> Client:
    return login_with_two_factors(Client(), user)


def test_a_scope_outside_ones_rights_is_refused_logged_and_nothing_is_queued(
    wereld, andere_gemeente, aanbieder
):
    g = wereld["gebruikers"]
    for wie, velden in (
        ("rapportage", {"scope": "gemeente", "gemeente": andere_gemeente.pk}),
        ("rapportage", {"scope": "regio", "regio": wereld["regio"].pk}),
        ("rapportage", {"scope": "programma"}),
        ("andere_coordinator", {"scope": "aanbieder", "aanbieder": aanbieder.pk}),
    ):
        response = ingelogd(g[wie]).post(
            reverse("rapportage:evaluatie"), {**velden, "van": VAN.isoformat(), "tot": TOT.isoformat()}
        )
        assert response.status_code == 400, wie
        assert "U kunt deze keuze niet aanvragen" in response.content.decode(), velden
        assert Toegangslog.objects.filter(
            gebruikersnaam=g[wie].username, uitkomst=Uitkomst.GEWEIGERD, reden="scope buiten eigen rechten"
        ).exists()
    assert not Rapport.objects.exists()


def test_a_casemanager_cannot_open_the_request_form(wereld):
    assert (
        ingelogd(wereld["gebruikers"]["casemanager"]).get(reverse("rapportage:evaluatie")).status_code == 403
    )


@pytest.mark.parametrize(
    ("velden", "fout"),
    [
        ({"scope": "gemeente", "van": "2026-09-30", "tot": "2026-09-01"}, "einde van de periode"),
        ({"van": "2026-09-01", "tot": "2026-09-30"}, "Kies waar het rapport over gaat"),
    ],
)
def test_a_bad_request_is_refused_in_dutch(wereld, gemeente, velden, fout):
    client = ingelogd(wereld["gebruikers"]["rapportage"])
    response = client.post(reverse("rapportage:evaluatie"), {"gemeente": gemeente.pk, **velden})
    assert response.status_code == 400
    assert fout in response.content.decode()
    assert not Rapport.objects.exists()


# --- end to end: request, worker, download, read back --------------------------------------------


@pytest.fixture
def wereld_vastgelegd(transactional_db, gebruikers, gemeente, andere_gemeente, aanbieder, andere_aanbieder):
    """The same world, committed: the worker reads it through its own connection."""
    return bouw_wereld(gebruikers, gemeente, andere_gemeente, aanbieder, andere_aanbieder)


@pytest.mark.parametrize(
    ("wie", "velden", "verwacht_scope"),
    [
        ("globale_beheerder", {"scope": "programma"}, "hele programma"),
        ("coordinator", {"scope": "aanbieder"}, "Kraamzorg Noord"),
        ("regio_rapportage", {"scope": "regio"}, "Noord-Drenthe"),
    ],
)
def test_the_report_is_requested_made_downloaded_and_read_back(
    wereld_vastgelegd, celery_werker, wie, velden, verwacht_scope, andere_gemeente, aanbieder
):
    from accounts.constants import Rol
    from tests.factories import lid

    g = wereld_vastgelegd["gebruikers"]
    g["regio_rapportage"] = lid(Rol.GEMEENTE_RAPPORTAGE, andere_gemeente, username="rap.assen")
    keuze = {"aanbieder": aanbieder.pk, "regio": wereld_vastgelegd["regio"].pk}
    client = ingelogd(g[wie])
    assert client.get(reverse("rapportage:evaluatie")).status_code == 200
    response = client.post(
        reverse("rapportage:evaluatie"),
        {
            **velden,
            **{k: v for k, v in keuze.items() if k == velden["scope"]},
            "van": "2026-09-01",
            "tot": "2026-09-30",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    rapport = wacht_op(Rapport.objects.get().pk, RapportStatus.GEREED, RapportStatus.MISLUKT)
    assert rapport.status == RapportStatus.GEREED, rapport.foutmelding
    with CaptureQueriesContext(connection) as queries:
        status = client.get(reverse("rapportage:detail", args=[rapport.sleutel]))
    assert len(queries) <= 12  # the charts come from the figures stored with the report, not a recount
    pagina = status.content.decode()
    assert "PDF downloaden" in pagina
    # The page shows the same charts as the PDF (each with its table), from the stored figures.
    assert "De cijfers in één oogopslag" in pagina
    assert pagina.count('role="img"') == 6
    pdf = b"".join(client.get(reverse("rapportage:pdf", args=[rapport.sleutel])).streaming_content)
    tekst_csv = b"".join(
        client.get(reverse("rapportage:csv", args=[rapport.sleutel])).streaming_content
    ).decode("utf-8-sig")
    tekst_pdf = pdf_tekst(pdf)
    assert verwacht_scope in tekst_pdf
    assert verwacht_scope in tekst_csv
    assert "Quaedvlieg" not in tekst_pdf + tekst_csv
    afgesloten = {"programma": "11", "aanbieder": "9", "regio": "5"}[velden["scope"]]
    rijen = {(r[0], r[1]): r[3] for r in csv.reader(io.StringIO(tekst_csv), delimiter=";") if len(r) == 4}
    assert rijen[("Trajecten", "Afgesloten")] == afgesloten
    # Someone else cannot open it.
    ander = ingelogd(g["andere_coordinator"])
    assert ander.get(reverse("rapportage:pdf", args=[rapport.sleutel])).status_code == 404


def test_the_report_period_is_shown_in_its_title(db, gemeente):
    r = rapport(EvaluatieScope.GEMEENTE, gemeente=gemeente)
    with translation.override("nl"):
        assert r.titel.startswith("Programma-evaluatie Gemeente Groningen, 1 september 2026")
    assert rapport(EvaluatieScope.PROGRAMMA).scope_naam


def test_declined_families_are_counted_by_where_they_were_sent_and_new_referral_reasons_count(db, gemeente):
    from ketenpartners.constants import PartnerSoort
    from tests.ketenpartners.factories import KetenpartnerFactory
    from trajecten.constants import Kwetsbaarheid

    haven = KetenpartnerFactory(
        organisatie__naam="Moeder-kindhuis De Haven", soort=PartnerSoort.MOEDER_KINDHUIS, gemeenten=[gemeente]
    )
    for i in range(6):
        t = TrajectFactory(gezin__gemeente=gemeente, status="afgewezen")
        AanmeldingFactory(
            traject=t,
            ontvangen_op=date(2026, 9, 3),
            kwetsbaarheden=["lichamelijke_klachten_moeder", "afwijking_baby"] if i < 5 else ["armoede"],
            doorverwezen_naar=haven if i < 5 else None,
        )
    c = cijfers(soort="gemeente", gemeente_id=gemeente.pk)
    with translation.override("nl"):
        naar = {r["label"]: r["aantal"] for r in c["aanmeldingen"]["afgewezen_naar"]["rijen"]}
        redenen = {r["code"]: r["aantal"] for r in c["aanmeldingen"]["kwetsbaarheden"]["rijen"]}
        # Five sent to a mother-and-baby home, one not on the social map: that one is hidden, and so
        # are the five (the total of six would give it away).
        assert set(naar) == {str(PartnerSoort.MOEDER_KINDHUIS.label), "Niet op de sociale kaart"}
    assert all(ka.is_verborgen(n) for n in naar.values())
    assert c["aanmeldingen"]["afgewezen"]["aantal"] == 6
    assert redenen[Kwetsbaarheid.LICHAMELIJKE_KLACHTEN_MOEDER] == 5
    assert redenen[Kwetsbaarheid.AFWIJKING_BABY] == 5
    assert ka.is_verborgen(redenen[Kwetsbaarheid.ARMOEDE])
