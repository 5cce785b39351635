"""The programme evaluation's hours and cost: indicated and delivered hours, the cost of a closed
trajectory against the BabythuisZorg reference, and the prices of the preceding provisions beside it."""

from datetime import date
from decimal import Decimal

from django.db.models import Sum

from indicaties.constants import Kostensoort
from indicaties.models import Indicatie, Voorziening
from trajecten.constants import Dienst
from trajecten.models import Huisbezoek

from . import kleine_aantallen as ka
from .bouwstenen import NUL, Uren, geindiceerd_in, kosten_som, met_tarief, rond, tijdvak
from .evaluatie_basis import Scope
from .periode import REFERENTIE_KOSTEN_PER_TRAJECT

BABYTHUISZORG = "BabythuisZorg"  # the provision row whose price is the programme's own reference


def kosten_afgesloten(afgesloten_ids, aantal: int) -> dict:
    """Delivered hours and their cost of the trajectories closed in the period over their whole life,
    and the hours indicated for them: two queries."""
    geleverd = met_tarief(
        Huisbezoek.objects.filter(vervangen=False, traject_id__in=afgesloten_ids)
    ).aggregate(uren=Sum(Uren()), kosten=kosten_som())
    uren, totaal = geleverd["uren"] or NUL, geleverd["kosten"] or NUL
    geindiceerd = Indicatie.objects.filter(traject_id__in=afgesloten_ids).aggregate(
        uren=geindiceerd_in(date.min, date.max)
    )["uren"]
    per_traject = uren / aantal if aantal else None
    gemiddeld = rond(totaal / aantal) if aantal else None
    referentie = (
        Voorziening.objects.filter(naam=BABYTHUISZORG, kostensoort=Kostensoort.PER_TRAJECT)
        .values_list("kosten_bedrag", flat=True)
        .first()
    ) or REFERENTIE_KOSTEN_PER_TRAJECT
    return {
        "aantal": aantal,
        "uren_per_traject": rond(per_traject, "0.1") if per_traject is not None else None,
        "gemiddeld": gemiddeld,
        "cijfers": {
            "afgesloten_trajecten": ka.telling(aantal),
            "totaal": ka.over_genoeg(rond(totaal), aantal),
            "gemiddeld_per_traject": ka.over_genoeg(gemiddeld, aantal),
            "referentie": referentie,
            "procent_van_referentie": ka.over_genoeg(
                rond(gemiddeld * 100 / referentie, "0.1") if gemiddeld is not None else None, aantal
            ),
            "geindiceerd_per_traject": ka.over_genoeg(
                rond(geindiceerd / aantal, "0.1") if aantal and geindiceerd is not None else None, aantal
            ),
            "geleverd_per_traject": ka.over_genoeg(
                rond(per_traject, "0.1") if per_traject is not None else None, aantal
            ),
        },
        "uren": uren,
    }


def uren_in_periode(scope: Scope, van: date, tot: date, actief: int, kosten: dict, t: dict) -> dict:
    """Hours indicated and delivered in the period, by shift, and per closed trajectory per week."""
    grenzen = tijdvak(van, tot)
    geindiceerd = Indicatie.objects.filter(scope.voorwaarde("traject"), van__lte=tot, tot__gte=van).aggregate(
        uren=geindiceerd_in(van, tot)
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
        "geindiceerd": ka.over_genoeg(rond(geindiceerd or NUL), actief),
        "geleverd": ka.over_genoeg(rond(geleverd), actief),
        "procent_geleverd": ka.over_genoeg(
            rond(geleverd * 100 / geindiceerd, "0.1") if geindiceerd else None, actief
        ),
        "per_dienst": [
            {
                "code": d.value,
                "label": str(d.label),
                "uren": ka.over_genoeg(rond(per_dienst.get(d.value) or NUL), actief),
            }
            for d in Dienst
        ],
        "per_week_per_traject": ka.over_genoeg(rond(per_week, "0.1"), t["duur_aantal"]),
    }


def vergelijking(kosten: dict) -> dict:
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
            laag = rond(v.kosten_bedrag * uren)
            hoog = rond(v.kosten_bedrag_tot * uren) if v.kosten_bedrag_tot is not None else None
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
