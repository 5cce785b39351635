"""The first stages: the family and its referral, acceptance, the intake (GIZ) and the indication
request; a family that has started goes on to ``zorg``."""

from datetime import timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from guardian.shortcuts import assign_perm

from indicaties.models import Contract, Indicatie, IndicatieAanvraag
from indicaties.services import standaardbudget
from trajecten.constants import TrajectStatus
from trajecten.models import (
    Aanmelding,
    Baby,
    Gezin,
    Intake,
    IntakeFactor,
    Ouder,
    StatusOvergang,
    Toewijzing,
    Traject,
)
from trajecten.services import bsn_hash

from .gezinnen import DemoGezin
from .wereld import Wereld, demo_bsn, moment
from .zorg import zorg_laden

STRATEN = {
    "Gemeente Groningen": [("Nieuwe Ebbingestraat", "9712"), ("Korreweg", "9714"), ("Oosterweg", "9724")],
    "Gemeente Leeuwarden": [("Vrouwenpoortsweg", "8913"), ("Tuinen", "8911"), ("Valeriusstraat", "8932")],
    "Gemeente Assen": [("Pelikaanstraat", "9404"), ("Vaart Noordzijde", "9401"), ("Kerkstraat", "9401")],
}


# The referrer of the first seven families (who have none of their own in DEMO_GEZINNEN): a midwife or the
# JGZ of the family's own municipality, linked to the social map where the partner is on it, so that the
# chain overview credits each referral to the right partner. (kind, name, organisation on the map)
EERSTE_VERWIJZERS = {
    "Gemeente Groningen": [
        ("jgz", "GGD Groningen — JGZ", "GGD Groningen — Jeugdgezondheidszorg"),
        ("verloskundige", "Verloskundigenpraktijk De Wieg", "Verloskundigenpraktijk De Wieg"),
    ],
    "Gemeente Leeuwarden": [
        ("jgz", "GGD Fryslân — JGZ Leeuwarden", None),
        ("verloskundige", "Verloskundigenpraktijk Leeuwarden-Oost", None),
    ],
    "Gemeente Assen": [
        ("jgz", "GGD Drenthe — JGZ Assen", None),
        ("verloskundige", "Verloskundigenpraktijk Assen-Zuid", None),
    ],
}


# What the intake (GIZ) finds for each vulnerability: factor, assessment, weight.
GIZ_VOOR = {
    "geen_netwerk": ("netwerk", "risico", 3),
    "armoede": ("financien", "zorg", 2),
    "schulden": ("financien", "risico", 2),
    "huilbaby": ("huilen_slaap", "zorg", 2),
    "psychiatrie": ("gezondheid_ouder", "risico", 3),
    "verslaving": ("gezondheid_ouder", "risico", 3),
    "lvb": ("structuur", "zorg", 2),
    "huiselijk_geweld": ("veiligheid", "risico", 3),
    "prematuur_ziek": ("gezondheid_kind", "zorg", 2),
    "tienerzwangerschap": ("werk_opleiding", "zorg", 1),
    "dakloos": ("huisvesting", "risico", 3),
    "lichamelijke_klachten_moeder": ("gezondheid_ouder", "zorg", 2),
    "afwijking_baby": ("gezondheid_kind", "zorg", 2),
}


def gezin_laden(w: Wereld, n: int, g: DemoGezin):
    vandaag = w.vandaag
    gemeente = w.gemeenten[g.gemeente]
    slug = "noord" if "Noord" in g.aanbieder else "wadden"
    coordinator = w.users[f"coordinator.{slug}"]
    casemanager = w.users[f"casemanager.{gemeente.plaats.lower()}"]
    ontvangen = (
        vandaag + timedelta(days=g.zorg.start - g.zorg.wacht)
        if g.zorg
        else vandaag - timedelta(days=g.aangemeld)
    )
    straat, postcode = STRATEN[g.gemeente][n % 3]
    gezin = Gezin.objects.create(
        gemeente=gemeente, straat=straat, huisnummer=str(10 + 3 * n), postcode=f"{postcode} {'ABCDEFGHKL'[n % 10]}B",
        woonplaats=gemeente.plaats, taal=g.taal, eerste_kind=n % 3 != 2,
    )  # fmt: skip
    _ouder(gezin, "moeder", g.voornaam, g.achternaam, g.leeftijd, g.bsn, vandaag, lvb="lvb" in g.kwetsbaar)
    if g.partner:
        rol, voornaam, achternaam, bsn = g.partner
        _ouder(gezin, rol, voornaam, achternaam, g.leeftijd + 2, bsn, vandaag)
    dag = vandaag + timedelta(days=g.baby_dagen)
    baby = Baby.objects.create(
        gezin=gezin,
        geboortedatum=dag if g.baby_dagen < 0 else None,
        uitgerekende_datum=dag if g.baby_dagen >= 0 else None,
        prematuur="prematuur_ziek" in g.kwetsbaar,
    )
    traject = Traject.objects.create(gezin=gezin, aanbieder=w.aanbieders[g.aanbieder])
    if g.verwijzer:
        soort, naam, organisatie = g.verwijzer
        organisatie = w.partners.get(organisatie) if organisatie else None
    else:  # the first seven: a midwife or the JGZ of their own municipality, on its social map if there
        soort, naam, organisatie = EERSTE_VERWIJZERS[g.gemeente][n % 2]
        organisatie = w.partners.get(organisatie) if organisatie else None
    Aanmelding.objects.create(
        traject=traject, verwijzer_soort=soort, verwijzer_organisatie=organisatie, verwijzer_naam=naam,
        hulpvraag="Moeder vraagt hulp bij de verzorging van de baby en bij dagstructuur; weinig steun uit de omgeving.",
        kwetsbaarheden=list(g.kwetsbaar), urgentie=g.urgentie, toestemming_client=True, ontvangen_op=ontvangen,
        ingediend_door=coordinator,
    )  # fmt: skip
    aangemaakt = moment(ontvangen, 10, 15)
    w.tijdstip(gezin, aangemaakt_op=aangemaakt)
    w.tijdstip(traject, aangemaakt_op=aangemaakt)
    overgangen = [("", TrajectStatus.AANGEMELD, coordinator, "", aangemaakt)]
    _doorloop(w, traject, g, baby, ontvangen, overgangen, coordinator, casemanager)
    for van, naar, door, reden, op in overgangen:
        overgang = StatusOvergang.objects.create(traject=traject, van=van, naar=naar, door=door, reden=reden)
        w.tijdstip(overgang, op=op)
    traject.status = overgangen[-1][1]
    traject.save()


def _ouder(gezin, rol, voornaam, achternaam, leeftijd, n, vandaag, lvb=False):
    bsn = demo_bsn(n)
    Ouder.objects.create(
        gezin=gezin, rol=rol, voornaam=voornaam, achternaam=achternaam,
        geboortedatum=vandaag - relativedelta(years=leeftijd, days=40 + n), bsn=bsn, bsn_hash=bsn_hash(bsn),
        opleidingsniveau="vmbo_b" if lvb else "vmbo_t" if leeftijd < 25 else "mbo",
    )  # fmt: skip


def _doorloop(w: Wereld, traject, g: DemoGezin, baby, ontvangen, overgangen, coordinator, casemanager):
    """From the referral to the family's state, each step dated after the one before."""
    status = g.status
    if status == TrajectStatus.AANGEMELD:
        return
    if status == TrajectStatus.AFGEWEZEN:
        traject.aanmelding.afwijzingsreden = "Geen kwetsbare situatie; reguliere kraamzorg volstaat."
        traject.aanmelding.advies = "Reguliere kraamzorg en het consultatiebureau (JGZ)."
        traject.aanmelding.save()
        reden = traject.aanmelding.afwijzingsreden
        overgangen.append((TrajectStatus.AANGEMELD, status, coordinator, reden, moment(ontvangen, 15, 30)))
        return
    zorg = g.zorg
    if zorg:
        intake_dag = ontvangen + timedelta(days=max(2, zorg.wacht // 3))
        aanvraag_dag = intake_dag + timedelta(days=2)
    else:
        intake_dag = ontvangen + timedelta(days=5)
        aanvraag_dag = ontvangen + timedelta(days=14)
    overgangen.append(
        (TrajectStatus.AANGEMELD, TrajectStatus.INTAKE, coordinator, "geaccepteerd voor intake",
         moment(ontvangen + timedelta(days=1), 9, 40))
    )  # fmt: skip
    _intake(traject, g, intake_dag, coordinator)
    if status == TrajectStatus.INTAKE:
        return
    overgangen.append(
        (TrajectStatus.INTAKE, TrajectStatus.INDICATIE_AANGEVRAAGD, coordinator, "indicatie aangevraagd",
         moment(aanvraag_dag, 11))
    )  # fmt: skip
    if g.indicatie_over is not None:
        _later_toegekend(w, traject, g, aanvraag_dag, coordinator, casemanager)
        return
    if zorg is None:  # still waiting for the casemanager's decision
        aanvraag = IndicatieAanvraag.objects.create(
            traject=traject, gewenste_start=w.vandaag, gewenste_eind=w.vandaag + relativedelta(months=4),
            uren_per_week=Decimal(12), toelichting="Twaalf uur per week overdag, vooral ochtenden.",
            aangevraagd_door=coordinator,
        )  # fmt: skip
        w.tijdstip(aanvraag, aangevraagd_op=moment(aanvraag_dag, 11))
        return
    zorg_laden(w, traject, g, baby, aanvraag_dag, overgangen, coordinator, casemanager)


def _later_toegekend(w: Wereld, traject, g: DemoGezin, aanvraag_dag, coordinator, casemanager):
    """Granted from a later day, with regie and a first contact: the coordinator's worklist shows it under
    "Indicatie gaat later in" with the day it can start, not as ready to start."""
    van = w.vandaag + timedelta(days=g.indicatie_over)
    tot = van + timedelta(weeks=16, days=-1)
    uren = Decimal(10)
    tarief = Contract.objects.get(gemeente=traject.gezin.gemeente, aanbieder=traject.aanbieder).uurtarief
    aanvraag = IndicatieAanvraag.objects.create(
        traject=traject, gewenste_start=van, gewenste_eind=tot, uren_per_week=uren, status="toegekend",
        beslist_door=casemanager, beslist_op=moment(w.vandaag - timedelta(days=1), 10), aangevraagd_door=coordinator,
        toelichting="Tien uur per week, vanaf de dag dat de baby thuiskomt uit het ziekenhuis.",
    )  # fmt: skip
    w.tijdstip(aanvraag, aangevraagd_op=moment(aanvraag_dag, 11))
    indicatie = Indicatie.objects.create(
        traject=traject, aanvraag=aanvraag, beschikkingsnummer=f"WMO-{van.year}-{traject.pk:05d}", product="regulier",
        van=van, tot=tot, oorspronkelijk_tot=tot, uren_per_week=uren, uurtarief=tarief,
        budget=standaardbudget(uren, van, tot, tarief), afgegeven_door=casemanager,
    )  # fmt: skip
    w.tijdstip(indicatie, afgegeven_op=aanvraag.beslist_op)
    traject.regie_casemanager = casemanager
    traject.save()
    fatima = w.users["fatima"]  # speaks Arabic, as the family does
    Toewijzing.objects.create(  # from today: she prepares the start with the family
        traject=traject,
        medewerker=fatima,
        van=w.vandaag,
        eerste_aanspreekpunt=True,
        toegewezen_door=coordinator,
    )
    assign_perm("trajecten.view_traject", fatima, traject)


def _intake(traject, g: DemoGezin, dag, coordinator):
    factoren = {"hechting": ("kracht", 1)}
    for kwetsbaarheid in g.kwetsbaar:
        factor, inschatting, ernst = GIZ_VOOR[kwetsbaarheid]
        factoren.setdefault(factor, (inschatting, ernst))
    ernstig = {"psychiatrie", "huiselijk_geweld", "verslaving", "dakloos"} & set(g.kwetsbaar)
    componenten = ["aanvullen", "eigen_kracht"]
    if "geen_netwerk" in g.kwetsbaar:
        componenten.append("verbinding")
    if "huiselijk_geweld" in g.kwetsbaar:
        componenten.append("overbrugging")
    intake = Intake.objects.create(
        traject=traject, datum=dag, uitgevoerd_door=coordinator,
        client_visie="Ik wil graag leren hoe ik rust krijg in de dag, en wie ik kan bellen als het niet gaat.",
        risiconiveau="hoog" if ernstig else "midden", conclusie="Praktische steun en netwerkversterking nodig.",
        componenten=componenten,
    )  # fmt: skip
    IntakeFactor.objects.bulk_create(
        IntakeFactor(intake=intake, factor=factor, inschatting=inschatting, ernst=ernst)
        for factor, (inschatting, ernst) in factoren.items()
    )
