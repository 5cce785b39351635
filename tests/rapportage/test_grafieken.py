"""The chart code: SVG structure, text alternative, Dutch numbers, and the same chart in a PDF."""

import io
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from rapportage import kleine_aantallen as ka
from rapportage.grafieken import PALET, Reeks, lijngrafiek, nl_getal, schaal, staafgrafiek
from rapportage.pdf import html_naar_pdf

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def nederlands():
    with translation.override("nl"):
        yield


def boom(grafiek):
    """Parse the SVG as XML: it must be well-formed for WeasyPrint."""
    return ET.fromstring(str(grafiek.svg))  # noqa: S314 - our own generated markup


def staven(grafiek):
    # Bars are the rects that carry a tooltip; legend swatches and backings have none.
    return [r for r in boom(grafiek).iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]


def uren_per_week():
    return staafgrafiek(
        "Uren per week",
        ["week 10", "week 11", "week 12"],
        [Reeks("Geïndiceerd", [12, Decimal("12.5"), None]), Reeks("Geleverd", [8, 11.25, 3])],
        eenheid="uur",
        referentielijnen=[("Pilot", 9.1)],
    )


def test_svg_is_an_accessible_image_with_title_and_description():
    grafiek = uren_per_week()
    svg = boom(grafiek)
    assert svg.get("role") == "img"
    assert svg.get("width") == "100%"
    assert svg.get("viewBox").startswith("0 0 ")
    titel, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert titel.text == "Uren per week"
    assert desc.text == grafiek.beschrijving
    assert svg.get("aria-labelledby") == titel.get("id")
    assert svg.get("aria-describedby") == desc.get("id")


def test_svg_has_no_script_style_or_class_so_csp_and_weasyprint_accept_it():
    tekst = str(uren_per_week().svg)
    assert "<script" not in tekst
    assert "style=" not in tekst
    assert "class=" not in tekst
    assert "<style" not in tekst


def test_two_charts_on_one_page_get_different_ids():
    assert boom(uren_per_week()).get("aria-labelledby") != boom(uren_per_week()).get("aria-labelledby")


def test_one_bar_per_value_and_none_leaves_a_gap():
    grafiek = uren_per_week()
    assert len(staven(grafiek)) == 5  # 3 + 3 values, one of them None
    kleuren = {r.get("fill") for r in staven(grafiek)}
    assert kleuren == {PALET[0], PALET[1]}


def test_bar_heights_are_proportional_to_the_values():
    grafiek = staafgrafiek("Trajecten", ["a", "b"], [Reeks("Aantal", [5, 10])])
    hoogtes = [float(r.get("height")) for r in staven(grafiek)]
    assert hoogtes[1] == pytest.approx(2 * hoogtes[0], rel=0.02)


def test_horizontal_bars_have_widths_proportional_to_the_values():
    grafiek = staafgrafiek(
        "Belasting",
        ["Fatima el Amrani", "Anna de Vries"],
        [Reeks("Gewerkt", [30, 15]), Reeks("Contract", [32, 24])],
        eenheid="uur",
        horizontaal=True,
    )
    breedtes = [float(r.get("width")) for r in staven(grafiek)]
    assert len(breedtes) == 4
    assert breedtes[0] == pytest.approx(2 * breedtes[1], rel=0.02)
    assert "Fatima el Amrani" in str(grafiek.svg)


def test_own_colour_of_a_series_is_used():
    grafiek = staafgrafiek("x", ["a"], [Reeks("Aantal", [3], kleur="#123456")])
    assert staven(grafiek)[0].get("fill") == "#123456"


def test_reference_line_is_dashed_and_labelled_in_dutch():
    svg = boom(uren_per_week())
    gestippeld = [line for line in svg.iter(f"{SVG}line") if line.get("stroke-dasharray")]
    assert len(gestippeld) == 1
    teksten = [t.text for t in svg.iter(f"{SVG}text")]
    assert "Pilot 9,1 uur" in teksten


def test_reference_line_extends_the_axis_above_the_data():
    grafiek = staafgrafiek(
        "Tevredenheid", ["cliënten"], [Reeks("Gemiddeld", [7])], referentielijnen=[("Pilot", 9.1)]
    )
    teksten = [t.text for t in boom(grafiek).iter(f"{SVG}text")]
    assert "10" in teksten  # the top tick covers 9.1


def test_text_alternative_table_has_dutch_numbers_and_a_dash_for_missing():
    grafiek = uren_per_week()
    assert grafiek.kolommen == ["Categorie", "Geïndiceerd (uur)", "Geleverd (uur)"]
    assert grafiek.rijen == [
        ["week 10", "12", "8"],
        ["week 11", "12,5", "11,25"],
        ["week 12", "—", "3"],
    ]
    assert "12,5" in grafiek.beschrijving
    assert "Pilot" in grafiek.beschrijving


def test_amounts_have_two_decimals_in_the_table_and_euro_on_the_axis():
    grafiek = staafgrafiek(
        "Kosten", ["jan", "feb"], [Reeks("Kosten", [6900, Decimal("1234.5")])], eenheid="€"
    )
    assert grafiek.rijen == [["jan", "6.900,00"], ["feb", "1.234,50"]]
    assert "€ 6.000" in str(grafiek.svg) or "€ 8.000" in str(grafiek.svg)


def test_user_text_is_escaped():
    grafiek = staafgrafiek("<b>titel</b>", ['<script>alert("x")</script>'], [Reeks("A & B", [1])])
    tekst = str(grafiek.svg)
    assert "<script>" not in tekst
    assert "&lt;b&gt;titel&lt;/b&gt;" in tekst
    assert "A &amp; B" in tekst
    boom(grafiek)  # still well-formed XML


@pytest.mark.parametrize(
    ("labels", "reeksen"),
    [
        ([], []),
        (["jan"], []),
        ([], [Reeks("A", [])]),
        (["jan", "feb"], [Reeks("A", [None, None])]),
    ],
)
def test_empty_data_gives_a_no_data_chart(labels, reeksen):
    for maak in (staafgrafiek, lijngrafiek):
        grafiek = maak("Leeg", labels, reeksen)
        assert gettext("No data") in str(grafiek.svg)
        assert grafiek.rijen == []
        assert staven(grafiek) == []
        boom(grafiek)


def test_all_zero_values_do_not_divide_by_zero():
    grafiek = staafgrafiek("Nul", ["a", "b"], [Reeks("Aantal", [0, 0])])
    assert len(staven(grafiek)) == 2
    assert all(float(r.get("height")) == 0 for r in staven(grafiek))
    teksten = [t.text for t in boom(grafiek).iter(f"{SVG}text")]
    assert "0,5" not in teksten  # counts keep whole ticks


def test_line_chart_breaks_at_missing_values_and_marks_every_point():
    grafiek = lijngrafiek(
        "Actief", ["jan", "feb", "mrt", "apr", "mei"], [Reeks("Actief", [1, 2, None, 4, 5])]
    )
    svg = boom(grafiek)
    assert len(list(svg.iter(f"{SVG}polyline"))) == 2
    assert len(list(svg.iter(f"{SVG}circle"))) == 4
    assert grafiek.kolommen[0] == "Periode"


def test_legend_only_for_more_than_one_series():
    een = staafgrafiek("x", ["a"], [Reeks("Enige", [1])])
    twee = staafgrafiek("x", ["a"], [Reeks("Eerste", [1]), Reeks("Tweede", [2])])
    assert "Enige" not in [t.text for t in boom(een).iter(f"{SVG}text")]
    assert {"Eerste", "Tweede"} <= {t.text for t in boom(twee).iter(f"{SVG}text")}


def test_many_labels_are_thinned_on_the_axis_but_all_in_the_table():
    labels = [f"Trajectnummer {i}" for i in range(30)]
    grafiek = staafgrafiek("Veel", labels, [Reeks("Aantal", list(range(30)))])
    teksten = [t.text for t in boom(grafiek).iter(f"{SVG}text")]
    assert sum(1 for t in teksten if t and t.startswith("Traject")) < 30
    assert len(grafiek.rijen) == 30


def test_nice_scale():
    assert schaal(0, 9.1) == (0, 10, [0, 2.5, 5, 7.5, 10])
    assert schaal(0, 37) == (0, 40, [0, 10, 20, 30, 40])
    assert schaal(0, 3, geheel=True)[2] == [0, 1, 2, 3]
    onder, boven, ticks = schaal(-4, 10)
    assert onder <= -4
    assert boven >= 10
    assert 0 in ticks


def test_dutch_numbers():
    assert nl_getal(6900) == "6.900"
    assert nl_getal(Decimal("6900"), vast=True) == "6.900,00"
    assert nl_getal(9.1) == "9,1"
    assert nl_getal(12.255) == "12,26"
    assert nl_getal(None) == "—"


def contrast_op_wit(kleur: str) -> float:
    def kanaal(c):
        c = int(c, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (kanaal(kleur[i : i + 2]) for i in (1, 3, 5))
    luminantie = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminantie + 0.05)


def test_palette_has_enough_contrast_on_white():
    assert all(contrast_op_wit(kleur) >= 3 for kleur in PALET)


def test_include_renders_figure_caption_and_table_in_details_on_a_page():
    html = render_to_string("rapportage/_grafiek.html", {"grafiek": uren_per_week()})
    assert html.count("<figure") == 1
    assert "<figcaption" in html
    assert "Uren per week" in html
    assert "<details" in html
    assert "<table" in html
    assert re.search(r"<th[^>]*scope=\"row\"[^>]*>week 11</th>", html)
    assert "12,5" in html


def test_include_in_a_pdf_shows_the_table_plainly_or_not_at_all():
    met = render_to_string("rapportage/_grafiek.html", {"grafiek": uren_per_week(), "pdf": True})
    zonder = render_to_string("rapportage/_grafiek.html", {"grafiek": uren_per_week(), "tabel": False})
    assert "<table" in met
    assert "<details" not in met
    assert "<table" not in zonder
    assert "<svg" in zonder


def test_chart_renders_in_weasyprint_with_its_labels():
    grafieken = [
        uren_per_week(),
        staafgrafiek(
            "Belasting medewerkers",
            ["Fatima el Amrani"],
            [Reeks("Gewerkt", [30]), Reeks("Contract", [32])],
            eenheid="uur",
            horizontaal=True,
        ),
        lijngrafiek("Actieve trajecten", ["jan", "feb"], [Reeks("Actief", [3, 4])]),
        staafgrafiek("Lege grafiek", [], []),
    ]
    # Inside the real report layout, stylesheet and all, as the report tasks render it.
    sjabloon = engines["django"].from_string(
        '{% extends "rapportage/pdf/basis.html" %}{% block inhoud %}{% for g in grafieken %}'
        '{% include "rapportage/_grafiek.html" with grafiek=g pdf=True %}{% endfor %}{% endblock %}'
    )
    html = sjabloon.render({"grafieken": grafieken})
    tekst = " ".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(html_naar_pdf(html))).pages)
    verwachte = (
        "Uren per week",
        "Pilot 9,1 uur",
        "week 11",
        "Geïndiceerd",
        "Fatima el Amrani",
        gettext("No data"),
    )
    for verwacht in verwachte:
        assert verwacht in tekst, verwacht
    # The SVG's own <title>/<desc> are metadata, not drawn a second time.
    assert tekst.count("Uren per week") == 1


def test_a_hidden_figure_draws_no_bar_and_reads_as_hidden_in_the_table():
    # Small-numbers rule (issue 13): "< 5" is not "no data" and not zero.
    grafiek = staafgrafiek("Uitkomsten", ["a", "b"], [Reeks("Aantal", [12, ka.VERBORGEN])])
    assert len(staven(grafiek)) == 1
    assert grafiek.rijen == [["a", "12"], ["b", "< 5"]]


def test_a_chart_of_only_hidden_figures_says_too_few_families_not_no_data():
    grafiek = staafgrafiek("Tevredenheid", ["Cliënten"], [Reeks("Gemiddeld", [ka.TE_WEINIG])])
    tekst = "".join(boom(grafiek).itertext())
    assert "Te weinig gezinnen om te tonen" in tekst
    assert "Geen gegevens" not in tekst
    assert grafiek.rijen == [["Cliënten", "n < 5"]]
    leeg = staafgrafiek("Tevredenheid", ["Cliënten"], [Reeks("Gemiddeld", [None])])
    assert "Geen gegevens" in "".join(boom(leeg).itertext())
