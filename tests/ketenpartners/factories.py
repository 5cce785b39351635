"""Factories for the social map and the chain around a trajectory, with Dutch data."""

from datetime import timedelta

import factory
from django.utils.timezone import localdate

from ketenpartners.constants import (
    Aanleiding,
    BetrokkenheidRol,
    Domein,
    PartnerSoort,
    Reikwijdte,
    ToestemmingWijze,
)
from tests.factories import OrganisatieFactory, TrajectFactory, UserFactory


class DienstFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ketenpartners.Dienst"
        django_get_or_create = ["code"]

    code = "huilbaby"
    naam = "Huilbaby / excessief huilen"


class KetenpartnerFactory(factory.django.DjangoModelFactory):
    """A youth health care partner with a fresh waiting time of a week; ``gemeenten`` and ``diensten``
    take lists. Trait ``verouderd``: the waiting time was last confirmed twenty weeks ago."""

    class Meta:
        model = "ketenpartners.Ketenpartner"
        skip_postgeneration_save = True

    organisatie = factory.SubFactory(OrganisatieFactory, ketenpartner=True)
    soort = PartnerSoort.JGZ
    domein = Domein.MEDISCH
    omschrijving = "Consultatiebureau en huilspreekuur."
    telefoon = "+31503674000"
    email = factory.Sequence(lambda n: f"info{n}@partner.example")
    wachttijd_dagen = 7
    wachttijd_bijgewerkt_op = factory.LazyFunction(localdate)

    class Params:
        verouderd = factory.Trait(
            wachttijd_bijgewerkt_op=factory.LazyFunction(lambda: localdate() - timedelta(weeks=20))
        )

    @factory.post_generation
    def gemeenten(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.gemeenten.set(extracted)

    @factory.post_generation
    def diensten(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.diensten.set(extracted)


class ContactpersoonFactory(factory.django.DjangoModelFactory):
    """A contact person without SKJ registration; trait ``skj`` registers her for two more years."""

    class Meta:
        model = "ketenpartners.Contactpersoon"

    ketenpartner = factory.SubFactory(KetenpartnerFactory)
    naam = factory.Faker("name", locale="nl_NL")
    functie = "Jeugdverpleegkundige"
    telefoon = "+31612345678"
    email = factory.Sequence(lambda n: f"contact{n}@partner.example")

    class Params:
        skj = factory.Trait(
            skj_nummer=factory.Sequence(lambda n: f"{110000000 + n}"),
            skj_geldig_tot=factory.LazyFunction(lambda: localdate() + timedelta(days=730)),
        )


class ConvenantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ketenpartners.Convenant"
        django_get_or_create = ["naam"]
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Convenant Kansrijke Start {n}")
    omschrijving = "Vroeg signaleren, elkaar raadplegen en samen de zorg vormgeven."
    ingangsdatum = factory.LazyFunction(lambda: localdate() - timedelta(days=365))

    @factory.post_generation
    def gemeenten(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.gemeenten.set(extracted)


class OndertekeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ketenpartners.Ondertekening"

    convenant = factory.SubFactory(ConvenantFactory)
    ketenpartner = factory.SubFactory(KetenpartnerFactory)
    getekend_op = factory.LazyAttribute(lambda o: o.convenant.ingangsdatum)


class BetrokkenheidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ketenpartners.Betrokkenheid"

    traject = factory.SubFactory(TrajectFactory)
    ketenpartner = factory.SubFactory(KetenpartnerFactory)
    rol = BetrokkenheidRol.MEDEBEHANDELAAR
    verantwoordelijkheden = (
        "Consultatiebureau volgt de groei; BabythuisZorg oefent thuis met de huilsignalen."
    )
    van = factory.LazyFunction(localdate)
    vastgelegd_door = factory.SubFactory(UserFactory)


class ToestemmingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ketenpartners.Toestemming"

    traject = factory.SubFactory(TrajectFactory)
    ketenpartner = factory.SubFactory(KetenpartnerFactory)
    reikwijdte = factory.LazyFunction(lambda: [Reikwijdte.OVERDRACHT, Reikwijdte.OVERLEG])
    wijze = ToestemmingWijze.SCHRIFTELIJK
    gegeven_op = factory.LazyFunction(localdate)
    vastgelegd_door = factory.SubFactory(UserFactory)


class OverdrachtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ketenpartners.Overdracht"

    traject = factory.SubFactory(TrajectFactory)
    ketenpartner = factory.SubFactory(KetenpartnerFactory)
    aanleiding = Aanleiding.AFSLUITING
    doelen = "- Huilgedrag: moeder herkent de huilsignalen (start 3, nu 6, doel 7)"
    netwerk = "- Oma Janny (familie): boodschappen op dinsdag"
    wens_gezin = "Dat de nieuwe hulpverlener weet dat inbakeren goed werkt."
    opgesteld_door = factory.SubFactory(UserFactory)


class VerstrekkingFactory(factory.django.DjangoModelFactory):
    """A handover shared with its partner, on the strength of that partner's consent in that trajectory."""

    class Meta:
        model = "ketenpartners.Verstrekking"

    overdracht = factory.SubFactory(OverdrachtFactory)
    toestemming = factory.SubFactory(
        ToestemmingFactory,
        traject=factory.SelfAttribute("..overdracht.traject"),
        ketenpartner=factory.SelfAttribute("..overdracht.ketenpartner"),
    )
    gedeeld_door = factory.SubFactory(UserFactory)


class KetenoverlegFactory(factory.django.DjangoModelFactory):
    """A chain meeting about a family (issue 13)."""

    class Meta:
        model = "ketenpartners.Ketenoverleg"

    traject = factory.SubFactory(TrajectFactory)
    datum = factory.LazyFunction(localdate)
    overige_deelnemers = "moeder, casemanager, kraamverzorgende"
    besluiten = "JGZ volgt de groei; over zes weken opnieuw."
    vastgelegd_door = factory.SubFactory(UserFactory)
