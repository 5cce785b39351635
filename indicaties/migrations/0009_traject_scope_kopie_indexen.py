from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False  # built without blocking writes (core/migratiecontrole.py)

    dependencies = [("indicaties", "0008_traject_scope_kopie")]

    operations = [
        AddIndexConcurrently(
            model_name='indicatie',
            index=models.Index(condition=models.Q(('beeindigd_op__isnull', True)), fields=['traject_aanbieder', 'tot'], name='indicatie_aanbieder_tot_idx'),
        ),
        AddIndexConcurrently(
            model_name='indicatieaanvraag',
            index=models.Index(condition=models.Q(('status', 'open')), fields=['traject_gemeente', 'aangevraagd_op'], name='aanvraag_open_gemeente_idx'),
        ),
    ]
