"""Demo families at every stage of the trajectory (DESIGN.md section 7). Invented people; BSNs are
made to pass the elfproef. Idempotent: nothing happens when demo trajectories already exist."""

from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction
from guardian.shortcuts import assign_perm

from accounts.models import Organisatie, User
from indicaties.models import Contract, Indicatie, IndicatieAanvraag
from indicaties.services import standaardbudget

from .constants import TrajectStatus
from .models import (
    Aanmelding,
    Baby,
    Gezin,
    Intake,
    IntakeFactor,
    Ondersteuningsplan,
    Ouder,
    StatusOvergang,
    Toewijzing,
    Traject,
    Zorgdoel,
)
from .services import bsn_hash

TARIEVEN = {
    "Gemeente Groningen": Decimal("58.50"),
    "Gemeente Leeuwarden": Decimal("61.00"),
    "Gemeente Assen": Decimal("56.75"),
}

# naam, gemeente, aanbieder, status, moeder (voornaam, achternaam, leeftijd), baby (dagen t.o.v. vandaag: <0 geboren),
# kwetsbaarheden, taal
GEZINNEN = [
    (
        "Amira",
        "Haddad",
        19,
        "Gemeente Groningen",
        "Kraamzorg Noord",
        TrajectStatus.AANGEMELD,
        60,
        ["tienerzwangerschap", "geen_netwerk"],
        "ar",
    ),
    (
        "Sanne",
        "Kuipers",
        27,
        "Gemeente Groningen",
        "Kraamzorg Noord",
        TrajectStatus.INTAKE,
        -20,
        ["huilbaby", "psychiatrie"],
        "nl",
    ),
    (
        "Joanna",
        "Nowak",
        31,
        "Gemeente Groningen",
        "Kraamzorg Noord",
        TrajectStatus.INDICATIE_AANGEVRAAGD,
        -35,
        ["schulden", "geen_netwerk"],
        "pl",
    ),
    (
        "Lisa",
        "Dijkstra",
        23,
        "Gemeente Groningen",
        "Kraamzorg Noord",
        TrajectStatus.ACTIEF,
        -60,
        ["lvb", "armoede"],
        "nl",
    ),
    (
        "Fenna",
        "Hoekstra",
        34,
        "Gemeente Leeuwarden",
        "Kraamzorg De Wadden",
        TrajectStatus.ACTIEF,
        -12,
        ["prematuur_ziek", "huilbaby"],
        "fy",
    ),
    (
        "Yasmin",
        "Öztürk",
        21,
        "Gemeente Assen",
        "Kraamzorg Noord",
        TrajectStatus.AANGEMELD,
        30,
        ["huiselijk_geweld"],
        "tr",
    ),
    (
        "Kim",
        "Bos",
        29,
        "Gemeente Leeuwarden",
        "Kraamzorg De Wadden",
        TrajectStatus.AFGEWEZEN,
        -90,
        ["geen_netwerk"],
        "nl",
    ),
]


def demo_bsn(n: int) -> str:
    """The n-th invented BSN: eight digits from n, the ninth chosen so the elfproef holds."""
    basis = 20000000 + n * 7919
    while True:
        for laatste in range(10):
            kandidaat = f"{basis}{laatste}"
            som = sum(int(c) * w for c, w in zip(kandidaat[:8], range(9, 1, -1), strict=True)) - laatste
            if som % 11 == 0:
                return kandidaat
        basis += 1


@transaction.atomic
def laad_demo_trajecten(vandaag: date) -> int:
    gemeenten = {o.naam: o for o in Organisatie.objects.filter(soort="gemeente")}
    aanbieders = {o.naam: o for o in Organisatie.objects.filter(soort="zorgaanbieder")}
    for gemeente in gemeenten.values():
        for aanbieder in aanbieders.values():
            Contract.objects.get_or_create(
                gemeente=gemeente,
                aanbieder=aanbieder,
                defaults={
                    "uurtarief": TARIEVEN.get(gemeente.naam, Decimal("58")),
                    "geldig_van": date(vandaag.year, 1, 1),
                },
            )
    if Traject.objects.exists():
        return 0
    users = {u.username: u for u in User.objects.all()}
    partner = Organisatie.objects.filter(soort="ketenpartner").first()
    for n, (
        voornaam,
        achternaam,
        leeftijd,
        gemeente,
        aanbieder,
        status,
        baby_dagen,
        kwetsbaar,
        taal,
    ) in enumerate(GEZINNEN):
        slug = "noord" if "Noord" in aanbieder else "wadden"
        coordinator = users[f"coordinator.{slug}"]
        casemanager = users[f"casemanager.{gemeenten[gemeente].plaats.lower()}"]
        gezin = Gezin.objects.create(
            gemeente=gemeenten[gemeente], straat="Vismarkt" if n % 2 else "Nieuwe Ebbingestraat", huisnummer=str(10 + n),
            postcode=f"97{10 + n} AB", woonplaats=gemeenten[gemeente].plaats, taal=taal, eerste_kind=n % 3 != 2,
        )  # fmt: skip
        bsn = demo_bsn(n)
        Ouder.objects.create(
            gezin=gezin, voornaam=voornaam, achternaam=achternaam, geboortedatum=vandaag - relativedelta(years=leeftijd, days=40),
            bsn=bsn, bsn_hash=bsn_hash(bsn), opleidingsniveau="vmbo_t" if leeftijd < 25 else "mbo",
        )  # fmt: skip
        dag = vandaag + timedelta(days=baby_dagen)
        Baby.objects.create(
            gezin=gezin,
            geboortedatum=dag if baby_dagen < 0 else None,
            uitgerekende_datum=dag if baby_dagen >= 0 else None,
        )
        traject = Traject.objects.create(gezin=gezin, aanbieder=aanbieders[aanbieder])
        Aanmelding.objects.create(
            traject=traject, verwijzer_soort="verloskundige" if n % 2 else "jgz", verwijzer_organisatie=partner,
            verwijzer_naam="Verloskundigenpraktijk De Wieg" if n % 2 else "GGD Groningen — JGZ",
            hulpvraag="Moeder vraagt hulp bij de verzorging van de baby en bij dagstructuur; weinig steun uit de omgeving.",
            kwetsbaarheden=kwetsbaar, urgentie="hoog" if n == 0 else "normaal", toestemming_client=True,
            ontvangen_op=vandaag - timedelta(days=14 - n), ingediend_door=coordinator,
        )  # fmt: skip
        _doorloop(traject, status, coordinator, casemanager, users, slug, vandaag)
    return len(GEZINNEN)


def _overgang(traject, naar, door, reden=""):
    StatusOvergang.objects.create(traject=traject, van=traject.status, naar=naar, door=door, reden=reden)
    traject.status = naar


def _doorloop(traject, status, coordinator, casemanager, users, slug, vandaag):
    StatusOvergang.objects.create(traject=traject, van="", naar=TrajectStatus.AANGEMELD, door=coordinator)
    if status == TrajectStatus.AANGEMELD:
        return
    if status == TrajectStatus.AFGEWEZEN:
        traject.aanmelding.afwijzingsreden = "Geen kwetsbare situatie; reguliere kraamzorg volstaat."
        traject.aanmelding.advies = "Reguliere kraamzorg en het consultatiebureau (JGZ)."
        traject.aanmelding.save()
        _overgang(traject, TrajectStatus.AFGEWEZEN, coordinator, traject.aanmelding.afwijzingsreden)
        traject.save()
        return
    _overgang(traject, TrajectStatus.INTAKE, coordinator, "geaccepteerd voor intake")
    intake = Intake.objects.create(
        traject=traject, datum=vandaag - timedelta(days=7), uitgevoerd_door=coordinator,
        client_visie="Ik wil graag leren hoe ik rust krijg in de dag, en wie ik kan bellen als het niet gaat.",
        risiconiveau="midden", conclusie="Praktische steun en netwerkversterking nodig.", componenten=["aanvullen", "eigen_kracht"],
    )  # fmt: skip
    IntakeFactor.objects.bulk_create(
        [
            IntakeFactor(intake=intake, factor="netwerk", inschatting="risico", ernst=3),
            IntakeFactor(intake=intake, factor="hechting", inschatting="kracht", ernst=1),
            IntakeFactor(intake=intake, factor="huilen_slaap", inschatting="zorg", ernst=2),
        ]
    )
    if status == TrajectStatus.INTAKE:
        traject.save()
        return
    aanvraag = IndicatieAanvraag.objects.create(
        traject=traject, gewenste_start=vandaag, gewenste_eind=vandaag + relativedelta(months=4), uren_per_week=Decimal(12),
        toelichting="Twaalf uur per week overdag, vooral ochtenden.", aangevraagd_door=coordinator,
    )  # fmt: skip
    _overgang(traject, TrajectStatus.INDICATIE_AANGEVRAAGD, coordinator, "indicatie aangevraagd")
    if status == TrajectStatus.INDICATIE_AANGEVRAAGD:
        traject.save()
        return
    aanvraag.status, aanvraag.beslist_door = "toegekend", casemanager
    aanvraag.save()
    tarief = Contract.objects.get(gemeente=traject.gezin.gemeente, aanbieder=traject.aanbieder).uurtarief
    start = vandaag - timedelta(days=21)
    eind = min(start + relativedelta(months=4), traject.gezin.babys.first().eerste_verjaardag)
    Indicatie.objects.create(
        traject=traject, aanvraag=aanvraag, beschikkingsnummer=f"WMO-{vandaag.year}-{traject.pk:05d}", product="regulier",
        van=start, tot=eind, oorspronkelijk_tot=eind, uren_per_week=Decimal(12), uurtarief=tarief,
        budget=standaardbudget(Decimal(12), start, eind, tarief), afgegeven_door=casemanager,
    )  # fmt: skip
    traject.regie_casemanager = casemanager
    medewerkers = ["sanne", "agnieszka"] if slug == "noord" else ["hilde", "janna"]
    for i, naam in enumerate(medewerkers):
        Toewijzing.objects.create(
            traject=traject,
            medewerker=users[naam],
            van=start,
            eerste_aanspreekpunt=i == 0,
            toegewezen_door=coordinator,
        )
        assign_perm("trajecten.view_traject", users[naam], traject)
    traject.gestart_op = start
    _overgang(traject, TrajectStatus.ACTIEF, coordinator, "traject gestart")
    traject.save()
    plan = Ondersteuningsplan.objects.create(
        traject=traject, versie=1, overeengekomen_op=start + timedelta(days=3), vastgelegd_door=users[medewerkers[0]],
        woorden_ouders="We willen meer rust in huis en weten wat de baby nodig heeft.",
    )  # fmt: skip
    Zorgdoel.objects.bulk_create(
        [
            Zorgdoel(plan=plan, thema="huilgedrag", omschrijving="Moeder herkent de huilsignalen van de baby en weet wat helpt.",
                     betreft="moeder", startscore=3, doelscore=7, status="bezig"),
            Zorgdoel(plan=plan, thema="dagstructuur", omschrijving="Vaste tijden voor voeden, slapen en zelf eten.",
                     betreft="ouders", startscore=2, doelscore=6, status="bezig"),
        ]
    )  # fmt: skip
