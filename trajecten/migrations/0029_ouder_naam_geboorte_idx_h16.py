import django.db.models.functions.text
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    # A referral's parent matched by surname and date of birth (issue 16): built without locking the
    # parents against writes.
    atomic = False

    dependencies = [
        ("trajecten", "0028_verhuizing_regels_h16"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="ouder",
            index=models.Index(
                django.db.models.functions.text.Upper("achternaam"),
                "geboortedatum",
                name="ouder_naam_geboorte_idx",
            ),
        ),
    ]
