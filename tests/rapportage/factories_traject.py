"""A trajectory with everything a Trajectrapport shows, and the facts a test expects to find (or not)."""

from dataclasses import dataclass, field
from datetime import time, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils.timezone import localdate

from core.validators import telefoon_normaliseren
from ketenpartners.models import Ketenpartner
from tests.factories import (
    AanmeldingFactory,
    AfsluitingFactory,
    BabyFactory,
    EvaluatieDoelFactory,
    EvaluatieFactory,
    HuisbezoekFactory,
    HuisbezoekVoortgangFactory,
    IndicatieFactory,
    MeldcodeRegistratieFactory,
    NetwerkLidFactory,
    NetwerkplanFactory,
    OndersteuningsplanFactory,
    OuderFactory,
    SignaalFactory,
    TrajectFactory,
    UserFactory,
    ZorgdoelFactory,
)
from tests.ketenpartners.factories import BetrokkenheidFactory, ContactpersoonFactory, KetenpartnerFactory
from trajecten.zorg import bezoektijden, dienst_van

# A valid BSN (elfproef) with final digits that no figure in the report happens to contain.
BSN = "123456782"
MOEDER = ("Yasmina", "Bakkerhuis")
STRAAT, POSTCODE, TELEFOON = "Zonnebloemstraat", "9722 ZX", "06 28765432"
TARIEF = Decimal("58.50")


@dataclass
class Feiten:
    traject: object
    uren_geleverd: Decimal = Decimal(0)
    kosten: Decimal = Decimal(0)
    doelen: list[str] = field(default_factory=list)
    # Strings only the full report may contain: names, contact details, free text.
    persoonlijk: list[str] = field(default_factory=list)


def volledig_traject(*, gemeente, aanbieder, aantal: int = 1) -> Feiten:
    """An active trajectory of eight weeks with two indication versions (the second beyond the first
    birthday), ``aantal`` day visits plus one night visit, goals, evaluations and signals, a network
    plan, an involved partner and a proposed closure."""
    vandaag = localdate()
    begin = vandaag - timedelta(weeks=8)
    medewerker = UserFactory(first_name="Ingrid", last_name="Veenstra")
    traject = TrajectFactory(
        gezin__gemeente=gemeente,
        gezin__straat=STRAAT,
        gezin__huisnummer="17",
        gezin__postcode=POSTCODE,
        aanbieder=aanbieder,
        status="actief",
        regie_naam="Jolanda de Groot",
        regie_skj="1234567",
        gestart_op=begin,
        gezinsleden=False,
    )
    OuderFactory(
        gezin=traject.gezin,
        voornaam=MOEDER[0],
        achternaam=MOEDER[1],
        bsn=BSN,
        telefoon=telefoon_normaliseren(TELEFOON),
    )
    baby = BabyFactory(gezin=traject.gezin, voornaam="Lieke", geboortedatum=begin - timedelta(weeks=2))
    AanmeldingFactory(
        traject=traject,
        ontvangen_op=begin - timedelta(days=10),
        hulpvraag="Yasmina is alleen met Lieke en vraagt hulp bij de nachten.",
    )
    feiten = Feiten(traject=traject)

    wissel = vandaag - timedelta(weeks=4)
    eerste = IndicatieFactory(
        traject=traject,
        van=begin,
        tot=wissel - timedelta(days=1),
        oorspronkelijk_tot=begin + relativedelta(months=4),
        uren_per_week=Decimal("10"),
        uurtarief=TARIEF,
        budget=Decimal("6900"),
        beschikkingsnummer="WMO-2026-04711",
    )
    IndicatieFactory(
        traject=traject,
        vorige=eerste,
        wijziging="opschalen",
        beschikkingsnummer="WMO-2026-04711",
        van=wissel,
        tot=baby.geboortedatum + relativedelta(years=1, months=1),
        uren_per_week=Decimal("14"),
        uurtarief=TARIEF,
        budget=Decimal("40000"),
        motivatie_na_eerste_verjaardag="Moeder start pas in juni met behandeling bij de GGZ.",
    )

    plan = OndersteuningsplanFactory(traject=traject, versie=1, woorden_ouders="Wij willen weer slapen.")
    doelen = [
        ZorgdoelFactory(plan=plan, thema="huilgedrag", omschrijving=f"Moeder herkent huilsignaal nummer {n}.")
        for n in range(1, aantal + 1)
    ]
    feiten.doelen = [d.omschrijving for d in doelen]

    # Day visits on consecutive days in the second indication, one night visit in the first.
    dagen = [vandaag - timedelta(days=2 + n) for n in range(aantal)]
    bezoeken = [bezoektijden(dag, time(10), time(12)) for dag in dagen]
    bezoeken.append(bezoektijden(begin + timedelta(days=3), time(23), time(7)))
    for start, eind in bezoeken:
        bezoek = HuisbezoekFactory(
            traject=traject,
            medewerker=medewerker,
            start=start,
            eind=eind,
            dienst=dienst_van(start, eind),
            verslag="Yasmina sliep eindelijk vier uur achter elkaar.",
        )
        uren = Decimal((eind - start).total_seconds() / 3600)
        feiten.uren_geleverd += uren
        feiten.kosten += uren * TARIEF
        for doel in doelen:
            HuisbezoekVoortgangFactory(bezoek=bezoek, doel=doel, score=5)

    for n in range(aantal):
        evaluatie = EvaluatieFactory(
            traject=traject,
            gepland_op=begin + timedelta(weeks=2 + n),
            gehouden_op=begin + timedelta(weeks=2 + n),
            conclusie="voortzetten",
            deelnemers="Yasmina Bakkerhuis, Ingrid Veenstra",
            toelichting="Het gaat beter, de nachten blijven zwaar.",
        )
        for doel in doelen:
            EvaluatieDoelFactory(
                evaluatie=evaluatie, doel=doel, realisatie=5 + n, opmerking="Oma Truus helpt."
            )
    EvaluatieFactory(traject=traject, gepland_op=vandaag + timedelta(weeks=2), eindevaluatie=True)

    for _n in range(aantal):
        signaal = SignaalFactory(
            traject=traject,
            categorie="postpartum",
            ernst="ernstig",
            beschrijving="Yasmina huilt veel en slaapt niet.",
            acties="Huisarts gebeld.",
            gemeld_door=medewerker,
        )
        MeldcodeRegistratieFactory(signaal=signaal, stap=1, notitie="Signalen besproken met Yasmina.")

    NetwerkLidFactory(traject=traject, naam="Truus Bakkerhuis", relatie="familie", afgesproken=True)
    NetwerkLidFactory(traject=traject, naam="Buurvrouw Henny", relatie="buren", bereikbaar="06 11223344")
    NetwerkplanFactory(traject=traject, woorden_ouders="Oma Truus komt elke woensdag.")

    # One partner organisation serves every family built here (organisations are get-or-create by name).
    partner = Ketenpartner.objects.filter(
        organisatie__naam="GGD Groningen — JGZ"
    ).first() or KetenpartnerFactory(organisatie__naam="GGD Groningen — JGZ", gemeenten=[gemeente])
    contact = ContactpersoonFactory(ketenpartner=partner, naam="Anouk van Dijk")
    BetrokkenheidFactory(traject=traject, ketenpartner=partner, contactpersoon=contact, van=begin)

    AfsluitingFactory(
        traject=traject,
        uitkomst="overgedragen",
        overgedragen_aan="Petra Smeenk, GGZ Noord",
        tevredenheid_client=9,
        tevredenheid_partner=8,
    )

    feiten.uren_geleverd = feiten.uren_geleverd.quantize(Decimal("0.01"))
    feiten.kosten = feiten.kosten.quantize(Decimal("0.01"))
    feiten.persoonlijk = [
        *MOEDER,
        BSN,
        "*****" + BSN[-4:],
        STRAAT,
        POSTCODE,
        TELEFOON,
        "Lieke",
        "Jolanda de Groot",
        "Ingrid Veenstra",
        "Truus",
        "Henny",
        "06 11223344",
        "Anouk van Dijk",
        "Petra Smeenk",
        "WMO-2026-04711",
        "pas in juni",  # the free-text motivation
        "huilsignaal",  # goal descriptions
        "Huisarts gebeld",
        "slaapt niet",
    ]
    return feiten
