from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.backup import BackupFout, Verbinding, backup_maken, bestandskolommen, oude_backups_opruimen


class Command(BaseCommand):
    help = (
        "Make a consistent backup of the database (private files included), in a new directory "
        "under DOELMAP (see core/backup.py). Use scripts/backup."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("doelmap", type=Path)
        parser.add_argument(
            "--bewaar-dagen",
            type=int,
            default=None,
            help="Afterwards remove backups in DOELMAP older than this many days (the newest always stays).",
        )

    def handle(self, *args, doelmap, bewaar_dagen, **options):
        if bewaar_dagen is not None and bewaar_dagen < 1:
            raise CommandError("--bewaar-dagen moet minstens 1 zijn.")
        try:
            backup = backup_maken(
                Verbinding.uit_django(connection.settings_dict),
                doelmap,
                bestandskolommen(settings.BACKUP_BESTANDSKOLOMMEN),
            )
        except BackupFout as fout:
            raise CommandError(str(fout)) from fout
        self.stdout.write(f"Back-up gemaakt: {backup}")
        if bewaar_dagen is not None:
            for oud in oude_backups_opruimen(doelmap, bewaar_dagen):
                self.stdout.write(f"Oude back-up verwijderd: {oud}")
