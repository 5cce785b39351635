"""The two database roles: the application role may read and add to the access log, never change, remove
or empty it, and has no DDL rights; the owner cannot empty it either (TRUNCATE trigger). Retention
purges old rows only through the owner's function toegangslog_opschonen.

The test database is migrated by the test runner as postgres; the ``rollen`` fixture sets it up as
``manage.py databaserollen`` does in production (owner owns everything, grants for the application),
and each test switches to a role with SET LOCAL ROLE inside its own transaction.
"""

from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from psycopg import errors

from core.constants import Gebeurtenis
from core.databaserollen import rollen_inrichten, rollen_uit_instellingen
from core.models import Toegangslog, ToegangslogOpschoning
from tests.factories import ToegangslogFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def rollen(django_db_setup, django_db_blocker):
    rollen = rollen_uit_instellingen()
    with django_db_blocker.unblock(), transaction.atomic(), connection.cursor() as cursor:
        rollen_inrichten(cursor, rollen)
    return rollen


def sql(statement, params=None):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else None


@contextmanager
def als(rol):
    """Run the block as ``rol``: until its end, or the end of the test's transaction."""
    sql(f'SET LOCAL ROLE "{rol}"')
    try:
        yield
    finally:
        sql("RESET ROLE")


def geweigerd(statement, params=None) -> str:
    """Run a statement that must be refused for lack of rights; return PostgreSQL's message."""
    with pytest.raises(DatabaseError) as fout, transaction.atomic():
        sql(statement, params)
    assert isinstance(fout.value.__cause__, errors.InsufficientPrivilege), fout.value
    return str(fout.value)


def regel(jaren_geleden: float = 0) -> Toegangslog:
    return ToegangslogFactory(tijdstip=timezone.now() - timedelta(days=round(jaren_geleden * 365.25)))


def test_app_role_reads_and_adds_to_the_access_log(rollen):
    bestaand = regel()
    with als(rollen.app):
        nieuw = ToegangslogFactory(gebruiker=bestaand.gebruiker, organisatie=bestaand.organisatie)
        assert set(Toegangslog.objects.values_list("pk", flat=True)) == {bestaand.pk, nieuw.pk}


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE core_toegangslog SET omschrijving = 'weggepoetst'",
        "DELETE FROM core_toegangslog",
        "TRUNCATE core_toegangslog",
        "TRUNCATE core_toegangslog CASCADE",
        "UPDATE core_toegangslogopschoning SET aantal = 0",
        "DELETE FROM core_toegangslogopschoning",
        "TRUNCATE core_toegangslogopschoning",
    ],
)
def test_app_role_may_not_change_remove_or_empty_the_access_log(rollen, statement):
    bewaard = regel()
    with als(rollen.app):
        melding = geweigerd(statement)
    # The privilege refuses it before any trigger is reached.
    assert "permission denied for table" in melding
    bewaard.refresh_from_db()
    assert bewaard.omschrijving == "gezinsdossier gelezen"


@pytest.mark.parametrize(
    "statement",
    [
        "ALTER TABLE core_toegangslog DISABLE TRIGGER ALL",
        "DROP TRIGGER core_toegangslog_no_update_delete ON core_toegangslog",
        "DROP TABLE core_toegangslog",
        "ALTER TABLE core_melding ADD COLUMN x int",
        "CREATE TABLE core_schaduwlog (id int)",
        "CREATE OR REPLACE FUNCTION core_toegangslog_append_only() RETURNS trigger LANGUAGE sql AS 'SELECT NULL'",
        "INSERT INTO django_migrations (app, name, applied) VALUES ('core', '9999_nep', now())",
    ],
)
def test_app_role_has_no_ddl_rights(rollen, statement):
    with als(rollen.app):
        geweigerd(statement)
    assert sql("SELECT count(*) FROM pg_trigger WHERE tgname = 'core_toegangslog_no_update_delete'") == [(1,)]


def test_app_role_reads_and_writes_ordinary_tables_and_uses_sequences(rollen):
    gebruiker = ToegangslogFactory().gebruiker
    with als(rollen.app):
        sql(
            "INSERT INTO core_melding (gebruiker_id, tekst, url, aangemaakt_op) VALUES (%s, 'x', '', now())",
            [gebruiker.pk],
        )
        sql("UPDATE core_melding SET tekst = 'y'")
        sql("DELETE FROM core_melding")
        assert sql("SELECT count(*) FROM core_melding") == [(0,)]


def test_app_role_saves_replaces_reads_and_removes_private_files(rollen):
    """Web and workers store report files in core_privebestand (core.opslag) as the application role."""
    from core.opslag import prive_opslag

    opslag = prive_opslag()
    with als(rollen.app):
        opslag.save("rapporten/rol.pdf", ContentFile(b"%PDF-1 eerste"))
        opslag.save("rapporten/rol.pdf", ContentFile(b"%PDF-1 tweede"))  # a retried task replaces it
        assert opslag.lees("rapporten/rol.pdf") == b"%PDF-1 tweede"
        opslag.delete("rapporten/rol.pdf")
        assert not opslag.exists("rapporten/rol.pdf")
        geweigerd("TRUNCATE core_privebestand")
        geweigerd("ALTER TABLE core_privebestand ADD COLUMN x int")


def test_grants_cover_every_table_and_nothing_more(rollen):
    # Run again: the command is idempotent and a second run must not hand back UPDATE or DELETE.
    with connection.cursor() as cursor:
        rollen_inrichten(cursor, rollen)
    rechten = sql(
        """SELECT tablename, has_table_privilege(%(app)s, format('%%I', tablename), 'SELECT'),
                  has_table_privilege(%(app)s, format('%%I', tablename), 'UPDATE'),
                  has_table_privilege(%(app)s, format('%%I', tablename), 'DELETE'),
                  has_table_privilege(%(app)s, format('%%I', tablename), 'TRUNCATE'),
                  tableowner
           FROM pg_tables WHERE schemaname = 'public'""",
        {"app": rollen.app},
    )
    assert all(lezen for _, lezen, *_ in rechten)
    assert not [t for t, _, _, _, legen, _ in rechten if legen]
    alleen_lezen_en_toevoegen = {t for t, _, wijzigen, wissen, _, _ in rechten if not (wijzigen or wissen)}
    assert alleen_lezen_en_toevoegen == {
        "core_toegangslog",
        "core_toegangslogopschoning",
        "django_migrations",
    }
    assert {eigenaar for *_, eigenaar in rechten} == {rollen.eigenaar}


def test_owner_cannot_empty_the_access_log_either(rollen):
    regel()
    sql("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred foreign-key checks pending, or TRUNCATE stops there
    # The test connection may empty it between tests (config/settings/test.py); this test does not.
    sql("SET LOCAL bz.testdatabase_legen = 'uit'")
    with als(rollen.eigenaar):
        assert "alleen-toevoegen" in geweigerd("TRUNCATE core_toegangslog")
        assert "alleen-toevoegen" in geweigerd("TRUNCATE core_toegangslogopschoning")
    # Nor a superuser who does not say so explicitly.
    assert "alleen-toevoegen" in geweigerd("TRUNCATE core_toegangslog")
    assert Toegangslog.objects.count() == 1


def test_purge_removes_only_rows_past_retention_and_records_it(rollen):
    oud = regel(jaren_geleden=6)
    regel(jaren_geleden=4)
    regel()
    with als(rollen.app):
        assert sql("SELECT toegangslog_opschonen(now() - interval '5 years')") == [(1,)]
        # The key the function used is gone once it returns.
        assert sql("SELECT current_setting('bz.toegangslog_opschonen_grens', true)") == [("",)]
        assert not Toegangslog.objects.filter(pk=oud.pk).exists()
        assert Toegangslog.objects.count() == 2
        opschoning = ToegangslogOpschoning.objects.get()
    assert opschoning.aantal == 1
    assert timezone.now() - opschoning.grens > timedelta(days=5 * 365)
    assert opschoning.uitgevoerd_door == sql("SELECT session_user")[0][0]


@pytest.mark.parametrize("grens", ["now() - interval '4 years 11 months'", "now()", "'infinity'", "NULL"])
def test_purge_refuses_a_boundary_younger_than_five_years(rollen, grens):
    regel(jaren_geleden=4.5)
    with als(rollen.app):
        with pytest.raises(IntegrityError, match="ten minste 5 jaar"), transaction.atomic():
            sql(f"SELECT toegangslog_opschonen({grens})")
        assert Toegangslog.objects.count() == 1
        assert not ToegangslogOpschoning.objects.exists()


def test_app_role_cannot_grant_itself_what_it_lacks(rollen):
    regel()
    with als(rollen.app):
        # PostgreSQL only warns ("no privileges were granted"); what matters is that nothing changed.
        sql("GRANT DELETE, TRUNCATE ON core_toegangslog TO PUBLIC")
        geweigerd("DELETE FROM core_toegangslog")
    assert Toegangslog.objects.count() == 1


def test_app_role_cannot_use_the_purge_key_itself(rollen):
    oud = regel(jaren_geleden=6)
    with als(rollen.app):
        sql("SELECT set_config('bz.toegangslog_opschonen_grens', (now() - interval '5 years')::text, true)")
        assert "permission denied" in geweigerd("DELETE FROM core_toegangslog WHERE id = %s", [oud.pk])
    assert Toegangslog.objects.filter(pk=oud.pk).exists()


def test_the_purge_key_opens_only_rows_older_than_five_years_even_for_the_owner(rollen):
    recent, oud = regel(jaren_geleden=1), regel(jaren_geleden=6)
    with als(rollen.eigenaar):
        # A young boundary opens nothing, not even a row older than it.
        sql("SELECT set_config('bz.toegangslog_opschonen_grens', (now() - interval '6 months')::text, true)")
        assert "alleen-toevoegen" in geweigerd("DELETE FROM core_toegangslog WHERE id = %s", [recent.pk])
        # An old boundary opens only rows older than it; never an UPDATE.
        sql("SELECT set_config('bz.toegangslog_opschonen_grens', (now() - interval '5 years')::text, true)")
        assert "alleen-toevoegen" in geweigerd("DELETE FROM core_toegangslog WHERE id = %s", [recent.pk])
        assert "alleen-toevoegen" in geweigerd(
            "UPDATE core_toegangslog SET omschrijving = 'x' WHERE id = %s", [oud.pk]
        )
    assert Toegangslog.objects.count() == 2


def test_only_the_application_may_call_the_purge_function(rollen):
    [(acl,)] = sql("SELECT proacl::text FROM pg_proc WHERE proname = 'toegangslog_opschonen'")
    assert f"{rollen.app}=X/" in acl
    assert "{=X/" not in acl
    assert ",=X/" not in acl


def test_a_new_table_gets_the_app_rights_and_can_be_made_append_only(rollen):
    with als(rollen.eigenaar):
        sql("CREATE TABLE core_proef (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, tekst text)")
    with als(rollen.app):
        sql("INSERT INTO core_proef (tekst) VALUES ('a'), ('b')")
        sql("UPDATE core_proef SET tekst = 'c' WHERE tekst = 'b'")
        sql("DELETE FROM core_proef WHERE tekst = 'c'")
    with als(rollen.eigenaar):
        sql("SELECT bz_alleen_toevoegen('core_proef')")
    with als(rollen.app):
        sql("INSERT INTO core_proef (tekst) VALUES ('d')")
        for statement in (
            "UPDATE core_proef SET tekst = 'e'",
            "DELETE FROM core_proef",
            "TRUNCATE core_proef",
        ):
            geweigerd(statement)
        assert sql("SELECT tekst FROM core_proef ORDER BY id") == [("a",), ("d",)]


def test_the_application_works_as_its_role(rollen, client, login, gebruikers):
    ToegangslogFactory(organisatie=gebruikers["beheerder"].organisatie, gezin_id=501)
    login(client, gebruikers["beheerder"])
    with als(rollen.app):
        response = client.get(reverse("core:toegangslog"), {"gezin_id": 501})
        assert response.status_code == 200
        zoekactie = Toegangslog.objects.filter(gebruiker=gebruikers["beheerder"]).get()
    assert (zoekactie.gebeurtenis, zoekactie.gezin_id) == (Gebeurtenis.ZOEKEN, 501)
