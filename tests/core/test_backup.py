"""Backup and restore on the real PostgreSQL with real report files, through the operator's own commands
(scripts/backup, scripts/restore as separate processes): the round trip loses nothing (row count and a
checksum per table, every report file present and byte-identical in the restored database's private
storage, BSNs still readable with the same keys), and a damaged backup, a non-empty target or a missing
file changes nothing."""

import json
import os
import subprocess
from datetime import date, timedelta
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from psycopg import sql

from accounts.constants import Rol
from accounts.models import User
from core.models import Toegangslog
from rapportage import maken
from rapportage.models import Rapport, RapportSoort, RapportStatus
from tests.factories import ToegangslogFactory
from trajecten.constants import TrajectStatus
from trajecten.models import Ouder, Traject

pytestmark = pytest.mark.django_db(transaction=True)

SCRIPTS = Path(settings.BASE_DIR) / "scripts"


def url(database: str, gebruiker: str | None = None) -> str:
    instellingen = connection.settings_dict
    wachtwoord = f":{instellingen['PASSWORD']}" if instellingen.get("PASSWORD") else ""
    host = instellingen.get("HOST") or "127.0.0.1"
    poort = instellingen.get("PORT") or 5432
    return f"postgres://{gebruiker or instellingen['USER']}{wachtwoord}@{host}:{poort}/{database}"


def beheer(database: str = "postgres") -> psycopg.Connection:
    return psycopg.connect(url(database), autocommit=True)


def draai(script: str, *args, database: str, **omgeving) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "PG", "BACKUP_"))}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.local", DATABASE_URL=database, **omgeving)
    return subprocess.run(  # noqa: S603
        [str(SCRIPTS / script), *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def tabellen_met_controlegetal(database: str) -> dict[str, tuple[int, str]]:
    """Per table: the row count and an md5 over all its rows (as text, in a fixed order)."""
    uitkomst = {}
    with beheer(database) as conn:
        tabellen = conn.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')"
        ).fetchall()
        for (tabel,) in tabellen:
            uitkomst[tabel] = conn.execute(
                sql.SQL(
                    "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {} t"
                ).format(sql.Identifier(tabel))
            ).fetchone()
    return uitkomst


@pytest.fixture
def herstel_database():
    naam = f"{connection.settings_dict['NAME']}_herstel"
    with beheer() as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(naam)))
    yield naam
    with beheer() as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(naam)))


def herstellen(backup, database):
    return draai(
        "restore",
        backup,
        database=url(database, settings.DATABASE_ROL_APP),
        DATABASE_ADMIN_URL=url("postgres"),
    )


def bestanden_in(database: str) -> dict[str, bytes]:
    with beheer(database) as conn:
        return {
            naam: bytes(inhoud) for naam, inhoud in conn.execute("SELECT naam, inhoud FROM core_privebestand")
        }


def test_backup_and_restore_into_an_empty_system_lose_nothing(settings, tmp_path, herstel_database):
    settings.DEMO_MODE = True
    call_command("demo_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
    # The demo's own access-log rows (a medewerker's departure through the departure flow, issue 12).
    demo_logregels = Toegangslog.objects.count()
    casemanager = User.objects.get(username="casemanager.groningen")
    trajecten = Traject.objects.filter(status=TrajectStatus.ACTIEF).select_related("gezin")[:2]
    assert len(trajecten) == 2
    rapporten = [
        Rapport.objects.create(
            soort=RapportSoort.TRAJECT,
            traject=t,
            aangevraagd_door=User.objects.filter(
                lidmaatschap__organisatie=t.gezin.gemeente_id, lidmaatschap__rol=Rol.CASEMANAGER
            ).first(),
        )
        for t in trajecten
    ]
    rapporten.append(
        Rapport.objects.create(
            soort=RapportSoort.PERIODE,
            gemeente=casemanager.organisatie,
            periode_van=date(2026, 1, 1),
            periode_tot=date(2026, 6, 30),
            pseudoniem=True,
        )
    )
    for rapport in rapporten:
        assert maken.rapport_maken(rapport.pk) == "gereed"
    namen = sorted(
        naam
        for r in Rapport.objects.filter(status=RapportStatus.GEREED)
        for naam in (r.pdf_bestand, r.csv_bestand, r.json_bestand)
        if naam
    )
    # The demo's monthly period reports (PDF and CSV each, issue 12), two trajectory PDFs, the period
    # report's PDF and CSV.
    maandrapporten = Rapport.objects.exclude(pk__in=[r.pk for r in rapporten]).count()
    assert maandrapporten == 6
    assert len(namen) == 2 * maandrapporten + 4
    ToegangslogFactory(tijdstip=timezone.now() - timedelta(days=6 * 366))
    ToegangslogFactory.create_batch(2)
    with connection.cursor() as cursor:
        cursor.execute("SELECT toegangslog_opschonen(now() - interval '5 years')")
    # A file no row names (a leftover) is in the dump like any row, but not in the manifest's list.
    maken.bestand_opslaan("rapporten/wees.pdf", b"%PDF-1.7 wees")
    bron_db = connection.settings_dict["NAME"]

    gemaakt = draai("backup", tmp_path / "backups", database=url(bron_db))
    assert gemaakt.returncode == 0, gemaakt.stderr
    [backup] = (tmp_path / "backups").iterdir()
    assert gemaakt.stdout.strip() == f"Back-up gemaakt: {backup}"
    manifest = json.loads((backup / "manifest.json").read_text())
    assert [b["pad"] for b in manifest["bestanden"]] == namen
    assert sorted(p.name for p in backup.iterdir()) == ["database.dump", "manifest.json"]

    hersteld = herstellen(backup, herstel_database)
    assert hersteld.returncode == 0, hersteld.stderr
    assert "Controlegetallen en aantallen kloppen" in hersteld.stdout

    voor, na = tabellen_met_controlegetal(bron_db), tabellen_met_controlegetal(herstel_database)
    assert na == voor
    assert voor["trajecten_traject"][0] > 10
    assert voor["core_toegangslog"][0] == 2 + demo_logregels
    assert voor["core_toegangslogopschoning"][0] == 1
    assert voor["rapportage_rapport"][0] == 3 + maandrapporten
    assert voor["core_privebestand"][0] == 2 * maandrapporten + 5
    bron_bestanden, herstelde_bestanden = bestanden_in(bron_db), bestanden_in(herstel_database)
    assert sorted(herstelde_bestanden) == sorted([*namen, "rapporten/wees.pdf"])
    for naam in namen:
        assert herstelde_bestanden[naam] == bron_bestanden[naam] == maken.bestand_lezen(naam)
        assert naam.endswith(".csv") or herstelde_bestanden[naam].startswith(b"%PDF-")

    # The encrypted BSNs read back with the same keys.
    ouder = Ouder.objects.exclude(bsn="").first()
    with beheer(herstel_database) as conn:
        [(versleuteld,)] = conn.execute(
            "SELECT bsn FROM trajecten_ouder WHERE id = %s", [ouder.pk]
        ).fetchall()
    assert versleuteld != ouder.bsn
    assert Ouder._meta.get_field("bsn").from_db_value(versleuteld, None, connection) == ouder.bsn

    # The restored database has the two roles: the owner owns it, the application may not alter the log.
    with beheer(herstel_database) as conn:
        eigenaren = conn.execute(
            "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
        rechten = conn.execute(
            "SELECT has_table_privilege(%(app)s, 'core_toegangslog', 'INSERT'),"
            " has_table_privilege(%(app)s, 'core_toegangslog', 'UPDATE'),"
            " has_table_privilege(%(app)s, 'core_toegangslog', 'TRUNCATE')",
            {"app": settings.DATABASE_ROL_APP},
        ).fetchone()
    assert eigenaren == [(settings.DATABASE_ROL_EIGENAAR,)]
    assert rechten == (True, False, False)


@pytest.fixture
def kleine_backup(tmp_path, gemeente):
    """A database with one finished period report and its file, backed up."""
    rapport = Rapport.objects.create(
        soort=RapportSoort.PERIODE,
        gemeente=gemeente,
        periode_van=date(2026, 1, 1),
        periode_tot=date(2026, 1, 31),
        status=RapportStatus.GEREED,
        pdf_bestand="rapporten/periode.pdf",
    )
    maken.bestand_opslaan(rapport.pdf_bestand, b"%PDF-1.7 periode")
    gemaakt = draai("backup", tmp_path / "backups", database=url(connection.settings_dict["NAME"]))
    assert gemaakt.returncode == 0, gemaakt.stderr
    [backup] = (tmp_path / "backups").iterdir()
    return backup


def bestaat(database: str) -> bool:
    with beheer() as conn:
        return bool(conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone())


def test_a_damaged_backup_is_refused_before_anything_is_restored(kleine_backup, herstel_database):
    dump = kleine_backup / "database.dump"
    inhoud = bytearray(dump.read_bytes())
    inhoud[-20] ^= 0xFF
    dump.write_bytes(bytes(inhoud))
    hersteld = herstellen(kleine_backup, herstel_database)
    assert hersteld.returncode != 0
    assert "Controlegetal klopt niet" in hersteld.stderr
    assert "Er is niets hersteld" in hersteld.stderr
    assert not bestaat(herstel_database)


def test_a_file_that_differs_from_the_manifest_leaves_nothing_restored(kleine_backup, herstel_database):
    manifest = json.loads((kleine_backup / "manifest.json").read_text())
    manifest["bestanden"][0]["sha256"] = "0" * 64
    (kleine_backup / "manifest.json").write_text(json.dumps(manifest))
    hersteld = herstellen(kleine_backup, herstel_database)
    assert hersteld.returncode != 0
    assert "Controlegetal klopt niet voor bestand(en) rapporten/periode.pdf" in hersteld.stderr
    assert not bestaat(herstel_database)  # the database it created is removed again


def test_restore_refuses_a_database_that_is_not_empty(kleine_backup):
    bron_db = connection.settings_dict["NAME"]
    voor = tabellen_met_controlegetal(bron_db)
    hersteld = herstellen(kleine_backup, bron_db)
    assert hersteld.returncode != 0
    assert f"Database {bron_db} is niet leeg" in hersteld.stderr
    assert tabellen_met_controlegetal(bron_db) == voor


def test_a_file_the_database_names_but_is_missing_stops_the_backup(tmp_path, gemeente):
    Rapport.objects.create(
        soort=RapportSoort.PERIODE,
        gemeente=gemeente,
        periode_van=date(2026, 1, 1),
        periode_tot=date(2026, 1, 31),
        status=RapportStatus.GEREED,
        pdf_bestand="rapporten/weg.pdf",
    )
    gemaakt = draai("backup", tmp_path / "backups", database=url(connection.settings_dict["NAME"]))
    assert gemaakt.returncode != 0
    assert "1 bestand(en) die de database noemt ontbreken in de bestandsopslag" in gemaakt.stderr
    assert "rapporten/weg.pdf" in gemaakt.stderr
    assert list((tmp_path / "backups").iterdir()) == []  # not even a half-written directory


def test_every_column_that_names_a_private_file_is_backed_up():
    """A new model field for a private file (by the house convention: a name ending in _bestand) must be
    added to BACKUP_BESTANDSKOLOMMEN, or backups would silently leave its files out."""
    from django.apps import apps

    velden = {
        f"{model._meta.label}.{veld.name}"
        for model in apps.get_models()
        for veld in model._meta.get_fields()
        if getattr(veld, "column", None)
        and (veld.name.endswith("_bestand") or veld.get_internal_type() == "FileField")
    }
    assert velden == set(settings.BACKUP_BESTANDSKOLOMMEN)


@pytest.mark.django_db(transaction=False)
def test_old_backups_are_removed_after_their_days_and_the_newest_always_stays(tmp_path):
    from datetime import UTC, datetime

    from core.backup import oude_backups_opruimen

    def backup(naam, volledig=True):
        (tmp_path / naam).mkdir()
        if volledig:
            (tmp_path / naam / "manifest.json").write_text("{}")
        return tmp_path / naam

    oud = backup("babythuiszorg-20261001T013000Z")
    net_binnen = backup("babythuiszorg-20261029T013000Z")
    onvolledig = backup("babythuiszorg-20260901T013000Z", volledig=False)
    anders = backup("iets-anders-20260101T000000Z")
    nu = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)

    assert oude_backups_opruimen(tmp_path, 35, nu=nu) == [oud]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in (net_binnen, onvolledig, anders)
    )
    # Even when every backup is past its days, the newest stays.
    assert oude_backups_opruimen(tmp_path, 1, nu=nu) == []
    assert net_binnen.exists()
