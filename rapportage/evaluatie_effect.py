"""What the programme achieved, in the evaluation: outcomes at closure, satisfaction, goal scores from
start to end, and the risk picture of the first GIZ assessment against the last."""

from datetime import date
from decimal import Decimal

from django.db.models import Avg, Count, IntegerField, OuterRef, Q, Subquery

from trajecten.constants import GizFactor, Inschatting, Risiconiveau, Thema, Uitkomst, Urgentie
from trajecten.models import EvaluatieDoel, Intake, IntakeFactor, Ondersteuningsplan, Traject, Zorgdoel

from . import kleine_aantallen as ka
from .bouwstenen import tijdvak
from .evaluatie_basis import Scope, beschermd_gemiddelde, keuzeverdeling
from .periode import REFERENTIE_TEVREDENHEID_CLIENT, REFERENTIE_TEVREDENHEID_PARTNER

SCORES = [("≤ 5", range(1, 6)), ("6", [6]), ("7", [7]), ("8", [8]), ("9", [9]), ("10", [10])]


def uitkomsten(afgesloten) -> dict:
    aantallen = dict(
        afgesloten.values("uitkomst")
        .annotate(aantal=Count("pk"))
        .values_list("uitkomst", "aantal")
        .order_by()
    )
    return keuzeverdeling(Uitkomst, aantallen)


TEVREDENHEID = (
    ("client", "tevredenheid_client", REFERENTIE_TEVREDENHEID_CLIENT),
    ("partner", "tevredenheid_partner", REFERENTIE_TEVREDENHEID_PARTNER),
    ("medewerker", "tevredenheid_medewerker", None),
)


def tevredenheid(afgesloten) -> dict:
    """Mean, number of scores and distribution (bands) for clients, chain partners and staff: one query."""
    aggregaten = {}
    for sleutel, veld, _referentie in TEVREDENHEID:
        aggregaten[f"{sleutel}beschermd_gemiddelde"] = Avg(veld)
        aggregaten[f"{sleutel}_aantal"] = Count(veld)
        for i, (_label, scores) in enumerate(SCORES):
            aggregaten[f"{sleutel}_{i}"] = Count("pk", filter=Q(**{f"{veld}__in": list(scores)}))
    r = afgesloten.aggregate(**aggregaten)
    uitkomst = {}
    for sleutel, _veld, referentie in TEVREDENHEID:
        verdeling = ka.verdeling([r[f"{sleutel}_{i}"] for i in range(len(SCORES))])
        uitkomst[sleutel] = {
            "gemiddeld": beschermd_gemiddelde(r[f"{sleutel}beschermd_gemiddelde"], r[f"{sleutel}_aantal"]),
            "aantal": ka.telling(r[f"{sleutel}_aantal"]),
            "referentie": referentie,
            "verdeling": [
                {"label": label, **cel} for (label, _s), cel in zip(SCORES, verdeling["cellen"], strict=True)
            ],
        }
    return uitkomst


def doelen(afgesloten_ids) -> dict:
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
                "start": beschermd_gemiddelde(start, gezinnen),
                "eind": beschermd_gemiddelde(einde, gezinnen),
                "verschil": beschermd_gemiddelde(
                    Decimal(str(einde)) - Decimal(str(start))
                    if start is not None and einde is not None
                    else None,
                    gezinnen,
                ),
            }
        )
    return {"per_thema": per_thema}


def giz(scope: Scope, van: date, tot: date) -> dict:
    """The risk picture at the first GIZ assessment against the last one up to the period's end, for the
    trajectories active in the period with at least two: three queries."""
    grenzen = tijdvak(van, tot)
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
    eerste_v = keuzeverdeling(Risiconiveau, eerste_per_niveau)
    laatste_v = keuzeverdeling(Risiconiveau, laatste_per_niveau)
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
