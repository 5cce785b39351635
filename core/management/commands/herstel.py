import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.backup import BackupFout, Verbinding, backup_herstellen, bestandskolommen
from core.databaserollen import rollen_uit_instellingen


class Command(BaseCommand):
    help = (
        "Restore a backup into an empty system: the database named by DATABASE_URL (created if absent, "
        "must be empty), private files included. Needs a superuser: DATABASE_ADMIN_URL "
        "(default: user postgres on the same server). Use scripts/restore."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path)

    def handle(self, *args, backup, **options):
        doel = Verbinding.uit_django(connection.settings_dict)
        beheer_url = os.environ.get("DATABASE_ADMIN_URL")
        beheer = (
            Verbinding.uit_url(beheer_url)
            if beheer_url
            else Verbinding("postgres", doel.host, doel.poort, "postgres")
        )
        try:
            manifest = backup_herstellen(
                backup,
                beheer=beheer,
                doel_database=doel.naam,
                rollen=rollen_uit_instellingen(),
                kolommen=bestandskolommen(settings.BACKUP_BESTANDSKOLOMMEN),
            )
        except (BackupFout, ValueError, PermissionError) as fout:
            raise CommandError(str(fout)) from fout
        rijen = sum(manifest["tabellen"].values())
        self.stdout.write(
            f"Hersteld uit {backup} (gemaakt op {manifest['gemaakt_op']}): database {doel.naam} met "
            f"{len(manifest['tabellen'])} tabellen en {rijen} rijen, {len(manifest['bestanden'])} bestanden. "
            "Controlegetallen en aantallen kloppen."
        )
