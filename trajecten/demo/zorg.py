"""The care of a started family: the indication (and its change), regie, team, support plan and network
plan; then its evaluations, visits, signals and closure, each from its own module."""

from datetime import date, timedelta
from decimal import Decimal

from guardian.shortcuts import assign_perm

from indicaties.models import Contract, Indicatie, IndicatieAanvraag
from indicaties.services import standaardbudget
from trajecten.constants import TrajectStatus
from trajecten.models import NetwerkLid, Netwerkplan, Ondersteuningsplan, Toewijzing, Zorgdoel

from .afsluiting import afsluiting_laden
from .bezoeken import bezoeken_laden
from .evaluaties import CONCLUSIE_TEKST, evaluaties_laden
from .gezinnen import DemoGezin, Doel, Zorg
from .signalen import signalen_laden
from .wereld import Wereld, moment


def zorg_laden(w: Wereld, traject, g: DemoGezin, baby, aanvraag_dag, overgangen, coordinator, casemanager):
    """Indication (and its change), regie, team, plan, evaluations, visits, network, closure."""
    z = g.zorg
    vandaag = w.vandaag
    start = vandaag + timedelta(days=z.start)
    verjaardag = baby.eerste_verjaardag
    tot = min(start + timedelta(weeks=z.weken, days=-1), verjaardag)
    tarief = Contract.objects.get(gemeente=traject.gezin.gemeente, aanbieder=traject.aanbieder).uurtarief
    aanvraag = IndicatieAanvraag.objects.create(
        traject=traject, gewenste_start=start, gewenste_eind=tot, uren_per_week=Decimal(z.uren),
        nachten_nodig=z.nachten, status="toegekend", beslist_door=casemanager,
        beslist_op=moment(start - timedelta(days=2), 8, 30), aangevraagd_door=coordinator,
        toelichting=f"{z.uren} uur per week" + (", ook nachten." if z.nachten else " overdag en in de avond."),
    )  # fmt: skip
    w.tijdstip(aanvraag, aangevraagd_op=moment(aanvraag_dag, 11))
    eerste = Indicatie.objects.create(
        traject=traject, aanvraag=aanvraag, beschikkingsnummer=f"WMO-{start.year}-{traject.pk:05d}",
        product="regulier", van=start, tot=tot, oorspronkelijk_tot=tot, uren_per_week=Decimal(z.uren),
        nachten=z.nachten, uurtarief=tarief, budget=standaardbudget(Decimal(z.uren), start, tot, tarief),
        afgegeven_door=casemanager,
    )  # fmt: skip
    w.tijdstip(eerste, afgegeven_op=aanvraag.beslist_op)
    indicaties = [eerste]
    aanbieder = traject.aanbieder
    evaluatiedagen = [start + timedelta(weeks=aanbieder.eerste_evaluatie_na_weken)]
    while len(evaluatiedagen) < 6:
        evaluatiedagen.append(evaluatiedagen[-1] + timedelta(weeks=aanbieder.evaluatie_interval_weken))
    wissel = None
    if z.wijziging:
        wissel = evaluatiedagen[z.wijziging.na_evaluatie] + timedelta(days=7)
        indicaties.append(_wijziging(w, traject, eerste, z, wissel, verjaardag, coordinator, casemanager))
    laatste = indicaties[-1]
    zorg_tot = None  # the last day of care of a trajectory that closes
    if z.gestopt_na_weken:
        zorg_tot = start + timedelta(weeks=z.gestopt_na_weken, days=-1)
    elif z.einde:
        zorg_tot = laatste.tot
    if zorg_tot and zorg_tot < laatste.tot and z.einde and z.einde.afgesloten:
        laatste.tot = laatste.beeindigd_op = zorg_tot
        laatste.beeindigingsreden = z.einde.toelichting if z.gestopt_na_weken else "traject afgesloten"
        laatste.save(update_fields=["tot", "beeindigd_op", "beeindigingsreden"])

    if g.achternaam == "Huizinga":  # regie by a named SKJ-registered professional of a chain partner
        traject.regie_naam, traject.regie_skj = "Petra Smeenk, jeugdverpleegkundige", "110057312"
        traject.regie_organisatie = w.partners.get("GGD Groningen — Jeugdgezondheidszorg")
    else:
        traject.regie_casemanager = casemanager
    if z.medewerkers[0] == "fatima" and g.verwijzer and g.verwijzer[0] == "kraamzorg":
        traject.kraamweek_medewerker = w.users["fatima"]  # continuity: she did the maternity week
    traject.gestart_op = start
    traject.save()
    medewerkers = [w.users[naam] for naam in z.medewerkers]
    for i, medewerker in enumerate(medewerkers):
        Toewijzing.objects.create(
            traject=traject, medewerker=medewerker, van=start, tot=zorg_tot if z.einde and z.einde.afgesloten else None,
            eerste_aanspreekpunt=i == 0, toegewezen_door=coordinator,
        )  # fmt: skip
        if not (z.einde and z.einde.afgesloten):
            assign_perm("trajecten.view_traject", medewerker, traject)
    overgangen.append(
        (TrajectStatus.INDICATIE_AANGEVRAAGD, TrajectStatus.ACTIEF, coordinator, "traject gestart",
         moment(start, 9, 5))
    )  # fmt: skip
    plan = Ondersteuningsplan.objects.create(
        traject=traject, versie=1, overeengekomen_op=start + timedelta(days=3), vastgelegd_door=medewerkers[0],
        woorden_ouders=z.woorden,
    )  # fmt: skip
    w.tijdstip(plan, aangemaakt_op=moment(start + timedelta(days=3), 14))
    doelen = Zorgdoel.objects.bulk_create(
        Zorgdoel(plan=plan, thema=d.thema, omschrijving=d.omschrijving, betreft=d.betreft, startscore=d.startscore,
                 doelscore=d.doelscore, status=d.status)
        for d in z.doelen
    )  # fmt: skip
    eind_zorg = zorg_tot or vandaag
    score = _scorer(z.doelen, doelen, start, eind_zorg)
    evaluaties_laden(w, traject, g, doelen, score, zorg_tot, wissel, coordinator)
    bezoeken_laden(w, traject, g, doelen, score, indicaties, medewerkers, start, zorg_tot)
    if z.netwerk:
        _netwerk(w, traject, z, start)
    signalen_laden(w, traject, g, start, medewerkers, coordinator)
    if z.einde:
        afsluiting_laden(w, traject, z.einde, zorg_tot, overgangen, coordinator, casemanager)


def _wijziging(w, traject, vorige, z: Zorg, van, verjaardag, coordinator, casemanager):
    """A change after an evaluation: a granted request, then a new version; the old one ends the day before."""
    wijziging = z.wijziging
    # As indicatie_wijzigen demands: the change takes effect within the running version.
    if not vorige.van < van <= vorige.tot:
        raise ValueError(f"{traject}: a change on {van} lies outside {vorige}")
    tot = min(vorige.oorspronkelijk_tot + timedelta(weeks=wijziging.extra_weken), verjaardag)
    aanvraag = IndicatieAanvraag.objects.create(
        traject=traject, gewenste_start=van, gewenste_eind=tot, uren_per_week=Decimal(wijziging.uren),
        nachten_nodig=z.nachten, status="toegekend", beslist_door=casemanager,
        beslist_op=moment(van - timedelta(days=2), 13), aangevraagd_door=coordinator,
        toelichting=f"{CONCLUSIE_TEKST[wijziging.soort]} Gevraagd: {wijziging.uren} uur per week.",
    )  # fmt: skip
    w.tijdstip(aanvraag, aangevraagd_op=moment(van - timedelta(days=6), 10))
    vorige.tot = van - timedelta(days=1)
    vorige.save(update_fields=["tot"])
    nieuw = Indicatie.objects.create(
        traject=traject, aanvraag=aanvraag, vorige=vorige, wijziging=wijziging.soort,
        beschikkingsnummer=vorige.beschikkingsnummer, product=vorige.product, van=van, tot=tot, oorspronkelijk_tot=tot,
        uren_per_week=Decimal(wijziging.uren), nachten=vorige.nachten, uurtarief=vorige.uurtarief,
        budget=standaardbudget(Decimal(wijziging.uren), van, tot, vorige.uurtarief), afgegeven_door=casemanager,
    )  # fmt: skip
    w.tijdstip(nieuw, afgegeven_op=aanvraag.beslist_op)
    return nieuw


def _scorer(data: tuple[Doel, ...], doelen: list[Zorgdoel], start: date, einde: date):
    """Each goal's score on a day: from the start score to the score reached, along the way."""
    lengte = max((einde - start).days, 1)
    per_doel = {doel.pk: d for d, doel in zip(data, doelen, strict=True)}

    def score(doel: Zorgdoel, dag: date, ruis: int = 0) -> int:
        d = per_doel[doel.pk]
        deel = min(max((dag - start).days / lengte, 0), 1)
        return min(max(round(d.startscore + (d.nu - d.startscore) * deel) + ruis, 1), 10)

    return score


def _netwerk(w: Wereld, traject, z: Zorg, start):
    Netwerkplan.objects.create(
        traject=traject,
        afgesproken_op=start + timedelta(days=z.netwerk_dagen),
        woorden_ouders="Als het te veel wordt, bel ik eerst iemand uit dit lijstje.",
    )
    NetwerkLid.objects.bulk_create(
        NetwerkLid(traject=traject, naam=naam, relatie=relatie, steun=list(steun), wanneer=list(wanneer),
                   toelichting=toelichting, bereikbaar=bereikbaar, afgesproken=True)
        for naam, relatie, steun, wanneer, toelichting, bereikbaar in z.netwerk
    )  # fmt: skip
