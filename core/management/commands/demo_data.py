from django.core.management.base import BaseCommand

from accounts.demo import DEMO_PASSWORD, DEMO_TOTP_KEY_BASE32, laad_demo_wereld


class Command(BaseCommand):
    help = "Load the demo world (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        logins = laad_demo_wereld()
        self.stdout.write(self.style.SUCCESS("Demodata geladen."))
        for rol, namen in logins.items():
            self.stdout.write(f"  {rol:<22} {', '.join(namen)}")
        self.stdout.write(f"  wachtwoord (allen): {DEMO_PASSWORD}")
        self.stdout.write(f"  TOTP-geheim (allen): {DEMO_TOTP_KEY_BASE32}  — of: ./scripts/demo-code")
