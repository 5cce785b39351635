import pytest
from django.test import RequestFactory

from tests.factories import AanmeldingFactory, ContractFactory, TrajectFactory


def verzoek(user):
    """A request as the services get it from a view: the user (with both factors) and an address."""
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.5")
    user.is_verified = lambda: True
    request.user = user
    return request


@pytest.fixture
def als():
    return verzoek


@pytest.fixture
def traject(gebruikers):
    """A referred trajectory of a family in Groningen with Kraamzorg Noord, and their contract."""
    traject = TrajectFactory(
        gezin__gemeente=gebruikers["casemanager"].organisatie, aanbieder=gebruikers["coordinator"].organisatie
    )
    AanmeldingFactory(traject=traject, ingediend_door=gebruikers["coordinator"])
    ContractFactory(gemeente=traject.gezin.gemeente, aanbieder=traject.aanbieder)
    return traject
