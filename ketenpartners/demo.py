"""The demo social map (DESIGN.md section 7): the demo chain partners of accounts.demo plus one or more
of every type, with services, municipalities served, contact persons, waiting times (some out of
date), SKJ-registered professionals and covenants. Invented organisations and people; phone numbers
and addresses are made up. Idempotent: running it twice changes nothing."""

import importlib
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.apps import apps as django_apps
from django.db import transaction

from accounts.constants import OrganisatieSoort
from accounts.models import Organisatie
from core.validators import telefoon_normaliseren

from .constants import BetrokkenheidRol, Domein, PartnerSoort, Reikwijdte, ToestemmingWijze
from .models import Betrokkenheid, Contactpersoon, Convenant, Dienst, Ketenpartner, Ondertekening, Toestemming

GRONINGEN, LEEUWARDEN, ASSEN = "Gemeente Groningen", "Gemeente Leeuwarden", "Gemeente Assen"


@dataclass(frozen=True)
class DemoContact:
    naam: str
    functie: str
    telefoon: str = ""
    email: str = ""
    skj: str = ""


@dataclass(frozen=True)
class DemoPartner:
    naam: str
    plaats: str
    soort: str
    domein: str
    diensten: tuple[str, ...]
    gemeenten: tuple[str, ...]
    wachttijd: int | None  # days; None: unknown
    bijgewerkt_weken_geleden: int  # more than the stale limit (8 weeks) shows as out of date
    omschrijving: str
    telefoon: str
    email: str
    contacten: tuple[DemoContact, ...] = field(default_factory=tuple)


PARTNERS = [
    # The six of accounts.demo.KETENPARTNERS.
    DemoPartner(
        "Verloskundigenpraktijk De Wieg", "Groningen", PartnerSoort.VERLOSKUNDIGE, Domein.MEDISCH,
        ("zwangerschap", "voeding", "tienerouders"), (GRONINGEN,), 0, 1,
        "Verloskundige zorg tijdens zwangerschap, bevalling en kraamtijd; spreekuur voor kwetsbare zwangeren.",
        "050-3121212", "praktijk@dewieg.example",
        (DemoContact("Eline Bosma", "Verloskundige", "050-3121213", "e.bosma@dewieg.example"),),
    ),
    DemoPartner(
        "Huisartsenpraktijk Oosterpoort", "Groningen", PartnerSoort.HUISARTS, Domein.MEDISCH,
        ("psychische-klachten", "postpartum-depressie", "verslaving"), (GRONINGEN,), 3, 2,
        "Huisartsenzorg met praktijkondersteuner GGZ voor jonge ouders.",
        "050-3134567", "assistentie@oosterpoort-huisartsen.example",
        (DemoContact("Dr. Pieter Nijenhuis", "Huisarts", "050-3134568", ""),
         DemoContact("Ilse Wiersma", "Praktijkondersteuner GGZ", "", "poh-ggz@oosterpoort-huisartsen.example")),
    ),
    DemoPartner(
        "GGD Groningen — Jeugdgezondheidszorg", "Groningen", PartnerSoort.JGZ, Domein.MEDISCH,
        ("huilbaby", "voeding", "opvoedondersteuning", "prematuur-ziek"), (GRONINGEN,), 7, 1,
        "Consultatiebureau: groei en ontwikkeling, huilspreekuur en extra huisbezoeken bij zorgen.",
        "050-3674000", "jgz@ggd-groningen.example",
        (DemoContact("Anouk van Dijk", "Jeugdverpleegkundige", "06 12345001", "a.vandijk@ggd-groningen.example", "110042871"),
         DemoContact("Karin Mulder", "Jeugdarts", "050-3674010", "k.mulder@ggd-groningen.example")),
    ),
    DemoPartner(
        "Medisch Maatschappelijk Werk Friesland", "Leeuwarden", PartnerSoort.MAATSCHAPPELIJK_WERK, Domein.SOCIAAL,
        ("psychische-klachten", "huisvesting", "schulden"), (LEEUWARDEN,), 14, 3,
        "Maatschappelijk werk rond zwangerschap en geboorte, ook in het ziekenhuis.",
        "058-2881234", "mmw@mmw-friesland.example",
        (DemoContact("Sjoukje Hoekstra", "Medisch maatschappelijk werker", "06 12345002", "s.hoekstra@mmw-friesland.example", "110051234"),),
    ),
    DemoPartner(
        "Moeder-kindhuis De Haven", "Assen", PartnerSoort.MOEDER_KINDHUIS, Domein.SOCIAAL,
        ("opvang", "tienerouders", "huiselijk-geweld"), (ASSEN, GRONINGEN, LEEUWARDEN), 42, 11,
        "Wonen met begeleiding voor moeder en baby, 24 uur per dag.",
        "0592-345678", "aanmelden@dehaven.example",
        (DemoContact("Marjolein Kuiper", "Ambulant begeleider", "0592-345679", "m.kuiper@dehaven.example", "110063310"),),
    ),
    DemoPartner(
        "Veilig Thuis Drenthe", "Assen", PartnerSoort.VEILIG_THUIS, Domein.SOCIAAL,
        ("huiselijk-geweld",), (ASSEN,), 0, 1,
        "Advies en meldpunt huiselijk geweld en kindermishandeling; dag en nacht bereikbaar.",
        "0800-2000", "advies@veiligthuisdrenthe.example",
        (DemoContact("Gerrit Smit", "Aandachtsfunctionaris", "0800-2000", "g.smit@veiligthuisdrenthe.example", "110070001"),),
    ),
    # More, so that every type is on the map.
    DemoPartner(
        "Baby-ouder GGZ De Kleine Stap", "Groningen", PartnerSoort.GGZ, Domein.MEDISCH,
        ("huilbaby", "postpartum-depressie", "psychische-klachten"), (GRONINGEN, ASSEN), 5, 1,
        "Infant mental health: behandeling van ouder en baby samen, huilbaby-spreekuur.",
        "050-5270111", "aanmelden@dekleinestap.example",
        (DemoContact("Marloes Veenstra", "GZ-psycholoog, IMH-specialist", "050-5270112", "m.veenstra@dekleinestap.example", "110081122"),),
    ),
    DemoPartner(
        "Ziekenhuis Stad en Ommeland — kinderpoli", "Groningen", PartnerSoort.ZIEKENHUIS, Domein.MEDISCH,
        ("huilbaby", "prematuur-ziek"), (GRONINGEN, ASSEN), 21, 2,
        "Kinderarts en huilpoli; nazorg voor te vroeg geboren kinderen.",
        "050-5249111", "kinderpoli@stadenommeland.example",
        (DemoContact("Dr. Hanna de Graaf", "Kinderarts", "050-5249112", "h.degraaf@stadenommeland.example"),),
    ),
    DemoPartner(
        "Praktijk Rustig Slapen", "Leeuwarden", PartnerSoort.ANDERS, Domein.SOCIAAL,
        ("huilbaby", "opvoedondersteuning"), (GRONINGEN, LEEUWARDEN, ASSEN), 10, 14,
        "Slaap- en huilconsulent aan huis.",
        "06 12345010", "info@rustigslapen.example",
        (DemoContact("Tineke Dijkstra", "Slaapconsulent", "06 12345011", "tineke@rustigslapen.example"),),
    ),
    DemoPartner(
        "Verslavingszorg De Noorderzon", "Groningen", PartnerSoort.VERSLAVINGSZORG, Domein.MEDISCH,
        ("verslaving", "psychische-klachten"), (GRONINGEN, LEEUWARDEN, ASSEN), 28, 4,
        "Behandeling van verslaving, met een programma voor zwangeren en jonge ouders.",
        "050-3648000", "intake@noorderzon.example",
        (DemoContact("Bram Kooistra", "Verslavingsarts", "050-3648001", "b.kooistra@noorderzon.example"),),
    ),
    DemoPartner(
        "GGZ Ommeland — perinatale psychiatrie", "Assen", PartnerSoort.GGZ, Domein.MEDISCH,
        ("postpartum-depressie", "psychische-klachten"), (ASSEN, GRONINGEN), 35, 12,
        "Psychiatrische zorg rond zwangerschap en het eerste jaar.",
        "0592-123456", "perinataal@ggzommeland.example",
        (DemoContact("Drs. Femke Brouwer", "Psychiater", "0592-123457", "f.brouwer@ggzommeland.example"),),
    ),
    DemoPartner(
        "Sociaal Team Leeuwarden-Zuid", "Leeuwarden", PartnerSoort.SOCIAAL_TEAM, Domein.SOCIAAL,
        ("huisvesting", "schulden", "opvoedondersteuning", "netwerk"), (LEEUWARDEN,), 10, 2,
        "Eerste hulp bij vragen over wonen, geld, opvoeden en het netwerk.",
        "058-2332332", "zuid@sociaalteamleeuwarden.example",
        (DemoContact("Jelle Visser", "Gezinscoach", "06 12345003", "j.visser@sociaalteamleeuwarden.example", "110090345"),),
    ),
    DemoPartner(
        "VoorZorg Noord-Nederland", "Groningen", PartnerSoort.VOORZORG, Domein.MEDISCH,
        ("zwangerschap", "tienerouders", "opvoedondersteuning"), (GRONINGEN, LEEUWARDEN, ASSEN), 14, 3,
        "Huisbezoeken door een VoorZorgverpleegkundige vanaf de zwangerschap tot het kind twee jaar is.",
        "050-3674100", "voorzorg@voorzorg-noord.example",
        (DemoContact("Nienke Postma", "VoorZorgverpleegkundige", "06 12345004", "n.postma@voorzorg-noord.example"),),
    ),
    DemoPartner(
        "Stevig Ouderschap Friesland", "Leeuwarden", PartnerSoort.STEVIG_OUDERSCHAP, Domein.MEDISCH,
        ("opvoedondersteuning", "netwerk"), (LEEUWARDEN,), 7, 1,
        "Zes huisbezoeken van ongeveer anderhalf uur voor ouders van een eerste kind.",
        "058-2334000", "stevigouderschap@ggdfriesland.example",
        (DemoContact("Baukje de Vries", "Jeugdverpleegkundige", "06 12345005", "b.devries@ggdfriesland.example"),),
    ),
    DemoPartner(
        "Ambulante begeleiding Thuis Noord", "Groningen", PartnerSoort.AMBULANTE_BEGELEIDING, Domein.SOCIAAL,
        ("lvb", "opvoedondersteuning", "tienerouders"), (GRONINGEN, ASSEN), 21, 5,
        "Begeleiding thuis bij opvoeden en huishouden, ook bij een licht verstandelijke beperking.",
        "050-3011500", "aanmelding@thuisnoord.example",
        (DemoContact("Rik Hoekstra", "Ambulant begeleider", "06 12345006", "r.hoekstra@thuisnoord.example", "110100456"),
         DemoContact("Saskia Bakker", "Teamleider", "050-3011501", "s.bakker@thuisnoord.example")),
    ),
    DemoPartner(
        "Schuldhulp Drenthe", "Assen", PartnerSoort.SCHULDHULP, Domein.SOCIAAL,
        ("schulden", "huisvesting"), (ASSEN,), 14, 16,
        "Schuldhulpverlening en budgetbeheer.",
        "0592-366000", "schuldhulp@schuldhulpdrenthe.example",
        (DemoContact("Henk Jansen", "Schuldhulpverlener", "0592-366001", "h.jansen@schuldhulpdrenthe.example"),),
    ),
]  # fmt: skip

CONVENANTEN = [
    (
        "Convenant Ketenzorg Kwetsbare Zwangeren Groningen",
        (GRONINGEN,),
        "Vroeg signaleren, elkaar raadplegen en inschakelen, en samen de zorg rond het gezin vormgeven.",
        [
            "Verloskundigenpraktijk De Wieg",
            "Huisartsenpraktijk Oosterpoort",
            "GGD Groningen — Jeugdgezondheidszorg",
            "Baby-ouder GGZ De Kleine Stap",
            "Ziekenhuis Stad en Ommeland — kinderpoli",
            "VoorZorg Noord-Nederland",
        ],
    ),
    (
        "Samenwerkingsafspraken Kansrijke Start Leeuwarden",
        (LEEUWARDEN,),
        "Eén aanspreekpunt per gezin en een warme overdracht tussen de partners.",
        [
            "Medisch Maatschappelijk Werk Friesland",
            "Sociaal Team Leeuwarden-Zuid",
            "Stevig Ouderschap Friesland",
        ],
    ),
    (
        "Convenant Kansrijke Start Drenthe",
        (ASSEN,),
        "Afspraken over signaleren, verwijzen en gegevens delen met toestemming van de cliënt.",
        ["Veilig Thuis Drenthe", "Moeder-kindhuis De Haven", "Schuldhulp Drenthe"],
    ),
]


def _zaai_diensten():
    """The service tags of migration 0002 (a flushing browser test removes them)."""
    migratie = importlib.import_module("ketenpartners.migrations.0002_diensten_seed")
    migratie.zaai_diensten(django_apps, None)


@transaction.atomic
def laad_demo_ketenpartners(vandaag: date) -> int:
    """Load the demo social map; returns how many partner profiles were new. Call it after the demo
    world (accounts.demo) and, to link the demo families' referrers, after the demo trajectories."""
    _zaai_diensten()
    diensten = {d.code: d for d in Dienst.objects.all()}
    gemeenten = {g.naam: g for g in Organisatie.objects.filter(soort=OrganisatieSoort.GEMEENTE)}
    nieuw = 0
    partners = {}
    for p in PARTNERS:
        organisatie, _aangemaakt = Organisatie.objects.get_or_create(
            naam=p.naam, defaults={"soort": OrganisatieSoort.KETENPARTNER, "plaats": p.plaats}
        )
        partner, aangemaakt = Ketenpartner.objects.get_or_create(
            organisatie=organisatie,
            defaults={
                "soort": p.soort,
                "domein": p.domein,
                "omschrijving": p.omschrijving,
                "telefoon": telefoon_normaliseren(p.telefoon),
                "email": p.email,
                "wachttijd_dagen": p.wachttijd,
                "wachttijd_bijgewerkt_op": vandaag - timedelta(weeks=p.bijgewerkt_weken_geleden)
                if p.wachttijd is not None
                else None,
            },
        )
        partners[p.naam] = partner
        if not aangemaakt:
            continue
        nieuw += 1
        partner.diensten.add(*(diensten[code] for code in p.diensten if code in diensten))
        partner.gemeenten.add(*(gemeenten[naam] for naam in p.gemeenten if naam in gemeenten))
        for c in p.contacten:
            Contactpersoon.objects.get_or_create(
                ketenpartner=partner,
                naam=c.naam,
                defaults={
                    "functie": c.functie,
                    "telefoon": telefoon_normaliseren(c.telefoon),
                    "email": c.email,
                    "skj_nummer": c.skj,
                    "skj_geldig_tot": vandaag + timedelta(days=3 * 365) if c.skj else None,
                },
            )
    for naam, namen_gemeenten, omschrijving, ondertekenaars in CONVENANTEN:
        convenant, aangemaakt = Convenant.objects.get_or_create(
            naam=naam,
            defaults={"omschrijving": omschrijving, "ingangsdatum": date(vandaag.year - 1, 3, 1)},
        )
        if aangemaakt:
            convenant.gemeenten.add(*(gemeenten[g] for g in namen_gemeenten if g in gemeenten))
        for i, partner_naam in enumerate(ondertekenaars):
            Ondertekening.objects.get_or_create(
                convenant=convenant,
                ketenpartner=partners[partner_naam],
                defaults={"getekend_op": convenant.ingangsdatum - timedelta(days=30 - i)},
            )
    _demo_ketens(vandaag)
    _demo_overdrachten()
    return nieuw


def _demo_ketens(vandaag: date):
    """The demo families' referrers as involved partners, and for active families a co-practitioner
    with the client's consent, so the chain pages and the chain view are not empty."""
    Traject = django_apps.get_model("trajecten", "Traject")
    trajecten = (
        Traject.objects.filter(aanmelding__verwijzer_organisatie__ketenpartner__isnull=False)
        .exclude(betrokkenheden__isnull=False)
        .select_related("aanmelding__verwijzer_organisatie__ketenpartner", "gezin__gemeente")
    )
    jgz = Ketenpartner.objects.filter(soort=PartnerSoort.JGZ, gemeenten__naam=GRONINGEN).first()
    for traject in trajecten:
        aanmelding = traject.aanmelding
        Betrokkenheid.objects.create(
            traject=traject,
            ketenpartner=aanmelding.verwijzer_organisatie.ketenpartner,
            rol=BetrokkenheidRol.VERWIJZER,
            verantwoordelijkheden="Heeft het gezin aangemeld; blijft aanspreekpunt voor de medische kant.",
            van=aanmelding.ontvangen_op,
            vastgelegd_door=aanmelding.ingediend_door,
        )
        if traject.status == "actief" and jgz is not None and traject.gezin.gemeente.naam == GRONINGEN:
            Betrokkenheid.objects.get_or_create(
                traject=traject,
                ketenpartner=jgz,
                rol=BetrokkenheidRol.MEDEBEHANDELAAR,
                defaults={
                    "contactpersoon": jgz.contactpersonen.first(),
                    "verantwoordelijkheden": "Consultatiebureau volgt groei en ontwikkeling; huilspreekuur. "
                    "BabythuisZorg oefent thuis met de huilsignalen en stemt elke twee weken af.",
                    "van": traject.gestart_op or vandaag,
                    "vastgelegd_door": aanmelding.ingediend_door,
                },
            )
            Toestemming.objects.get_or_create(
                traject=traject,
                ketenpartner=jgz,
                ingetrokken_op=None,
                defaults={
                    "reikwijdte": [Reikwijdte.OVERLEG, Reikwijdte.OVERDRACHT],
                    "wijze": ToestemmingWijze.SCHRIFTELIJK,
                    "gegeven_op": traject.gestart_op or vandaag,
                    "vastgelegd_door": aanmelding.ingediend_door,
                },
            )


def _demo_overdrachten():
    """The demo closures that handed a family over to a partner on the social map name that partner,
    as the closure form does, and the closed ones involve it as 'handover to' from the closing day, so
    that the chain overview counts the handovers each partner received."""
    from .services import overdracht_vastleggen

    Afsluiting = django_apps.get_model("trajecten", "Afsluiting")
    afsluitingen = Afsluiting.objects.filter(
        uitkomst="overgedragen", overgedragen_aan_partner__isnull=True
    ).select_related("traject")
    for afsluiting in afsluitingen:
        partner = Ketenpartner.objects.filter(organisatie__naam=afsluiting.overgedragen_aan).first()
        if partner is None:
            continue
        afsluiting.overgedragen_aan_partner = partner
        afsluiting.save(update_fields=["overgedragen_aan_partner"])
        if afsluiting.afgesloten_op:
            overdracht_vastleggen(
                afsluiting.traject, partner, afsluiting.afgesloten_op.date(), afsluiting.afgesloten_door
            )
