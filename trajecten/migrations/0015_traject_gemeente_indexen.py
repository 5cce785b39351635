from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False  # built without locking the table against writes

    dependencies = [
        ("trajecten", "0014_traject_gemeente"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="traject",
            index=models.Index(fields=["gemeente", "status", "-aangemaakt_op"], name="traject_gemeente_status_idx"),
        ),
        AddIndexConcurrently(
            model_name="traject",
            index=models.Index(fields=["gemeente", "-aangemaakt_op"], name="traject_gemeente_nieuw_idx"),
        ),
    ]
