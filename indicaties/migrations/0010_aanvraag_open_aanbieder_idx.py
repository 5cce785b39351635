from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False  # built without blocking writes (core/migratiecontrole.py)

    dependencies = [("indicaties", "0009_traject_scope_kopie_indexen")]

    operations = [
        AddIndexConcurrently(
            model_name="indicatieaanvraag",
            index=models.Index(
                condition=models.Q(("status", "open")),
                fields=["traject_aanbieder"],
                name="aanvraag_open_aanbieder_idx",
            ),
        ),
    ]
