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

The SQL building blocks (and the residence check) are in ``rapportage.bouwstenen``; ``periode_opmaak`` lays
the figures out for the PDF and the CSV.
"""

from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Avg, Count, DateField, F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest, Least, TruncMonth

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
    Zorgdoel,
)
from trajecten.verhuizing import gemeente_op_dag

from .bouwstenen import (
    AMSTERDAM,
    NUL,
    DagenTussen,
    LokaleDag,
    Mediaan,
    Unnest,
    Uren,
    geindiceerd_in,
    kosten_som,
    met_tarief,
    rond,
    tijdvak,
    van_gemeente,
    verhuisde_gezinnen,
)

# Seed 001 (prijspeil 2023): BabythuisZorg costs on average € 6,900 per trajectory.
REFERENTIE_KOSTEN_PER_TRAJECT = Decimal("6900.00")
# Seed 000: the pilot's satisfaction scores, clients 9.1 and chain partners 8.3.
REFERENTIE_TEVREDENHEID_CLIENT = Decimal("9.1")
REFERENTIE_TEVREDENHEID_PARTNER = Decimal("8.3")


def _maanden(van: date, tot: date) -> list[tuple[date, date, date]]:
    """(first of the month, window start, window end) for every month the period touches, clipped to it."""
    maanden = []
    begin = van.replace(day=1)
    while begin <= tot:
        einde = begin + relativedelta(months=1) - timedelta(days=1)
        maanden.append((begin, max(begin, van), min(einde, tot)))
        begin += relativedelta(months=1)
    return maanden


def _procent(deel, geheel) -> Decimal | None:
    return rond(Decimal(deel) * 100 / Decimal(geheel), "0.1") if geheel else None


def periode_cijfers(*, gemeente: Organisatie, van: date, tot: date) -> dict:
    """All figures of the period report for ``gemeente`` over [van, tot] (both days included).

    Plain values only (ints, Decimals, dates, str labels in the active language): the dict feeds the
    PDF context and the CSV, and is safe to show to the municipality's contract manager.
    """
    maanden = _maanden(van, tot)
    grenzen = tijdvak(van, tot)
    verhuisd = verhuisde_gezinnen(gemeente)
    afgesloten_in_periode = van_gemeente(
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
    gemiddelde_kosten = rond(kosten["kosten"] / trajecten["afgesloten"]) if trajecten["afgesloten"] else None
    return {
        "gemeente": gemeente.naam,
        "van": van,
        "tot": tot,
        "aanmeldingen": aanmeldingen,
        "trajecten": {k: trajecten[k] for k in ("gestart", "actief", "afgesloten")},
        "wachttijd": {
            "aantal": trajecten["wachttijd_aantal"],
            "gemiddeld_dagen": rond(trajecten["wachttijd_gemiddeld"], "0.1"),
            "mediaan_dagen": rond(trajecten["wachttijd_mediaan"], "0.1"),
        },
        "kwetsbaarheden": _kwetsbaarheden(gemeente, van, tot, aanmeldingen["totaal"], verhuisd),
        "uren": uren,
        "kosten": {
            "geleverd": uren["kosten"],
            "afgesloten_trajecten": trajecten["afgesloten"],
            "afgesloten_totaal": rond(kosten["kosten"]),
            "afgesloten_uren": rond(kosten["uren"]),
            "gemiddeld_per_afgesloten": gemiddelde_kosten,
            "referentie": REFERENTIE_KOSTEN_PER_TRAJECT,
            "procent_van_referentie": _procent(gemiddelde_kosten, REFERENTIE_KOSTEN_PER_TRAJECT)
            if gemiddelde_kosten is not None
            else None,
        },
        "duur": {
            "aantal": trajecten["duur_aantal"],
            "gemiddeld_dagen": rond(trajecten["duur_gemiddeld"], "0.1"),
            "mediaan_dagen": rond(trajecten["duur_mediaan"], "0.1"),
            "gemiddeld_weken": rond(
                trajecten["duur_gemiddeld"] / 7 if trajecten["duur_gemiddeld"] is not None else None, "0.1"
            ),
        },
        "doelen": _doelen(afgesloten_in_periode),
        "uitkomsten": _uitkomsten(afgesloten_in_periode),
        "tevredenheid": {
            "client": {
                "gemiddeld": rond(trajecten["tevredenheid_client"], "0.1"),
                "aantal": trajecten["tevredenheid_client_aantal"],
                "referentie": REFERENTIE_TEVREDENHEID_CLIENT,
            },
            "partner": {
                "gemiddeld": rond(trajecten["tevredenheid_partner"], "0.1"),
                "aantal": trajecten["tevredenheid_partner_aantal"],
                "referentie": REFERENTIE_TEVREDENHEID_PARTNER,
            },
        },
    }


def _trajecten(gemeente, van: date, tot: date, verhuisd: list[int] | None = None) -> dict:
    """Starts, active, closed, waiting time, duration and satisfaction: one query."""
    grenzen = tijdvak(van, tot)
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
    return van_gemeente(
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
    geindiceerd = van_gemeente(
        Indicatie.objects.filter(van__lte=tot, tot__gte=van),
        gemeente,
        verhuisd,
        traject="traject",
        dag=F("van"),
    ).aggregate(**{f"m{i}": geindiceerd_in(begin, einde) for i, (_maand, begin, einde) in enumerate(maanden)})
    grenzen = tijdvak(van, tot)
    geleverd_rijen = (
        met_tarief(
            van_gemeente(
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
        .annotate(uren=Sum(Uren()), kosten=kosten_som())
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
            "geindiceerd": rond(geindiceerd[f"m{i}"] or NUL),
            "geleverd": rond(per_maand[maand]["uren"]),
        }
        for i, (maand, _b, _e) in enumerate(maanden)
    ]
    totaal_geindiceerd = sum((r["geindiceerd"] for r in maandrijen), NUL)
    totaal_geleverd = rond(sum((v["uren"] for v in per_maand.values()), NUL))
    return {
        "geindiceerd": totaal_geindiceerd,
        "geleverd": totaal_geleverd,
        "procent_geleverd": _procent(totaal_geleverd, totaal_geindiceerd),
        "kosten": rond(sum((v["kosten"] for v in per_maand.values()), NUL)),
        "per_dienst": [
            {
                "code": dienst.value,
                "label": str(dienst.label),
                "uren": rond(per_dienst[dienst.value]),
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
    ).aggregate(uren=Sum(Uren()), kosten=kosten_som())
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
                "gemiddelde_realisatie": rond(rij.get("realisatie"), "0.1"),
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
            "gemiddelde_realisatie": rond(Decimal(som) / geevalueerd, "0.1") if geevalueerd else None,
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
