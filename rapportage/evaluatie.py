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
"""

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from indicaties.constants import Kostensoort
from indicaties.models import Indicatie, Voorziening
from ketenpartners.constants import PartnerSoort
from ketenpartners.models import Ketenoverleg
from trajecten.constants import (
    Dienst,
    GizFactor,
    Inschatting,
    Kwetsbaarheid,
    Risiconiveau,
    Thema,
    TrajectStatus,
    Uitkomst,
    Urgentie,
    VerwijzerSoort,
)
from trajecten.models import (
    Aanmelding,
    Afsluiting,
    EvaluatieDoel,
    Huisbezoek,
    Intake,
    IntakeFactor,
    Ondersteuningsplan,
    StatusOvergang,
    Traject,
    Zorgdoel,
)

from . import grafieken
from . import kleine_aantallen as ka
from .models import EvaluatieScope, Regio
from .periode import (
    NUL,
    REFERENTIE_KOSTEN_PER_TRAJECT,
    REFERENTIE_TEVREDENHEID_CLIENT,
    REFERENTIE_TEVREDENHEID_PARTNER,
    DagenTussen,
    LokaleDag,
    Mediaan,
    Unnest,
    Uren,
    _csv_waarde,
    _geindiceerd_in,
    _kosten,
    _rond,
    _tijdvak,
    met_tarief,
    neutraliseer,
)

BABYTHUISZORG = "BabythuisZorg"  # the provision row whose price is the programme's own reference
SCORES = [("≤ 5", range(1, 6)), ("6", [6]), ("7", [7]), ("8", [8]), ("9", [9]), ("10", [10])]


@dataclass(frozen=True)
class Scope:
    soort: str
    naam: str
    gemeente_id: int | None = None
    regio_id: int | None = None
    aanbieder_id: int | None = None

    @classmethod
    def van_rapport(cls, rapport) -> "Scope":
        return cls(
            soort=rapport.scope,
            naam=rapport.scope_naam,
            gemeente_id=rapport.gemeente_id,
            regio_id=rapport.regio_id,
            aanbieder_id=rapport.aanbieder_id,
        )

    def voorwaarde(self, pad: str = "") -> Q:
        """The trajectories in scope, as a condition on the trajectory at ``pad`` ("" is Traject itself)."""
        voor = f"{pad}__" if pad else ""
        if self.soort == EvaluatieScope.GEMEENTE:
            return Q(**{f"{voor}gemeente_id": self.gemeente_id})
        if self.soort == EvaluatieScope.REGIO:
            gemeenten = Regio.gemeenten.through.objects.filter(regio_id=self.regio_id).values(
                "organisatie_id"
            )
            return Q(**{f"{voor}gemeente_id__in": gemeenten})
        if self.soort == EvaluatieScope.AANBIEDER:
            return Q(**{f"{voor}aanbieder_id": self.aanbieder_id})
        if self.soort == EvaluatieScope.PROGRAMMA:
            return Q()
        raise ValueError(self.soort)


def _verdeling(choices, aantallen: dict, *, optelbaar=True, noemer=None) -> dict:
    """A protected distribution over a TextChoices, labelled in the active language."""
    beschermd = ka.verdeling([aantallen.get(c.value, 0) for c in choices], optelbaar=optelbaar, noemer=noemer)
    return {
        "totaal": beschermd["totaal"],
        "rijen": [
            {"code": c.value, "label": str(c.label), **cel}
            for c, cel in zip(choices, beschermd["cellen"], strict=True)
        ],
    }


def _gemiddeld(waarde, aantal: int, plaatsen: str = "0.1"):
    return ka.over_genoeg(_rond(waarde, plaatsen), aantal)


# --- the figures --------------------------------------------------------------------------------


def evaluatie_cijfers(*, scope: Scope, van: date, tot: date) -> dict:
    """Every figure of the programme evaluation, protected against small numbers. Plain values (ints,
    Decimals, dates, labels, ``kleine_aantallen.Verborgen``) for the PDF context and the CSV."""
    grenzen = _tijdvak(van, tot)
    in_scope = Traject.objects.filter(scope.voorwaarde())
    afgesloten = Afsluiting.objects.filter(
        scope.voorwaarde("traject"), afgesloten_op__gte=grenzen["gte"], afgesloten_op__lt=grenzen["lt"]
    )
    afgesloten_ids = afgesloten.values("traject_id")
    t = _trajecten(in_scope, van, tot)
    kosten = _kosten_afgesloten(afgesloten_ids, t["afgesloten"])
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
            "gemiddeld_dagen": _gemiddeld(t["wachttijd_gemiddeld"], t["wachttijd_aantal"]),
            "mediaan_dagen": _gemiddeld(t["wachttijd_mediaan"], t["wachttijd_aantal"]),
        },
        "duur": {
            "aantal": ka.telling(t["duur_aantal"]),
            "gemiddeld_dagen": _gemiddeld(t["duur_gemiddeld"], t["duur_aantal"]),
            "mediaan_dagen": _gemiddeld(t["duur_mediaan"], t["duur_aantal"]),
            "gemiddeld_weken": _gemiddeld(
                t["duur_gemiddeld"] / 7 if t["duur_gemiddeld"] is not None else None, t["duur_aantal"]
            ),
        },
        "uren": _uren(scope, van, tot, t["actief"], kosten, t),
        "kosten": kosten["cijfers"],
        "vergelijking": _vergelijking(kosten),
        "uitkomsten": _uitkomsten(afgesloten),
        "tevredenheid": _tevredenheid(afgesloten),
        "doelen": _doelen(afgesloten_ids),
        "giz": _giz(scope, van, tot),
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
    grenzen = _tijdvak(van, tot)
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
        "per_verwijzer": _verdeling(VerwijzerSoort, per_verwijzer),
        "kwetsbaarheden": _verdeling(Kwetsbaarheid, per_factor, optelbaar=False, noemer=totaal),
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


def _kosten_afgesloten(afgesloten_ids, aantal: int) -> dict:
    """Delivered hours and their cost of the trajectories closed in the period over their whole life,
    and the hours indicated for them: two queries."""
    geleverd = met_tarief(
        Huisbezoek.objects.filter(vervangen=False, traject_id__in=afgesloten_ids)
    ).aggregate(uren=Sum(Uren()), kosten=_kosten())
    uren, totaal = geleverd["uren"] or NUL, geleverd["kosten"] or NUL
    geindiceerd = Indicatie.objects.filter(traject_id__in=afgesloten_ids).aggregate(
        uren=_geindiceerd_in(date.min, date.max)
    )["uren"]
    per_traject = uren / aantal if aantal else None
    gemiddeld = _rond(totaal / aantal) if aantal else None
    referentie = (
        Voorziening.objects.filter(naam=BABYTHUISZORG, kostensoort=Kostensoort.PER_TRAJECT)
        .values_list("kosten_bedrag", flat=True)
        .first()
    ) or REFERENTIE_KOSTEN_PER_TRAJECT
    return {
        "aantal": aantal,
        "uren_per_traject": _rond(per_traject, "0.1") if per_traject is not None else None,
        "gemiddeld": gemiddeld,
        "cijfers": {
            "afgesloten_trajecten": ka.telling(aantal),
            "totaal": ka.over_genoeg(_rond(totaal), aantal),
            "gemiddeld_per_traject": ka.over_genoeg(gemiddeld, aantal),
            "referentie": referentie,
            "procent_van_referentie": ka.over_genoeg(
                _rond(gemiddeld * 100 / referentie, "0.1") if gemiddeld is not None else None, aantal
            ),
            "geindiceerd_per_traject": ka.over_genoeg(
                _rond(geindiceerd / aantal, "0.1") if aantal and geindiceerd is not None else None, aantal
            ),
            "geleverd_per_traject": ka.over_genoeg(
                _rond(per_traject, "0.1") if per_traject is not None else None, aantal
            ),
        },
        "uren": uren,
    }


def _uren(scope: Scope, van: date, tot: date, actief: int, kosten: dict, t: dict) -> dict:
    """Hours indicated and delivered in the period, by shift, and per closed trajectory per week."""
    grenzen = _tijdvak(van, tot)
    geindiceerd = Indicatie.objects.filter(scope.voorwaarde("traject"), van__lte=tot, tot__gte=van).aggregate(
        uren=_geindiceerd_in(van, tot)
    )["uren"]
    per_dienst = dict(
        Huisbezoek.objects.filter(
            scope.voorwaarde("traject"), vervangen=False, start__gte=grenzen["gte"], start__lt=grenzen["lt"]
        )
        .values("dienst")
        .annotate(uren=Sum(Uren()))
        .values_list("dienst", "uren")
        .order_by()
    )
    geleverd = sum((u or NUL for u in per_dienst.values()), NUL)
    weken = Decimal(t["duur_som"] or 0) / 7
    per_week = kosten["uren"] / weken if weken else None
    return {
        "geindiceerd": ka.over_genoeg(_rond(geindiceerd or NUL), actief),
        "geleverd": ka.over_genoeg(_rond(geleverd), actief),
        "procent_geleverd": ka.over_genoeg(
            _rond(geleverd * 100 / geindiceerd, "0.1") if geindiceerd else None, actief
        ),
        "per_dienst": [
            {
                "code": d.value,
                "label": str(d.label),
                "uren": ka.over_genoeg(_rond(per_dienst.get(d.value) or NUL), actief),
            }
            for d in Dienst
        ],
        "per_week_per_traject": ka.over_genoeg(_rond(per_week, "0.1"), t["duur_aantal"]),
    }


def _vergelijking(kosten: dict) -> dict:
    """The preceding provisions' prices (seed 001, kept as data) beside the average closed trajectory."""
    uren = kosten["uren_per_traject"]
    genoeg = kosten["aantal"] >= ka.drempel()
    rijen = []
    for v in Voorziening.objects.filter(actief=True, kosten_bedrag__isnull=False).order_by(
        "volgorde", "naam"
    ):
        if v.kostensoort == Kostensoort.PER_TRAJECT:
            laag, hoog = v.kosten_bedrag, v.kosten_bedrag_tot
        elif genoeg and uren is not None:
            laag = _rond(v.kosten_bedrag * uren)
            hoog = _rond(v.kosten_bedrag_tot * uren) if v.kosten_bedrag_tot is not None else None
        else:
            laag, hoog = ka.TE_WEINIG, None
        rijen.append(
            {
                "naam": v.naam,
                "prijs": v.kosten_omschrijving,
                "kostensoort": v.get_kostensoort_display(),
                "per_uur": v.kostensoort == Kostensoort.PER_UUR,
                "prijspeil": v.prijspeil,
                "bron": v.bron,
                "bron_datum": v.bron_datum,
                "per_traject_van": laag,
                "per_traject_tot": hoog,
                "is_babythuiszorg": v.naam == BABYTHUISZORG,
            }
        )
    return {
        "gemiddeld_per_traject": kosten["cijfers"]["gemiddeld_per_traject"],
        "uren_per_traject": ka.over_genoeg(uren, kosten["aantal"]),
        "rijen": rijen,
    }


def _uitkomsten(afgesloten) -> dict:
    aantallen = dict(
        afgesloten.values("uitkomst")
        .annotate(aantal=Count("pk"))
        .values_list("uitkomst", "aantal")
        .order_by()
    )
    return _verdeling(Uitkomst, aantallen)


TEVREDENHEID = (
    ("client", "tevredenheid_client", REFERENTIE_TEVREDENHEID_CLIENT),
    ("partner", "tevredenheid_partner", REFERENTIE_TEVREDENHEID_PARTNER),
    ("medewerker", "tevredenheid_medewerker", None),
)


def _tevredenheid(afgesloten) -> dict:
    """Mean, number of scores and distribution (bands) for clients, chain partners and staff: one query."""
    aggregaten = {}
    for sleutel, veld, _referentie in TEVREDENHEID:
        aggregaten[f"{sleutel}_gemiddeld"] = Avg(veld)
        aggregaten[f"{sleutel}_aantal"] = Count(veld)
        for i, (_label, scores) in enumerate(SCORES):
            aggregaten[f"{sleutel}_{i}"] = Count("pk", filter=Q(**{f"{veld}__in": list(scores)}))
    r = afgesloten.aggregate(**aggregaten)
    uitkomst = {}
    for sleutel, _veld, referentie in TEVREDENHEID:
        verdeling = ka.verdeling([r[f"{sleutel}_{i}"] for i in range(len(SCORES))])
        uitkomst[sleutel] = {
            "gemiddeld": _gemiddeld(r[f"{sleutel}_gemiddeld"], r[f"{sleutel}_aantal"]),
            "aantal": ka.telling(r[f"{sleutel}_aantal"]),
            "referentie": referentie,
            "verdeling": [
                {"label": label, **cel} for (label, _s), cel in zip(SCORES, verdeling["cellen"], strict=True)
            ],
        }
    return uitkomst


def _doelen(afgesloten_ids) -> dict:
    """Per theme: mean start score against mean end score (latest realisation), over the goals of the
    last plan of each closed trajectory: one query."""
    laatste_versie = (
        Ondersteuningsplan.objects.filter(traject_id=OuterRef("plan__traject_id"))
        .order_by("-versie")
        .values("versie")[:1]
    )
    eind = (
        EvaluatieDoel.objects.filter(doel_id=OuterRef("pk"), evaluatie__gehouden_op__isnull=False)
        .order_by("-evaluatie__gehouden_op", "-evaluatie_id")
        .values("realisatie")[:1]
    )
    met_eind = Q(eind__isnull=False)
    rijen = {
        rij["thema"]: rij
        for rij in Zorgdoel.objects.filter(
            plan__traject_id__in=afgesloten_ids, plan__versie=Subquery(laatste_versie)
        )
        .annotate(eind=Subquery(eind, output_field=IntegerField()))
        .values("thema")
        .annotate(
            doelen=Count("pk"),
            gezinnen=Count("plan__traject_id", distinct=True, filter=met_eind),
            start=Avg("startscore", filter=met_eind),
            einde=Avg("eind"),
        )
        .order_by()
    }
    per_thema = []
    for thema in Thema:
        rij = rijen.get(thema.value, {})
        gezinnen = rij.get("gezinnen", 0)
        start, einde = rij.get("start"), rij.get("einde")
        per_thema.append(
            {
                "code": thema.value,
                "label": str(thema.label),
                "doelen": ka.telling(rij.get("doelen", 0)),
                "gezinnen": ka.telling(gezinnen),
                "start": _gemiddeld(start, gezinnen),
                "eind": _gemiddeld(einde, gezinnen),
                "verschil": _gemiddeld(
                    Decimal(str(einde)) - Decimal(str(start))
                    if start is not None and einde is not None
                    else None,
                    gezinnen,
                ),
            }
        )
    return {"per_thema": per_thema}


def _giz(scope: Scope, van: date, tot: date) -> dict:
    """The risk picture at the first GIZ assessment against the last one up to the period's end, for the
    trajectories active in the period with at least two: three queries."""
    grenzen = _tijdvak(van, tot)
    tot_einde = Intake.objects.filter(traject_id=OuterRef("pk"), datum__lte=tot)
    eerste = tot_einde.order_by("datum", "id")
    laatste = tot_einde.order_by("-datum", "-id")
    aantal = tot_einde.order_by().values("traject_id").annotate(n=Count("pk")).values("n")
    herhaald = (
        Traject.objects.filter(scope.voorwaarde(), gestart_op__lte=tot)
        .filter(Q(afsluiting__afgesloten_op__isnull=True) | Q(afsluiting__afgesloten_op__gte=grenzen["gte"]))
        .annotate(
            aantal_intakes=Subquery(aantal[:1], output_field=IntegerField()),
            eerste_id=Subquery(eerste.values("pk")[:1]),
            laatste_id=Subquery(laatste.values("pk")[:1]),
            eerste_niveau=Subquery(eerste.values("risiconiveau")[:1]),
            laatste_niveau=Subquery(laatste.values("risiconiveau")[:1]),
        )
        .filter(aantal_intakes__gte=2)
    )
    paren = list(herhaald.values_list("eerste_niveau", "laatste_niveau", "eerste_id", "laatste_id"))
    trajecten = len(paren)
    rang = {n.value: i for i, n in enumerate(Risiconiveau)}
    eerste_per_niveau = {n.value: sum(1 for e, *_r in paren if e == n.value) for n in Risiconiveau}
    laatste_per_niveau = {n.value: sum(1 for _e, la, *_r in paren if la == n.value) for n in Risiconiveau}
    lager = sum(1 for e, la, *_r in paren if rang[la] < rang[e])
    hoger = sum(1 for e, la, *_r in paren if rang[la] > rang[e])
    zorgen = [Inschatting.ZORG, Inschatting.RISICO]
    eerste_ids = [p[2] for p in paren]
    laatste_ids = [p[3] for p in paren]
    factoren = dict.fromkeys(GizFactor.values, (0, 0))
    spoed = [0, 0]
    for factor, bij_eerste, bij_laatste, spoed_eerste, spoed_laatste in (
        IntakeFactor.objects.filter(intake_id__in=eerste_ids + laatste_ids, inschatting__in=zorgen)
        .values("factor")
        .annotate(
            bij_eerste=Count("pk", filter=Q(intake_id__in=eerste_ids)),
            bij_laatste=Count("pk", filter=Q(intake_id__in=laatste_ids)),
            spoed_eerste=Count("pk", filter=Q(intake_id__in=eerste_ids, urgentie=Urgentie.SPOED)),
            spoed_laatste=Count("pk", filter=Q(intake_id__in=laatste_ids, urgentie=Urgentie.SPOED)),
        )
        .values_list("factor", "bij_eerste", "bij_laatste", "spoed_eerste", "spoed_laatste")
        .order_by()
    ):
        factoren[factor] = (bij_eerste, bij_laatste)
        spoed[0] += spoed_eerste
        spoed[1] += spoed_laatste
    eerste_v = _verdeling(Risiconiveau, eerste_per_niveau)
    laatste_v = _verdeling(Risiconiveau, laatste_per_niveau)
    richting = ka.verdeling([lager, trajecten - lager - hoger, hoger])
    return {
        "trajecten": ka.telling(trajecten),
        "niveaus": [
            {"label": e["label"], "eerste": e["aantal"], "laatste": la["aantal"]}
            for e, la in zip(eerste_v["rijen"], laatste_v["rijen"], strict=True)
        ],
        "lager": richting["cellen"][0],
        "gelijk": richting["cellen"][1],
        "hoger": richting["cellen"][2],
        "factoren": [
            {"label": str(GizFactor(f).label), "eerste": ka.telling(a), "laatste": ka.telling(b)}
            for f, (a, b) in factoren.items()
        ],
        # Concerns and risks marked urgent (within 48 hours), over all factors.
        "spoed": {"eerste": ka.telling(spoed[0]), "laatste": ka.telling(spoed[1])},
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
        return {"$v": waarde.gemiddelde}
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
        return ka.TE_WEINIG if waarde["$v"] else ka.VERBORGEN
    return {k: uit_json(v) for k, v in waarde.items()}


# --- PDF context --------------------------------------------------------------------------------


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
            "verwijzers": grafieken.staafgrafiek(
                _("Referrals by referrer type"),
                [r["label"] for r in verwijzers],
                [grafieken.Reeks(_("Referrals"), [ka.getal(r["aantal"]) for r in verwijzers])],
                horizontaal=True,
                labelkop=_("Referrer type"),
            ),
            "uitkomsten": grafieken.staafgrafiek(
                _("Outcomes at closure"),
                [r["label"] for r in uitkomsten],
                [grafieken.Reeks(_("Trajectories"), [ka.getal(r["aantal"]) for r in uitkomsten])],
                horizontaal=True,
                labelkop=_("Outcome"),
            ),
            "tevredenheid": grafieken.staafgrafiek(
                _("Mean satisfaction (1–10)"),
                [_("Clients"), _("Chain partners"), _("Staff")],
                [
                    grafieken.Reeks(
                        _("Mean score"),
                        [ka.getal(t[s]["gemiddeld"]) for s in ("client", "partner", "medewerker")],
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
                    grafieken.Reeks(_("Score at start"), [ka.getal(r["start"]) for r in doelen]),
                    grafieken.Reeks(_("Score at end"), [ka.getal(r["eind"]) for r in doelen]),
                ],
                horizontaal=True,
                labelkop=_("Theme"),
            ),
            "giz": grafieken.staafgrafiek(
                _("Risk level at the first and the last GIZ assessment"),
                [r["label"] for r in c["giz"]["niveaus"]],
                [
                    grafieken.Reeks(
                        _("First assessment"), [ka.getal(r["eerste"]) for r in c["giz"]["niveaus"]]
                    ),
                    grafieken.Reeks(
                        _("Last assessment"), [ka.getal(r["laatste"]) for r in c["giz"]["niveaus"]]
                    ),
                ],
                labelkop=_("Risk level"),
            ),
            "kosten": grafieken.staafgrafiek(
                _("Cost per trajectory against the preceding provisions"),
                [naam for naam, _w in kostenrijen],
                [grafieken.Reeks(_("Cost per trajectory"), [ka.getal(w) for _n, w in kostenrijen])],
                eenheid="€",
                referentielijnen=[(_("BabythuisZorg average"), c["kosten"]["referentie"])],
                horizontaal=True,
                labelkop=_("Provision"),
            ),
        },
    }


# --- CSV ----------------------------------------------------------------------------------------


def _waarde(waarde) -> str:
    return str(waarde) if ka.is_verborgen(waarde) else _csv_waarde(waarde)


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
                f"{r['prijs']} ({_('price level')} {r['prijspeil']})",
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
    uitvoer = io.StringIO()
    schrijver = csv.writer(uitvoer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow([neutraliseer(kop) for kop in (_("Section"), _("Item"), _("Measure"), _("Value"))])
    for rij in _csv_rijen(cijfers):
        schrijver.writerow([neutraliseer(_waarde(cel)) for cel in rij])
    return uitvoer.getvalue()


def titel(cijfers: dict) -> str:
    return _("Programme evaluation %(scope)s, %(van)s – %(tot)s") % {
        "scope": cijfers["scope"],
        "van": date_format(cijfers["van"]),
        "tot": date_format(cijfers["tot"]),
    }
