import pytest
from django_otp import DEVICE_ID_SESSION_KEY

from accounts.constants import Rol
from tests.factories import OrganisatieFactory, lid


@pytest.fixture(autouse=True)
def _lege_cache():
    """Dashboards are cached per organisation and day: no test sees another test's figures."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def gemeente(db):
    return OrganisatieFactory(naam="Gemeente Groningen", gemeentecode="0014", plaats="Groningen")


@pytest.fixture
def andere_gemeente(db):
    return OrganisatieFactory(naam="Gemeente Assen", gemeentecode="0106", plaats="Assen")


@pytest.fixture
def aanbieder(db):
    return OrganisatieFactory(zorgaanbieder=True, naam="Kraamzorg Noord", plaats="Groningen")


@pytest.fixture
def andere_aanbieder(db):
    return OrganisatieFactory(zorgaanbieder=True, naam="Kraamzorg De Wadden", plaats="Leeuwarden")


@pytest.fixture
def gebruikers(gemeente, andere_gemeente, aanbieder, andere_aanbieder):
    """One user per role, and the same roles in another municipality and provider."""
    return {
        "casemanager": lid(Rol.CASEMANAGER, gemeente, username="cm"),
        "rapportage": lid(Rol.GEMEENTE_RAPPORTAGE, gemeente, username="rap"),
        "coordinator": lid(Rol.COORDINATOR, aanbieder, username="coord"),
        "medewerker": lid(Rol.MEDEWERKER, aanbieder, username="mw"),
        "beheerder": lid(Rol.BEHEERDER, aanbieder, username="beheer"),
        "globale_beheerder": lid(Rol.BEHEERDER, None, username="beheer.landelijk"),
        "andere_casemanager": lid(Rol.CASEMANAGER, andere_gemeente, username="cm.assen"),
        "andere_coordinator": lid(Rol.COORDINATOR, andere_aanbieder, username="coord.wadden"),
        "andere_beheerder": lid(Rol.BEHEERDER, andere_aanbieder, username="beheer.wadden"),
        "toegewezen_medewerker": lid(Rol.MEDEWERKER, aanbieder, username="mw.toegewezen"),
    }


def login_with_two_factors(client, user):
    """Log the test client in as ``user`` with a verified second factor (as after the TOTP step)."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = user.totpdevice_set.get().persistent_id
    session.save()
    return client


@pytest.fixture
def cache_onbereikbaar(settings):
    """The shared cache (Redis) down: a port where nothing listens, checked to refuse."""
    from django.core.cache import cache
    from redis.exceptions import RedisError

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    with pytest.raises(RedisError):
        cache.get("proef")  # the cache is really down


@pytest.fixture
def login():
    return login_with_two_factors


@pytest.fixture
def celery_werker(transactional_db):
    """A real Celery worker (solo pool, in this process) on the real Redis, on this run's own queue.
    Tests that use it commit their data (transactional_db): the worker reads it through its own
    connection, as in production."""
    from celery.contrib.testing.worker import start_worker
    from django.conf import settings

    from config.celery_app import app

    wachtrijen = [settings.CELERY_TASK_DEFAULT_QUEUE, settings.RAPPORT_WACHTRIJ]
    with start_worker(
        app, pool="solo", perform_ping_check=False, shutdown_timeout=30, queues=wachtrijen
    ) as werker:
        yield werker
