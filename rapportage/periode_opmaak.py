"""The period report laid out: the context of its PDF (the figures and their charts) and its CSV rows.
The figures themselves come from ``rapportage.periode``."""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import grafieken
from . import kleine_aantallen as ka
from .csvbestand import csv_tekst


def _maandlabel(maand: date) -> str:
    return date_format(maand, "M Y")


def verwijzers_grafiek(rijen: list[dict]) -> grafieken.Grafiek:
    """Referrals by referrer type, as the period report and the programme evaluation both show it."""
    return grafieken.staafgrafiek(
        _("Referrals by referrer type"),
        [r["label"] for r in rijen],
        [grafieken.Reeks(_("Referrals"), [r["aantal"] for r in rijen])],
        horizontaal=True,
        labelkop=_("Referrer type"),
    )


def periode_context(cijfers: dict) -> dict:
    """The template context of ``rapportage/pdf/periode.html``: the figures and their charts."""
    uren = cijfers["uren"]
    maanden = [_maandlabel(m["maand"]) for m in uren["per_maand"]]
    reeksen_uren = [
        grafieken.Reeks(_("Indicated"), [m["geindiceerd"] for m in uren["per_maand"]]),
        grafieken.Reeks(_("Delivered"), [m["geleverd"] for m in uren["per_maand"]]),
    ]
    # Bars read best for a few months; over a longer period a line shows the course.
    if len(maanden) <= 6:
        uren_grafiek = grafieken.staafgrafiek(
            _("Hours indicated and delivered per month"), maanden, reeksen_uren, eenheid=_("hours"),
            labelkop=_("Month"),
        )  # fmt: skip
    else:
        uren_grafiek = grafieken.lijngrafiek(
            _("Hours indicated and delivered per month"), maanden, reeksen_uren, eenheid=_("hours"),
            labelkop=_("Month"),
        )  # fmt: skip
    verwijzers = cijfers["aanmeldingen"]["per_verwijzer"]
    tevredenheid = cijfers["tevredenheid"]
    kosten = cijfers["kosten"]
    return {
        "cijfers": cijfers,
        "drempel": ka.drempel(),
        "gemeente": cijfers["gemeente"],
        "van": cijfers["van"],
        "tot": cijfers["tot"],
        "grafieken": {
            "uren": uren_grafiek,
            "verwijzers": verwijzers_grafiek(verwijzers),
            "kosten": grafieken.staafgrafiek(
                _("Average cost per closed trajectory"),
                [_("This period")],
                [grafieken.Reeks(_("Average cost"), [kosten["gemiddeld_per_afgesloten"]])],
                eenheid="€",
                referentielijnen=[(_("BabythuisZorg average"), kosten["referentie"])],
                horizontaal=True,
            ),
            "tevredenheid": grafieken.staafgrafiek(
                _("Mean satisfaction (1–10)"),
                [_("Clients"), _("Chain partners")],
                [
                    grafieken.Reeks(
                        _("Mean score"),
                        [
                            tevredenheid["client"]["gemiddeld"],
                            tevredenheid["partner"]["gemiddeld"],
                        ],
                    )
                ],
                referentielijnen=[
                    (_("Pilot clients"), tevredenheid["client"]["referentie"]),
                    (_("Pilot partners"), tevredenheid["partner"]["referentie"]),
                ],
            ),
        },
    }


def _csv_rijen(c: dict) -> list[tuple[str, str, str, object]]:
    aantal = _("Number")
    rijen = [
        (_("Period"), _("Municipality"), "", c["gemeente"]),
        (_("Period"), _("From"), "", c["van"]),
        (_("Period"), _("Up to and including"), "", c["tot"]),
        (_("Referrals"), _("Total"), aantal, c["aanmeldingen"]["totaal"]),
    ]
    for r in c["aanmeldingen"]["per_verwijzer"]:
        rijen += [(_("Referrals by referrer type"), r["label"], aantal, r["aantal"])]
    for r in c["kwetsbaarheden"]["per_factor"]:
        rijen += [
            (_("Vulnerability factors"), r["label"], aantal, r["aantal"]),
            (_("Vulnerability factors"), r["label"], _("Percentage of referrals"), r["procent"]),
        ]
    t, w, d = c["trajecten"], c["wachttijd"], c["duur"]
    rijen += [
        (_("Trajectories"), _("Started"), aantal, t["gestart"]),
        (_("Trajectories"), _("Active"), aantal, t["actief"]),
        (_("Trajectories"), _("Closed"), aantal, t["afgesloten"]),
        (_("Waiting time referral to start"), _("Trajectories started"), aantal, w["aantal"]),
        (_("Waiting time referral to start"), _("Mean"), _("Days"), w["gemiddeld_dagen"]),
        (_("Waiting time referral to start"), _("Median"), _("Days"), w["mediaan_dagen"]),
    ]
    u = c["uren"]
    rijen += [
        (_("Hours"), _("Total"), _("Indicated"), u["geindiceerd"]),
        (_("Hours"), _("Total"), _("Delivered"), u["geleverd"]),
        (_("Hours"), _("Total"), _("Delivered as a percentage of indicated"), u["procent_geleverd"]),
    ]
    for r in u["per_dienst"]:
        rijen += [(_("Hours by shift"), r["label"], _("Delivered"), r["uren"])]
    for m in u["per_maand"]:
        maand = m["maand"].strftime("%Y-%m")
        rijen += [
            (_("Hours per month"), maand, _("Indicated"), m["geindiceerd"]),
            (_("Hours per month"), maand, _("Delivered"), m["geleverd"]),
        ]
    k, bedrag = c["kosten"], _("Amount (€)")
    rijen += [
        (_("Cost"), _("Delivered hours in the period"), bedrag, k["geleverd"]),
        (_("Cost"), _("Closed trajectories"), aantal, k["afgesloten_trajecten"]),
        (_("Cost"), _("Closed trajectories, whole duration"), bedrag, k["afgesloten_totaal"]),
        (_("Cost"), _("Average per closed trajectory"), bedrag, k["gemiddeld_per_afgesloten"]),
        (_("Cost"), _("Reference per trajectory (BabythuisZorg)"), bedrag, k["referentie"]),
        (
            _("Cost"),
            _("Average per closed trajectory"),
            _("Percentage of the reference"),
            k["procent_van_referentie"],
        ),
        (_("Duration of closed trajectories"), _("Trajectories"), aantal, d["aantal"]),
        (_("Duration of closed trajectories"), _("Mean"), _("Days"), d["gemiddeld_dagen"]),
        (_("Duration of closed trajectories"), _("Median"), _("Days"), d["mediaan_dagen"]),
        (_("Duration of closed trajectories"), _("Mean"), _("Weeks"), d["gemiddeld_weken"]),
    ]
    realisatie = _("Mean realisation (1–10)")
    for r in [*c["doelen"]["per_thema"], {"label": _("Total"), **c["doelen"]["totaal"]}]:
        rijen += [
            (_("Goal realisation"), r["label"], _("Goals"), r["doelen"]),
            (_("Goal realisation"), r["label"], _("Reached"), r["bereikt"]),
            (_("Goal realisation"), r["label"], _("Percentage reached"), r["procent_bereikt"]),
            (_("Goal realisation"), r["label"], _("Evaluated"), r["geevalueerd"]),
            (_("Goal realisation"), r["label"], realisatie, r["gemiddelde_realisatie"]),
        ]
    for r in c["uitkomsten"]["per_uitkomst"]:
        rijen += [(_("Outcomes"), r["label"], aantal, r["aantal"])]
    for sleutel, label in (("client", _("Clients")), ("partner", _("Chain partners"))):
        s = c["tevredenheid"][sleutel]
        rijen += [
            (_("Satisfaction"), label, _("Mean"), s["gemiddeld"]),
            (_("Satisfaction"), label, _("Responses"), s["aantal"]),
            (_("Satisfaction"), label, _("Reference (pilot)"), s["referentie"]),
        ]
    return rijen


def periode_csv(cijfers: dict) -> str:
    """The same figures as a CSV for a Dutch spreadsheet: semicolons, decimal comma, one figure per row
    (section; item; measure; value). Every cell is neutralised against formula injection."""
    return csv_tekst(_csv_rijen(cijfers))
