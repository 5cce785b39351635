from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from accounts.demo import DEMO_TOTP_KEY_HEX


class Command(BaseCommand):
    help = "Print the current six-digit code of the shared demo TOTP secret (demo environments only)."

    def handle(self, *args, **options):
        from django.conf import settings

        if not settings.DEMO_MODE:
            raise CommandError("Alleen in demomodus (DEMO_MODE=true).")
        totp = TOTP(bytes.fromhex(DEMO_TOTP_KEY_HEX), step=30, digits=6)
        self.stdout.write(f"{totp.token():06d}  (nog {30 - int(totp.time) % 30} s geldig)")
