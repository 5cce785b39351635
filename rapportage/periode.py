"""The Periodeverantwoording: one municipality's figures for one period, for the PDF and the CSV.

Scope: every trajectory of a family whose municipality of residence is the municipality (it pays:
woonplaatsbeginsel), whichever provider serves it. A family that moved (issue 16, ``trajecten.verhuizing``)
counts for each municipality on the days it lived there: a visit, referral, start or closure on the day
it happened, an indication version by its first day (a move splits the version in force), a trajectory as
active when it lived there on the first or the last active day of the period (so a move within the period
counts it for both). PostgreSQL does the counting with a fixed set of aggregate queries (nine: one asks
whether any move concerns the municipality at all, and only then is residence checked day by day),
whatever the number of trajectories or visits; no trajectory is loaded into
Python. The figures hold no personal data: counts, sums and means, labelled with the models' choices.
The municipality's name is the only name in them.

Choices made here (the report's notes repeat them for the reader):
- A day is a local (Europe/Amsterdam) calendar day; a visit or closure counts on the day it happens.
- Referrals: received (``ontvangen_op``) in the period, whatever became of them. Vulnerability factors:
  of those same referrals; one referral may name several.
- Started: ``gestart_op`` in the period. Active: started on or before the period's end and not closed
  before its start. Closed: the casemanager closed it (``Afsluiting.afgesloten_op``) in the period.
- Waiting time: days from receipt of the referral to the start, for the trajectories started in the period.
- Indicated hours: for every indication version, the days it overlaps the period × hours per week / 7
  (as ``trajecten.zorg`` counts per week). Delivered hours: current visits (not the ones superseded by a
  correction) that start in the period, also split by shift.
- Cost: delivered hours × the hourly tariff of the trajectory's indication in force on the visit's day,
  as ``trajecten.zorg.kosten_geleverd`` does; a visit without an indication that day costs nothing.
  The average cost per closed trajectory takes all visits of the trajectories closed in the period, over
  their whole duration (a part paid by a municipality the family lived in before included): that is the figure that compares with the € 6,900 per trajectory of seed 001.
- Duration, outcomes, satisfaction and goal realisation: the trajectories closed in the period.
- Goal realisation per theme: the goals of the last support plan version of each closed trajectory
  (earlier versions are superseded plans, not extra goals). Shown both as the number and share of goals
  with status *reached*, and as the mean of each goal's latest realisation score (1–10) from a held
  evaluation: the share says how many goals were met, the score how far the others got.
"""

import csv
import io
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import (
    Aggregate,
    Avg,
    CharField,
    Count,
    DateField,
    DecimalField,
    ExpressionWrapper,
    F,
    FilteredRelation,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least, TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Organisatie
from indicaties.models import Indicatie
from trajecten.constants import Dienst, DoelStatus, Kwetsbaarheid, Thema, Uitkomst, VerwijzerSoort
from trajecten.models import (
    Aanmelding,
    Afsluiting,
    EvaluatieDoel,
    Huisbezoek,
    Ondersteuningsplan,
    Traject,
    Verhuizing,
    Zorgdoel,
)
from trajecten.verhuizing import gemeente_op_dag

from . import grafieken

# Seed 001 (prijspeil 2023): BabythuisZorg costs on average € 6,900 per trajectory.
REFERENTIE_KOSTEN_PER_TRAJECT = Decimal("6900.00")
# Seed 000: the pilot's satisfaction scores, clients 9.1 and chain partners 8.3.
REFERENTIE_TEVREDENHEID_CLIENT = Decimal("9.1")
REFERENTIE_TEVREDENHEID_PARTNER = Decimal("8.3")

AMSTERDAM = ZoneInfo(settings.TIME_ZONE)
NUL = Decimal(0)


# --- SQL building blocks ------------------------------------------------------------------------


class DagenTussen(Func):
    """Whole days from ``begin`` to ``eind``: in PostgreSQL ``date - date`` is an integer."""

    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = IntegerField()

    def __init__(self, eind, begin):
        super().__init__(eind, begin)


class Mediaan(Aggregate):
    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


class Unnest(Func):
    """One row per element of an ArrayField."""

    function = "UNNEST"
    output_field = CharField()


class LokaleDag(Func):
    """The local calendar day of a timestamp (stored in UTC): 00:30 on 1 September is 1 September."""

    template = "((%(expressions)s) AT TIME ZONE 'Europe/Amsterdam')::date"
    output_field = DateField()


class Uren(Func):
    """A visit's real duration in hours (timestamps are UTC, so a night over the DST change counts 7 or 9)."""

    template = "(EXTRACT(EPOCH FROM (%(expressions)s))::numeric / 3600)"
    arg_joiner = " - "
    output_field = DecimalField()

    def __init__(self):
        super().__init__(F("eind"), F("start"))


def _begin_van_dag(dag: date) -> datetime:
    return datetime.combine(dag, time.min, tzinfo=AMSTERDAM)


def _tijdvak(van: date, tot: date) -> dict:
    """Bounds on a timestamp for 'its local day lies in [van, tot]' that an index can use."""
    return {"gte": _begin_van_dag(van), "lt": _begin_van_dag(tot + timedelta(days=1))}


def _verhuisd(gemeente) -> list[int] | None:
    """None when no move concerns the municipality (nothing needs a day-by-day residence check); else the
    families that moved away from it, whose days before the move are still its own."""
    rijen = list(
        Verhuizing.objects.filter(Q(oude_gemeente=gemeente) | Q(nieuwe_gemeente=gemeente)).values_list(
            "gezin_id", "oude_gemeente_id"
        )
    )
    if not rijen:
        return None
    return sorted({gezin for gezin, oud in rijen if oud == gemeente.pk})


def _van_gemeente(rijen, gemeente, verhuisd: list[int] | None, *, traject: str, dag=None):
    """``rijen`` (of a trajectory's model, the trajectory at ``traject``) whose family lived in ``gemeente``
    on ``dag`` (an expression): by the trajectory's municipality alone when no move concerns it."""
    voor = f"{traject}__" if traject else ""
    if verhuisd is None:
        return rijen.filter(**{f"{voor}gemeente": gemeente})
    return (
        rijen.filter(Q(**{f"{voor}gemeente": gemeente}) | Q(**{f"{voor}gezin_id__in": verhuisd}))
        .alias(woondag=dag)
        .alias(woonplaats=gemeente_op_dag(f"{voor}gezin_id", "woondag", f"{voor}gemeente_id"))
        .filter(woonplaats=gemeente.pk)
    )


def met_tarief(bezoeken):
    """Visits joined to their trajectory's indication in force on the visit's local day, as
    ``indicatie_op_dag``: one range join for all visits (indications of a trajectory never overlap, so a
    visit matches at most one), instead of a tariff lookup per visit."""
    dag = LokaleDag(F("start"))
    return bezoeken.annotate(
        indicatie_op_dag=FilteredRelation(
            "traject__indicaties",
            condition=Q(traject__indicaties__van__lte=dag, traject__indicaties__tot__gte=dag),
        )
    )


def _kosten():
    """Hours × the tariff of the indication in force that day; on a queryset passed through met_tarief."""
    return Sum(Uren() * Coalesce(F("indicatie_op_dag__uurtarief"), Value(NUL)), output_field=DecimalField())


def _maanden(van: date, tot: date) -> list[tuple[date, date, date]]:
    """(first of the month, window start, window end) for every month the period touches, clipped to it."""
    maanden = []
    begin = van.replace(day=1)
    while begin <= tot:
        einde = begin + relativedelta(months=1) - timedelta(days=1)
        maanden.append((begin, max(begin, van), min(einde, tot)))
        begin += relativedelta(months=1)
    return maanden


def _geindiceerd_in(begin: date, einde: date):
    """Indicated hours of one indication version in [begin, einde]: overlapping days × hours per week / 7."""
    datum = DateField()
    dagen = Greatest(
        DagenTussen(
            Least(F("tot"), Value(einde, output_field=datum)),
            Greatest(F("van"), Value(begin, output_field=datum)),
        )
        + Value(1),
        Value(0),
    )
    return Sum(ExpressionWrapper(dagen * F("uren_per_week") / Value(7), output_field=DecimalField()))


# --- rounding -----------------------------------------------------------------------------------


def _rond(waarde, plaatsen: str = "0.01") -> Decimal | None:
    if waarde is None:
        return None
    return Decimal(str(waarde)).quantize(Decimal(plaatsen), rounding=ROUND_HALF_UP)


def _procent(deel, geheel) -> Decimal | None:
    return _rond(Decimal(deel) * 100 / Decimal(geheel), "0.1") if geheel else None


# --- the figures --------------------------------------------------------------------------------


def periode_cijfers(*, gemeente: Organisatie, van: date, tot: date) -> dict:
    """All figures of the period report for ``gemeente`` over [van, tot] (both days included).

    Plain values only (ints, Decimals, dates, str labels in the active language): the dict feeds the
    PDF context and the CSV, and is safe to show to the municipality's contract manager.
    """
    maanden = _maanden(van, tot)
    grenzen = _tijdvak(van, tot)
    verhuisd = _verhuisd(gemeente)
    afgesloten_in_periode = _van_gemeente(
        Afsluiting.objects.filter(afgesloten_op__gte=grenzen["gte"], afgesloten_op__lt=grenzen["lt"]),
        gemeente,
        verhuisd,
        traject="traject",
        dag=LokaleDag(F("afgesloten_op")),
    ).values("traject_id")

    trajecten = _trajecten(gemeente, van, tot, verhuisd)
    kosten = _kosten_afgesloten(afgesloten_in_periode)
    uren = _uren(gemeente, van, tot, maanden, verhuisd)
    aanmeldingen = _aanmeldingen(gemeente, van, tot, verhuisd)
    gemiddelde_kosten = _rond(kosten["kosten"] / trajecten["afgesloten"]) if trajecten["afgesloten"] else None
    return {
        "gemeente": gemeente.naam,
        "van": van,
        "tot": tot,
        "aanmeldingen": aanmeldingen,
        "trajecten": {k: trajecten[k] for k in ("gestart", "actief", "afgesloten")},
        "wachttijd": {
            "aantal": trajecten["wachttijd_aantal"],
            "gemiddeld_dagen": _rond(trajecten["wachttijd_gemiddeld"], "0.1"),
            "mediaan_dagen": _rond(trajecten["wachttijd_mediaan"], "0.1"),
        },
        "kwetsbaarheden": _kwetsbaarheden(gemeente, van, tot, aanmeldingen["totaal"], verhuisd),
        "uren": uren,
        "kosten": {
            "geleverd": uren["kosten"],
            "afgesloten_trajecten": trajecten["afgesloten"],
            "afgesloten_totaal": _rond(kosten["kosten"]),
            "afgesloten_uren": _rond(kosten["uren"]),
            "gemiddeld_per_afgesloten": gemiddelde_kosten,
            "referentie": REFERENTIE_KOSTEN_PER_TRAJECT,
            "procent_van_referentie": _procent(gemiddelde_kosten, REFERENTIE_KOSTEN_PER_TRAJECT)
            if gemiddelde_kosten is not None
            else None,
        },
        "duur": {
            "aantal": trajecten["duur_aantal"],
            "gemiddeld_dagen": _rond(trajecten["duur_gemiddeld"], "0.1"),
            "mediaan_dagen": _rond(trajecten["duur_mediaan"], "0.1"),
            "gemiddeld_weken": _rond(
                trajecten["duur_gemiddeld"] / 7 if trajecten["duur_gemiddeld"] is not None else None, "0.1"
            ),
        },
        "doelen": _doelen(afgesloten_in_periode),
        "uitkomsten": _uitkomsten(afgesloten_in_periode),
        "tevredenheid": {
            "client": {
                "gemiddeld": _rond(trajecten["tevredenheid_client"], "0.1"),
                "aantal": trajecten["tevredenheid_client_aantal"],
                "referentie": REFERENTIE_TEVREDENHEID_CLIENT,
            },
            "partner": {
                "gemiddeld": _rond(trajecten["tevredenheid_partner"], "0.1"),
                "aantal": trajecten["tevredenheid_partner_aantal"],
                "referentie": REFERENTIE_TEVREDENHEID_PARTNER,
            },
        },
    }


def _trajecten(gemeente, van: date, tot: date, verhuisd: list[int] | None = None) -> dict:
    """Starts, active, closed, waiting time, duration and satisfaction: one query."""
    grenzen = _tijdvak(van, tot)
    gestart = Q(gestart_op__gte=van, gestart_op__lte=tot)
    afgesloten = Q(afsluiting__afgesloten_op__gte=grenzen["gte"], afsluiting__afgesloten_op__lt=grenzen["lt"])
    actief = Q(gestart_op__lte=tot) & (
        Q(afsluiting__afgesloten_op__isnull=True) | Q(afsluiting__afgesloten_op__gte=grenzen["gte"])
    )
    trajecten = Traject.objects.filter(gemeente=gemeente)
    if verhuisd is not None:
        # Each event counts where the family lived that day; active: on the first or last active day.
        datum = DateField()
        afsluitdag = LokaleDag(F("afsluiting__afgesloten_op"))
        trajecten = (
            Traject.objects.filter(Q(gemeente=gemeente) | Q(gezin_id__in=verhuisd))
            .alias(
                afsluitdag=afsluitdag,
                begindag=Greatest(F("gestart_op"), Value(van, output_field=datum)),
                peildag=Least(
                    Coalesce(afsluitdag, Value(tot, output_field=datum)), Value(tot, output_field=datum)
                ),
            )
            .alias(
                **{
                    f"woon_{naam}": gemeente_op_dag("gezin_id", dag, "gemeente_id")
                    for naam, dag in (
                        ("start", "gestart_op"),
                        ("eind", "afsluitdag"),
                        ("begin", "begindag"),
                        ("peil", "peildag"),
                    )
                }  # fmt: skip
            )
        )
        gestart &= Q(woon_start=gemeente.pk)
        afgesloten &= Q(woon_eind=gemeente.pk)
        actief &= Q(woon_begin=gemeente.pk) | Q(woon_peil=gemeente.pk)
    wachttijd = DagenTussen(F("gestart_op"), F("aanmelding__ontvangen_op"))
    duur = DagenTussen(LokaleDag(F("afsluiting__afgesloten_op")), F("gestart_op"))
    afgesloten_gestart = afgesloten & Q(gestart_op__isnull=False)
    return trajecten.aggregate(
        gestart=Count("pk", filter=gestart),
        actief=Count("pk", filter=actief),
        afgesloten=Count("pk", filter=afgesloten),
        wachttijd_aantal=Count("aanmelding", filter=gestart),
        wachttijd_gemiddeld=Avg(wachttijd, filter=gestart),
        wachttijd_mediaan=Mediaan(wachttijd, filter=gestart),
        duur_aantal=Count("pk", filter=afgesloten_gestart),
        duur_gemiddeld=Avg(duur, filter=afgesloten_gestart),
        duur_mediaan=Mediaan(duur, filter=afgesloten_gestart),
        tevredenheid_client=Avg("afsluiting__tevredenheid_client", filter=afgesloten),
        tevredenheid_client_aantal=Count("afsluiting__tevredenheid_client", filter=afgesloten),
        tevredenheid_partner=Avg("afsluiting__tevredenheid_partner", filter=afgesloten),
        tevredenheid_partner_aantal=Count("afsluiting__tevredenheid_partner", filter=afgesloten),
    )


def _aanmeldingen_in(gemeente, van: date, tot: date, verhuisd: list[int] | None = None):
    return _van_gemeente(
        Aanmelding.objects.filter(ontvangen_op__gte=van, ontvangen_op__lte=tot),
        gemeente,
        verhuisd,
        traject="traject",
        dag=F("ontvangen_op"),
    )


def _aanmeldingen(gemeente, van: date, tot: date, verhuisd: list[int] | None = None) -> dict:
    aantallen = dict(
        _aanmeldingen_in(gemeente, van, tot, verhuisd)
        .values("verwijzer_soort")
        .annotate(aantal=Count("pk"))
        .values_list("verwijzer_soort", "aantal")
        .order_by()
    )
    totaal = sum(aantallen.values())
    return {
        "totaal": totaal,
        "per_verwijzer": [
            {
                "code": soort.value,
                "label": str(soort.label),
                "aantal": aantallen.get(soort.value, 0),
                "procent": _procent(aantallen.get(soort.value, 0), totaal),
            }
            for soort in VerwijzerSoort
        ],
    }


def _kwetsbaarheden(
    gemeente, van: date, tot: date, aanmeldingen_totaal: int, verhuisd: list[int] | None = None
) -> dict:
    """Per factor, how many referrals of the period name it (UNNEST gives one row per referral and factor)."""
    aantallen = dict(
        _aanmeldingen_in(gemeente, van, tot, verhuisd)
        .annotate(factor=Unnest("kwetsbaarheden"))
        .values("factor")
        .annotate(aantal=Count("pk", distinct=True))
        .values_list("factor", "aantal")
        .order_by()
    )
    return {
        "aanmeldingen": aanmeldingen_totaal,
        "per_factor": [
            {
                "code": factor.value,
                "label": str(factor.label),
                "aantal": aantallen.get(factor.value, 0),
                "procent": _procent(aantallen.get(factor.value, 0), aanmeldingen_totaal),
            }
            for factor in Kwetsbaarheid
        ],
    }


def _uren(gemeente, van: date, tot: date, maanden, verhuisd: list[int] | None = None) -> dict:
    """Indicated and delivered hours (and the cost of the delivered hours), per month and shift: two queries."""
    geindiceerd = _van_gemeente(
        Indicatie.objects.filter(van__lte=tot, tot__gte=van),
        gemeente,
        verhuisd,
        traject="traject",
        dag=F("van"),
    ).aggregate(
        **{f"m{i}": _geindiceerd_in(begin, einde) for i, (_maand, begin, einde) in enumerate(maanden)}
    )
    grenzen = _tijdvak(van, tot)
    geleverd_rijen = (
        met_tarief(
            _van_gemeente(
                Huisbezoek.objects.filter(
                    vervangen=False, start__gte=grenzen["gte"], start__lt=grenzen["lt"]
                ),
                gemeente,
                verhuisd,
                traject="traject",
                dag=LokaleDag(F("start")),
            )
        )
        .annotate(maand=TruncMonth("start", output_field=DateField(), tzinfo=AMSTERDAM))
        .values("maand", "dienst")
        .annotate(uren=Sum(Uren()), kosten=_kosten())
        .values_list("maand", "dienst", "uren", "kosten")
        .order_by()
    )
    per_maand = {maand: {"uren": NUL, "kosten": NUL} for maand, _b, _e in maanden}
    per_dienst = {dienst.value: NUL for dienst in Dienst}
    for maand, dienst, uren, kosten in geleverd_rijen:
        per_maand[maand]["uren"] += uren or NUL
        per_maand[maand]["kosten"] += kosten or NUL
        per_dienst[dienst] = per_dienst.get(dienst, NUL) + (uren or NUL)
    maandrijen = [
        {
            "maand": maand,
            "geindiceerd": _rond(geindiceerd[f"m{i}"] or NUL),
            "geleverd": _rond(per_maand[maand]["uren"]),
        }
        for i, (maand, _b, _e) in enumerate(maanden)
    ]
    totaal_geindiceerd = sum((r["geindiceerd"] for r in maandrijen), NUL)
    totaal_geleverd = _rond(sum((v["uren"] for v in per_maand.values()), NUL))
    return {
        "geindiceerd": totaal_geindiceerd,
        "geleverd": totaal_geleverd,
        "procent_geleverd": _procent(totaal_geleverd, totaal_geindiceerd),
        "kosten": _rond(sum((v["kosten"] for v in per_maand.values()), NUL)),
        "per_dienst": [
            {
                "code": dienst.value,
                "label": str(dienst.label),
                "uren": _rond(per_dienst[dienst.value]),
                "procent": _procent(per_dienst[dienst.value], totaal_geleverd),
            }
            for dienst in Dienst
        ],
        "per_maand": maandrijen,
    }


def _kosten_afgesloten(afgesloten_in_periode) -> dict:
    """All delivered hours and their cost of the trajectories closed in the period, over their whole life."""
    uitkomst = met_tarief(
        Huisbezoek.objects.filter(vervangen=False, traject_id__in=afgesloten_in_periode)
    ).aggregate(uren=Sum(Uren()), kosten=_kosten())
    return {"uren": uitkomst["uren"] or NUL, "kosten": uitkomst["kosten"] or NUL}


def _doelen(afgesloten_in_periode) -> dict:
    laatste_versie = (
        Ondersteuningsplan.objects.filter(traject_id=OuterRef("plan__traject_id"))
        .order_by("-versie")
        .values("versie")[:1]
    )
    laatste_realisatie = (
        EvaluatieDoel.objects.filter(doel_id=OuterRef("pk"), evaluatie__gehouden_op__isnull=False)
        .order_by("-evaluatie__gehouden_op", "-evaluatie_id")
        .values("realisatie")[:1]
    )
    rijen = {
        rij["thema"]: rij
        for rij in Zorgdoel.objects.filter(plan__traject_id__in=afgesloten_in_periode)
        .filter(plan__versie=Subquery(laatste_versie))
        .annotate(laatste=Subquery(laatste_realisatie, output_field=IntegerField()))
        .values("thema")
        .annotate(
            doelen=Count("pk"),
            bereikt=Count("pk", filter=Q(status=DoelStatus.BEREIKT)),
            geevalueerd=Count("laatste"),
            realisatie=Avg("laatste"),
            realisatie_som=Sum("laatste"),
        )
        .order_by()
    }
    per_thema = []
    for thema in Thema:
        rij = rijen.get(thema.value, {})
        per_thema.append(
            {
                "code": thema.value,
                "label": str(thema.label),
                "doelen": rij.get("doelen", 0),
                "bereikt": rij.get("bereikt", 0),
                "procent_bereikt": _procent(rij.get("bereikt", 0), rij.get("doelen", 0)),
                "geevalueerd": rij.get("geevalueerd", 0),
                "gemiddelde_realisatie": _rond(rij.get("realisatie"), "0.1"),
            }
        )
    doelen = sum(r["doelen"] for r in per_thema)
    bereikt = sum(r["bereikt"] for r in per_thema)
    geevalueerd = sum(r["geevalueerd"] for r in per_thema)
    som = sum((rij.get("realisatie_som") or 0) for rij in rijen.values())
    return {
        "per_thema": per_thema,
        "totaal": {
            "doelen": doelen,
            "bereikt": bereikt,
            "procent_bereikt": _procent(bereikt, doelen),
            "geevalueerd": geevalueerd,
            "gemiddelde_realisatie": _rond(Decimal(som) / geevalueerd, "0.1") if geevalueerd else None,
        },
    }


def _uitkomsten(afgesloten_in_periode) -> dict:
    aantallen = dict(
        Afsluiting.objects.filter(traject_id__in=afgesloten_in_periode)
        .values("uitkomst")
        .annotate(aantal=Count("pk"))
        .values_list("uitkomst", "aantal")
        .order_by()
    )
    totaal = sum(aantallen.values())
    return {
        "totaal": totaal,
        "per_uitkomst": [
            {
                "code": uitkomst.value,
                "label": str(uitkomst.label),
                "aantal": aantallen.get(uitkomst.value, 0),
                "procent": _procent(aantallen.get(uitkomst.value, 0), totaal),
            }
            for uitkomst in Uitkomst
        ],
    }


# --- PDF context --------------------------------------------------------------------------------


def _maandlabel(maand: date) -> str:
    return date_format(maand, "M Y")


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
        "gemeente": cijfers["gemeente"],
        "van": cijfers["van"],
        "tot": cijfers["tot"],
        "grafieken": {
            "uren": uren_grafiek,
            "verwijzers": grafieken.staafgrafiek(
                _("Referrals by referrer type"),
                [r["label"] for r in verwijzers],
                [grafieken.Reeks(_("Referrals"), [r["aantal"] for r in verwijzers])],
                horizontaal=True,
                labelkop=_("Referrer type"),
            ),
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
                        [tevredenheid["client"]["gemiddeld"], tevredenheid["partner"]["gemiddeld"]],
                    )
                ],
                referentielijnen=[
                    (_("Pilot clients"), tevredenheid["client"]["referentie"]),
                    (_("Pilot partners"), tevredenheid["partner"]["referentie"]),
                ],
            ),
        },
    }


# --- CSV ----------------------------------------------------------------------------------------

# A spreadsheet reads a cell starting with one of these as a formula (CSV injection, OWASP).
FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")


def neutraliseer(cel: str) -> str:
    """Defuse a cell a spreadsheet would run as a formula: a leading quote makes it plain text."""
    return "'" + cel if cel.startswith(FORMULETEKENS) else cel


def _csv_waarde(waarde) -> str:
    """Dutch decimal comma, no thousands separator (so a spreadsheet reads it as a number)."""
    if waarde is None:
        return ""
    if isinstance(waarde, Decimal):
        return format(waarde, "f").replace(".", ",")
    if isinstance(waarde, date):
        return waarde.strftime("%d-%m-%Y")
    return str(waarde)


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
    uitvoer = io.StringIO()
    schrijver = csv.writer(uitvoer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow([neutraliseer(kop) for kop in (_("Section"), _("Item"), _("Measure"), _("Value"))])
    for rij in _csv_rijen(cijfers):
        schrijver.writerow([neutraliseer(_csv_waarde(cel)) for cel in rij])
    return uitvoer.getvalue()
