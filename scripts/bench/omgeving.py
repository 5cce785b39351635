# ruff: noqa: S108, S311, S324, S603, S607, S608 - a benchmark: fixed commands, its own SQL, /tmp files
"""The environment every benchmark step shares: production settings with fixed bench secrets (the
generator encrypts BSNs with the same keys the server decrypts them with), and one database per scale."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DEMO_PASSWORD = "Demo-wachtwoord-2026"  # noqa: S105 - the published demo password (README)
DEMO_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"

PRODUCTIE = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "benchmark-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz",
    "FIELD_ENCRYPTION_SALT": "benchmark-salt",
    "BSN_HASH_KEY": "benchmark-bsn-hash-key",
    "SITE_URL": "https://127.0.0.1",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "DJANGO_SECURE_HSTS_SECONDS": "0",
    "PRIVATE_MEDIA_ROOT": "/tmp/bench-private-media",
}


def database(schaal: float, naam: str | None = None) -> str:
    if naam:
        return naam
    if schaal >= 1:
        return "bz_national"
    return f"bz_national{round(schaal * 100)}"


def poort(schaal: float) -> int:
    return 8100 if schaal >= 1 else 8101


def database_url(db: str) -> str:
    return f"postgres://postgres@127.0.0.1:5432/{db}"


def omgeving(db: str) -> dict[str, str]:
    return {**os.environ, **PRODUCTIE, "DATABASE_URL": database_url(db), "CONN_MAX_AGE": "600"}


def statisch_verzamelen(db: str) -> None:
    """Production settings serve static files through the manifest: collect them once per checkout."""
    import subprocess

    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                       cwd=ROOT, env=omgeving(db), check=True)  # fmt: skip


def django_opzetten(db: str) -> None:
    statisch_verzamelen(db)
    os.environ.update(omgeving(db))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
