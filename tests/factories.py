"""Factories for every model, with Dutch names and places. Traits describe a lifecycle or a flaw."""

import factory
from dateutil.relativedelta import relativedelta
from django.utils.timezone import localdate
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.constants import Expertise, OrganisatieSoort, Rol, Taal, TeamSoort
from accounts.models import Lidmaatschap, MedewerkerProfiel, Organisatie, Team, User
from core.constants import Gebeurtenis, Uitkomst
from core.models import Toegangslog

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


def lid(rol: str, organisatie: Organisatie | None, **user_kwargs) -> User:
    """A user with one role in one organisation (and a TOTP device)."""
    user = UserFactory(**user_kwargs)
    LidmaatschapFactory(user=user, organisatie=organisatie, rol=rol)
    if rol == Rol.MEDEWERKER:
        MedewerkerProfielFactory(user=user)
    return user
