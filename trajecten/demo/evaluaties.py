"""The evaluations of a started family: planned as the application does, the passed ones held, and the
GIZ assessed again at the last one."""

from datetime import date, timedelta

from trajecten.evaluaties import evaluaties_plannen
from trajecten.models import EvaluatieDoel, Intake, IntakeFactor

from .gezinnen import DemoGezin
from .wereld import Wereld, keuze

CONCLUSIE_TEKST = {
    "voortzetten": "Doelen komen dichterbij; de ouders willen de steun in dezelfde omvang houden.",
    "opschalen": "Meer zorgen over rust en somberheid; tijdelijk meer uren nodig.",
    "afschalen": "Moeder doet veel zelf; minder uren per week volstaan tot het einde.",
    "verlengen": "Doelen nog niet bereikt; verlenging van de indicatie aangevraagd.",
    "afsluiten": "Doelen besproken met de ouders; de zorg wordt afgerond en het netwerk neemt het over.",
}


def evaluaties_laden(w: Wereld, traject, g: DemoGezin, doelen, score, zorg_tot, wissel, coordinator):
    """Plan as the application does, then record the ones that have passed (the final one on the last day
    of care); the conclusion that asked for the indication change names it."""
    z = g.zorg
    evaluaties_plannen(traject)
    geplande = list(traject.evaluaties.order_by("gepland_op", "id"))
    if zorg_tot:  # care ended before the planned final moment: the regular ones after it never happen
        weg = [e for e in geplande if not e.eindevaluatie and e.gepland_op > zorg_tot]
        traject.evaluaties.filter(pk__in=[e.pk for e in weg]).delete()
        geplande = [e for e in geplande if e not in weg]
    gehouden = [e for e in geplande if e.eindevaluatie and zorg_tot] + [
        e for e in geplande if not e.eindevaluatie and e.gepland_op < w.vandaag
    ]
    gehouden.sort(key=lambda e: e.gepland_op if not e.eindevaluatie else date.max)
    if z.evaluatie_open and gehouden:
        gehouden.pop()
    deelnemers = "moeder, " + ("partner, " if g.partner else "") + "kraamverzorgende, casemanager"
    rijen = []
    for i, evaluatie in enumerate(gehouden):
        volgende = next((e.gepland_op for e in geplande if e.gepland_op > evaluatie.gepland_op), None)
        if evaluatie.eindevaluatie:
            dag = zorg_tot
            conclusie = "doorverwijzen" if z.einde.uitkomst == "overgedragen" else "afsluiten"
            toelichting = (
                z.einde.toelichting
                if conclusie == "afsluiten"
                else f"Warme overdracht aan {z.einde.overgedragen_aan}."
            )
            volgende = None
        elif wissel and wissel - timedelta(days=7) == evaluatie.gepland_op:
            dag = evaluatie.gepland_op  # the change request follows the next day
            conclusie = z.wijziging.soort if z.wijziging.soort != "verlengen" else "voortzetten"
            toelichting = CONCLUSIE_TEKST[z.wijziging.soort]
        else:
            # Held on the planned day or a day or two later, never in the future or after the care ended.
            dag = min(
                evaluatie.gepland_op + timedelta(days=keuze(g.achternaam, i) % 3), zorg_tot or w.vandaag
            )
            dag = min(dag, w.vandaag - timedelta(days=1))
            conclusie, toelichting = "voortzetten", CONCLUSIE_TEKST["voortzetten"]
        evaluatie.gehouden_op, evaluatie.deelnemers, evaluatie.conclusie = dag, deelnemers, conclusie
        evaluatie.toelichting, evaluatie.volgende_op = toelichting, volgende
        evaluatie.vastgelegd_door = coordinator
        evaluatie.save()
        for doel in doelen:
            realisatie = score(doel, dag)
            opmerking = (
                "Doel bereikt." if realisatie >= doel.doelscore else "Gaat vooruit; blijft een aandachtspunt."
            )
            rijen.append(
                EvaluatieDoel(evaluatie=evaluatie, doel=doel, realisatie=realisatie, opmerking=opmerking)
            )
    EvaluatieDoel.objects.bulk_create(rijen)
    if gehouden:  # issue 13: the GIZ assessed again at the last evaluation held
        _giz_opnieuw(traject, gehouden[-1].gehouden_op, coordinator)


LICHTER = {
    "hoog": "midden",
    "midden": "laag",
    "laag": "laag",
    "risico": "zorg",
    "zorg": "kracht",
    "kracht": "kracht",
}


def _giz_opnieuw(traject, dag, coordinator):
    """A re-assessment with the client at an evaluation: the risk picture one step lighter than at intake."""
    eerste = traject.intakes.order_by("datum", "id").first()
    if eerste is None or dag <= eerste.datum:
        return
    intake = Intake.objects.create(
        traject=traject, datum=dag, uitgevoerd_door=coordinator, risiconiveau=LICHTER[eerste.risiconiveau],
        client_visie="Het gaat beter; ik weet nu wie ik kan bellen.", componenten=eerste.componenten,
        conclusie="Opnieuw ingeschat bij de evaluatie: zorgen nemen af.",
    )  # fmt: skip
    IntakeFactor.objects.bulk_create(
        IntakeFactor(intake=intake, factor=f.factor, inschatting=LICHTER[f.inschatting], ernst=f.ernst)
        for f in eerste.factoren.all()
    )
