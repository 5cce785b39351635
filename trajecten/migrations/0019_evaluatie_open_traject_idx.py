from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False  # built without locking the table against writes

    dependencies = [
        ("trajecten", "0018_toewijzing_actieve_medewerker"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="evaluatie",
            index=models.Index(
                condition=models.Q(("gehouden_op__isnull", True)),
                fields=["traject", "gepland_op"],
                name="evaluatie_open_traject_idx",
            ),
        ),
    ]
