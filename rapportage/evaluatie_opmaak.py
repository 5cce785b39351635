"""The programme evaluation laid out: the context of its PDF and of its page (the figures and their
charts, drawn by the same chart code as the dashboards) and its CSV rows."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import grafieken
from . import kleine_aantallen as ka
from .csvbestand import csv_tekst, csv_waarde
from .periode import REFERENTIE_TEVREDENHEID_CLIENT, REFERENTIE_TEVREDENHEID_PARTNER
from .periode_opmaak import verwijzers_grafiek


def evaluatie_context(c: dict) -> dict:
    """The template context of ``rapportage/pdf/evaluatie.html``: the figures and their charts, drawn by
    the same chart code as the dashboards (a hidden figure draws no bar)."""
    verwijzers = c["aanmeldingen"]["per_verwijzer"]["rijen"]
    uitkomsten = c["uitkomsten"]["rijen"]
    t = c["tevredenheid"]
    doelen = c["doelen"]["per_thema"]
    vergelijking = c["vergelijking"]
    kostenrijen = [(_("This report"), vergelijking["gemiddeld_per_traject"])] + [
        (r["naam"] + (" *" if r["per_uur"] else ""), r["per_traject_van"])
        for r in vergelijking["rijen"]
        if not r["is_babythuiszorg"]
    ]
    return {
        "cijfers": c,
        "scope": c["scope"],
        "van": c["van"],
        "tot": c["tot"],
        "grafieken": {
            "verwijzers": verwijzers_grafiek(verwijzers),
            "uitkomsten": grafieken.staafgrafiek(
                _("Outcomes at closure"),
                [r["label"] for r in uitkomsten],
                [grafieken.Reeks(_("Trajectories"), [r["aantal"] for r in uitkomsten])],
                horizontaal=True,
                labelkop=_("Outcome"),
            ),
            "tevredenheid": grafieken.staafgrafiek(
                _("Mean satisfaction (1–10)"),
                [_("Clients"), _("Chain partners"), _("Staff")],
                [
                    grafieken.Reeks(
                        _("Mean score"),
                        [t[s]["gemiddeld"] for s in ("client", "partner", "medewerker")],
                    )
                ],
                referentielijnen=[
                    (_("Pilot clients"), REFERENTIE_TEVREDENHEID_CLIENT),
                    (_("Pilot partners"), REFERENTIE_TEVREDENHEID_PARTNER),
                ],
            ),
            "doelen": grafieken.staafgrafiek(
                _("Goal scores at the start and at the end, by theme (1–10)"),
                [r["label"] for r in doelen],
                [
                    grafieken.Reeks(_("Score at start"), [r["start"] for r in doelen]),
                    grafieken.Reeks(_("Score at end"), [r["eind"] for r in doelen]),
                ],
                horizontaal=True,
                labelkop=_("Theme"),
            ),
            "giz": grafieken.staafgrafiek(
                _("Risk level at the first and the last GIZ assessment"),
                [r["label"] for r in c["giz"]["niveaus"]],
                [
                    grafieken.Reeks(_("First assessment"), [r["eerste"] for r in c["giz"]["niveaus"]]),
                    grafieken.Reeks(_("Last assessment"), [r["laatste"] for r in c["giz"]["niveaus"]]),
                ],
                labelkop=_("Risk level"),
            ),
            "kosten": grafieken.staafgrafiek(
                _("Cost per trajectory against the preceding provisions"),
                [naam for naam, _w in kostenrijen],
                [grafieken.Reeks(_("Cost per trajectory"), [w for _n, w in kostenrijen])],
                eenheid="€",
                referentielijnen=[(_("BabythuisZorg average"), c["kosten"]["referentie"])],
                horizontaal=True,
                labelkop=_("Provision"),
            ),
        },
    }


def _waarde(waarde) -> str:
    return str(waarde) if ka.is_verborgen(waarde) else csv_waarde(waarde)


def _csv_rijen(c: dict) -> list[tuple]:
    aantal, pct, gem = _("Number"), _("Percentage"), _("Mean")
    a = c["aanmeldingen"]
    rijen = [
        (_("Scope"), _("Scope"), "", c["scope"]),
        (_("Scope"), _("From"), "", c["van"]),
        (_("Scope"), _("Up to and including"), "", c["tot"]),
        (_("Scope"), _("Small numbers hidden below"), aantal, c["drempel"]),
        (_("Referrals"), _("Referrals received"), aantal, a["totaal"]),
        (_("Referrals"), _("Families"), aantal, a["gezinnen"]),
        (_("Referrals"), _("Accepted for intake"), aantal, a["geaccepteerd"]["aantal"]),
        (_("Referrals"), _("Declined"), aantal, a["afgewezen"]["aantal"]),
        (_("Referrals"), _("Waiting or cancelled"), aantal, a["overig"]["aantal"]),
        (_("Referrals"), _("Started so far"), aantal, a["gestart"]),
    ]
    for r in a["per_verwijzer"]["rijen"]:
        rijen += [(_("Referrals by referrer type"), r["label"], aantal, r["aantal"])]
    for r in a["kwetsbaarheden"]["rijen"]:
        rijen += [(_("Vulnerability factors"), r["label"], aantal, r["aantal"])]
    for r in a["afgewezen_naar"]["rijen"]:
        rijen += [(_("Declined referrals sent to"), r["label"], aantal, r["aantal"])]
    t, w, d = c["trajecten"], c["wachttijd"], c["duur"]
    rijen += [
        (_("Trajectories"), _("Started"), aantal, t["gestart"]),
        (_("Trajectories"), _("Active"), aantal, t["actief"]),
        (_("Trajectories"), _("Closed"), aantal, t["afgesloten"]),
        (_("Waiting time referral to start"), _("Mean"), _("Days"), w["gemiddeld_dagen"]),
        (_("Waiting time referral to start"), _("Median"), _("Days"), w["mediaan_dagen"]),
        (_("Duration of closed trajectories"), _("Mean"), _("Days"), d["gemiddeld_dagen"]),
        (_("Duration of closed trajectories"), _("Median"), _("Days"), d["mediaan_dagen"]),
    ]
    u = c["uren"]
    rijen += [
        (_("Hours in the period"), _("Indicated"), _("Hours"), u["geindiceerd"]),
        (_("Hours in the period"), _("Delivered"), _("Hours"), u["geleverd"]),
        (_("Hours in the period"), _("Delivered as a percentage of indicated"), pct, u["procent_geleverd"]),
    ]
    for r in u["per_dienst"]:
        rijen += [(_("Hours by shift"), r["label"], _("Hours"), r["uren"])]
    k = c["kosten"]
    rijen += [
        (_("Per closed trajectory"), _("Hours indicated"), gem, k["geindiceerd_per_traject"]),
        (_("Per closed trajectory"), _("Hours delivered"), gem, k["geleverd_per_traject"]),
        (_("Per closed trajectory"), _("Hours delivered per week"), gem, u["per_week_per_traject"]),
        (_("Cost"), _("Closed trajectories"), aantal, k["afgesloten_trajecten"]),
        (_("Cost"), _("Average per closed trajectory"), _("Amount (€)"), k["gemiddeld_per_traject"]),
        (_("Cost"), _("Reference per trajectory (BabythuisZorg)"), _("Amount (€)"), k["referentie"]),
        (
            _("Cost"),
            _("Average per closed trajectory"),
            _("Percentage of the reference"),
            k["procent_van_referentie"],
        ),
    ]
    for r in c["vergelijking"]["rijen"]:
        bron = f"{r['bron']} ({r['bron_datum']:%m-%Y})" if r["bron"] and r["bron_datum"] else r["bron"]
        rijen += [
            (
                _("Preceding provisions"),
                r["naam"],
                _("Price"),
                f"{r['prijs']} ({_('price level %(jaar)s') % {'jaar': r['prijspeil']}})",
            ),
            (_("Preceding provisions"), r["naam"], _("Per trajectory from (€)"), r["per_traject_van"]),
            (_("Preceding provisions"), r["naam"], _("Per trajectory up to (€)"), r["per_traject_tot"]),
            (_("Preceding provisions"), r["naam"], _("Source"), bron),
        ]
    for r in c["uitkomsten"]["rijen"]:
        rijen += [(_("Outcomes"), r["label"], aantal, r["aantal"])]
    for sleutel, label in (
        ("client", _("Clients")),
        ("partner", _("Chain partners")),
        ("medewerker", _("Staff")),
    ):
        s = c["tevredenheid"][sleutel]
        rijen += [
            (_("Satisfaction"), label, gem, s["gemiddeld"]),
            (_("Satisfaction"), label, _("Responses"), s["aantal"]),
        ]
        for band in s["verdeling"]:
            rijen += [
                (_("Satisfaction"), label, _("Score %(band)s") % {"band": band["label"]}, band["aantal"])
            ]
    for r in c["doelen"]["per_thema"]:
        rijen += [
            (_("Goal scores"), r["label"], _("Families"), r["gezinnen"]),
            (_("Goal scores"), r["label"], _("Score at start"), r["start"]),
            (_("Goal scores"), r["label"], _("Score at end"), r["eind"]),
            (_("Goal scores"), r["label"], _("Change in score"), r["verschil"]),
        ]
    rijen += [
        (_("Chain meetings"), _("Held in the period"), aantal, c["ketenoverleg"]["overleggen"]),
        (_("Chain meetings"), _("Families discussed"), aantal, c["ketenoverleg"]["gezinnen"]),
    ]
    g = c["giz"]
    rijen += [(_("Risk picture (GIZ)"), _("Trajectories assessed again"), aantal, g["trajecten"])]
    for r in g["niveaus"]:
        rijen += [
            (_("Risk picture (GIZ)"), r["label"], _("First assessment"), r["eerste"]),
            (_("Risk picture (GIZ)"), r["label"], _("Last assessment"), r["laatste"]),
        ]
    rijen += [
        (_("Risk picture (GIZ)"), _("Risk level lower"), aantal, g["lager"]["aantal"]),
        (_("Risk picture (GIZ)"), _("Risk level the same"), aantal, g["gelijk"]["aantal"]),
        (_("Risk picture (GIZ)"), _("Risk level higher"), aantal, g["hoger"]["aantal"]),
    ]
    rijen += [
        (_("Concerns and risks (GIZ)"), _("Marked urgent"), _("First assessment"), g["spoed"]["eerste"]),
        (_("Concerns and risks (GIZ)"), _("Marked urgent"), _("Last assessment"), g["spoed"]["laatste"]),
    ]
    for r in g["factoren"]:
        rijen += [
            (_("Concerns and risks (GIZ)"), r["label"], _("First assessment"), r["eerste"]),
            (_("Concerns and risks (GIZ)"), r["label"], _("Last assessment"), r["laatste"]),
        ]
    return rijen


def evaluatie_csv(cijfers: dict) -> str:
    """The same figures as a CSV for a Dutch spreadsheet (as the period report's): semicolons, decimal
    comma, one figure per row; hidden figures as "< 5"; every cell neutralised against formulas."""
    return csv_tekst(_csv_rijen(cijfers), waarde=_waarde)


def titel(cijfers: dict) -> str:
    return _("Programme evaluation %(scope)s, %(van)s – %(tot)s") % {
        "scope": cijfers["scope"],
        "van": date_format(cijfers["van"]),
        "tot": date_format(cijfers["tot"]),
    }
