"""The programme evaluation (issue 13): the pilot's figures for one scope — a municipality, a region, a
care provider or the whole programme — over one period, for the PDF and the CSV.

Pseudonymised by design: PostgreSQL counts, sums and averages (a fixed set of aggregate queries, about
twelve, whatever the size of the scope); no trajectory, family or person is loaded, and the only names in
the figures are those of the scope (an organisation or region) and of the preceding provisions. Small
numbers are protected by ``rapportage.kleine_aantallen`` before anything leaves this module.

Choices (the report's notes repeat them for the reader), on top of those of ``rapportage.periode``:
- Scope: a municipality and a region count the trajectories of families living there (woonplaatsbeginsel,
  whichever provider serves them); a provider counts its own trajectories, wherever the family lives.
- Referrals: received in the period. Of those: accepted for intake (the trajectory ever moved to intake),
  declined, and started so far. Families: distinct families among them.
- Started, active, closed, waiting time, duration, hours and cost: as in the period report.
- Outcomes, satisfaction (clients, chain partners, staff), goal scores and cost per trajectory: the
  trajectories closed in the period.
- Goal scores start → end: per theme, the goals of the last support plan of each closed trajectory, the
  start score against the latest realisation score of a held evaluation (both 1–10); goals never
  evaluated have no end score and are left out of the change.
- Risk picture (GIZ): trajectories active in the period with at least two assessments up to its end; the
  first (the intake) against the last re-assessment.
- Cost comparison: the average cost of a closed BabythuisZorg trajectory against the prices of the
  preceding provisions as they are kept (table ``Voorziening``, with price level and source). A price per
  trajectory is compared as it is; a price per hour is multiplied by the hours BabythuisZorg delivered
  per closed trajectory on average (the same hours bought elsewhere). Prices are not indexed.

This module counts the reach (referrals, trajectories, chain meetings) and keeps the figures with the report;
the scope and the protected distribution are in ``evaluatie_basis``, hours and cost in ``evaluatie_kosten``,
outcomes, satisfaction, goals and GIZ in ``evaluatie_effect``; ``evaluatie_opmaak`` lays them out.
"""

from datetime import date
from decimal import Decimal

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Sum
from django.utils.translation import gettext as _

from ketenpartners.constants import PartnerSoort
from ketenpartners.models import Ketenoverleg
from trajecten.constants import Kwetsbaarheid, TrajectStatus, VerwijzerSoort
from trajecten.models import Aanmelding, Afsluiting, StatusOvergang, Traject

from . import kleine_aantallen as ka
from .bouwstenen import DagenTussen, LokaleDag, Mediaan, Unnest, tijdvak
from .evaluatie_basis import Scope, beschermd_gemiddelde, keuzeverdeling
from .evaluatie_effect import doelen, giz, tevredenheid, uitkomsten
from .evaluatie_kosten import kosten_afgesloten, uren_in_periode, vergelijking


def evaluatie_cijfers(*, scope: Scope, van: date, tot: date) -> dict:
    """Every figure of the programme evaluation, protected against small numbers. Plain values (ints,
    Decimals, dates, labels, ``kleine_aantallen.Verborgen``) for the PDF context and the CSV."""
    grenzen = tijdvak(van, tot)
    in_scope = Traject.objects.filter(scope.voorwaarde())
    afgesloten = Afsluiting.objects.filter(
        scope.voorwaarde("traject"), afgesloten_op__gte=grenzen["gte"], afgesloten_op__lt=grenzen["lt"]
    )
    afgesloten_ids = afgesloten.values("traject_id")
    t = _trajecten(in_scope, van, tot)
    kosten = kosten_afgesloten(afgesloten_ids, t["afgesloten"])
    return {
        "scope": scope.naam,
        "scope_soort": scope.soort,
        "van": van,
        "tot": tot,
        "drempel": ka.drempel(),
        "aanmeldingen": _aanmeldingen(scope, in_scope, van, tot, t),
        "trajecten": {
            "gestart": ka.telling(t["gestart"]),
            "actief": ka.telling(t["actief"]),
            "afgesloten": ka.telling(t["afgesloten"]),
        },
        "wachttijd": {
            "aantal": ka.telling(t["wachttijd_aantal"]),
            "gemiddeld_dagen": beschermd_gemiddelde(t["wachttijd_gemiddeld"], t["wachttijd_aantal"]),
            "mediaan_dagen": beschermd_gemiddelde(t["wachttijd_mediaan"], t["wachttijd_aantal"]),
        },
        "duur": {
            "aantal": ka.telling(t["duur_aantal"]),
            "gemiddeld_dagen": beschermd_gemiddelde(t["duur_gemiddeld"], t["duur_aantal"]),
            "mediaan_dagen": beschermd_gemiddelde(t["duur_mediaan"], t["duur_aantal"]),
            "gemiddeld_weken": beschermd_gemiddelde(
                t["duur_gemiddeld"] / 7 if t["duur_gemiddeld"] is not None else None, t["duur_aantal"]
            ),
        },
        "uren": uren_in_periode(scope, van, tot, t["actief"], kosten, t),
        "kosten": kosten["cijfers"],
        "vergelijking": vergelijking(kosten),
        "uitkomsten": uitkomsten(afgesloten),
        "tevredenheid": tevredenheid(afgesloten),
        "doelen": doelen(afgesloten_ids),
        "giz": giz(scope, van, tot),
        "ketenoverleg": _ketenoverleg(scope, van, tot),
    }


def _ketenoverleg(scope: Scope, van: date, tot: date) -> dict:
    """Chain meetings held in the period about families in scope, and about how many families."""
    r = Ketenoverleg.objects.filter(scope.voorwaarde("traject"), datum__gte=van, datum__lte=tot).aggregate(
        overleggen=Count("pk"), gezinnen=Count("traject__gezin", distinct=True)
    )
    return {"overleggen": ka.telling(r["overleggen"]), "gezinnen": ka.telling(r["gezinnen"])}


def _trajecten(in_scope, van: date, tot: date) -> dict:
    """Referrals, starts, active, closed, waiting time and duration: one query."""
    grenzen = tijdvak(van, tot)
    ontvangen = Q(aanmelding__ontvangen_op__gte=van, aanmelding__ontvangen_op__lte=tot)
    gestart = Q(gestart_op__gte=van, gestart_op__lte=tot)
    afgesloten = Q(afsluiting__afgesloten_op__gte=grenzen["gte"], afsluiting__afgesloten_op__lt=grenzen["lt"])
    actief = Q(gestart_op__lte=tot) & (
        Q(afsluiting__afgesloten_op__isnull=True) | Q(afsluiting__afgesloten_op__gte=grenzen["gte"])
    )
    wachttijd = DagenTussen(F("gestart_op"), F("aanmelding__ontvangen_op"))
    duur = DagenTussen(LokaleDag(F("afsluiting__afgesloten_op")), F("gestart_op"))
    afgesloten_gestart = afgesloten & Q(gestart_op__isnull=False)
    geaccepteerd = Exists(StatusOvergang.objects.filter(traject_id=OuterRef("pk"), naar=TrajectStatus.INTAKE))
    return in_scope.annotate(geaccepteerd=geaccepteerd).aggregate(
        aangemeld=Count("pk", filter=ontvangen),
        gezinnen=Count("gezin", filter=ontvangen, distinct=True),
        geaccepteerd_aantal=Count("pk", filter=ontvangen & Q(geaccepteerd=True)),
        afgewezen=Count("pk", filter=ontvangen & Q(status=TrajectStatus.AFGEWEZEN)),
        geannuleerd=Count("pk", filter=ontvangen & Q(status=TrajectStatus.GEANNULEERD)),
        ooit_gestart=Count("pk", filter=ontvangen & Q(gestart_op__isnull=False)),
        gestart=Count("pk", filter=gestart),
        actief=Count("pk", filter=actief),
        afgesloten=Count("pk", filter=afgesloten),
        wachttijd_aantal=Count("aanmelding", filter=gestart),
        wachttijd_gemiddeld=Avg(wachttijd, filter=gestart),
        wachttijd_mediaan=Mediaan(wachttijd, filter=gestart),
        duur_aantal=Count("pk", filter=afgesloten_gestart),
        duur_gemiddeld=Avg(duur, filter=afgesloten_gestart),
        duur_mediaan=Mediaan(duur, filter=afgesloten_gestart),
        duur_som=Sum(duur, filter=afgesloten_gestart),
    )


def _aanmeldingen(scope: Scope, in_scope, van: date, tot: date, t: dict) -> dict:
    aanmeldingen = Aanmelding.objects.filter(
        scope.voorwaarde("traject"), ontvangen_op__gte=van, ontvangen_op__lte=tot
    )
    per_verwijzer = dict(
        aanmeldingen.values("verwijzer_soort")
        .annotate(aantal=Count("pk"))
        .values_list("verwijzer_soort", "aantal")
        .order_by()
    )
    per_factor = dict(
        aanmeldingen.annotate(factor=Unnest("kwetsbaarheden"))
        .values("factor")
        .annotate(aantal=Count("pk", distinct=True))
        .values_list("factor", "aantal")
        .order_by()
    )
    naar = dict(
        aanmeldingen.filter(traject__status=TrajectStatus.AFGEWEZEN)
        .values("doorverwezen_naar__soort")
        .annotate(aantal=Count("pk"))
        .values_list("doorverwezen_naar__soort", "aantal")
        .order_by()
    )
    totaal = t["aangemeld"]
    # The funnel of the period's referrals: accepted or declined; the rest is waiting or was cancelled.
    overig = max(totaal - t["geaccepteerd_aantal"] - t["afgewezen"], 0)
    trechter = ka.verdeling([t["geaccepteerd_aantal"], t["afgewezen"], overig])
    return {
        "totaal": ka.telling(totaal),
        "gezinnen": ka.telling(t["gezinnen"]),
        "geaccepteerd": trechter["cellen"][0],
        "afgewezen": trechter["cellen"][1],
        "overig": trechter["cellen"][2],
        "gestart": ka.telling(t["ooit_gestart"]),
        "per_verwijzer": keuzeverdeling(VerwijzerSoort, per_verwijzer),
        "kwetsbaarheden": keuzeverdeling(Kwetsbaarheid, per_factor, optelbaar=False, noemer=totaal),
        "afgewezen_naar": _afgewezen_naar(naar),
    }


def _afgewezen_naar(naar: dict) -> dict:
    """Declined referrals by the kind of partner on the social map they were sent to (issue 13)."""
    soorten = [s for s in PartnerSoort if naar.get(s.value)]  # only the kinds that occur, to keep it short
    beschermd = ka.verdeling([naar.get(s.value, 0) for s in soorten] + [naar.get(None, 0)])
    labels = [str(s.label) for s in soorten] + [_("Not on the social map")]
    return {
        "totaal": beschermd["totaal"],
        "rijen": [{"label": label, **cel} for label, cel in zip(labels, beschermd["cellen"], strict=True)],
    }


# --- stored with the report, for its page ---------------------------------------------------------


def naar_json(waarde):
    """The figures as JSON (Rapport.samenvatting): Decimals, dates and hidden figures tagged."""
    if isinstance(waarde, dict):
        return {k: naar_json(v) for k, v in waarde.items()}
    if isinstance(waarde, list | tuple):
        return [naar_json(v) for v in waarde]
    if isinstance(waarde, Decimal):
        return {"$d": str(waarde)}
    if isinstance(waarde, date):
        return {"$t": waarde.isoformat()}
    if ka.is_verborgen(waarde):
        return {"$v": "aanvullend" if waarde.aanvullend else waarde.gemiddelde}
    return waarde


def uit_json(waarde):
    """The figures back from Rapport.samenvatting."""
    if isinstance(waarde, list):
        return [uit_json(v) for v in waarde]
    if not isinstance(waarde, dict):
        return waarde
    if waarde.keys() == {"$d"}:
        return Decimal(waarde["$d"])
    if waarde.keys() == {"$t"}:
        return date.fromisoformat(waarde["$t"])
    if waarde.keys() == {"$v"}:
        if waarde["$v"] == "aanvullend":
            return ka.AANVULLEND
        return ka.TE_WEINIG if waarde["$v"] else ka.VERBORGEN
    return {k: uit_json(v) for k, v in waarde.items()}
