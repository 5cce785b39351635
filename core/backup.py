"""Backup and restore of the database, private files included (scripts/backup, scripts/restore).

The private files (report PDFs, CSVs, JSON) live in the database itself (core.PriveBestand, issue 14), so
one pg_dump holds everything. Consistency: one REPEATABLE READ transaction exports its snapshot; in it we
read which files the database names (settings.BACKUP_BESTANDSKOLOMMEN), the SHA-256 of each file's content
and how many rows each table has, and pg_dump dumps the same snapshot (--snapshot). A file the snapshot
names but that is missing stops the backup, so a backup never holds a row without its file.

A backup is a directory ``babythuiszorg-<UTC time>`` with ``database.dump`` (pg_dump -Fc) and
``manifest.json`` (SHA-256 of the dump, and of every named file's content; row count of every table). It is
written under a hidden name and renamed when complete. Restoring needs an empty database, checks the
dump's checksum first, and afterwards the row counts and every named file's presence and checksum; when
that check fails, the database it created is removed again.

Format 1 (before issue 14) kept the files beside the dump in ``bestanden/``: restore such a backup with
the version that made it, then upgrade; core migration 0008 moves the files into the database.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
from psycopg import sql

from .databaserollen import Rollen, rollen_inrichten

FORMAAT = 2
NAAM = re.compile(r"^babythuiszorg-(\d{8}T\d{6}Z)$")
DUMP = "database.dump"
MANIFEST = "manifest.json"


class BackupFout(Exception):
    """Something an operator must fix; the message is Dutch and says what and where."""


@dataclass(frozen=True)
class Verbinding:
    """Where a database is: libpq parameters, for psycopg and for pg_dump/pg_restore (as PG* variables)."""

    naam: str
    host: str = ""
    poort: str = ""
    gebruiker: str = ""
    wachtwoord: str = field(default="", repr=False)

    @classmethod
    def uit_django(cls, instellingen: dict) -> "Verbinding":
        return cls(
            naam=instellingen["NAME"],
            host=instellingen.get("HOST") or "",
            poort=str(instellingen.get("PORT") or ""),
            gebruiker=instellingen.get("USER") or "",
            wachtwoord=instellingen.get("PASSWORD") or "",
        )

    @classmethod
    def uit_url(cls, url: str) -> "Verbinding":
        import environ

        return cls.uit_django(environ.Env.db_url_config(url))

    def met_database(self, naam: str) -> "Verbinding":
        return Verbinding(naam, self.host, self.poort, self.gebruiker, self.wachtwoord)

    def kwargs(self) -> dict:
        waarden = {"dbname": self.naam, "host": self.host, "port": self.poort, "user": self.gebruiker}
        if self.wachtwoord:
            waarden["password"] = self.wachtwoord
        return {k: v for k, v in waarden.items() if v}

    def omgeving(self) -> dict:
        omgeving = dict(os.environ)
        for sleutel, waarde in (
            ("PGDATABASE", self.naam),
            ("PGHOST", self.host),
            ("PGPORT", self.poort),
            ("PGUSER", self.gebruiker),
            ("PGPASSWORD", self.wachtwoord),
        ):
            if waarde:
                omgeving[sleutel] = waarde
            else:
                omgeving.pop(sleutel, None)
        return omgeving


def programma(naam: str) -> str:
    pad = shutil.which(naam)
    if not pad:
        raise BackupFout(f"{naam} ontbreekt: installeer de PostgreSQL-clientprogramma's (postgresql-client).")
    return pad


def sha256(pad: Path) -> str:
    h = hashlib.sha256()
    with pad.open("rb") as f:
        for blok in iter(lambda: f.read(1 << 20), b""):
            h.update(blok)
    return h.hexdigest()


def bestandskolommen(kolommen: list[str]) -> list[tuple[str, str]]:
    """'app.Model.field' → (table, column), via the models so a renamed column is followed."""
    from django.apps import apps

    uitkomst = []
    for kolom in kolommen:
        app_model, veld = kolom.rsplit(".", 1)
        model = apps.get_model(app_model)
        uitkomst.append((model._meta.db_table, model._meta.get_field(veld).column))
    return uitkomst


def _tabellen(cursor) -> list[str]:
    cursor.execute(
        "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
        "AND relkind IN ('r', 'p') ORDER BY relname"
    )
    return [naam for (naam,) in cursor.fetchall()]


def rijen_per_tabel(cursor) -> dict[str, int]:
    aantallen = {}
    for tabel in _tabellen(cursor):
        cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(tabel)))
        aantallen[tabel] = cursor.fetchone()[0]
    return aantallen


def genoemde_bestanden(cursor, kolommen: list[tuple[str, str]]) -> list[str]:
    namen: set[str] = set()
    for tabel, kolom in kolommen:
        cursor.execute(
            sql.SQL("SELECT DISTINCT {k} FROM {t} WHERE {k} IS NOT NULL AND {k} <> ''").format(
                k=sql.Identifier(kolom), t=sql.Identifier(tabel)
            )
        )
        namen.update(naam for (naam,) in cursor.fetchall())
    return sorted(namen)


def bestanden_in_database(cursor, namen: list[str]) -> dict[str, dict]:
    """The named private files present in the database: name → SHA-256 of the content and its size,
    computed by PostgreSQL from the stored bytes (not the checksum column the application wrote)."""
    cursor.execute("SELECT to_regclass('public.core_privebestand') IS NOT NULL")
    if not cursor.fetchone()[0]:
        return {}
    cursor.execute(
        "SELECT naam, encode(sha256(inhoud), 'hex'), octet_length(inhoud) FROM core_privebestand "
        "WHERE naam = ANY(%s) ORDER BY naam",
        [namen],
    )
    return {naam: {"pad": naam, "sha256": controle, "grootte": grootte} for naam, controle, grootte in cursor}


def backup_maken(
    verbinding: Verbinding,
    doelmap: Path,
    kolommen: list[tuple[str, str]],
    nu: datetime | None = None,
) -> Path:
    nu = nu or datetime.now(UTC)
    naam = f"babythuiszorg-{nu:%Y%m%dT%H%M%SZ}"
    doelmap.mkdir(parents=True, exist_ok=True, mode=0o700)
    klaar = doelmap / naam
    if klaar.exists():
        raise BackupFout(f"{klaar} bestaat al.")
    bezig = doelmap / f".{naam}.onvolledig"
    shutil.rmtree(bezig, ignore_errors=True)
    bezig.mkdir(mode=0o700)
    try:
        with psycopg.connect(**verbinding.kwargs(), autocommit=False) as conn:
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            conn.read_only = True
            with conn.cursor() as cursor:
                cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
                snapshot, serverversie = cursor.fetchone()
                namen = genoemde_bestanden(cursor, kolommen)
                aanwezig = bestanden_in_database(cursor, namen)
                aantallen = rijen_per_tabel(cursor)

            bestanden = [aanwezig[naam_] for naam_ in namen if naam_ in aanwezig]
            ontbrekend = [naam_ for naam_ in namen if naam_ not in aanwezig]
            if ontbrekend:
                lijst = ", ".join(ontbrekend[:10]) + (" …" if len(ontbrekend) > 10 else "")
                raise BackupFout(
                    f"{len(ontbrekend)} bestand(en) die de database noemt ontbreken in de bestandsopslag: {lijst}. "
                    "Geen back-up gemaakt. Werd er net een rapport opgeruimd, probeer het dan opnieuw; "
                    "anders hoort de verwijzing in de database hersteld of leeggemaakt te worden."
                )

            # The same snapshot: the exporting transaction stays open until pg_dump is done.
            uitvoer = subprocess.run(  # noqa: S603
                [programma("pg_dump"), "--format=custom", f"--snapshot={snapshot}", f"--file={bezig / DUMP}"],
                env=verbinding.omgeving(),
                capture_output=True,
                text=True,
                check=False,
            )
            if uitvoer.returncode != 0:
                raise BackupFout(f"pg_dump mislukte: {uitvoer.stderr.strip()}")

        manifest = {
            "formaat": FORMAAT,
            "gemaakt_op": nu.isoformat(),
            "database": {
                "naam": verbinding.naam,
                "serverversie": serverversie,
                "bestand": DUMP,
                "sha256": sha256(bezig / DUMP),
                "grootte": (bezig / DUMP).stat().st_size,
            },
            "tabellen": aantallen,
            "bestanden": bestanden,
        }
        (bezig / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        bezig.rename(klaar)
    except BaseException:
        shutil.rmtree(bezig, ignore_errors=True)
        raise
    return klaar


def oude_backups_opruimen(doelmap: Path, bewaardagen: int, nu: datetime | None = None) -> list[Path]:
    """Remove complete backups in doelmap older than bewaardagen; the newest always stays."""
    nu = nu or datetime.now(UTC)
    backups = []
    for pad in doelmap.iterdir():
        gevonden = NAAM.match(pad.name)
        if gevonden and (pad / MANIFEST).is_file():
            moment = datetime.strptime(gevonden.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            backups.append((moment, pad))
    backups.sort()
    weg = [pad for moment, pad in backups[:-1] if nu - moment > timedelta(days=bewaardagen)]
    for pad in weg:
        shutil.rmtree(pad)
    return weg


def manifest_lezen(backup: Path) -> dict:
    try:
        manifest = json.loads((backup / MANIFEST).read_text())
    except FileNotFoundError as fout:
        raise BackupFout(f"{backup} is geen (volledige) back-up: {MANIFEST} ontbreekt.") from fout
    except ValueError as fout:
        raise BackupFout(f"{backup / MANIFEST} is onleesbaar: {fout}.") from fout
    if manifest.get("formaat") != FORMAAT:
        raise BackupFout(f"Onbekend back-upformaat {manifest.get('formaat')!r} (verwacht {FORMAAT}).")
    return manifest


def backup_controleren(backup: Path) -> dict:
    """The dump's checksum in the manifest against the dump itself, before anything is restored."""
    manifest = manifest_lezen(backup)
    te_controleren = [(backup / manifest["database"]["bestand"], manifest["database"]["sha256"])]
    for pad, verwacht in te_controleren:
        if not pad.is_file():
            raise BackupFout(f"De back-up is onvolledig: {pad} ontbreekt. Er is niets hersteld.")
        if sha256(pad) != verwacht:
            raise BackupFout(
                f"Controlegetal klopt niet voor {pad}: de back-up is beschadigd. Er is niets hersteld."
            )
    return manifest


def _database_leeg_of_afwezig(beheer: Verbinding, naam: str) -> bool:
    """True when the database does not exist yet; raises when it exists with tables in it."""
    with psycopg.connect(**beheer.kwargs(), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam]).fetchone():
            return True
    with psycopg.connect(**beheer.met_database(naam).kwargs()) as conn:
        tabellen = _tabellen(conn.cursor())
    if tabellen:
        raise BackupFout(
            f"Database {naam} is niet leeg ({len(tabellen)} tabellen). Herstellen gebeurt alleen in een lege "
            "database: kies een nieuwe naam of verwijder deze eerst (dropdb). Er is niets veranderd."
        )
    return False


def backup_herstellen(
    backup: Path,
    *,
    beheer: Verbinding,
    doel_database: str,
    rollen: Rollen,
    kolommen: list[tuple[str, str]],
) -> dict:
    """Restore into an empty database (created if absent). ``beheer`` is a superuser connection to any
    database on the target server. A check that fails after pg_restore removes the database again when
    this call created it."""
    manifest = backup_controleren(backup)
    gemaakt = _database_leeg_of_afwezig(beheer, doel_database)
    if gemaakt:
        with psycopg.connect(**beheer.kwargs(), autocommit=True) as conn:
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(
                    sql.Identifier(doel_database)
                )
            )
    try:
        _herstellen_in(backup, manifest, beheer.met_database(doel_database), doel_database, rollen, kolommen)
    except BaseException:
        if not gemaakt:
            raise
        with psycopg.connect(**beheer.kwargs(), autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(doel_database))
            )
        raise
    return manifest


def _herstellen_in(backup, manifest, doel: Verbinding, doel_database, rollen, kolommen) -> None:
    with psycopg.connect(**doel.kwargs()) as conn:
        rollen_inrichten(conn.cursor(), rollen)

    # As the owner, so everything restored is the owner's; rights come from databaserollen, not the dump.
    uitvoer = subprocess.run(  # noqa: S603
        [
            programma("pg_restore"),
            "--no-owner",
            "--no-privileges",
            f"--role={rollen.eigenaar}",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={doel_database}",
            str(backup / manifest["database"]["bestand"]),
        ],
        env=doel.omgeving(),
        capture_output=True,
        text=True,
        check=False,
    )
    if uitvoer.returncode != 0:
        raise BackupFout(f"pg_restore mislukte (er is niets hersteld): {uitvoer.stderr.strip()}")
    with psycopg.connect(**doel.kwargs()) as conn:
        rollen_inrichten(conn.cursor(), rollen)

    with psycopg.connect(**doel.kwargs()) as conn, conn.cursor() as cursor:
        aantallen = rijen_per_tabel(cursor)
        genoemd = genoemde_bestanden(cursor, kolommen)
        aanwezig = bestanden_in_database(cursor, genoemd)
    if aantallen != manifest["tabellen"]:
        verschil = sorted(
            t
            for t in set(aantallen) | set(manifest["tabellen"])
            if aantallen.get(t) != manifest["tabellen"].get(t)
        )
        raise BackupFout(
            f"Aantal rijen wijkt af van de back-up in: {', '.join(verschil)}. Er is niets hersteld."
        )
    ontbrekend = [naam for naam in genoemd if naam not in aanwezig]
    if ontbrekend:
        raise BackupFout(
            f"De herstelde database noemt bestanden die ontbreken: {', '.join(ontbrekend[:10])}. "
            "Er is niets hersteld."
        )
    verwacht = {b["pad"]: b["sha256"] for b in manifest["bestanden"]}
    afwijkend = sorted(
        naam
        for naam in set(verwacht) | set(aanwezig)
        if verwacht.get(naam) != aanwezig.get(naam, {}).get("sha256")
    )
    if afwijkend:
        raise BackupFout(
            f"Controlegetal klopt niet voor bestand(en) {', '.join(afwijkend[:10])} na het herstellen. "
            "Er is niets hersteld."
        )
