from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations


class Migration(migrations.Migration):
    atomic = False  # built without blocking writes (zero-downtime rule, core/migratiecontrole.py)

    dependencies = [("trajecten", "0021_traject_zoeknamen")]

    operations = [
        AddIndexConcurrently(
            model_name="traject",
            index=GinIndex(OpClass("zoeknamen", name="gin_trgm_ops"), name="traject_zoeknamen_trgm_idx"),
        ),
    ]
