"""Move the private files of versions before issue 14 from PRIVATE_MEDIA_ROOT into core_privebestand.

Idempotent: a file already in the table is skipped, so the migration can be rerun by hand
(``manage.py migrate core 0007_h14_privebestand && manage.py migrate core``). The files on disk are left
in place; remove them after checking a backup (README "Productie op Kubernetes").
"""

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import migrations


def bestanden_importeren(apps, schema_editor):
    PriveBestand = apps.get_model("core", "PriveBestand")
    root = Path(getattr(settings, "PRIVATE_MEDIA_ROOT", "") or "")
    if not str(root) or not root.is_dir():
        return
    bekend = set(PriveBestand.objects.values_list("naam", flat=True))
    for pad in sorted(root.rglob("*")):
        naam = pad.relative_to(root).as_posix()
        # Temporary files of an interrupted write start with a dot; they were never a finished file.
        if not pad.is_file() or pad.name.startswith(".") or naam in bekend:
            continue
        inhoud = pad.read_bytes()
        PriveBestand.objects.create(
            naam=naam,
            inhoud=inhoud,
            grootte=len(inhoud),
            sha256=hashlib.sha256(inhoud).hexdigest(),
            gewijzigd_op=datetime.fromtimestamp(pad.stat().st_mtime, tz=UTC),
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0007_h14_privebestand")]

    operations = [migrations.RunPython(bestanden_importeren, migrations.RunPython.noop)]
