"""Outages end in a clear Dutch page: a real PostgreSQL of the test's own, stopped and started again
under a real gunicorn while a user is logged in; and the 500 page renders without any database."""

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from core import storingen
from tests.conftest import login_with_two_factors
from tests.rapportage.werker import stop, vraag, vrije_poort, webserver

PG_BIN = Path("/usr/lib/postgresql/15/bin")


class EigenPostgres:
    """A throw-away cluster under /tmp on a free port, owned by the postgres user (initdb refuses root)."""

    def __init__(self):
        self.map = Path(tempfile.mkdtemp(prefix="bz-storing-pg-"))
        shutil.chown(self.map, "postgres")
        self.poort = vrije_poort()
        self._pg(
            "initdb", "-D", self.map / "data", "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"
        )
        self.start()

    def _pg(self, programma, *argumenten):
        subprocess.run(  # noqa: S603 - fixed programs of the PostgreSQL installation
            ["runuser", "-u", "postgres", "--", PG_BIN / programma, *map(str, argumenten)],  # noqa: S607
            check=True,
            capture_output=True,
        )

    def start(self):
        opties = f"-p {self.poort} -k {self.map} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._pg("pg_ctl", "-D", self.map / "data", "-o", opties, "-l", self.map / "log", "-w", "start")

    def stop(self):
        self._pg("pg_ctl", "-D", self.map / "data", "-m", "fast", "-w", "stop")

    def kopie_van_testdatabase(self) -> str:
        """The test database (schema and committed rows) copied into this cluster; returns its URL."""
        bron = settings.DATABASES["default"]
        subprocess.run(  # noqa: S603
            ["createdb", "-h", "127.0.0.1", "-p", str(self.poort), "-U", "postgres", "bz"],  # noqa: S607
            check=True,
        )
        dump = subprocess.run(  # noqa: S603
            ["pg_dump", "-h", bron["HOST"], "-p", str(bron["PORT"]), "-U", bron["USER"], "--no-owner"]  # noqa: S607
            + ["--no-privileges", bron["NAME"]],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(  # noqa: S603
            ["psql", "-q", "-h", "127.0.0.1", "-p", str(self.poort), "-U", "postgres", "-d", "bz"]  # noqa: S607
            + ["-v", "ON_ERROR_STOP=1"],
            input=dump,
            check=True,
            capture_output=True,
        )
        return f"postgres://postgres@127.0.0.1:{self.poort}/bz"

    def opruimen(self):
        try:
            self._pg("pg_ctl", "-D", self.map / "data", "-m", "immediate", "stop")
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(self.map, ignore_errors=True)


@pytest.fixture
def eigen_postgres():
    cluster = EigenPostgres()
    yield cluster
    cluster.opruimen()


def test_a_database_outage_shows_a_dutch_page_and_the_next_request_after_it_works(
    transactional_db, gebruikers, eigen_postgres
):
    client = login_with_two_factors(Client(), gebruikers["casemanager"])
    cookies = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}
    database_url = eigen_postgres.kopie_van_testdatabase()
    poort = vrije_poort()
    web = webserver(
        poort, DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="tests.core.instellingen_storing"
    )
    try:
        for _ in range(4):  # both workers hold a connection now
            assert vraag(poort, "/", cookies=cookies)[0] == 200

        # A restart while people work: the connections the workers kept are dead; nobody notices.
        eigen_postgres.stop()
        eigen_postgres.start()
        for _ in range(4):
            status, _headers, body = vraag(poort, "/", cookies=cookies)
            assert status == 200, body[:300]

        # Down: a Dutch page in the house style with Retry-After, for a page and a form alike.
        eigen_postgres.stop()
        for methode, pad in (("GET", "/"), ("GET", "/trajecten/"), ("POST", "/rapporten/periode/")):
            status, headers, body = vraag(poort, pad, methode=methode, cookies=cookies)
            assert status == 503, (pad, body[:300])
            assert "Tijdelijk niet beschikbaar" in body
            assert "niet opgeslagen" in body
            assert "utrecht/component-library" in body
            assert headers["Retry-After"] == str(storingen.RETRY_AFTER_SECONDEN)
            assert "Internal Server Error" not in body
            assert "OperationalError" not in body
        # The load balancer keeps the process (it lives) but stops sending users (not ready).
        assert vraag(poort, "/gezondheid/leeft/")[0] == 200
        status, _headers, body = vraag(poort, "/gezondheid/gereed/")
        assert status == 503
        assert '"database": {"status": "error"' in body

        eigen_postgres.start()
        status, _headers, body = vraag(poort, "/", cookies=cookies)
        assert status == 200, body[:300]
        assert "Tijdelijk niet beschikbaar" not in body
        assert vraag(poort, "/gezondheid/gereed/")[0] == 200
    finally:
        stop(web)


def test_the_500_page_renders_without_the_database_in_dutch_and_house_style():
    # No database fixture: any query would raise, and then only the bare fallback would show.
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = storingen.server_error(None)
    body = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in body
    assert "vendor/utrecht/component-library.css" in body
    assert "a bug" not in body
