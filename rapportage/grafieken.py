"""Charts as server-rendered SVG: the one chart code for pages and PDF reports.

The SVG uses presentation attributes only (no CSS classes, no style attributes, no scripts), so the
strict CSP allows it and WeasyPrint draws it exactly as a browser does. Every chart carries its text
alternative: <title> and <desc> in the SVG, and a table (``kolommen``/``rijen``) that the include
``rapportage/_grafiek.html`` shows beside it.
"""

import math
import uuid
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.html import escape
from django.utils.numberformat import format as numberformat
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from .kleine_aantallen import is_verborgen

# Okabe–Ito inspired, darkened until each has a contrast of at least 3:1 on white (WCAG 1.4.11)
# and neighbours stay distinguishable with the common colour-vision deficiencies.
PALET = ("#24578f", "#b84f00", "#1c7a52", "#8a3b8e", "#5c5c5c", "#a4262c")
REFERENTIEKLEUR = "#333333"
ASKLEUR = "#595959"
RASTERKLEUR = "#d9d9d9"
LETTERTYPE = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, 'DejaVu Sans', sans-serif"

# The viewBox is kept narrow so the text stays legible when a phone scales the chart down.
BREEDTE = 440
LETTER = 14
LETTER_KLEIN = 13
WAARDELETTER = 12
TEKENBREEDTE = 0.58  # average glyph width as a fraction of the font size, to estimate label widths

Waarde = Decimal | float | int | None


@dataclass
class Reeks:
    naam: str
    waarden: list[Waarde]
    kleur: str | None = None


@dataclass
class Grafiek:
    titel: str
    svg: SafeString
    kolommen: list[str]
    rijen: list[list[str]]
    beschrijving: str


# --- formatting ---------------------------------------------------------------------------------


def nl_getal(waarde: Waarde, decimalen: int = 2, *, vast: bool = False) -> str:
    """Dutch number: thousands dot, decimal comma, at most ``decimalen`` decimals without trailing
    zeros — or exactly ``decimalen`` when ``vast`` (amounts: 6.900,00)."""
    if waarde is None:
        return "—"
    getal = Decimal(str(waarde)).quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)
    if vast:
        posities = decimalen
    else:
        getal = getal.normalize() if getal != getal.to_integral_value() else getal.to_integral_value()
        posities = max(0, -getal.as_tuple().exponent)
    return numberformat(
        getal, ",", decimal_pos=posities, grouping=3, thousand_sep=".", force_grouping=True
    ).replace("-", "−")


def _met_eenheid(tekst: str, eenheid: str) -> str:
    if not eenheid:
        return tekst
    if eenheid == "€":
        return f"€ {tekst}"
    if eenheid == "%":
        return f"{tekst}%"
    return f"{tekst} {eenheid}"


def _f(x: float) -> str:
    """A coordinate: one decimal is plenty in a 440-wide viewBox."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _tekst(x, y, inhoud, *, anker="start", grootte=LETTER_KLEIN, kleur="#1a1a1a", gewicht=None) -> str:
    extra = f' font-weight="{gewicht}"' if gewicht else ""
    return (
        f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="{anker}" font-size="{grootte}" '
        f'fill="{kleur}"{extra}>{escape(inhoud)}</text>'
    )


def _breedte(tekst: str, grootte: int = LETTER_KLEIN) -> float:
    return len(tekst) * grootte * TEKENBREEDTE


def _etiket(x, y, inhoud, *, anker="start") -> str:
    """A reference line's label on a white backing, so bars behind it do not hide it."""
    breedte = _breedte(inhoud) * 1.08 + 6
    links = {"start": x - 3, "middle": x - breedte / 2, "end": x - breedte + 3}[anker]
    return (
        f'<rect x="{_f(links)}" y="{_f(y - LETTER_KLEIN)}" width="{_f(breedte)}" height="{LETTER_KLEIN + 4}" '
        f'fill="#ffffff" fill-opacity="0.9"/>'
        + _tekst(x, y, inhoud, anker=anker, kleur=REFERENTIEKLEUR, gewicht="600")
    )


def _afkappen(tekst: str, ruimte: float, grootte: int = LETTER_KLEIN) -> str:
    """Shorten a label to fit ``ruimte`` pixels; the full text stays in the table and the tooltip."""
    past = max(1, int(ruimte / (grootte * TEKENBREEDTE)))
    return tekst if len(tekst) <= past else tekst[: max(1, past - 1)].rstrip() + "…"


# --- scale --------------------------------------------------------------------------------------


def _mooie_stap(bereik: float, aantal: int = 4, *, geheel: bool = False) -> float:
    ruwe = bereik / aantal
    if geheel and ruwe <= 1:
        return 1
    macht = 10 ** math.floor(math.log10(ruwe))
    for factor in (1, 2, 2.5, 5, 10):
        if ruwe <= factor * macht:
            return factor * macht
    return 10 * macht  # pragma: no cover - the loop always returns


def schaal(laagste: float, hoogste: float, *, geheel: bool = False) -> tuple[float, float, list[float]]:
    """Nice axis bounds and ticks covering [laagste, hoogste], always including zero. ``geheel``
    (counts) keeps the ticks whole numbers."""
    laagste, hoogste = min(0.0, laagste), max(0.0, hoogste)
    if hoogste == laagste:
        hoogste = laagste + 1
    stap = _mooie_stap(hoogste - laagste, geheel=geheel)
    onder = math.floor(laagste / stap) * stap
    boven = math.ceil(hoogste / stap) * stap
    aantal = round((boven - onder) / stap)
    return onder, boven, [onder + i * stap for i in range(aantal + 1)]


# --- shared parts -------------------------------------------------------------------------------


def _getallen(reeksen: list[Reeks]) -> list[float]:
    return [float(w) for r in reeksen for w in r.waarden if w is not None]


def _geheel(reeksen: list[Reeks]) -> bool:
    return all(float(w).is_integer() for w in _getallen(reeksen))


def _kleur(reeks: Reeks, index: int) -> str:
    return reeks.kleur or PALET[index % len(PALET)]


def _legenda(reeksen: list[Reeks], y: float) -> tuple[list[str], float]:
    """Legend items flowing over lines; returns the parts and the height used."""
    if len(reeksen) < 2:
        return [], 0
    delen, x, regel = [], 0.0, 0
    for i, reeks in enumerate(reeksen):
        breedte = 18 + len(reeks.naam) * LETTER_KLEIN * TEKENBREEDTE + 16
        if x and x + breedte > BREEDTE:
            x, regel = 0.0, regel + 1
        top = y + regel * 20
        delen.append(
            f'<rect x="{_f(x)}" y="{_f(top)}" width="12" height="12" fill="{escape(_kleur(reeks, i))}"/>'
        )
        delen.append(_tekst(x + 18, top + 11, reeks.naam))
        x += breedte
    return ['<g aria-hidden="true">', *delen, "</g>"], (regel + 1) * 20 + 6


def _svg(titel: str, beschrijving: str, hoogte: float, inhoud: list[str]) -> SafeString:
    sleutel = f"grafiek-{uuid.uuid4().hex[:10]}"
    kop = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" '
        f'viewBox="0 0 {BREEDTE} {_f(hoogte)}" preserveAspectRatio="xMidYMid meet" '
        f'aria-labelledby="{sleutel}-titel" aria-describedby="{sleutel}-desc" '
        f'font-family="{escape(LETTERTYPE)}" font-size="{LETTER_KLEIN}">'
        f'<title id="{sleutel}-titel">{escape(titel)}</title>'
        f'<desc id="{sleutel}-desc">{escape(beschrijving)}</desc>'
    )
    return mark_safe(kop + "".join(inhoud) + "</svg>")  # noqa: S308 - every text above is escaped


def _leeg(titel: str, labelkop: str, reeksen: list[Reeks], verborgen: bool = False, rijen=()) -> Grafiek:
    # Hidden figures are not "no data": say that there were too few families to show them.
    if verborgen:
        tekst = gettext("Too few families to show")
        beschrijving = gettext("Too few families to show this chart without pointing to a family.")
    else:
        tekst, beschrijving = gettext("No data"), gettext("No data for this chart.")
    inhoud = [
        f'<rect x="0.5" y="0.5" width="{BREEDTE - 1}" height="119" fill="#f7f7f7" stroke="{RASTERKLEUR}"/>',
        _tekst(BREEDTE / 2, 65, tekst, anker="middle", grootte=LETTER, kleur=ASKLEUR),
    ]
    return Grafiek(
        titel=titel,
        svg=_svg(titel, beschrijving, 120, inhoud),
        kolommen=[labelkop, *(r.naam for r in reeksen)],
        rijen=list(rijen),
        beschrijving=beschrijving,
    )


def _waarde(waarde: Waarde, eenheid: str) -> str:
    return nl_getal(waarde, 2, vast=eenheid == "€" and waarde is not None)


def _tabel(labels, reeksen, eenheid, labelkop, verborgen=None) -> tuple[list[str], list[list[str]]]:
    verborgen = verborgen or {}
    kolommen = [labelkop, *(f"{r.naam} ({eenheid})" if eenheid else r.naam for r in reeksen)]
    rijen = [
        [
            label,
            *(
                verborgen.get((ri, i)) or (_waarde(r.waarden[i], eenheid) if i < len(r.waarden) else "—")
                for ri, r in enumerate(reeksen)
            ),
        ]
        for i, label in enumerate(labels)
    ]
    return kolommen, rijen


def _samenvatting(soort: str, labels, reeksen, eenheid, referentielijnen) -> str:
    delen = [soort]
    for reeks in reeksen:
        paren = [(w, labels[i]) for i, w in enumerate(reeks.waarden[: len(labels)]) if w is not None]
        if not paren:
            continue
        hoogste, label = max(paren, key=lambda p: p[0])
        delen.append(
            gettext("%(reeks)s: highest %(waarde)s (%(label)s).")
            % {"reeks": reeks.naam, "waarde": _met_eenheid(nl_getal(hoogste), eenheid), "label": label}
        )
    for naam, waarde in referentielijnen:
        delen.append(
            gettext("Reference line %(naam)s at %(waarde)s.")
            % {"naam": naam, "waarde": _met_eenheid(nl_getal(waarde), eenheid)}
        )
    return " ".join(delen)


def _voorbereid(labels, reeksen):
    """Labels as text, each series cut to the labels. A figure hidden by the small-numbers rule
    (rapportage.kleine_aantallen) draws no bar or point; its text ("< 5") goes to the table instead."""
    labels = [str(label) for label in labels]
    verborgen = {}
    schoon = []
    for ri, r in enumerate(reeksen):
        waarden = list(r.waarden[: len(labels)])
        for i, w in enumerate(waarden):
            if is_verborgen(w):
                verborgen[(ri, i)] = str(w)
                waarden[i] = None
        schoon.append(Reeks(r.naam, waarden, r.kleur))
    return labels, schoon, verborgen


# --- charts -------------------------------------------------------------------------------------


def staafgrafiek(
    titel: str,
    labels: list[str],
    reeksen: list[Reeks],
    *,
    eenheid: str = "",
    referentielijnen: list[tuple[str, float]] = (),
    horizontaal: bool = False,
    beschrijving: str = "",
    labelkop: str = "",
) -> Grafiek:
    """Grouped bar chart, one rect per value that is not None. ``horizontaal`` suits many or long
    labels (a trajectory per row, a staff member per row); ``labelkop`` heads the label column of the
    text alternative."""
    labels, reeksen, verborgen = _voorbereid(labels, reeksen)
    labelkop = labelkop or gettext("Category")
    referentielijnen = [(naam, float(w)) for naam, w in referentielijnen]
    if not labels or not reeksen or not _getallen(reeksen):
        rijen = _tabel(labels, reeksen, eenheid, labelkop, verborgen)[1] if verborgen else []
        return _leeg(titel, labelkop, reeksen, verborgen=bool(verborgen), rijen=rijen)
    kolommen, rijen = _tabel(labels, reeksen, eenheid, labelkop, verborgen)
    beschrijving = beschrijving or _samenvatting(
        ngettext("Bar chart with %(aantal)d category.", "Bar chart with %(aantal)d categories.", len(labels))
        % {"aantal": len(labels)},
        labels,
        reeksen,
        eenheid,
        referentielijnen,
    )
    getallen = _getallen(reeksen) + [w for _, w in referentielijnen]
    onder, boven, ticks = schaal(min(getallen), max(getallen), geheel=_geheel(reeksen))
    teken = _horizontaal if horizontaal else _verticaal
    hoogte, inhoud = teken(labels, reeksen, eenheid, referentielijnen, onder, boven, ticks)
    return Grafiek(titel, _svg(titel, beschrijving, hoogte, inhoud), kolommen, rijen, beschrijving)


def lijngrafiek(
    titel: str,
    labels: list[str],
    reeksen: list[Reeks],
    *,
    eenheid: str = "",
    referentielijnen: list[tuple[str, float]] = (),
    beschrijving: str = "",
    labelkop: str = "",
) -> Grafiek:
    """Line chart over ordered labels (months, weeks); a None value breaks the line."""
    labels, reeksen, verborgen = _voorbereid(labels, reeksen)
    labelkop = labelkop or gettext("Period")
    referentielijnen = [(naam, float(w)) for naam, w in referentielijnen]
    if not labels or not reeksen or not _getallen(reeksen):
        rijen = _tabel(labels, reeksen, eenheid, labelkop, verborgen)[1] if verborgen else []
        return _leeg(titel, labelkop, reeksen, verborgen=bool(verborgen), rijen=rijen)
    kolommen, rijen = _tabel(labels, reeksen, eenheid, labelkop, verborgen)
    beschrijving = beschrijving or _samenvatting(
        ngettext("Line chart over %(aantal)d period.", "Line chart over %(aantal)d periods.", len(labels))
        % {"aantal": len(labels)},
        labels,
        reeksen,
        eenheid,
        referentielijnen,
    )
    getallen = _getallen(reeksen) + [w for _, w in referentielijnen]
    onder, boven, ticks = schaal(min(getallen), max(getallen), geheel=_geheel(reeksen))
    legenda, legendahoogte = _legenda(reeksen, 4)
    boven_y, plot_h = 8 + legendahoogte, 190
    links, rechts = _linkermarge(ticks, eenheid), BREEDTE - 12
    kolom = (rechts - links) / len(labels)

    def y(w: float) -> float:
        return boven_y + plot_h * (boven - w) / (boven - onder)

    def x(i: int) -> float:
        return links + kolom * (i + 0.5)

    inhoud = [*legenda, *_y_as(ticks, links, rechts, y, eenheid)]
    for r_i, reeks in enumerate(reeksen):
        kleur = escape(_kleur(reeks, r_i))
        segment: list[str] = []
        stukken: list[list[str]] = []
        for i, w in enumerate(reeks.waarden):
            if w is None:
                if segment:
                    stukken.append(segment)
                segment = []
                continue
            segment.append(f"{_f(x(i))},{_f(y(float(w)))}")
        if segment:
            stukken.append(segment)
        for punten in stukken:
            if len(punten) > 1:
                inhoud.append(
                    f'<polyline points="{" ".join(punten)}" fill="none" stroke="{kleur}" '
                    f'stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>'
                )
        for i, w in enumerate(reeks.waarden):
            if w is not None:
                inhoud.append(
                    f'<circle cx="{_f(x(i))}" cy="{_f(y(float(w)))}" r="3.5" fill="{kleur}">'
                    f"<title>{escape(_tooltip(labels[i], reeks, w, eenheid))}</title></circle>"
                )
    inhoud += _referenties_horizontaal(referentielijnen, links, rechts, y, eenheid)
    inhoud += _x_labels(labels, links, kolom, boven_y + plot_h)
    return Grafiek(
        titel, _svg(titel, beschrijving, boven_y + plot_h + 30, inhoud), kolommen, rijen, beschrijving
    )


def _tooltip(label: str, reeks: Reeks, waarde: Waarde, eenheid: str) -> str:
    return f"{label} — {reeks.naam}: {_met_eenheid(_waarde(waarde, eenheid), eenheid)}"


def _linkermarge(ticks: list[float], eenheid: str) -> float:
    langste = max(len(_met_eenheid(nl_getal(t), eenheid if eenheid == "€" else "")) for t in ticks)
    return 10 + langste * LETTER_KLEIN * TEKENBREEDTE


def _y_as(ticks, links, rechts, y, eenheid) -> list[str]:
    delen = ['<g aria-hidden="true">']
    for t in ticks:
        delen.append(
            f'<line x1="{_f(links)}" x2="{_f(rechts)}" y1="{_f(y(t))}" y2="{_f(y(t))}" '
            f'stroke="{ASKLEUR if t == 0 else RASTERKLEUR}" stroke-width="1"/>'
        )
        etiket = _met_eenheid(nl_getal(t), eenheid if eenheid == "€" else "")
        delen.append(_tekst(links - 6, y(t) + 4, etiket, anker="end", kleur=ASKLEUR))
    delen.append("</g>")
    return delen


def _x_labels(labels, links, kolom, basis_y) -> list[str]:
    # Show every n-th label when they would collide; the table has them all.
    langste = max(len(label) for label in labels) * LETTER_KLEIN * TEKENBREEDTE + 6
    elke = max(1, math.ceil(langste / kolom)) if kolom else 1
    ruimte = kolom * elke
    delen = ['<g aria-hidden="true">']
    for i, label in enumerate(labels):
        if i % elke == 0:
            delen.append(
                _tekst(links + kolom * (i + 0.5), basis_y + 18, _afkappen(label, ruimte), anker="middle")
            )
    delen.append("</g>")
    return delen


def _referenties_horizontaal(referentielijnen, links, rechts, y, eenheid) -> list[str]:
    delen = []
    for naam, waarde in referentielijnen:
        delen.append(
            f'<line x1="{_f(links)}" x2="{_f(rechts)}" y1="{_f(y(waarde))}" y2="{_f(y(waarde))}" '
            f'stroke="{REFERENTIEKLEUR}" stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
        delen.append(
            _etiket(rechts, y(waarde) - 5, f"{naam} {_met_eenheid(nl_getal(waarde), eenheid)}", anker="end")
        )
    return delen


def _verticaal(labels, reeksen, eenheid, referentielijnen, onder, boven, ticks):
    legenda, legendahoogte = _legenda(reeksen, 4)
    boven_y, plot_h = 8 + legendahoogte, 190
    links, rechts = _linkermarge(ticks, eenheid), BREEDTE - 12
    groep = (rechts - links) / len(labels)
    staaf = min(36.0, groep * 0.8 / len(reeksen))
    begin = (groep - staaf * len(reeksen)) / 2
    # Values on top of the bars only when each fits above its own bar.
    decimalen = 0 if eenheid == "€" else 1
    toon_waarden = all(
        _breedte(nl_getal(w, decimalen), WAARDELETTER) <= staaf + 4 for w in _getallen(reeksen)
    )

    def y(w: float) -> float:
        return boven_y + plot_h * (boven - w) / (boven - onder)

    inhoud = [*legenda, *_y_as(ticks, links, rechts, y, eenheid)]
    for r_i, reeks in enumerate(reeksen):
        kleur = escape(_kleur(reeks, r_i))
        for i, w in enumerate(reeks.waarden):
            if w is None:
                continue
            x = links + groep * i + begin + staaf * r_i
            top, bodem = sorted((y(float(w)), y(0)))
            inhoud.append(
                f'<rect x="{_f(x)}" y="{_f(top)}" width="{_f(staaf)}" height="{_f(bodem - top)}" '
                f'fill="{kleur}"><title>{escape(_tooltip(labels[i], reeks, w, eenheid))}</title></rect>'
            )
            if toon_waarden:
                inhoud.append(
                    _tekst(
                        x + staaf / 2, top - 4, nl_getal(w, decimalen), anker="middle", grootte=WAARDELETTER
                    )
                )
    inhoud += _referenties_horizontaal(referentielijnen, links, rechts, y, eenheid)
    inhoud += _x_labels(labels, links, groep, boven_y + plot_h)
    return boven_y + plot_h + 30, inhoud


def _horizontaal(labels, reeksen, eenheid, referentielijnen, onder, boven, ticks):
    legenda, legendahoogte = _legenda(reeksen, 4)
    staaf = 14.0 if len(reeksen) > 1 else 18.0
    groep = staaf * len(reeksen) + 10
    # Labels take up to 40% of the width; longer ones are shortened (the table has them in full).
    labelbreedte = min(BREEDTE * 0.4, max(len(label) for label in labels) * LETTER_KLEIN * TEKENBREEDTE + 8)
    links = labelbreedte + 4
    # Room on the right for the value written after the longest bar.
    decimalen = 0 if eenheid == "€" else 1
    rechts = BREEDTE - 8 - max(_breedte(nl_getal(w, decimalen), WAARDELETTER) for w in _getallen(reeksen))
    boven_y = 8 + legendahoogte + (16 if referentielijnen else 0)
    plot_h = groep * len(labels)

    def x(w: float) -> float:
        return links + (rechts - links) * (w - onder) / (boven - onder)

    inhoud = [*legenda, '<g aria-hidden="true">']
    for t in ticks:
        inhoud.append(
            f'<line x1="{_f(x(t))}" x2="{_f(x(t))}" y1="{_f(boven_y)}" y2="{_f(boven_y + plot_h)}" '
            f'stroke="{ASKLEUR if t == 0 else RASTERKLEUR}" stroke-width="1"/>'
        )
        etiket = _met_eenheid(nl_getal(t), eenheid if eenheid == "€" else "")
        inhoud.append(_tekst(x(t), boven_y + plot_h + 16, etiket, anker="middle", kleur=ASKLEUR))
    for i, label in enumerate(labels):
        inhoud.append(
            _tekst(
                labelbreedte,
                boven_y + groep * i + groep / 2 + 4,
                _afkappen(label, labelbreedte - 4),
                anker="end",
            )
        )
    inhoud.append("</g>")
    for r_i, reeks in enumerate(reeksen):
        kleur = escape(_kleur(reeks, r_i))
        for i, w in enumerate(reeks.waarden):
            if w is None:
                continue
            top = boven_y + groep * i + 5 + staaf * r_i
            begin, eind = sorted((x(0), x(float(w))))
            inhoud.append(
                f'<rect x="{_f(begin)}" y="{_f(top)}" width="{_f(eind - begin)}" height="{_f(staaf - 1)}" '
                f'fill="{kleur}"><title>{escape(_tooltip(labels[i], reeks, w, eenheid))}</title></rect>'
            )
            inhoud.append(_tekst(eind + 4, top + staaf - 4, nl_getal(w, decimalen), grootte=WAARDELETTER))
    for naam, waarde in referentielijnen:
        inhoud.append(
            f'<line x1="{_f(x(waarde))}" x2="{_f(x(waarde))}" y1="{_f(boven_y - 4)}" '
            f'y2="{_f(boven_y + plot_h)}" stroke="{REFERENTIEKLEUR}" stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
        etiket = f"{naam} {_met_eenheid(nl_getal(waarde), eenheid)}"
        # Keep the label inside the viewBox when the line lies near an edge.
        half = _breedte(etiket) / 2
        anker = "end" if x(waarde) + half > BREEDTE else "start" if x(waarde) - half < 0 else "middle"
        inhoud.append(_etiket(x(waarde), boven_y - 7, etiket, anker=anker))
    return boven_y + plot_h + 26, inhoud
