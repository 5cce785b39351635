from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD, DEMO_TOTP_KEY_BASE32, laad_demo_wereld
from ketenpartners.demo import laad_demo_ketenpartners
from rapportage.demo import laad_demo_rapporten, laad_demo_regios
from trajecten.demo import laad_demo_trajecten


class Command(BaseCommand):
    help = "Load the demo world (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        from django.conf import settings

        if not settings.DEMO_MODE:
            raise CommandError(
                "Alleen in demomodus (DEMO_MODE=true): de demogebruikers hebben een openbaar wachtwoord."
            )
        logins = laad_demo_wereld()
        gezinnen = laad_demo_trajecten(timezone.localdate())
        laad_demo_ketenpartners(timezone.localdate())
        laad_demo_regios()
        # The monthly period reports, made as the worker makes them (a few seconds each).
        rapporten = laad_demo_rapporten(timezone.localdate())
        self.stdout.write(
            self.style.SUCCESS(f"Demodata geladen ({gezinnen} nieuwe gezinnen, {rapporten} maandrapporten).")
        )
        for rol, namen in logins.items():
            self.stdout.write(f"  {rol:<22} {', '.join(namen)}")
        self.stdout.write(f"  wachtwoord (allen): {DEMO_PASSWORD}")
        self.stdout.write(f"  TOTP-geheim (allen): {DEMO_TOTP_KEY_BASE32}  — of: ./scripts/demo-code")
