"""The demo families as data: who they are, where they stand in the trajectory, and the course of the
care of those that started (rooster, goals, change, end)."""

from dataclasses import dataclass

from trajecten.constants import TrajectStatus


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
