"""Demo families at every stage of the trajectory (DESIGN.md section 7). Invented people; BSNs are
made to pass the elfproef.

Everything is dated around ``vandaag`` so the dashboards and reports show real figures: a referral comes
one to three weeks before the start, visits lie in the past and never overlap one medewerker's other
visits, held evaluations score the goals, and eight families closed their trajectory at different
moments of the last twelve months. Variation comes from a checksum, not from chance, so every load gives
the same world. Idempotent: nothing happens when demo trajectories already exist."""

import zlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import F
from guardian.shortcuts import assign_perm

from accounts.models import Organisatie, User
from indicaties.models import Contract, Indicatie, IndicatieAanvraag
from indicaties.services import standaardbudget

from .constants import TrajectStatus
from .evaluaties import evaluaties_plannen
from .models import (
    Aanmelding,
    Afsluiting,
    Baby,
    EvaluatieDoel,
    Gezin,
    Huisbezoek,
    HuisbezoekVoortgang,
    Intake,
    IntakeFactor,
    MeldcodeRegistratie,
    NetwerkLid,
    Netwerkplan,
    Ondersteuningsplan,
    Ouder,
    Signaal,
    StatusOvergang,
    Toewijzing,
    Traject,
    Zorgdoel,
)
from .services import bsn_hash
from .zorg import AMSTERDAM, bezoektijden, dienst_van

TARIEVEN = {
    "Gemeente Groningen": Decimal("58.50"),
    "Gemeente Leeuwarden": Decimal("61.00"),
    "Gemeente Assen": Decimal("56.75"),
}
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
# The Dutch labels, as the closing service records them in the status history (a data text, not UI).
UITKOMST_NL = {
    "zelfredzaam": "Ouders zelfredzaam",
    "overgedragen": "Overgedragen",
    "uithuisplaatsing_voorkomen": "Uithuisplaatsing voorkomen",
    "verhuisd": "Verhuisd",
    "voortijdig_gestopt": "Voortijdig gestopt",
}


@dataclass(frozen=True)
class Slot:
    """A weekly visit: weekday (0 = Monday), local times, which medewerker (index), and which indication
    version it belongs to (0: all, 1: only the first, 2: from the change on)."""

    dag: int
    begin: str
    einde: str
    wie: int = 0
    versie: int = 0


@dataclass(frozen=True)
class Doel:
    thema: str
    omschrijving: str
    betreft: str
    startscore: int
    doelscore: int
    nu: int  # the score reached at the end of the care (or today, while it runs)
    status: str = "bezig"


@dataclass(frozen=True)
class Wijziging:
    soort: str  # opschalen, afschalen or verlengen
    na_evaluatie: int  # the evaluation (0 = the first) that asked for it; it takes effect a week later
    uren: int
    extra_weken: int = 0


@dataclass(frozen=True)
class Einde:
    uitkomst: str
    toelichting: str
    client: int | None = None
    partner: int | None = None
    overgedragen_aan: str = ""
    afgesloten: bool = True  # False: proposed by the coordinator, waiting for the casemanager


@dataclass(frozen=True)
class Zorg:
    """The course of a started trajectory, in days relative to today."""

    start: int
    wacht: int  # days from the referral to the start
    weken: int  # the indication's length in weeks (first version)
    uren: int
    medewerkers: tuple[str, ...]  # the first is the first contact
    rooster: tuple[Slot, ...]
    doelen: tuple[Doel, ...]
    woorden: str
    nachten: bool = False
    wijziging: Wijziging | None = None
    gestopt_na_weken: int | None = None  # the indication was ended early
    einde: Einde | None = None
    extra_week: int = 2  # the week (from the start) with an extra visit above the volume
    pauze: tuple[int, int] | None = None  # days after the start without home visits (baby in hospital)
    evaluatie_open: bool = False  # the last passed evaluation was not held yet (overdue)
    alleen_vorige_weken: bool = False  # no visits yet in the current ISO week
    netwerk: tuple[tuple, ...] = ()  # (name, relation, supports, when, what, how to reach)
    netwerk_dagen: int = 21  # days after the start the network plan was agreed


@dataclass(frozen=True)
class DemoGezin:
    voornaam: str
    achternaam: str
    leeftijd: int
    gemeente: str
    aanbieder: str
    status: str
    baby_dagen: int  # birth (< 0) or due date (>= 0), days from today
    kwetsbaar: tuple[str, ...]
    taal: str
    bsn: int  # the n of demo_bsn
    aangemeld: int = 14  # days ago the referral came in (for families that have not started)
    verwijzer: tuple[str, str, str | None] | None = None  # kind, name, organisation (None: the seven's)
    partner: tuple[str, str, str, int] | None = None  # role, first name, surname, n of demo_bsn
    urgentie: str = "normaal"
    zorg: Zorg | None = None
    indicatie_over: int | None = None  # granted, starting this many days from today (not started yet)


# The families as data; kept compact by hand (fmt: off), one family a block.
# fmt: off
DIJKSTRA_DOELEN = (
    Doel("huilgedrag", "Moeder herkent de huilsignalen van de baby en weet wat helpt.", "moeder", 3, 7, 5),
    Doel("dagstructuur", "Vaste tijden voor voeden, slapen en zelf eten.", "ouders", 2, 6, 4),
)

GEZINNEN = [
    # The first seven: one family in every early state, and two active ones (the browser tests use them).
    DemoGezin("Amira", "Haddad", 19, "Gemeente Groningen", "Kraamzorg Noord", TrajectStatus.AANGEMELD, 60,
              ("tienerzwangerschap", "geen_netwerk"), "ar", 0, aangemeld=3, urgentie="hoog"),
    DemoGezin("Sanne", "Kuipers", 27, "Gemeente Groningen", "Kraamzorg Noord", TrajectStatus.INTAKE, -20,
              ("huilbaby", "psychiatrie"), "nl", 1, aangemeld=12),
    DemoGezin("Joanna", "Nowak", 31, "Gemeente Groningen", "Kraamzorg Noord", TrajectStatus.INDICATIE_AANGEVRAAGD,
              -35, ("schulden", "geen_netwerk"), "pl", 2, aangemeld=19),
    DemoGezin(
        "Lisa", "Dijkstra", 23, "Gemeente Groningen", "Kraamzorg Noord", TrajectStatus.ACTIEF, -60, ("lvb", "armoede"),
        "nl", 3,
        zorg=Zorg(
            start=-49, wacht=14, weken=18, uren=12, medewerkers=("sanne", "agnieszka"),
            rooster=(Slot(0, "09:00", "13:00"), Slot(2, "09:30", "12:30", 1), Slot(3, "18:30", "21:30"),
                     Slot(4, "13:00", "15:00", 1)),
            doelen=DIJKSTRA_DOELEN, woorden="We willen meer rust in huis en weten wat de baby nodig heeft.",
            alleen_vorige_weken=True, extra_week=3, netwerk_dagen=30,
            netwerk=(
                ("Jeroen", "partner", ("dagstructuur", "organiseren"), ("avond", "weekend"),
                 "Doet na zijn werk het badje en de laatste voeding.", "via Lisa"),
                ("Anouk (zus)", "familie", ("vertrouwen", "huilgedrag"), ("middag", "weekend"),
                 "Komt op woensdag en zaterdag; Lisa belt haar als het huilen te veel wordt.", "whatsapp"),
                ("Buurvrouw Riet", "buren", ("organiseren",), ("ochtend",),
                 "Neemt boodschappen mee en past een uur op de baby.", "naast de deur, nr. 15"),
                ("Consultatiebureau", "professional", ("gezondheid_zelfzorg", "huilgedrag"), ("ochtend",),
                 "Weegt en volgt de groei; huilspreekuur op dinsdag.", "GGD Groningen, via de JGZ-app"),
            ),
        ),
    ),
    DemoGezin(
        "Fenna", "Hoekstra", 34, "Gemeente Leeuwarden", "Kraamzorg De Wadden", TrajectStatus.ACTIEF, -12,
        ("prematuur_ziek", "huilbaby", "lichamelijke_klachten_moeder"), "fy", 4,
        zorg=Zorg(
            start=-21, wacht=14, weken=18, uren=12, medewerkers=("hilde", "janna"),
            rooster=(Slot(1, "09:00", "13:00"), Slot(3, "09:00", "12:00", 1), Slot(4, "13:00", "16:00"),
                     Slot(5, "10:00", "12:00", 1)),
            doelen=(
                Doel("liefde_band", "Moeder voelt zich zeker bij het verzorgen van de te vroeg geboren baby: "
                     "voeden, temperatuur, huidcontact.", "moeder", 3, 8, 5),
                Doel("huilgedrag", "Ouders weten wat helpt als de baby ontroostbaar huilt.", "ouders", 4, 7, 4),
            ),
            woorden="Dat we ons weer ouders voelen in plaats van bezoekers aan de couveuse.",
            pauze=(9, 15), extra_week=0,
        ),
    ),
    DemoGezin("Yasmin", "Öztürk", 21, "Gemeente Assen", "Kraamzorg Noord", TrajectStatus.AANGEMELD, 30,
              ("huiselijk_geweld",), "tr", 5, aangemeld=2),
    DemoGezin("Kim", "Bos", 29, "Gemeente Leeuwarden", "Kraamzorg De Wadden", TrajectStatus.AFGEWEZEN, -90,
              ("geen_netwerk",), "nl", 6, aangemeld=20),
    # An active family with night shifts, whose first evaluation is overdue.
    DemoGezin(
        "Nadia", "Bouzid", 26, "Gemeente Assen", "Kraamzorg Noord", TrajectStatus.ACTIEF, -52,
        ("psychiatrie", "huilbaby", "geen_netwerk"), "ar", 9,
        verwijzer=("kraamzorg", "Kraamzorg Noord — kraamweek", None), partner=("vader", "Karim", "Bouzid", 10),
        zorg=Zorg(
            start=-47, wacht=9, weken=20, uren=14, nachten=True, medewerkers=("fatima", "lotte"),
            rooster=(Slot(1, "23:00", "07:00"), Slot(0, "10:00", "13:00", 1), Slot(4, "10:00", "13:00", 1)),
            doelen=(
                Doel("slaap_waakritme", "Moeder slaapt minstens twee nachten per week vijf uur achter elkaar.",
                     "moeder", 2, 7, 4),
                Doel("huilgedrag", "Ouders kunnen de baby samen troosten en wisselen elkaar af.", "ouders", 3, 7, 5),
                Doel("gezondheid_zelfzorg", "Moeder houdt de afspraken met de perinatale GGZ aan.", "moeder", 5, 8, 6),
            ),
            woorden="Ik wil weer kunnen slapen en niet bang zijn voor de nacht.", evaluatie_open=True,
        ),
    ),
    # Closing proposed by the coordinator; the casemanager still has to close.
    DemoGezin(
        "Chantal", "Wubbels", 24, "Gemeente Groningen", "Kraamzorg Noord", TrajectStatus.AFSLUITEN, -170,
        ("lvb", "schulden"), "nl", 15, verwijzer=("sociaal_team", "WIJ Groningen — team Oost", None),
        zorg=Zorg(
            start=-157, wacht=12, weken=16, uren=8, medewerkers=("agnieszka", "lotte"),
            rooster=(Slot(1, "13:00", "16:00"), Slot(3, "09:00", "11:00", 1), Slot(5, "10:00", "13:00")),
            doelen=(
                Doel("organiseren", "Chantal doet de was en de boodschappen volgens het weekschema.", "moeder",
                     2, 6, 7, "bereikt"),
                Doel("dagstructuur", "Voeden en slapen op vaste tijden, ook in het weekend.", "ouders", 3, 7, 7,
                     "bereikt"),
                Doel("veiligheid", "De baby slaapt veilig: eigen bedje, op de rug, rookvrij.", "baby", 4, 9, 8),
            ),
            woorden="Dat ik het zelf kan, met een lijstje op de koelkast.",
            wijziging=Wijziging("verlengen", 1, 8, 8), gestopt_na_weken=22,
            einde=Einde("overgedragen", "Doelen grotendeels bereikt; begeleiding thuis bij geld en huishouden "
                        "gaat door.", overgedragen_aan="Ambulante begeleiding Thuis Noord", afgesloten=False),
            netwerk=(
                ("Moeder van Chantal", "familie", ("organiseren", "vertrouwen"), ("weekend",),
                 "Komt zaterdag helpen met de was en kookt voor twee dagen.", "06-nummer op de koelkast"),
                ("Budgetcoach WIJ", "professional", ("organiseren",), ("middag",),
                 "Elke twee weken de post en de rekeningen samen doornemen.", "WIJ Groningen — team Oost"),
            ),
        ),
    ),
    # Eight closed trajectories over the last twelve months.
    DemoGezin(
        "Tamara", "Huizinga", 22, "Gemeente Groningen", "Kraamzorg Noord", TrajectStatus.AFGESLOTEN, -368,
        ("tienerzwangerschap", "armoede"), "nl", 20,
        verwijzer=("jgz", "GGD Groningen — JGZ", "GGD Groningen — Jeugdgezondheidszorg"),
        zorg=Zorg(
            start=-360, wacht=11, weken=12, uren=8, medewerkers=("sanne", "anouk"),  # Anouk left since
            rooster=(Slot(0, "09:30", "13:30"), Slot(3, "13:00", "17:00", 1)),
            doelen=(
                Doel("vertrouwen", "Tamara durft zelf beslissingen te nemen over de verzorging.", "moeder", 3, 7, 8,
                     "bereikt"),
                Doel("dagstructuur", "Een dagritme met vaste voedingen en een eigen rustmoment.", "moeder", 2, 6, 6,
                     "bereikt"),
            ),
            woorden="Ik wil laten zien dat ik een goede moeder ben, ook al ben ik jong.",
            einde=Einde("zelfredzaam", "Tamara doet de verzorging zelfstandig; de JGZ blijft haar volgen.", 9, 8),
        ),
    ),
    DemoGezin(
        "Sietske", "Wijnstra", 30, "Gemeente Leeuwarden", "Kraamzorg De Wadden", TrajectStatus.AFGESLOTEN, -356,
        ("huilbaby", "geen_netwerk"), "fy", 21,
        verwijzer=("verloskundige", "Verloskundigenpraktijk It Nêst", None), partner=("partner", "Douwe", "Wijnstra", 25),
        zorg=Zorg(
            start=-352, wacht=16, weken=14, uren=8, medewerkers=("hilde", "janna"),
            rooster=(Slot(1, "09:00", "13:00"), Slot(3, "09:00", "11:00", 1), Slot(4, "14:00", "16:00")),
            doelen=(
                Doel("huilgedrag", "Sietske en Douwe herkennen de huilsignalen en blijven rustig.", "ouders", 2, 7, 7,
                     "bereikt"),
                Doel("slaap_waakritme", "De baby slaapt overdag drie keer in het eigen bedje.", "baby", 3, 7, 6),
            ),
            woorden="We willen weer genieten van ons kind in plaats van alleen overleven.",
            einde=Einde("zelfredzaam", "Huilen is verminderd; ouders weten wat werkt.", 9, 8),
        ),
    ),
    DemoGezin(
        "Jolanda", "Kremer", 33, "Gemeente Assen", "Kraamzorg Noord", TrajectStatus.AFGESLOTEN, -322,
        ("huiselijk_geweld", "psychiatrie"), "nl", 26,
        verwijzer=("huisarts", "Huisartsenpraktijk Assen-Noord", None), urgentie="spoed",
        zorg=Zorg(
            start=-340, wacht=8, weken=15, uren=16, nachten=True, medewerkers=("fatima", "lotte"),
            rooster=(Slot(0, "23:00", "07:00"), Slot(2, "09:00", "13:00", 1), Slot(4, "18:00", "22:00")),
            doelen=(
                Doel("veiligheid", "Jolanda en de baby zijn veilig; het veiligheidsplan ligt klaar.", "gezin", 2, 8, 8,
                     "bereikt"),
                Doel("gezondheid_zelfzorg", "Jolanda slaapt en eet genoeg en houdt haar afspraken bij de GGZ.",
                     "moeder", 3, 7, 6),
                Doel("liefde_band", "Jolanda geniet van kleine momenten met de baby.", "moeder", 4, 8, 8, "bereikt"),
            ),
            woorden="Ik wil mijn kind bij me houden en een veilig huis maken.",
            einde=Einde("uithuisplaatsing_voorkomen", "De baby woont veilig bij moeder; Veilig Thuis heeft het "
                        "dossier gesloten.", 9, 9),
        ),
    ),
    DemoGezin(
        "Aisha", "Conteh", 28, "Gemeente Groningen", "Kraamzorg Noord", TrajectStatus.AFGESLOTEN, -312,
        ("geen_netwerk", "schulden", "psychiatrie"), "en", 30,
        verwijzer=("verloskundige", "Verloskundigenpraktijk De Wieg", "Verloskundigenpraktijk De Wieg"),
        zorg=Zorg(
            start=-325, wacht=18, weken=12, uren=8, medewerkers=("fatima", "sanne"),
            rooster=(Slot(2, "09:30", "13:30"), Slot(3, "09:00", "13:00", 1), Slot(4, "10:00", "14:00", 1, 2)),
            doelen=(
                Doel("liefde_band", "Aisha voelt zich verbonden met de baby en kan van haar genieten.", "moeder",
                     2, 7, 6),
                Doel("gezondheid_zelfzorg", "Aisha gaat naar de behandeling en vraagt hulp als ze somber is.",
                     "moeder", 3, 7, 7, "bereikt"),
                Doel("organiseren", "De post en de rekeningen zijn op orde, met hulp van schuldhulp.", "moeder",
                     2, 6, 4, "gestopt"),
            ),
            woorden="I want to be there for my baby, not lying in bed all day.",
            wijziging=Wijziging("opschalen", 0, 12, 6),
            einde=Einde("overgedragen", "Somberheid vraagt om baby-ouderbehandeling; warm overgedragen.", 8, 9,
                        overgedragen_aan="Baby-ouder GGZ De Kleine Stap"),
        ),
    ),
    DemoGezin(
        "Bianca", "Terpstra", 20, "Gemeente Leeuwarden", "Kraamzorg De Wadden", TrajectStatus.AFGESLOTEN, -258,
        ("tienerzwangerschap", "verslaving"), "nl", 31,
        verwijzer=("mmw", "Medisch Maatschappelijk Werk Friesland", "Medisch Maatschappelijk Werk Friesland"),
        zorg=Zorg(
            start=-250, wacht=10, weken=20, uren=10, medewerkers=("janna", "hilde"),
            rooster=(Slot(0, "09:00", "12:00"), Slot(2, "13:00", "17:00"), Slot(4, "09:00", "12:00", 1)),
            doelen=(
                Doel("dagstructuur", "Bianca staat op tijd op en voedt op vaste tijden.", "moeder", 2, 6, 4, "gestopt"),
                Doel("veiligheid", "Geen middelen in huis; de baby slaapt veilig.", "baby", 3, 8, 6, "gestopt"),
            ),
            woorden="Ik wil het zelf doen, zonder dat iedereen zich ermee bemoeit.", gestopt_na_weken=12,
            einde=Einde("voortijdig_gestopt", "Bianca wilde geen hulp meer aan huis; de JGZ en het maatschappelijk "
                        "werk blijven betrokken.", 7, 6),
        ),
    ),
    DemoGezin(
        "Hiwet", "Tesfay", 25, "Gemeente Assen", "Kraamzorg Noord", TrajectStatus.AFGESLOTEN, -222,
        ("geen_netwerk", "armoede"), "ti", 36,
        verwijzer=("jgz", "Consultatiebureau Assen-Oost", None), partner=("vader", "Yonas", "Tesfay", 41),
        zorg=Zorg(
            start=-215, wacht=13, weken=20, uren=10, medewerkers=("sanne", "lotte"),
            rooster=(Slot(1, "09:00", "13:00"), Slot(2, "13:30", "16:30", 1), Slot(4, "10:00", "13:00", 1)),
            doelen=(
                Doel("vertrouwen", "Hiwet weet bij wie ze in Assen terecht kan.", "moeder", 2, 7, 7, "bereikt"),
                Doel("gezondheid_zelfzorg", "Hiwet gaat naar de huisarts en het consultatiebureau.", "moeder",
                     3, 7, 6),
            ),
            woorden="Wij willen een goed begin voor ons kind in Nederland.", gestopt_na_weken=14,
            einde=Einde("verhuisd", "Het gezin kreeg een woning in een andere gemeente; gegevens met toestemming "
                        "doorgegeven aan het sociaal team daar.", 9, 8),
        ),
    ),
    DemoGezin(
        "Marta", "Wiśniewska", 32, "Gemeente Groningen", "Kraamzorg Noord", TrajectStatus.AFGESLOTEN, -206,
        ("lvb", "geen_netwerk"), "pl", 42,
        verwijzer=("huisarts", "Huisartsenpraktijk Oosterpoort", "Huisartsenpraktijk Oosterpoort"),
        zorg=Zorg(
            start=-200, wacht=15, weken=16, uren=8, medewerkers=("agnieszka", "lotte"),
            rooster=(Slot(0, "13:00", "16:00"), Slot(2, "09:00", "11:00", 1), Slot(3, "18:30", "21:30")),
            doelen=(
                Doel("organiseren", "Flessen en speen schoonmaken volgens het stappenplan.", "moeder", 3, 7, 8,
                     "bereikt"),
                Doel("liefde_band", "Marta speelt elke dag even met de baby op de mat.", "moeder", 4, 8, 8, "bereikt"),
                Doel("vertrouwen", "Marta vraagt zelf hulp aan de huisarts of het consultatiebureau.", "moeder",
                     2, 6, 5),
            ),
            woorden="Ik wil het goed doen voor mijn kind, stap voor stap.",
            wijziging=Wijziging("verlengen", 1, 8, 3),
            einde=Einde("zelfredzaam", "Marta redt het met haar stappenplannen en de buurvrouw.", 10, 8),
        ),
    ),
    DemoGezin(
        "Mariam", "Yousef", 29, "Gemeente Leeuwarden", "Kraamzorg De Wadden", TrajectStatus.AFGESLOTEN, -166,
        ("prematuur_ziek", "geen_netwerk"), "ar", 46,
        verwijzer=("gynaecoloog", "Polikliniek verloskunde, ziekenhuis Leeuwarden", None),
        zorg=Zorg(
            start=-160, wacht=20, weken=20, uren=10, medewerkers=("hilde", "janna"),
            rooster=(Slot(0, "09:00", "13:00", 0, 1), Slot(0, "09:00", "12:00", 0, 2), Slot(2, "09:00", "12:00", 1),
                     Slot(4, "13:00", "16:00", 0, 1)),
            doelen=(
                Doel("gezondheid_zelfzorg", "De baby groeit goed; Mariam houdt de voedingen en het gewicht bij.",
                     "baby", 3, 8, 8, "bereikt"),
                Doel("vertrouwen", "Mariam gaat zelf naar het consultatiebureau en stelt haar vragen.", "moeder",
                     2, 7, 7, "bereikt"),
                Doel("slaap_waakritme", "Een vast ritme van slapen en wakker zijn.", "baby", 3, 7, 6),
            ),
            woorden="Dat mijn dochter sterk wordt en dat ik niet alles alleen hoef te doen.",
            wijziging=Wijziging("afschalen", 0, 6),
            einde=Einde("overgedragen", "Goed op weg; het maatschappelijk werk helpt verder met de inburgering "
                        "en het netwerk.", 10, 9, overgedragen_aan="Medisch Maatschappelijk Werk Friesland"),
        ),
    ),
    # Granted from next week on, with regie and a first contact: "Indicatie gaat later in" (issue 12).
    DemoGezin("Layla", "Mansour", 27, "Gemeente Assen", "Kraamzorg Noord", TrajectStatus.INDICATIE_AANGEVRAAGD,
              -10, ("geen_netwerk", "huilbaby"), "ar", 52, aangemeld=16, indicatie_over=6,
              verwijzer=("jgz", "GGD Drenthe — JGZ Assen", None)),
    # Running while the baby is still expected: support from the pregnancy on (the birth is recorded later).
    DemoGezin(
        "Ilse", "Brouwer", 20, "Gemeente Groningen", "Kraamzorg Noord", TrajectStatus.ACTIEF, 26,
        ("geen_netwerk", "psychiatrie"), "nl", 50,
        verwijzer=("verloskundige", "Verloskundigenpraktijk De Wieg", "Verloskundigenpraktijk De Wieg"),
        zorg=Zorg(
            start=-17, wacht=10, weken=30, uren=6, medewerkers=("agnieszka", "lotte"),
            rooster=(Slot(1, "10:00", "12:00"), Slot(3, "14:00", "16:00", 1), Slot(4, "10:00", "12:00")),
            doelen=(
                Doel("vertrouwen", "Ilse is klaar voor de komst van de baby: bedje, uitzet en voeding geregeld.",
                     "moeder", 3, 7, 5),
                Doel("gezondheid_zelfzorg", "Ilse houdt haar afspraken bij de verloskundige en de POH-GGZ.",
                     "moeder", 4, 8, 5),
            ),
            woorden="Ik wil klaar zijn als de baby komt, en het niet alleen hoeven doen.", extra_week=9,
        ),
    ),
]
# fmt: on

VERSLAGEN = {
    "huilgedrag": [
        "Moeder herkende het hongerhuilen en voedde op tijd; inbakeren geoefend.",
        "Huilmomenten bijgehouden in het dagboekje; de piek ligt rond vijf uur 's middags.",
        "Rustig wiegen en minder prikkels geprobeerd; de baby viel na tien minuten in slaap.",
    ],
    "dagstructuur": [
        "Dagritme op de koelkast gehangen: voeden, wassen, slapen en zelf eten op vaste tijden.",
        "Ochtendroutine doorgelopen; moeder had ontbeten voordat de baby wakker werd.",
        "Weekplanning gemaakt met de afspraken van het consultatiebureau erin.",
    ],
    "slaap_waakritme": [
        "Slaapschema bijgehouden; de baby slaapt 's nachts nu twee keer drie uur achter elkaar.",
        "Vast avondritueel geoefend: badje, voeding, liedje, in bed.",
    ],
    "liefde_band": [
        "Huid-op-huidcontact en spelen op de mat; moeder benoemt wat de baby laat zien.",
        "Voeding met oogcontact; moeder vertelde trots dat de baby naar haar lachte.",
    ],
    "vertrouwen": [
        "Moeder deed het badje zelf; ik keek alleen mee en gaf een compliment.",
        "Besproken waar moeder zich zorgen over maakt; ze belde zelf de huisarts.",
    ],
    "gezondheid_zelfzorg": [
        "Moeder heeft geslapen terwijl ik bij de baby was; daarna de maaltijd voorbereid.",
        "Gesprek over rust en hulp vragen; afspraak bij de praktijkondersteuner gemaakt.",
    ],
    "veiligheid": [
        "Veilig slapen besproken: eigen bedje, op de rug, geen dekbed. Rookmelder getest.",
        "Het veiligheidsplan doorgenomen; de telefoonnummers hangen bij de deur.",
    ],
    "organiseren": [
        "Was en boodschappen gepland; post gesorteerd en twee rekeningen betaald.",
        "Keuken en flessen schoongemaakt; moeder maakt nu zelf een boodschappenlijst.",
    ],
}
# Visits while the baby is still expected (a family referred during pregnancy).
ZWANGERSCHAP_VERSLAGEN = [
    "Babyhoek ingericht: bedje veilig opgemaakt, uitzet gewassen en opgeborgen.",
    "Voeding besproken: borstvoeding of fles, en wat er in huis moet zijn.",
    "Met moeder naar de verloskundige geweest; zij stelde zelf haar vragen.",
    "Besproken wie moeder belt als de weeën beginnen; het lijstje hangt bij de telefoon.",
]
NACHT_THEMAS = ("slaap_waakritme", "huilgedrag", "gezondheid_zelfzorg")
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
CONCLUSIE_TEKST = {
    "voortzetten": "Doelen komen dichterbij; de ouders willen de steun in dezelfde omvang houden.",
    "opschalen": "Meer zorgen over rust en somberheid; tijdelijk meer uren nodig.",
    "afschalen": "Moeder doet veel zelf; minder uren per week volstaan tot het einde.",
    "verlengen": "Doelen nog niet bereikt; verlenging van de indicatie aangevraagd.",
    "afsluiten": "Doelen besproken met de ouders; de zorg wordt afgerond en het netwerk neemt het over.",
}


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


def _keuze(*sleutel) -> int:
    """A fixed 'random' number for this key: the same world on every load."""
    return zlib.crc32("-".join(map(str, sleutel)).encode())


def _moment(dag: date, uur: int, minuut: int = 0) -> datetime:
    return datetime.combine(dag, time(uur, minuut), tzinfo=AMSTERDAM)


def _tijd(tekst: str) -> time:
    uur, minuut = tekst.split(":")
    return time(int(uur), int(minuut))


class _Wereld:
    """What the families share while loading: users, organisations, each medewerker's booked times (so
    visits never overlap), and the rows written at the end in bulk."""

    def __init__(self, vandaag: date):
        self.vandaag = vandaag
        self.users = {u.username: u for u in User.objects.all()}
        organisaties = list(Organisatie.objects.all())
        self.gemeenten = {o.naam: o for o in organisaties if o.soort == "gemeente"}
        self.aanbieders = {o.naam: o for o in organisaties if o.soort == "zorgaanbieder"}
        self.partners = {o.naam: o for o in organisaties if o.soort == "ketenpartner"}
        self.bezet: dict[int, list[tuple[datetime, datetime]]] = {}
        self.bezoeken: list[Huisbezoek] = []
        self.voortgang: list[tuple[int, Zorgdoel, int]] = []  # (index in bezoeken, goal, score)
        self.tijden: dict[type, dict[int, tuple[object, set]]] = {}

    def tijdstip(self, obj, **velden):
        """Backdate auto_now_add fields (set after creation, written in bulk at the end)."""
        for veld, waarde in velden.items():
            setattr(obj, veld, waarde)
        _obj, namen = self.tijden.setdefault(type(obj), {}).setdefault(obj.pk, (obj, set()))
        namen.update(velden)

    def vrij(self, medewerker, start: datetime, eind: datetime) -> bool:
        return all(eind <= s or start >= e for s, e in self.bezet.get(medewerker.pk, []))

    def bezoek(self, traject, medewerker, start, eind, themas, verslag, soort="huisbezoek") -> int | None:
        if not self.vrij(medewerker, start, eind):
            return None
        self.bezet.setdefault(medewerker.pk, []).append((start, eind))
        self.bezoeken.append(
            Huisbezoek(
                traject=traject,
                medewerker=medewerker,
                soort=soort,
                start=start,
                eind=eind,
                dienst=dienst_van(start, eind),
                themas=list(themas),
                verslag=verslag,
            )
        )
        return len(self.bezoeken) - 1

    def opslaan(self):
        Huisbezoek.objects.bulk_create(self.bezoeken)
        HuisbezoekVoortgang.objects.bulk_create(
            HuisbezoekVoortgang(bezoek=self.bezoeken[i], doel=doel, score=score)
            for i, doel, score in self.voortgang
        )
        # Registered shortly after the visit ended, as a medewerker does on her phone.
        Huisbezoek.objects.filter(pk__in=[b.pk for b in self.bezoeken]).update(
            geregistreerd_op=F("eind") + timedelta(minutes=20)
        )
        for model, rijen in self.tijden.items():
            velden = set().union(*(namen for _obj, namen in rijen.values()))
            model.objects.bulk_update([obj for obj, _namen in rijen.values()], sorted(velden))


@transaction.atomic
def laad_demo_trajecten(vandaag: date) -> int:
    gemeenten = {o.naam: o for o in Organisatie.objects.filter(soort="gemeente")}
    aanbieders = {o.naam: o for o in Organisatie.objects.filter(soort="zorgaanbieder")}
    for gemeente in gemeenten.values():
        for aanbieder in aanbieders.values():
            Contract.objects.get_or_create(
                gemeente=gemeente,
                aanbieder=aanbieder,
                # From last year: the closed demo trajectories started then.
                defaults={
                    "uurtarief": TARIEVEN.get(gemeente.naam, Decimal("58")),
                    "geldig_van": date(vandaag.year - 1, 1, 1),
                },
            )
    if Traject.objects.exists():
        return 0
    wereld = _Wereld(vandaag)
    for n, gezin in enumerate(GEZINNEN):
        _gezin_laden(wereld, n, gezin)
    wereld.opslaan()
    _demo_verhuizing(vandaag)
    _demo_tweeling()
    _vertrek_melden(vandaag)
    return len(GEZINNEN)


# --- issue 16: a family that moved, and twins -------------------------------------------------------


def _demo_verhuizing(vandaag: date) -> None:
    """The running family of Kraamzorg De Wadden in Leeuwarden moved to Groningen two weeks ago: the regie is
    with casemanager.groningen, the indication runs on at Groningen's tariff from the moving date, and
    Leeuwarden keeps the weeks before in its reports (the same steps as trajecten.verhuizing's service)."""
    from types import SimpleNamespace

    from .models import Verhuizing
    from .verhuizing import _adres, _splits_indicatie

    datum = vandaag - timedelta(days=14)
    oud = User.objects.get(username="casemanager.leeuwarden")
    nieuw = User.objects.get(username="casemanager.groningen")
    traject = (
        Traject.objects.filter(
            status=TrajectStatus.ACTIEF,
            gemeente=oud.lidmaatschap.organisatie,
            regie_casemanager=oud,
            indicaties__van__lt=datum,
            indicaties__tot__gte=datum,
        )
        .select_related("gezin")
        .order_by("pk")
        .first()
    )
    if traject is None:
        return
    gezin = traject.gezin
    Verhuizing.objects.create(
        gezin=gezin, datum=datum, oude_gemeente_id=gezin.gemeente_id, nieuwe_gemeente=nieuw.lidmaatschap.organisatie,
        oud_adres=_adres(gezin), oude_casemanager=oud, nieuwe_casemanager=nieuw, vastgelegd_door=oud,
    )  # fmt: skip
    gezin.straat, gezin.huisnummer, gezin.huisletter, gezin.huisnummertoevoeging = "Korreweg", 88, "", ""
    gezin.postcode, gezin.woonplaats, gezin.gemeente = "9714 AB", "Groningen", nieuw.lidmaatschap.organisatie
    gezin.save()
    _splits_indicatie(SimpleNamespace(user=nieuw), traject, datum, gezin)
    Traject.objects.filter(pk=traject.pk).update(regie_casemanager=nieuw, versie=F("versie") + 1)


def _demo_tweeling() -> None:
    """Twins: the first running family of Kraamzorg De Wadden whose baby is born (the family that moved)
    gets a twin brother or sister born the same day (the referral form and the family page take several)."""
    from .models import Baby

    baby = (
        Baby.objects.filter(
            geboortedatum__isnull=False, gezin__trajecten__aanbieder__naam="Kraamzorg De Wadden"
        )
        .exclude(gezin__trajecten__status__in=[TrajectStatus.AFGESLOTEN, TrajectStatus.GEANNULEERD])
        .order_by("pk")
        .first()
    )
    if baby is None or baby.gezin.babys.count() > 1:
        return
    Baby.objects.create(
        gezin=baby.gezin,
        voornaam="Noor" if baby.voornaam != "Noor" else "Sam",
        geboortedatum=baby.geboortedatum,
        uitgerekende_datum=baby.uitgerekende_datum,
        prematuur=baby.prematuur,
    )


def _vertrek_melden(vandaag: date) -> None:
    """Anouk left Kraamzorg Noord six weeks ago, reported through the departure flow as a beheerder does
    (Beheer → Gebruikers → Vertrek melden): her account is deactivated; her visits stay on her name."""
    from django.test import RequestFactory

    from .vertrek import lopende_toewijzingen, medewerker_uit_dienst

    anouk = User.objects.filter(username="anouk", is_active=True).select_related("lidmaatschap").first()
    if anouk is None:
        return
    beheerder = User.objects.get(username="beheer.noord")
    beheerder.is_verified = lambda: True
    request = RequestFactory().post("/beheer/", REMOTE_ADDR="127.0.0.1")
    request.user = beheerder
    lopend = {t.pk for t in lopende_toewijzingen(anouk)}
    medewerker_uit_dienst(
        request=request,
        medewerker=anouk,
        laatste_dag=vandaag - timedelta(weeks=6),
        opvolgers={},
        getoond=lopend,
    )


def _gezin_laden(w: _Wereld, n: int, g: DemoGezin):
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
    aangemaakt = _moment(ontvangen, 10, 15)
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


def _doorloop(w: _Wereld, traject, g: DemoGezin, baby, ontvangen, overgangen, coordinator, casemanager):
    """From the referral to the family's state, each step dated after the one before."""
    status = g.status
    if status == TrajectStatus.AANGEMELD:
        return
    if status == TrajectStatus.AFGEWEZEN:
        traject.aanmelding.afwijzingsreden = "Geen kwetsbare situatie; reguliere kraamzorg volstaat."
        traject.aanmelding.advies = "Reguliere kraamzorg en het consultatiebureau (JGZ)."
        traject.aanmelding.save()
        reden = traject.aanmelding.afwijzingsreden
        overgangen.append((TrajectStatus.AANGEMELD, status, coordinator, reden, _moment(ontvangen, 15, 30)))
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
         _moment(ontvangen + timedelta(days=1), 9, 40))
    )  # fmt: skip
    _intake(traject, g, intake_dag, coordinator)
    if status == TrajectStatus.INTAKE:
        return
    overgangen.append(
        (TrajectStatus.INTAKE, TrajectStatus.INDICATIE_AANGEVRAAGD, coordinator, "indicatie aangevraagd",
         _moment(aanvraag_dag, 11))
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
        w.tijdstip(aanvraag, aangevraagd_op=_moment(aanvraag_dag, 11))
        return
    _zorg(w, traject, g, baby, aanvraag_dag, overgangen, coordinator, casemanager)


def _later_toegekend(w: _Wereld, traject, g: DemoGezin, aanvraag_dag, coordinator, casemanager):
    """Granted from a later day, with regie and a first contact: the coordinator's worklist shows it under
    "Indicatie gaat later in" with the day it can start, not as ready to start."""
    van = w.vandaag + timedelta(days=g.indicatie_over)
    tot = van + timedelta(weeks=16, days=-1)
    uren = Decimal(10)
    tarief = Contract.objects.get(gemeente=traject.gezin.gemeente, aanbieder=traject.aanbieder).uurtarief
    aanvraag = IndicatieAanvraag.objects.create(
        traject=traject, gewenste_start=van, gewenste_eind=tot, uren_per_week=uren, status="toegekend",
        beslist_door=casemanager, beslist_op=_moment(w.vandaag - timedelta(days=1), 10), aangevraagd_door=coordinator,
        toelichting="Tien uur per week, vanaf de dag dat de baby thuiskomt uit het ziekenhuis.",
    )  # fmt: skip
    w.tijdstip(aanvraag, aangevraagd_op=_moment(aanvraag_dag, 11))
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


def _zorg(w: _Wereld, traject, g: DemoGezin, baby, aanvraag_dag, overgangen, coordinator, casemanager):
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
        beslist_op=_moment(start - timedelta(days=2), 8, 30), aangevraagd_door=coordinator,
        toelichting=f"{z.uren} uur per week" + (", ook nachten." if z.nachten else " overdag en in de avond."),
    )  # fmt: skip
    w.tijdstip(aanvraag, aangevraagd_op=_moment(aanvraag_dag, 11))
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
         _moment(start, 9, 5))
    )  # fmt: skip
    plan = Ondersteuningsplan.objects.create(
        traject=traject, versie=1, overeengekomen_op=start + timedelta(days=3), vastgelegd_door=medewerkers[0],
        woorden_ouders=z.woorden,
    )  # fmt: skip
    w.tijdstip(plan, aangemaakt_op=_moment(start + timedelta(days=3), 14))
    doelen = Zorgdoel.objects.bulk_create(
        Zorgdoel(plan=plan, thema=d.thema, omschrijving=d.omschrijving, betreft=d.betreft, startscore=d.startscore,
                 doelscore=d.doelscore, status=d.status)
        for d in z.doelen
    )  # fmt: skip
    eind_zorg = zorg_tot or vandaag
    score = _scorer(z.doelen, doelen, start, eind_zorg)
    _evaluaties(w, traject, g, doelen, score, zorg_tot, wissel, coordinator)
    _bezoeken(w, traject, g, doelen, score, indicaties, medewerkers, start, zorg_tot)
    if z.netwerk:
        _netwerk(w, traject, z, start)
    _signalen(w, traject, g, start, medewerkers, coordinator)
    if z.einde:
        _afsluiting(w, traject, z.einde, zorg_tot, overgangen, coordinator, casemanager)


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
        beslist_op=_moment(van - timedelta(days=2), 13), aangevraagd_door=coordinator,
        toelichting=f"{CONCLUSIE_TEKST[wijziging.soort]} Gevraagd: {wijziging.uren} uur per week.",
    )  # fmt: skip
    w.tijdstip(aanvraag, aangevraagd_op=_moment(van - timedelta(days=6), 10))
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


def _evaluaties(w: _Wereld, traject, g: DemoGezin, doelen, score, zorg_tot, wissel, coordinator):
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
                evaluatie.gepland_op + timedelta(days=_keuze(g.achternaam, i) % 3), zorg_tot or w.vandaag
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


def _bezoeken(w: _Wereld, traject, g: DemoGezin, doelen, score, indicaties, medewerkers, start, zorg_tot):
    """The weekly rooster from the start to yesterday (or the last day of care): some visits cancelled,
    times a little different each week, one week above the volume, a phone call now and then."""
    z = g.zorg
    vandaag = w.vandaag
    laatste = zorg_tot - timedelta(days=1) if zorg_tot else vandaag - timedelta(days=1)
    if z.alleen_vorige_weken:
        laatste = min(laatste, vandaag - timedelta(days=vandaag.weekday() + 1))
    wissel = indicaties[1].van if len(indicaties) > 1 else None
    pauze = (start + timedelta(days=z.pauze[0]), start + timedelta(days=z.pauze[1])) if z.pauze else None
    maandag = start - timedelta(days=start.weekday())
    week = 0
    teller = 0
    while maandag <= laatste:
        uren_week = 0.0
        slots = list(z.rooster)
        if week == z.extra_week:
            slots.append(Slot(1, "14:00", "17:00"))
        for s, slot in enumerate(slots):
            dag = maandag + timedelta(days=slot.dag)
            nacht = _tijd(slot.einde) <= _tijd(slot.begin)
            versie = 2 if wissel and dag >= wissel else 1
            if not (start <= dag <= laatste) or (slot.versie and slot.versie != versie):
                continue
            if nacht and dag > vandaag - timedelta(days=2):
                continue  # a night that has not ended yet
            if pauze and pauze[0] <= dag < pauze[1]:
                continue
            sleutel = _keuze(g.achternaam, week, s)
            if s < len(z.rooster) and sleutel % 13 == 0:
                continue  # cancelled: mother ill, or a hospital appointment
            schuif = (0, 0, 15, -15, 30)[sleutel % 5] if not nacht else 0
            begin, einde = bezoektijden(dag, _tijd(slot.begin), _tijd(slot.einde))
            begin, einde = begin + timedelta(minutes=schuif), einde + timedelta(minutes=schuif)
            themas = _themas(doelen, teller, nacht)
            verslag = VERSLAGEN[themas[0]][sleutel % len(VERSLAGEN[themas[0]])]
            if g.baby_dagen >= 0:
                verslag = ZWANGERSCHAP_VERSLAGEN[sleutel % len(ZWANGERSCHAP_VERSLAGEN)]
            if nacht:
                verslag = "Nacht: baby twee keer gevoed en verschoond; moeder heeft vijf uur achter elkaar geslapen."
            elif s >= len(z.rooster):
                verslag = (
                    "Extra bezoek: baby verkouden en onrustig; moeder geholpen met rust en neusdruppels."
                )
            index = w.bezoek(traject, medewerkers[slot.wie], begin, einde, themas, verslag)
            if index is None:  # she is booked elsewhere: the day after
                index = w.bezoek(
                    traject,
                    medewerkers[slot.wie],
                    begin + timedelta(days=1),
                    einde + timedelta(days=1),
                    themas,
                    verslag,
                )
            if index is None:
                continue
            teller += 1
            uren_week += (einde - begin).total_seconds() / 3600
            for doel in doelen:
                if doel.thema in themas:
                    w.voortgang.append((index, doel, score(doel, dag, (sleutel // 7) % 3 - 1)))
        if week % 4 == 3 or (pauze and maandag <= pauze[0] + timedelta(days=2) < maandag + timedelta(days=7)):
            dag = min(maandag + timedelta(days=4), laatste)
            volume = float(indicaties[1 if wissel and dag >= wissel else 0].uren_per_week)
            # A call counts as care time too: only in a week that leaves room for it.
            if dag >= start and uren_week + 0.5 <= volume:
                begin, einde = bezoektijden(dag, time(16, 0), time(16, 30))
                tekst = "Telefonisch: moeder belde over de voeding en het slapen; advies gegeven, morgen nagevraagd."
                if g.baby_dagen >= 0:
                    tekst = "Telefonisch: moeder belde over de harde buiken; verwezen naar de verloskundige."
                if pauze and pauze[0] <= dag < pauze[1]:
                    tekst = "Telefonisch: de baby ligt nog op de neonatologie; moeder kolft en mag bijna naar huis."
                w.bezoek(traject, medewerkers[0], begin, einde, ["vertrouwen"], tekst, soort="telefonisch")
        maandag += timedelta(days=7)
        week += 1


def _themas(doelen, teller: int, nacht: bool) -> list[str]:
    """The goals' themes in turn, one or two a visit; a night works on sleep and rest where a goal has it."""
    themas = [d.thema for d in doelen]
    if nacht:
        return [t for t in themas if t in NACHT_THEMAS][:1] or themas[:1]
    eerste = themas[teller % len(themas)]
    tweede = themas[(teller + 1) % len(themas)]
    return [eerste] if teller % 3 == 0 or tweede == eerste else [eerste, tweede]


def _netwerk(w: _Wereld, traject, z: Zorg, start):
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


def _signalen(w: _Wereld, traject, g: DemoGezin, start, medewerkers, coordinator):
    """A concern being handled (not serious) for one active family; closed ones from the past."""
    if g.achternaam == "Hoekstra":
        signaal = Signaal.objects.create(
            traject=traject, categorie="medisch", ernst="midden", status="in_behandeling", gemeld_door=medewerkers[0],
            beschrijving="Baby drinkt slecht en valt nauwelijks aan sinds de thuiskomst uit het ziekenhuis; "
            "moeder is ongerust.",
            acties="Overlegd met de jeugdverpleegkundige; weegmoment op het consultatiebureau vervroegd.",
        )  # fmt: skip
        w.tijdstip(signaal, gemeld_op=_moment(w.vandaag - timedelta(days=4), 12, 10))
    elif g.achternaam == "Conteh":
        dag = start + timedelta(days=30)
        signaal = Signaal.objects.create(
            traject=traject, categorie="wonen_financien", ernst="laag", status="afgerond", gemeld_door=medewerkers[0],
            beschrijving="Huurachterstand van twee maanden; de verhuurder dreigt met een incassobureau.",
            acties="Samen aangemeld bij schuldhulp; de huur is betaald uit bijzondere bijstand.",
            afgerond_op=_moment(dag + timedelta(days=16), 15),
        )  # fmt: skip
        w.tijdstip(signaal, gemeld_op=_moment(dag, 13, 20))
    elif g.achternaam == "Kremer":
        dag = start + timedelta(days=5)
        signaal = Signaal.objects.create(
            traject=traject, categorie="huiselijk_geweld", ernst="ernstig", status="afgerond",
            gemeld_door=medewerkers[0], afgerond_op=_moment(dag + timedelta(days=12), 16),
            beschrijving="Ex-partner stond 's nachts voor de deur en dreigde; moeder is bang.",
            acties="Veiligheidsplan gemaakt, contactverbod via Veilig Thuis; hulp rond moeder georganiseerd.",
        )  # fmt: skip
        w.tijdstip(signaal, gemeld_op=_moment(dag, 2, 40))
        stappen = [
            (1, 0, "Signalen vastgelegd: dreigementen, moeder slaapt slecht, de baby schrikt van stemmen."),
            (2, 1, "Collegiaal overleg met de coördinator en advies gevraagd aan Veilig Thuis Drenthe."),
            (3, 2, "Gesprek met moeder: zij wil hulp en werkt mee aan een veiligheidsplan."),
            (4, 3, "Gewogen: vermoeden van huiselijk geweld, geen acute onveiligheid met het plan."),
            (5, 4, "Besloten: hulp organiseren met Veilig Thuis en de huisarts; niet melden."),
        ]
        MeldcodeRegistratie.objects.bulk_create(
            MeldcodeRegistratie(
                signaal=signaal, stap=stap, datum=dag + timedelta(days=na), door=coordinator if stap > 1 else
                medewerkers[0], notitie=notitie, vermoeden=True if stap == 4 else None,
                onveilig=False if stap == 4 else None, hulp_organiseren=stap == 5,
            )
            for stap, na, notitie in stappen
        )  # fmt: skip


def _afsluiting(w: _Wereld, traject, einde: Einde, zorg_tot, overgangen, coordinator, casemanager):
    voorgesteld = _moment(zorg_tot + timedelta(days=1), 16)
    afsluiting = Afsluiting.objects.create(
        traject=traject, uitkomst=einde.uitkomst, overgedragen_aan=einde.overgedragen_aan,
        toelichting=einde.toelichting, voorgesteld_door=coordinator,
        tevredenheid_medewerker=einde.partner,  # issue 13: staff satisfaction, about the partners' score
    )  # fmt: skip
    w.tijdstip(afsluiting, voorgesteld_op=voorgesteld)
    overgangen.append(
        (TrajectStatus.ACTIEF, TrajectStatus.AFSLUITEN, coordinator, "afsluiting voorgesteld", voorgesteld)
    )
    if not einde.afgesloten:
        return
    afgesloten = _moment(zorg_tot + timedelta(days=3), 11, 30)
    # As traject_afsluiten does: the indication that runs on ends on the day of closing.
    sluitdag = afgesloten.date()
    for indicatie in Indicatie.objects.filter(
        traject=traject, tot__gt=sluitdag, beeindigd_op__isnull=True, volgende__isnull=True
    ):
        indicatie.tot = indicatie.beeindigd_op = max(sluitdag, indicatie.van)
        indicatie.beeindigingsreden = "traject afgesloten"
        indicatie.save(update_fields=["tot", "beeindigd_op", "beeindigingsreden"])
    afsluiting.tevredenheid_client, afsluiting.tevredenheid_partner = einde.client, einde.partner
    afsluiting.afgesloten_door, afsluiting.afgesloten_op = casemanager, afgesloten
    afsluiting.save()
    overgangen.append(
        (
            TrajectStatus.AFSLUITEN,
            TrajectStatus.AFGESLOTEN,
            casemanager,
            UITKOMST_NL[einde.uitkomst],
            afgesloten,
        )
    )
