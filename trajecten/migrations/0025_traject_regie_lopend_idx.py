from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False  # built without blocking writes (core/migratiecontrole.py)

    dependencies = [("trajecten", "0024_traject_scope_kopie_indexen")]

    operations = [
        AddIndexConcurrently(
            model_name="traject",
            index=models.Index(
                condition=models.Q(
                    ("status__in", ["aangemeld", "intake", "indicatie_aangevraagd", "actief", "afsluiten"])
                ),
                fields=["regie_casemanager", "gemeente", "-aangemaakt_op"],
                name="traject_regie_lopend_idx",
            ),
        ),
    ]
