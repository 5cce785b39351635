from django.core.management.base import BaseCommand, CommandError

from core.migratiecontrole import problemen


class Command(BaseCommand):
    help = (
        "Check migrations added since the baseline against the zero-downtime rule (expand now, contract in "
        "a later release; core/migratiecontrole.py). Exits with an error listing each unsafe operation."
    )
    requires_system_checks = []

    def handle(self, *args, **options):
        if gevonden := problemen():
            raise CommandError("Migraties die een draaiende vorige versie breken:\n" + "\n".join(gevonden))
        self.stdout.write("Alle nieuwe migraties zijn veilig naast de vorige versie.")
