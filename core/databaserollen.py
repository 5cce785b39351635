"""The two database roles: the owner (owns schema and tables, runs migrations) and the application role
(what web and Celery connect as: read and write rows, never DDL, and on append-only tables such as the
access log only SELECT and INSERT).

``rollen_inrichten`` creates or updates both and all grants, idempotently. It runs as a superuser in the
target database: ``manage.py databaserollen`` (scripts/run, docker-compose, scripts/restore) and the
tests. Tables created later by migrations (as the owner) get the application's rights from the default
privileges set here; a migration that adds an append-only table calls ``bz_alleen_toevoegen`` (core
migration 0004).
"""

import os
import re
from dataclasses import dataclass

ROLNAAM = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

# Tables the application reads and writes; TRUNCATE, REFERENCES and TRIGGER it never needs.
TABELRECHTEN = "SELECT, INSERT, UPDATE, DELETE"


@dataclass(frozen=True)
class Rollen:
    eigenaar: str
    app: str
    wachtwoord_eigenaar: str = ""
    wachtwoord_app: str = ""

    def __post_init__(self):
        for naam in (self.eigenaar, self.app):
            if not ROLNAAM.match(naam):
                raise ValueError(f"Ongeldige rolnaam {naam!r}: alleen kleine letters, cijfers en _.")
        if self.eigenaar == self.app:
            raise ValueError("De eigenaar en de applicatie moeten verschillende rollen zijn.")


def _rol_aanmaken(cursor, naam: str, wachtwoord: str) -> None:
    # CREATE ROLE has no IF NOT EXISTS; a parallel run (two test sessions) may create it first.
    cursor.execute(
        f"""DO $$ BEGIN
            CREATE ROLE "{naam}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END $$"""
    )
    if wachtwoord:
        # Utility statements take no bound parameters (psycopg binds on the server): quote it in SQL.
        cursor.execute("SELECT quote_literal(%s)", [wachtwoord])
        cursor.execute(f'ALTER ROLE "{naam}" LOGIN PASSWORD {cursor.fetchone()[0]}')


def _eigendom_overdragen(cursor, eigenaar: str) -> None:
    """Everything in schema public that migrations made (as another user, e.g. postgres on a database
    from before the roles) now belongs to the owner. Extension members stay with their extension."""
    cursor.execute(
        """
        SELECT c.oid::regclass::text, c.relkind FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
          AND c.relowner <> %s::regrole
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                          AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
        ORDER BY c.relkind = 'S'
        """,
        [eigenaar],
    )
    for naam, soort in cursor.fetchall():
        wat = "SEQUENCE" if soort == "S" else "TABLE"
        cursor.execute(f'ALTER {wat} {naam} OWNER TO "{eigenaar}"')
    cursor.execute(
        """
        SELECT p.oid::regprocedure::text FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace AND p.prokind IN ('f', 'p')
          AND p.proowner <> %s::regrole
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                          AND d.objid = p.oid AND d.deptype = 'e')
        """,
        [eigenaar],
    )
    for (naam,) in cursor.fetchall():
        cursor.execute(f'ALTER ROUTINE {naam} OWNER TO "{eigenaar}"')


def rollen_inrichten(cursor, rollen: Rollen) -> None:
    """Create or update both roles and every grant in the current database. Run as a superuser."""
    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    if not cursor.fetchone()[0]:
        raise PermissionError("Databaserollen inrichten kan alleen als superuser (bijvoorbeeld postgres).")
    eigenaar, app = rollen.eigenaar, rollen.app
    _rol_aanmaken(cursor, eigenaar, rollen.wachtwoord_eigenaar)
    _rol_aanmaken(cursor, app, rollen.wachtwoord_app)

    cursor.execute("SELECT current_database()")
    database = cursor.fetchone()[0]
    cursor.execute(f'ALTER DATABASE "{database}" OWNER TO "{eigenaar}"')
    # Only the two roles (and superusers) connect; another application's role on the same server does not.
    cursor.execute(f'REVOKE CONNECT, TEMPORARY ON DATABASE "{database}" FROM PUBLIC')
    cursor.execute(f'GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO "{eigenaar}", "{app}"')
    cursor.execute(f'ALTER SCHEMA public OWNER TO "{eigenaar}"')
    cursor.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    cursor.execute(f'GRANT USAGE ON SCHEMA public TO "{app}"')
    _eigendom_overdragen(cursor, eigenaar)

    # What migrations create later, as the owner, the application may use at once.
    cursor.execute(
        f'ALTER DEFAULT PRIVILEGES FOR ROLE "{eigenaar}" IN SCHEMA public GRANT {TABELRECHTEN} ON TABLES TO "{app}"'
    )
    cursor.execute(
        f'ALTER DEFAULT PRIVILEGES FOR ROLE "{eigenaar}" IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO "{app}"'
    )
    # As PUBLIC may by default; so a new SECURITY DEFINER function, revoked from PUBLIC in its migration,
    # stays callable by the application.
    cursor.execute(
        f'ALTER DEFAULT PRIVILEGES FOR ROLE "{eigenaar}" IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO "{app}"'
    )
    cursor.execute(f'GRANT {TABELRECHTEN} ON ALL TABLES IN SCHEMA public TO "{app}"')
    cursor.execute(f'REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM "{app}"')
    cursor.execute(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{app}"')

    # The application may see which migrations ran, not record one.
    cursor.execute("SELECT to_regclass('public.django_migrations') IS NOT NULL")
    if cursor.fetchone()[0]:
        cursor.execute(f'REVOKE INSERT, UPDATE, DELETE ON django_migrations FROM "{app}"')

    # Append-only tables are those with the TRUNCATE wall of migration 0004; the grant above just gave
    # them UPDATE and DELETE again, so restrict them once more.
    cursor.execute(
        """
        SELECT t.tgrelid::regclass::text FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
        WHERE p.proname = 'bz_weiger_truncate' AND NOT t.tgisinternal
        """
    )
    for (tabel,) in cursor.fetchall():
        cursor.execute(
            f'REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {tabel} FROM PUBLIC, "{app}"'
        )

    # SECURITY DEFINER functions run with the owner's rights: only the application may call them.
    cursor.execute(
        "SELECT oid::regprocedure::text FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND prosecdef"
    )
    for (functie,) in cursor.fetchall():
        cursor.execute(f"REVOKE ALL ON FUNCTION {functie} FROM PUBLIC")
        cursor.execute(f'GRANT EXECUTE ON FUNCTION {functie} TO "{app}"')


def rollen_uit_instellingen() -> Rollen:
    """Role names from the settings; passwords only from this process's environment (the one-off setup
    step), so they are not in the settings of every web and worker process."""
    from django.conf import settings

    return Rollen(
        eigenaar=settings.DATABASE_ROL_EIGENAAR,
        app=settings.DATABASE_ROL_APP,
        wachtwoord_eigenaar=os.environ.get("DATABASE_WACHTWOORD_EIGENAAR", ""),
        wachtwoord_app=os.environ.get("DATABASE_WACHTWOORD_APP", ""),
    )
