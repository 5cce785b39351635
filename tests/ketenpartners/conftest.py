import pytest

from ketenpartners.models import Contactpersoon
from tests.trajecten.conftest import verzoek

from .factories import ContactpersoonFactory, DienstFactory, KetenpartnerFactory


@pytest.fixture
def als():
    return verzoek


@pytest.fixture
def traject(gebruikers):
    """A referred trajectory of a family in Groningen with Kraamzorg Noord (as in the trajectory tests)."""
    from tests.factories import AanmeldingFactory, TrajectFactory

    traject = TrajectFactory(
        gezin__gemeente=gebruikers["casemanager"].organisatie, aanbieder=gebruikers["coordinator"].organisatie
    )
    AanmeldingFactory(traject=traject, ingediend_door=gebruikers["coordinator"])
    return traject


@pytest.fixture
def huilbaby(db):
    return DienstFactory()


@pytest.fixture
def partner(gemeente, huilbaby):
    """A partner working in the family's municipality (Groningen), with one contact person."""
    partner = KetenpartnerFactory(
        organisatie__naam="GGD Groningen — JGZ", gemeenten=[gemeente], diensten=[huilbaby]
    )
    ContactpersoonFactory(ketenpartner=partner, naam="Anouk van Dijk")
    return partner


@pytest.fixture
def verre_partner(andere_gemeente):
    """A partner that works only in Assen: as regievoerder for a Groningen family it needs SKJ."""
    partner = KetenpartnerFactory(
        organisatie__naam="Moeder-kindhuis De Haven",
        soort="moeder_kindhuis",
        domein="sociaal",
        gemeenten=[andere_gemeente],
    )
    ContactpersoonFactory(ketenpartner=partner, naam="Marjolein Kuiper", functie="Ambulant begeleider")
    ContactpersoonFactory(ketenpartner=partner, naam="Gerda Smit", functie="Gezinsvoogd", skj=True)
    return partner


def contact(partner, naam) -> Contactpersoon:
    return partner.contactpersonen.get(naam=naam)
