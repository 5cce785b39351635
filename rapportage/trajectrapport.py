"""What the trajectory's PDF documents show: the Trajectrapport (full for the casemanager and the
provider, pseudonymised for gemeente-rapportage), the family-network plan left with the family, and
the warm handover for the receiving partner.

Pseudonymised means: the trajectory number, the municipality and the baby's birth month, and figures —
never a name, BSN, address, phone number, staff name, decision number or free text (free text can name
people). That choice is made here, not in the template: the context holds plain values only, no model
instances, so what is left out cannot leak through a template lookup.
"""

from collections import Counter
from datetime import date
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from core.validators import telefoon_weergave
from indicaties.models import Indicatie
from indicaties.services import eerste_verjaardag
from ketenpartners.constants import Reikwijdte
from ketenpartners.models import Betrokkenheid, Overdracht
from ketenpartners.selectors import geldige_toestemming
from rapportage import grafieken
from trajecten import netwerk as netwerk_module
from trajecten import zorg
from trajecten.constants import Dagdeel, Dienst, Ernst, NetwerkRelatie, SignaalCategorie, Thema
from trajecten.models import (
    Evaluatie,
    EvaluatieDoel,
    HuisbezoekVoortgang,
    MeldcodeRegistratie,
    Ondersteuningsplan,
    Ouder,
    Signaal,
    Traject,
    Zorgdoel,
)

NUL = Decimal(0)


def _procent(deel: Decimal, geheel: Decimal) -> Decimal | None:
    return (deel * 100 / geheel).quantize(Decimal("1")) if geheel else None


def _labels(waarden, keuzes) -> list[str]:
    return [str(keuzes(w).label) for w in waarden if w in keuzes.values]


# --- loading: one fixed set of queries, whatever the number of visits, goals or evaluations ----------


def _traject_laden(traject: Traject) -> Traject:
    laatste_voortgang = HuisbezoekVoortgang.objects.filter(
        doel=OuterRef("pk"), bezoek__vervangen=False
    ).order_by("-bezoek__start", "-pk")
    doelen = Zorgdoel.objects.annotate(
        laatste_score=Subquery(laatste_voortgang.values("score")[:1]),
        laatste_score_op=Subquery(laatste_voortgang.values("bezoek__start")[:1]),
    ).order_by("thema", "id")
    return (
        Traject.objects.select_related(
            "gezin__gemeente",
            "aanbieder",
            "regie_casemanager",
            "regie_organisatie",
            "aanmelding",
            "afsluiting",
            "netwerkplan",
        )
        .prefetch_related(
            Prefetch("gezin__ouders", queryset=Ouder.objects.order_by("id")),
            "gezin__babys",
            Prefetch(
                "indicaties",
                queryset=Indicatie.objects.select_related("budgetuitzondering").order_by("van", "id"),
            ),
            Prefetch("plannen", queryset=Ondersteuningsplan.objects.order_by("-versie")),
            Prefetch("plannen__doelen", queryset=doelen),
            Prefetch(
                "evaluaties",
                queryset=Evaluatie.objects.order_by("gepland_op", "id").prefetch_related(
                    Prefetch(
                        "doelen",
                        queryset=EvaluatieDoel.objects.select_related("doel").order_by("doel__thema", "id"),
                    )
                ),
            ),
            Prefetch(
                "signalen",
                queryset=Signaal.objects.order_by("gemeld_op", "id").prefetch_related(
                    Prefetch("meldcode", queryset=MeldcodeRegistratie.objects.order_by("stap"))
                ),
            ),
            "netwerkleden",
            Prefetch(
                "betrokkenheden",
                queryset=Betrokkenheid.objects.select_related(
                    "ketenpartner__organisatie", "contactpersoon"
                ).order_by("van", "id"),
            ),
        )
        .get(pk=traject.pk)
    )


def _gerelateerd(obj, naam):
    """A reverse one-to-one that may be missing (select_related caches the absence as well)."""
    return getattr(obj, naam, None)


# --- the sections -----------------------------------------------------------------------------------


def _gezin(traject: Traject, pseudoniem: bool) -> dict:
    gezin = traject.gezin
    babys = list(gezin.babys.all())
    if pseudoniem:
        # At most the month of birth (or the month it is due): no exact date, so no birthday either.
        return {
            "babys": [
                {"geboren": b.geboren, "maand": b.geboortedatum or b.uitgerekende_datum} for b in babys
            ],
        }
    aanmelding = _gerelateerd(traject, "aanmelding")
    if traject.regie_casemanager_id:
        regie = traject.regie_casemanager.get_full_name() or traject.regie_casemanager.username
    elif traject.regie_naam:
        regie = traject.regie_naam
        if traject.regie_organisatie_id:
            regie += f" ({traject.regie_organisatie.naam})"
        regie += " — " + _("SKJ %(nummer)s") % {"nummer": traject.regie_skj}
    else:
        regie = ""
    return {
        "ouders": [
            {
                "naam": f"{o.voornaam} {o.achternaam}",
                "rol": o.get_rol_display(),
                "geboortedatum": o.geboortedatum,
                "bsn": o.bsn_gemaskeerd,
                "telefoon": telefoon_weergave(o.telefoon),
            }
            for o in gezin.ouders.all()
        ],
        "adres": gezin.adresregel,
        "postcode_plaats": f"{gezin.postcode} {gezin.woonplaats}".strip(),
        "taal": gezin.get_taal_display(),
        "babys": [
            {
                "voornaam": b.voornaam,
                "geboren": b.geboren,
                "geboortedatum": b.geboortedatum,
                "uitgerekende_datum": b.uitgerekende_datum,
                "prematuur": b.prematuur,
            }
            for b in babys
        ],
        "regie": regie,
        "hulpvraag": aanmelding.hulpvraag if aanmelding else "",
        "kwetsbaarheden": aanmelding.kwetsbaarheden_labels if aanmelding else [],
    }


def _indicaties(traject: Traject, pseudoniem: bool) -> tuple[list[dict], dict]:
    grens = eerste_verjaardag(traject)
    rijen = []
    for indicatie in traject.indicaties.all():
        kosten = zorg.kosten_geleverd(indicatie)
        uitzondering = _gerelateerd(indicatie, "budgetuitzondering")
        rijen.append(
            {
                "wijziging": indicatie.get_wijziging_display(),
                "beschikkingsnummer": "" if pseudoniem else indicatie.beschikkingsnummer,
                "product": indicatie.get_product_display(),
                "van": indicatie.van,
                "tot": indicatie.tot,
                "ingekort": indicatie.tot != indicatie.oorspronkelijk_tot,
                "oorspronkelijk_tot": indicatie.oorspronkelijk_tot,
                "uren_per_week": indicatie.uren_per_week,
                "nachten": indicatie.nachten,
                "uurtarief": indicatie.uurtarief,
                "budget": indicatie.budget,
                "kosten": kosten,
                "resterend": indicatie.budget - kosten,
                "procent": _procent(kosten, indicatie.budget),
                "boven_budget": kosten > indicatie.budget,
                "na_eerste_verjaardag": bool(grens and indicatie.tot > grens),
                "motivatie": "" if pseudoniem else indicatie.motivatie_na_eerste_verjaardag,
                "heeft_motivatie": bool(indicatie.motivatie_na_eerste_verjaardag.strip()),
                "beeindigd_op": indicatie.beeindigd_op,
                "beeindigingsreden": "" if pseudoniem else indicatie.beeindigingsreden,
                "budgetuitzondering": uitzondering is not None,
                "budgetuitzondering_reden": "" if pseudoniem or uitzondering is None else uitzondering.reden,
            }
        )
    budget = sum((r["budget"] for r in rijen), NUL)
    kosten = sum((r["kosten"] for r in rijen), NUL)
    totaal = {
        "budget": budget,
        "kosten": kosten,
        "resterend": budget - kosten,
        "procent": _procent(kosten, budget),
        "boven_budget": kosten > budget,
    }
    return rijen, totaal


def _uren(traject: Traject) -> dict:
    indicaties = list(traject.indicaties.all())
    if not indicaties:
        return {"weken": [], "grafiek": None}
    # Up to this week, or up to the last indicated day of a trajectory that has ended.
    tot = min(timezone.localdate(), max(i.tot for i in indicaties))
    weken = zorg.uren_per_week(traject, tot=tot)
    geindiceerd = sum((w.geindiceerd for w in weken), NUL)
    geleverd = sum((w.geleverd for w in weken), NUL)
    per_dienst = []
    for dienst in Dienst:
        uren = sum((w.per_dienst.get(dienst, NUL) for w in weken), NUL)
        per_dienst.append({"dienst": dienst.label, "uren": uren, "procent": _procent(uren, geleverd)})
    return {
        "weken": [
            {
                "jaar": w.jaar,
                "week": w.week,
                "maandag": w.maandag,
                "geindiceerd": w.geindiceerd,
                "geleverd": w.geleverd,
                "dag": w.per_dienst.get(Dienst.DAG, NUL),
                "avond": w.per_dienst.get(Dienst.AVOND, NUL),
                "nacht": w.per_dienst.get(Dienst.NACHT, NUL),
                "verschil": w.geleverd - w.geindiceerd,
                "boven_volume": w.boven_volume,
            }
            for w in weken
        ],
        "tot": tot,
        "geindiceerd": geindiceerd,
        "geleverd": geleverd,
        "verschil": geleverd - geindiceerd,
        "procent": _procent(geleverd, geindiceerd),
        "weken_boven_volume": sum(1 for w in weken if w.boven_volume),
        "per_dienst": per_dienst,
        "grafiek": _urengrafiek(weken),
    }


# Up to this many weeks pairs of bars read well; a longer trajectory gets two lines.
STAVEN_TOT_WEKEN = 16


def _urengrafiek(weken):
    grafiek = grafieken.staafgrafiek if len(weken) <= STAVEN_TOT_WEKEN else grafieken.lijngrafiek
    return grafiek(
        _("Indicated and delivered hours per week"),
        [_("wk %(week)s") % {"week": w.week} for w in weken],
        [
            grafieken.Reeks(_("Indicated"), [w.geindiceerd for w in weken]),
            grafieken.Reeks(_("Delivered"), [w.geleverd for w in weken]),
        ],
        eenheid=_("hours"),
        beschrijving=_("Indicated hours compared with delivered hours, per calendar week."),
        labelkop=_("Week"),
    )


def _laatste_realisaties(evaluaties: list[Evaluatie]) -> dict[int, tuple[int, date]]:
    """Per goal: the realisation at the latest held evaluation that scored it."""
    laatste: dict[int, tuple[int, date]] = {}
    for evaluatie in sorted((e for e in evaluaties if e.gehouden_op), key=lambda e: (e.gehouden_op, e.pk)):
        for score in evaluatie.doelen.all():
            laatste[score.doel_id] = (score.realisatie, evaluatie.gehouden_op)
    return laatste


def _plannen(traject: Traject, evaluaties: list[Evaluatie], pseudoniem: bool) -> dict:
    plannen = list(traject.plannen.all())
    if not plannen:
        return {"actueel": None, "versies": []}
    actueel = plannen[0]
    realisaties = _laatste_realisaties(evaluaties)
    doelen = []
    for doel in actueel.doelen.all():
        realisatie, realisatie_op = realisaties.get(doel.pk, (None, None))
        doelen.append(
            {
                "thema": doel.get_thema_display(),
                "betreft": doel.get_betreft_display(),
                "omschrijving": "" if pseudoniem else doel.omschrijving,
                "startscore": doel.startscore,
                "doelscore": doel.doelscore,
                "realisatie": realisatie,
                "realisatie_op": realisatie_op,
                "laatste_score": doel.laatste_score,
                "laatste_score_op": timezone.localdate(doel.laatste_score_op)
                if doel.laatste_score_op
                else None,
                "bereikt": realisatie is not None and realisatie >= doel.doelscore,
                "status": doel.get_status_display(),
            }
        )
    return {
        "actueel": {
            "versie": actueel.versie,
            "overeengekomen_op": actueel.overeengekomen_op,
            "woorden_ouders": "" if pseudoniem else actueel.woorden_ouders,
            "doelen": doelen,
            "doelen_bereikt": sum(1 for d in doelen if d["bereikt"]),
        },
        "versies": [
            {
                "versie": p.versie,
                "overeengekomen_op": p.overeengekomen_op,
                "aantal_doelen": len(p.doelen.all()),
            }
            for p in reversed(plannen)
        ],
    }


def _evaluaties(evaluaties: list[Evaluatie], pseudoniem: bool) -> list[dict]:
    return [
        {
            "gepland_op": e.gepland_op,
            "gehouden_op": e.gehouden_op,
            "eindevaluatie": e.eindevaluatie,
            "conclusie": e.get_conclusie_display() if e.conclusie else "",
            "deelnemers": "" if pseudoniem else e.deelnemers,
            "toelichting": "" if pseudoniem else e.toelichting,
            "volgende_op": e.volgende_op,
            "doelen": [
                {
                    "thema": s.doel.get_thema_display(),
                    "omschrijving": "" if pseudoniem else s.doel.omschrijving,
                    "doelscore": s.doel.doelscore,
                    "realisatie": s.realisatie,
                    "opmerking": "" if pseudoniem else s.opmerking,
                }
                for s in e.doelen.all()
            ],
        }
        for e in evaluaties
    ]


def _netwerk(traject: Traject, pseudoniem: bool) -> dict:
    leden = list(traject.netwerkleden.all())
    plan = _gerelateerd(traject, "netwerkplan")
    samenvatting = {
        "aantal": len(leden),
        "afgesproken": sum(1 for lid in leden if lid.afgesproken),
        "afgesproken_op": plan.afgesproken_op if plan else None,
    }
    if pseudoniem:
        relaties = Counter(lid.relatie for lid in leden)
        themas = Counter(t for lid in leden for t in lid.steun)
        return {
            **samenvatting,
            "per_relatie": [(r.label, relaties[r]) for r in NetwerkRelatie if relaties[r]],
            "per_thema": [(t.label, themas[t]) for t in Thema if themas[t]],
        }
    leden.sort(key=lambda lid: (not lid.afgesproken, lid.relatie, lid.naam))
    return {
        **samenvatting,
        "woorden_ouders": plan.woorden_ouders if plan else "",
        "leden": [
            {
                "naam": lid.naam,
                "relatie": lid.get_relatie_display(),
                "steun": _labels(lid.steun, Thema),
                "toelichting": lid.toelichting,
                "wanneer": _labels(lid.wanneer, Dagdeel),
                "bereikbaar": lid.bereikbaar_weergave,
                "afgesproken": lid.afgesproken,
            }
            for lid in leden
        ],
    }


def _partners(traject: Traject, pseudoniem: bool) -> list[dict]:
    rijen = []
    for b in traject.betrokkenheden.all():
        persoon = b.contactpersoon
        rijen.append(
            {
                "organisatie": b.ketenpartner.organisatie.naam,
                "soort": b.ketenpartner.get_soort_display(),
                "rol": b.get_rol_display(),
                "van": b.van,
                "tot": b.tot,
                "contactpersoon": "" if pseudoniem or persoon is None else persoon.naam,
                "functie": "" if pseudoniem or persoon is None else persoon.functie,
                "verantwoordelijkheden": "" if pseudoniem else b.verantwoordelijkheden,
            }
        )
    return rijen


def _signalen(traject: Traject, pseudoniem: bool) -> dict:
    signalen = list(traject.signalen.all())
    per_categorie = Counter(s.categorie for s in signalen)
    if pseudoniem:
        return {
            "aantal": len(signalen),
            "per_categorie": [
                {"categorie": c.label, "aantal": per_categorie[c]}
                for c in SignaalCategorie
                if per_categorie[c]
            ],
        }
    per_paar = Counter((s.categorie, s.ernst) for s in signalen)
    return {
        "aantal": len(signalen),
        "ernsten": [e.label for e in Ernst],
        "per_categorie": [
            {
                "categorie": c.label,
                "aantal": per_categorie[c],
                "per_ernst": [per_paar[(c, e)] for e in Ernst],
            }
            for c in SignaalCategorie
            if per_categorie[c]
        ],
        "details": [
            {
                "gemeld_op": s.gemeld_op,
                "categorie": s.get_categorie_display(),
                "ernst": s.get_ernst_display(),
                "ernstig": s.is_ernstig,
                "status": s.get_status_display(),
                "afgerond_op": s.afgerond_op,
                "beschrijving": s.beschrijving,
                "acties": s.acties,
                "meldcode": [
                    {
                        "stap": m.get_stap_display(),
                        "datum": m.datum,
                        "notitie": m.notitie,
                        "hulp_organiseren": m.hulp_organiseren,
                        "melden_veilig_thuis": m.melden_veilig_thuis,
                    }
                    for m in s.meldcode.all()
                ],
            }
            for s in signalen
        ],
    }


def _afsluiting(traject: Traject, pseudoniem: bool) -> dict | None:
    afsluiting = _gerelateerd(traject, "afsluiting")
    if afsluiting is None:
        return None
    return {
        "uitkomst": afsluiting.get_uitkomst_display(),
        "afgesloten": afsluiting.afgesloten_op is not None,
        "afgesloten_op": afsluiting.afgesloten_op,
        "voorgesteld_op": afsluiting.voorgesteld_op,
        "tevredenheid_client": afsluiting.tevredenheid_client,
        "tevredenheid_partner": afsluiting.tevredenheid_partner,
        "overgedragen_aan": "" if pseudoniem else afsluiting.overgedragen_aan,
        "toelichting": "" if pseudoniem else afsluiting.toelichting,
    }


# --- the documents ----------------------------------------------------------------------------------


def trajectrapport_context(traject: Traject, *, pseudoniem: bool) -> dict:
    """Context of rapportage/pdf/trajectrapport.html. A fixed number of queries: one per indication
    version for its cost (kosten_geleverd), the rest independent of visits, goals and evaluations."""
    traject = _traject_laden(traject)
    evaluaties = list(traject.evaluaties.all())
    aanmelding = _gerelateerd(traject, "aanmelding")
    afsluiting = _gerelateerd(traject, "afsluiting")
    indicaties, kosten = _indicaties(traject, pseudoniem)
    return {
        "vertrouwelijk": True,
        "pseudoniem": pseudoniem,
        "gegenereerd_op": timezone.now(),
        "traject": {
            "nummer": traject.nummer,
            "status": traject.get_status_display(),
            "gemeente": traject.gezin.gemeente.naam,
            "aanbieder": traject.aanbieder.naam,
            "aangemeld_op": aanmelding.ontvangen_op if aanmelding else None,
            "verwijzer": aanmelding.get_verwijzer_soort_display() if aanmelding else "",
            "gestart_op": traject.gestart_op,
            "afgesloten_op": timezone.localdate(afsluiting.afgesloten_op)
            if afsluiting and afsluiting.afgesloten_op
            else None,
        },
        "gezin": _gezin(traject, pseudoniem),
        "indicaties": indicaties,
        "kosten": kosten,
        "uren": _uren(traject),
        "plan": _plannen(traject, evaluaties, pseudoniem),
        "evaluaties": _evaluaties(evaluaties, pseudoniem),
        "netwerk": _netwerk(traject, pseudoniem),
        "partners": _partners(traject, pseudoniem),
        "signalen": _signalen(traject, pseudoniem),
        "afsluiting": _afsluiting(traject, pseudoniem),
    }


def netwerkplan_context(traject: Traject) -> dict:
    """Context of rapportage/pdf/netwerkplan.html: the printable plan of trajecten.netwerk, for the family."""
    traject = Traject.objects.select_related("aanbieder").get(pk=traject.pk)
    context = netwerk_module.afdruk_context(traject)
    context.update(traject=traject, vertrouwelijk=True, gegenereerd_op=timezone.now())
    return context


def overdracht_context(overdracht: Overdracht) -> dict:
    """Context of rapportage/pdf/overdracht.html: the handover as written (its text is fixed when
    written), with the family, the receiving partner and when it was shared on which consent."""
    overdracht = Overdracht.objects.select_related(
        "traject__gezin__gemeente",
        "traject__aanbieder",
        "ketenpartner__organisatie",
        "contactpersoon",
        "opgesteld_door",
    ).get(pk=overdracht.pk)
    traject = overdracht.traject
    verstrekkingen = list(
        overdracht.verstrekkingen.select_related("gedeeld_door", "toestemming").order_by("gedeeld_op", "id")
    )
    toestemming = geldige_toestemming(
        traject=traject,
        ketenpartner=overdracht.ketenpartner,
        reikwijdte=Reikwijdte.OVERDRACHT,
        op=timezone.localdate(),
    )
    return {
        "vertrouwelijk": True,
        "gegenereerd_op": timezone.now(),
        "overdracht": overdracht,
        "traject": traject,
        "ouders": list(traject.gezin.ouders.order_by("id")),
        "babys": list(traject.gezin.babys.all()),
        "verstrekkingen": verstrekkingen,
        "toestemming": toestemming,
    }
