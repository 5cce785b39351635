"""The content of the Trajectrapport (full and pseudonymised), the family-network plan and the warm
handover: real PDFs rendered by WeasyPrint and read back with pypdf."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localdate
from pypdf import PdfReader

from rapportage.pdf import render_pdf
from rapportage.trajectrapport import netwerkplan_context, overdracht_context, trajectrapport_context
from tests.factories import TrajectFactory
from tests.ketenpartners.factories import OverdrachtFactory, VerstrekkingFactory

from .factories_traject import BSN, MOEDER, POSTCODE, STRAAT, TELEFOON, volledig_traject

# The report context's queries, pinned: 13 whatever the data, plus one per indication version for its
# cost (trajecten.zorg.kosten_geleverd); the trajectories built here have two versions.
QUERIES = 13 + 2


@pytest.fixture(autouse=True)
def nederlands():
    with translation.override("nl"):
        yield


def tekst(pdf: bytes) -> str:
    """The PDF's text with all whitespace (line wraps, non-breaking spaces) as single spaces."""
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def uren_nl(uren: Decimal) -> str:
    return f"{uren:.1f}".replace(".", ",")


def rapport(traject, *, pseudoniem: bool) -> str:
    return tekst(
        render_pdf(
            "rapportage/pdf/trajectrapport.html", trajectrapport_context(traject, pseudoniem=pseudoniem)
        )
    )


def waarden(obj):
    """Every value in a context, recursively (dicts, lists, tuples and dataclass-like objects)."""
    if isinstance(obj, dict):
        for waarde in obj.values():
            yield from waarden(waarde)
    elif isinstance(obj, list | tuple):
        for waarde in obj:
            yield from waarden(waarde)
    else:
        yield obj
        if hasattr(obj, "__dataclass_fields__"):
            yield from waarden(vars(obj))


def test_full_report_shows_the_family_hours_goals_and_amounts(gemeente, aanbieder):
    feiten = volledig_traject(gemeente=gemeente, aanbieder=aanbieder, aantal=2)
    traject = feiten.traject

    inhoud = rapport(traject, pseudoniem=False)

    assert " ".join(MOEDER) in inhoud
    assert "*****" + BSN[-4:] in inhoud
    assert BSN not in inhoud  # masked, as everywhere in the app
    assert f"{STRAAT} 17" in inhoud
    assert POSTCODE in inhoud
    assert uren_nl(feiten.uren_geleverd) in inhoud
    for omschrijving in feiten.doelen:
        assert omschrijving in inhoud
    assert "€ 6.900,00" in inhoud  # the first version's budget, Dutch notation
    assert f"€ {feiten.kosten:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") in inhoud
    assert date_format(traject.gestart_op, "j F Y") in inhoud  # "28 september 2026"
    assert "WMO-2026-04711" in inhoud
    # Beyond the first birthday the motivation is shown in full.
    assert "Moeder start pas in juni met behandeling bij de GGZ." in inhoud
    assert "Yasmina Bakkerhuis, Ingrid Veenstra" in inhoud  # evaluation participants
    assert "Yasmina huilt veel en slaapt niet." in inhoud  # signal details
    assert "Anouk van Dijk" in inhoud  # partner's contact person
    assert "Truus Bakkerhuis" in inhoud
    assert "Oma Truus komt elke woensdag." in inhoud
    assert "Petra Smeenk, GGZ Noord" in inhoud  # handed over to


def test_pseudonymised_report_shows_the_number_and_figures_but_no_personal_data(gemeente, aanbieder):
    feiten = volledig_traject(gemeente=gemeente, aanbieder=aanbieder, aantal=2)
    traject = feiten.traject

    inhoud = rapport(traject, pseudoniem=True)

    assert traject.nummer in inhoud
    assert "Gemeente Groningen" in inhoud
    assert uren_nl(feiten.uren_geleverd) in inhoud
    assert "€ 6.900,00" in inhoud
    assert "GGD Groningen — JGZ" in inhoud  # organisations are fine
    baby = traject.gezin.babys.get()
    assert date_format(baby.geboortedatum, "F Y") in inhoud  # birth month at most…
    assert date_format(baby.geboortedatum, "j F Y") not in inhoud  # …never the date
    for persoonlijk in [*feiten.persoonlijk, BSN[-4:]]:
        assert persoonlijk not in inhoud, persoonlijk


def test_pseudonymised_context_holds_plain_values_only(gemeente, aanbieder):
    """What is not in the context cannot leak through a template: no model instances (a template could
    walk from one to the family), and no personal string anywhere, the chart's SVG included."""
    feiten = volledig_traject(gemeente=gemeente, aanbieder=aanbieder, aantal=1)

    context = trajectrapport_context(feiten.traject, pseudoniem=True)

    alles = list(waarden(context))
    assert not [w for w in alles if isinstance(w, models.Model)]
    teksten = [str(w) for w in alles if isinstance(w, str)]
    for persoonlijk in feiten.persoonlijk:
        assert not [t for t in teksten if persoonlijk in t], persoonlijk
    # The full context does carry them, so the check above is not vacuous.
    vol = [
        str(w)
        for w in waarden(trajectrapport_context(feiten.traject, pseudoniem=False))
        if isinstance(w, str)
    ]
    assert any(MOEDER[1] in t for t in vol)
    assert any("huilsignaal" in t for t in vol)


def test_report_context_queries_do_not_grow_with_visits_goals_evaluations_and_signals(
    gemeente, aanbieder, django_assert_max_num_queries
):
    klein = volledig_traject(gemeente=gemeente, aanbieder=aanbieder, aantal=1).traject
    groot = volledig_traject(gemeente=gemeente, aanbieder=aanbieder, aantal=4).traject
    assert groot.huisbezoeken.count() == 5
    assert klein.huisbezoeken.count() == 2

    tellingen = []
    for traject in (klein, groot):
        for pseudoniem in (False, True):
            with CaptureQueriesContext(connection) as queries:
                trajectrapport_context(traject, pseudoniem=pseudoniem)
            tellingen.append(len(queries))
    assert len(set(tellingen)) == 1, tellingen
    with django_assert_max_num_queries(QUERIES):
        trajectrapport_context(groot, pseudoniem=False)


def test_goals_show_start_target_and_the_latest_evaluated_realisation(gemeente, aanbieder):
    feiten = volledig_traject(gemeente=gemeente, aanbieder=aanbieder, aantal=3)

    plan = trajectrapport_context(feiten.traject, pseudoniem=False)["plan"]

    doelen = plan["actueel"]["doelen"]
    assert [d["omschrijving"] for d in doelen] == feiten.doelen
    # Three evaluations scored 5, 6 and 7; the latest counts, and 7 reaches the target of 7.
    assert {(d["startscore"], d["doelscore"], d["realisatie"], d["bereikt"]) for d in doelen} == {
        (3, 7, 7, True)
    }
    assert all(d["laatste_score"] == 5 for d in doelen)  # the last visit's progress score
    assert plan["actueel"]["doelen_bereikt"] == 3


def test_hours_and_cost_agree_with_the_visits(gemeente, aanbieder):
    feiten = volledig_traject(gemeente=gemeente, aanbieder=aanbieder, aantal=2)

    context = trajectrapport_context(feiten.traject, pseudoniem=False)

    assert context["uren"]["geleverd"] == feiten.uren_geleverd
    per_dienst = {d["dienst"]: d["uren"] for d in context["uren"]["per_dienst"]}
    assert per_dienst[str(translation.gettext("Day"))] == Decimal(4)  # two day visits of two hours
    assert sum(per_dienst.values()) == feiten.uren_geleverd
    assert context["kosten"]["kosten"] == feiten.kosten
    assert context["kosten"]["budget"] == Decimal("46900")
    eerste, tweede = context["indicaties"]
    assert not eerste["na_eerste_verjaardag"]
    assert tweede["na_eerste_verjaardag"]


def test_report_of_a_fresh_referral_renders_without_indication_plan_or_visits(gemeente, aanbieder):
    traject = TrajectFactory(gezin__gemeente=gemeente, aanbieder=aanbieder)

    for pseudoniem in (False, True):
        inhoud = rapport(traject, pseudoniem=pseudoniem)
        assert traject.nummer in inhoud


def test_network_plan_pdf_for_the_family(gemeente, aanbieder):
    feiten = volledig_traject(gemeente=gemeente, aanbieder=aanbieder)

    inhoud = tekst(render_pdf("rapportage/pdf/netwerkplan.html", netwerkplan_context(feiten.traject)))

    assert MOEDER[0] in inhoud  # the parents' first names
    assert "Truus Bakkerhuis" in inhoud
    assert "06 12345678" in inhoud
    assert "Buurvrouw Henny" in inhoud  # still to ask
    assert "Oma Truus komt elke woensdag." in inhoud  # the parents' words
    assert date_format(localdate(), "j F Y") in inhoud  # agreed on
    assert "Kraamzorg Noord" in inhoud
    for geheim in (BSN, STRAAT, TELEFOON, "slaapt niet"):
        assert geheim not in inhoud


def test_handover_pdf_names_partner_family_content_and_the_sharing(gemeente, aanbieder):
    feiten = volledig_traject(gemeente=gemeente, aanbieder=aanbieder)
    betrokkenheid = feiten.traject.betrokkenheden.get()
    overdracht = OverdrachtFactory(
        traject=feiten.traject,
        ketenpartner=betrokkenheid.ketenpartner,
        contactpersoon=betrokkenheid.contactpersoon,
        aandachtspunten="Kondig een bezoek altijd vooraf aan.",
    )
    # A fixed short name: a long generated one may wrap in the PDF and not be found as one string.
    gedeeld = VerstrekkingFactory(
        overdracht=overdracht, gedeeld_door__first_name="Marloes", gedeeld_door__last_name="Bakker"
    )

    inhoud = tekst(render_pdf("rapportage/pdf/overdracht.html", overdracht_context(overdracht)))

    assert "GGD Groningen — JGZ" in inhoud
    assert "Anouk van Dijk" in inhoud
    assert " ".join(MOEDER) in inhoud
    assert overdracht.doelen in inhoud
    assert "inbakeren goed werkt" in inhoud  # what the family asked to pass on
    assert "Kondig een bezoek altijd vooraf aan." in inhoud
    assert gedeeld.gedeeld_door.get_full_name() in inhoud
    assert date_format(gedeeld.toestemming.gegeven_op, "j F Y") in inhoud
    assert BSN not in inhoud
    assert "*****" not in inhoud


def test_handover_context_reports_no_consent_after_withdrawal(gemeente, aanbieder):
    feiten = volledig_traject(gemeente=gemeente, aanbieder=aanbieder)
    betrokkenheid = feiten.traject.betrokkenheden.get()
    overdracht = OverdrachtFactory(traject=feiten.traject, ketenpartner=betrokkenheid.ketenpartner)
    verstrekking = VerstrekkingFactory(overdracht=overdracht)
    assert overdracht_context(overdracht)["toestemming"] == verstrekking.toestemming

    toestemming = verstrekking.toestemming
    toestemming.ingetrokken_op = toestemming.vastgelegd_op + timedelta(days=1)
    toestemming.ingetrokken_door = toestemming.vastgelegd_door
    toestemming.save()

    context = overdracht_context(overdracht)
    assert context["toestemming"] is None
    assert context["verstrekkingen"] == [verstrekking]  # what was shared stays on record
