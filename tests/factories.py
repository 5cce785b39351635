"""Factories for every model, with Dutch names and places. Traits describe a lifecycle or a flaw."""

import hashlib
from datetime import timedelta
from decimal import Decimal

import factory
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.timezone import localdate
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.constants import Expertise, OrganisatieSoort, Rol, Taal, TeamSoort
from accounts.models import Lidmaatschap, MedewerkerProfiel, Organisatie, Team, User
from core.constants import Gebeurtenis, Uitkomst
from core.models import PriveBestand, Toegangslog

TEST_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"
WACHTWOORD = "Test-wachtwoord-2026"


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie
        django_get_or_create = ["naam"]

    naam = factory.Sequence(lambda n: f"Gemeente Testdorp {n}")
    soort = OrganisatieSoort.GEMEENTE
    gemeentecode = factory.Sequence(lambda n: f"{9000 + n % 1000:04d}")
    plaats = factory.Faker("city", locale="nl_NL")

    class Params:
        zorgaanbieder = factory.Trait(
            soort=OrganisatieSoort.ZORGAANBIEDER,
            naam=factory.Sequence(lambda n: f"Kraamzorg Test {n}"),
            gemeentecode="",
            vog_max_maanden=36,
        )
        ketenpartner = factory.Trait(
            soort=OrganisatieSoort.KETENPARTNER,
            naam=factory.Sequence(lambda n: f"Verloskundigenpraktijk Test {n}"),
            gemeentecode="",
        )


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisatie = factory.SubFactory(OrganisatieFactory)
    naam = factory.Sequence(lambda n: f"Sociaal team {n}")
    soort = TeamSoort.SOCIAAL_TEAM


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@test.babythuiszorg.example")
    password = factory.PostGenerationMethodCall("set_password", WACHTWOORD)

    @factory.post_generation
    def totp(obj, create, extracted, **kwargs):
        """Every user gets a confirmed TOTP device unless totp=False."""
        obj.save()
        if create and extracted is not False:
            TOTPDevice.objects.create(user=obj, name="default", key=TEST_TOTP_KEY_HEX, confirmed=True)


class LidmaatschapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    user = factory.SubFactory(UserFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
    rol = Rol.CASEMANAGER


class MedewerkerProfielFactory(factory.django.DjangoModelFactory):
    """A fully qualified kraamverzorgende; traits give her one flaw each."""

    class Meta:
        model = MedewerkerProfiel

    user = factory.SubFactory(UserFactory)
    kckz_nummer = factory.Sequence(lambda n: f"KCKZ-{200000 + n}")
    kckz_geldig_tot = factory.LazyFunction(lambda: localdate() + relativedelta(years=2))
    vog_datum = factory.LazyFunction(lambda: localdate() - relativedelta(months=6))
    basistraining_datum = factory.LazyFunction(lambda: localdate() - relativedelta(months=3))
    jaren_ervaring = 5
    expertises = factory.LazyFunction(lambda: [Expertise.HUILBABY])
    talen = factory.LazyFunction(lambda: [Taal.NEDERLANDS])
    regio = "Groningen"
    contracturen_per_week = 24

    class Params:
        kckz_verlopen = factory.Trait(
            kckz_geldig_tot=factory.LazyFunction(lambda: localdate() - relativedelta(days=1))
        )
        vog_te_oud = factory.Trait(
            vog_datum=factory.LazyFunction(lambda: localdate() - relativedelta(years=5))
        )
        zonder_basistraining = factory.Trait(basistraining_datum=None)
        nacht = factory.Trait(nachtbeschikbaar=True)


class ToegangslogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Toegangslog

    gebeurtenis = Gebeurtenis.LEZEN
    uitkomst = Uitkomst.TOEGESTAAN
    gebruiker = factory.SubFactory(UserFactory)
    gebruikersnaam = factory.LazyAttribute(lambda o: o.gebruiker.username)
    rol = Rol.COORDINATOR
    organisatie = factory.SubFactory(OrganisatieFactory, zorgaanbieder=True)
    gezin_id = factory.Sequence(lambda n: 1000 + n)
    omschrijving = "gezinsdossier gelezen"
    pad = "/trajecten/1/"
    ip_adres = "192.0.2.10"


class PriveBestandFactory(factory.django.DjangoModelFactory):
    """A private file as the storage writes it (core.opslag); tests usually save through the storage."""

    class Meta:
        model = PriveBestand

    naam = factory.Sequence(lambda n: f"rapporten/{n:08d}-0000-0000-0000-000000000000.pdf")
    inhoud = b"%PDF-1.7 proef"
    grootte = factory.LazyAttribute(lambda o: len(o.inhoud))
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.inhoud).hexdigest())


class ToegangslogOpschoningFactory(factory.django.DjangoModelFactory):
    """A purge record as toegangslog_opschonen writes it: rows older than five years and a day removed."""

    class Meta:
        model = "core.ToegangslogOpschoning"

    grens = factory.LazyFunction(lambda: timezone.now() - relativedelta(years=5, days=1))
    aantal = 120
    uitgevoerd_door = "bz_app"


def lid(rol: str, organisatie: Organisatie | None, **user_kwargs) -> User:
    """A user with one role in one organisation (and a TOTP device)."""
    user = UserFactory(**user_kwargs)
    LidmaatschapFactory(user=user, organisatie=organisatie, rol=rol)
    if rol == Rol.MEDEWERKER:
        MedewerkerProfielFactory(user=user)
    return user


# --- Trajectories (issue 3) ---


def geldig_bsn(n: int) -> str:
    """A BSN that passes the elfproef, derived from a sequence number (never a real person's on purpose)."""
    basis = f"{(100000000 + n * 7919) % 1000000000:09d}"[:8]
    for laatste in range(10):
        kandidaat = basis + str(laatste)
        totaal = sum(int(c) * w for c, w in zip(kandidaat[:8], range(9, 1, -1), strict=True)) - int(
            kandidaat[8]
        )
        if totaal % 11 == 0 and kandidaat[0] != "0":
            return kandidaat
    return geldig_bsn(n + 1)


class GezinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trajecten.Gezin"

    gemeente = factory.SubFactory(OrganisatieFactory)
    straat = factory.Faker("street_name", locale="nl_NL")
    huisnummer = factory.Sequence(lambda n: str(n % 200 + 1))
    postcode = factory.Sequence(lambda n: f"{9700 + n % 90} AB")
    woonplaats = "Groningen"
    taal = Taal.NEDERLANDS
    eerste_kind = True


class OuderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trajecten.Ouder"

    gezin = factory.SubFactory(GezinFactory)
    rol = "moeder"
    voornaam = factory.Faker("first_name_female", locale="nl_NL")
    achternaam = factory.Faker("last_name", locale="nl_NL")
    geboortedatum = factory.LazyFunction(lambda: localdate() - relativedelta(years=22))
    bsn = factory.Sequence(geldig_bsn)
    opleidingsniveau = "vmbo_t"


class BabyFactory(factory.django.DjangoModelFactory):
    """Born three weeks ago; trait ``verwacht`` for an unborn baby due in two months."""

    class Meta:
        model = "trajecten.Baby"

    gezin = factory.SubFactory(GezinFactory)
    voornaam = factory.Faker("first_name", locale="nl_NL")
    geboortedatum = factory.LazyFunction(lambda: localdate() - relativedelta(weeks=3))
    uitgerekende_datum = None

    class Params:
        verwacht = factory.Trait(
            voornaam="",
            geboortedatum=None,
            uitgerekende_datum=factory.LazyFunction(lambda: localdate() + relativedelta(months=2)),
        )


class TrajectFactory(factory.django.DjangoModelFactory):
    """A trajectory in state aangemeld, with a mother and a baby. Traits move it along its lifecycle."""

    class Meta:
        model = "trajecten.Traject"
        skip_postgeneration_save = True

    gezin = factory.SubFactory(GezinFactory)
    aanbieder = factory.SubFactory(OrganisatieFactory, zorgaanbieder=True)
    status = "aangemeld"

    class Params:
        intake = factory.Trait(status="intake")
        indicatie_aangevraagd = factory.Trait(status="indicatie_aangevraagd")

    @factory.post_generation
    def gezinsleden(obj, create, extracted, **kwargs):
        if create and extracted is not False and not obj.gezin.ouders.exists():
            OuderFactory(gezin=obj.gezin)
            BabyFactory(gezin=obj.gezin)


class AanmeldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trajecten.Aanmelding"

    traject = factory.SubFactory(TrajectFactory)
    verwijzer_soort = "verloskundige"
    verwijzer_naam = "Verloskundigenpraktijk De Wieg"
    hulpvraag = "Moeder is alleen, weinig netwerk, baby huilt veel. Vraagt hulp bij dagstructuur."
    kwetsbaarheden = factory.LazyFunction(lambda: ["geen_netwerk", "huilbaby"])
    urgentie = "normaal"
    toestemming_client = True
    ontvangen_op = factory.LazyFunction(localdate)
    ingediend_door = factory.SubFactory(UserFactory)


class ToewijzingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trajecten.Toewijzing"

    traject = factory.SubFactory(TrajectFactory)
    medewerker = factory.SubFactory(UserFactory)
    van = factory.LazyFunction(localdate)
    tot = None
    eerste_aanspreekpunt = False
    toegewezen_door = factory.SubFactory(UserFactory)


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "indicaties.Contract"

    gemeente = factory.SubFactory(OrganisatieFactory)
    aanbieder = factory.SubFactory(OrganisatieFactory, zorgaanbieder=True)
    uurtarief = Decimal("58.50")
    geldig_van = factory.LazyFunction(lambda: localdate() - relativedelta(years=1))
    geldig_tot = None


class IndicatieAanvraagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "indicaties.IndicatieAanvraag"

    traject = factory.SubFactory(TrajectFactory, indicatie_aangevraagd=True)
    product = "regulier"
    gewenste_start = factory.LazyFunction(localdate)
    gewenste_eind = factory.LazyFunction(lambda: localdate() + relativedelta(months=4))
    uren_per_week = Decimal("12")
    toelichting = "Ondersteuning bij dagstructuur en huilgedrag."
    aangevraagd_door = factory.SubFactory(UserFactory)


class IndicatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "indicaties.Indicatie"

    traject = factory.SubFactory(TrajectFactory, indicatie_aangevraagd=True)
    beschikkingsnummer = factory.Sequence(lambda n: f"WMO-2026-{n:05d}")
    product = "regulier"
    van = factory.LazyFunction(localdate)
    tot = factory.LazyFunction(lambda: localdate() + relativedelta(months=4))
    oorspronkelijk_tot = factory.LazyAttribute(lambda o: o.tot)
    uren_per_week = Decimal("12")
    uurtarief = Decimal("58.50")
    budget = Decimal("12000")
    afgegeven_door = factory.SubFactory(UserFactory)


class IntakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trajecten.Intake"

    traject = factory.SubFactory(TrajectFactory, intake=True)
    datum = factory.LazyFunction(localdate)
    uitgevoerd_door = factory.SubFactory(UserFactory)
    client_visie = "Ik wil rust in huis en weten wat de baby nodig heeft."
    risiconiveau = "midden"
    conclusie = "Praktische steun en netwerkversterking."
    componenten = factory.LazyFunction(lambda: ["aanvullen", "eigen_kracht"])


class IntakeFactorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trajecten.IntakeFactor"

    intake = factory.SubFactory(IntakeFactory)
    factor = "netwerk"
    inschatting = "risico"
    ernst = 2


class StatusOvergangFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trajecten.StatusOvergang"

    traject = factory.SubFactory(TrajectFactory)
    van = "aangemeld"
    naar = "intake"
    door = factory.SubFactory(UserFactory)
    reden = "geaccepteerd voor intake"


class VoorzieningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "indicaties.Voorziening"
        django_get_or_create = ["naam"]

    naam = factory.Sequence(lambda n: f"Programma {n}")
    omschrijving = "Huisbezoeken door een jeugdverpleegkundige."
    doelgroep = "Jonge moeders"
    intensiteit = "2 huisbezoeken per maand"
    kosten_omschrijving = "€ 2.000 per traject"
    kosten_bedrag = Decimal(2000)
    kostensoort = "per_traject"
    prijspeil = 2023


class CriteriumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "indicaties.Criterium"

    voorziening = factory.SubFactory(VoorzieningFactory)
    omschrijving = "Eerste kind"
    feit = "eerste_kind"
    operator = "eq"
    waarde = "ja"


class OndersteuningsplanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trajecten.Ondersteuningsplan"

    traject = factory.SubFactory(
        TrajectFactory, status="actief", regie_naam="J. de Groot", regie_skj="1234567"
    )
    versie = factory.Sequence(lambda n: n + 1)
    overeengekomen_op = factory.LazyFunction(localdate)
    woorden_ouders = "Meer rust in huis."
    vastgelegd_door = factory.SubFactory(UserFactory)


class ZorgdoelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trajecten.Zorgdoel"

    plan = factory.SubFactory(OndersteuningsplanFactory)
    thema = "huilgedrag"
    omschrijving = "Moeder herkent de huilsignalen."
    startscore = 3
    doelscore = 7


class HuisbezoekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trajecten.Huisbezoek"

    traject = factory.SubFactory(
        TrajectFactory, status="actief", regie_naam="J. de Groot", regie_skj="1234567"
    )
    medewerker = factory.SubFactory(UserFactory)
    start = factory.Sequence(lambda n: timezone.now() - timedelta(days=n + 1, hours=3))
    eind = factory.LazyAttribute(lambda o: o.start + timedelta(hours=2))
    dienst = "dag"
    verslag = "Samen gevoed en gebadderd."


class HuisbezoekVoortgangFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trajecten.HuisbezoekVoortgang"

    bezoek = factory.SubFactory(HuisbezoekFactory)
    doel = factory.SubFactory(ZorgdoelFactory)
    score = 5


class BudgetUitzonderingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trajecten.BudgetUitzondering"

    indicatie = factory.SubFactory(IndicatieFactory)
    reden = "Opname moeder-kindhuis uitgesteld."
    door = factory.SubFactory(UserFactory)


class VerhuizingFactory(factory.django.DjangoModelFactory):
    """A move as recorded (the row only: trajecten.verhuizing also moves the family)."""

    class Meta:
        model = "trajecten.Verhuizing"

    gezin = factory.SubFactory(GezinFactory)
    datum = factory.LazyFunction(lambda: localdate() - timedelta(days=7))
    oude_gemeente = factory.LazyAttribute(lambda o: o.gezin.gemeente)
    nieuwe_gemeente = factory.SubFactory(OrganisatieFactory)
    oud_adres = "Oosterstraat 12, 9711 NP Groningen"
    nieuwe_casemanager = factory.SubFactory(UserFactory)
    vastgelegd_door = factory.SubFactory(UserFactory)


class NetwerkLidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trajecten.NetwerkLid"

    traject = factory.SubFactory(TrajectFactory)
    naam = factory.Faker("name", locale="nl_NL")
    relatie = "familie"
    steun = factory.LazyFunction(lambda: ["slaap_waakritme"])
    wanneer = factory.LazyFunction(lambda: ["middag"])
    bereikbaar = "06 12345678"


class NetwerkplanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trajecten.Netwerkplan"

    traject = factory.SubFactory(TrajectFactory)
    afgesproken_op = factory.LazyFunction(localdate)
    woorden_ouders = "Oma helpt op woensdag."


class EvaluatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trajecten.Evaluatie"

    traject = factory.SubFactory(TrajectFactory)
    gepland_op = factory.LazyFunction(lambda: localdate() + timedelta(weeks=6))


class EvaluatieDoelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trajecten.EvaluatieDoel"

    evaluatie = factory.SubFactory(EvaluatieFactory)
    doel = factory.SubFactory(ZorgdoelFactory)
    realisatie = 6


class SignaalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trajecten.Signaal"

    traject = factory.SubFactory(TrajectFactory)
    categorie = "medisch"
    ernst = "laag"
    beschrijving = "Baby heeft verhoging."
    gemeld_door = factory.SubFactory(UserFactory)

    class Params:
        ernstig = factory.Trait(ernst="ernstig", categorie="postpartum")


class MeldcodeRegistratieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trajecten.MeldcodeRegistratie"

    signaal = factory.SubFactory(SignaalFactory)
    stap = 1
    datum = factory.LazyFunction(localdate)
    door = factory.SubFactory(UserFactory)
    notitie = "Signalen in kaart gebracht."


class AfsluitingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trajecten.Afsluiting"

    traject = factory.SubFactory(TrajectFactory)
    uitkomst = "zelfredzaam"
    voorgesteld_door = factory.SubFactory(UserFactory)


class MeldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "core.Melding"

    gebruiker = factory.SubFactory(UserFactory)
    tekst = "Ernstig signaal in traject BTZ-000001"
    url = "/"


class RapportFactory(factory.django.DjangoModelFactory):
    """A queued trajectory report; ``periode=True`` makes a municipality's period report instead."""

    class Meta:
        model = "rapportage.Rapport"

    soort = "traject"
    traject = factory.SubFactory(TrajectFactory)
    aangevraagd_door = factory.SubFactory(UserFactory)

    class Params:
        periode = factory.Trait(
            soort="periode",
            traject=None,
            gemeente=factory.SubFactory(OrganisatieFactory),
            periode_van=factory.LazyFunction(lambda: localdate().replace(day=1)),
            periode_tot=factory.LazyFunction(localdate),
            pseudoniem=True,
        )


class RegioFactory(factory.django.DjangoModelFactory):
    """A named group of municipalities for the programme evaluation (issue 13)."""

    class Meta:
        model = "rapportage.Regio"
        django_get_or_create = ["naam"]

    naam = factory.Sequence(lambda n: f"Regio Noord {n}")
