from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from core.databaserollen import rollen_inrichten, rollen_uit_instellingen


class Command(BaseCommand):
    help = (
        "Create or update the owner and application database roles and their grants (idempotent). "
        "Run as a superuser: DATABASE_URL=postgres://postgres@host/db manage.py databaserollen. "
        "Passwords, if any, from DATABASE_WACHTWOORD_EIGENAAR and DATABASE_WACHTWOORD_APP."
    )
    requires_system_checks = []

    def handle(self, *args, **options):
        try:
            rollen = rollen_uit_instellingen()
            with transaction.atomic(), connection.cursor() as cursor:
                rollen_inrichten(cursor, rollen)
        except (ValueError, PermissionError) as fout:
            raise CommandError(str(fout)) from fout
        self.stdout.write(
            f"Databaserollen ingericht in {connection.settings_dict['NAME']}: "
            f"eigenaar {rollen.eigenaar}, applicatie {rollen.app}."
        )
