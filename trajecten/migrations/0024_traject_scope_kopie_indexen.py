from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False  # built without blocking writes (core/migratiecontrole.py)

    dependencies = [("trajecten", "0023_traject_scope_kopie")]

    operations = [
        AddIndexConcurrently(
            model_name='evaluatie',
            index=models.Index(condition=models.Q(('gehouden_op__isnull', True)), fields=['traject_aanbieder', 'gepland_op'], name='evaluatie_open_aanbieder_idx'),
        ),
        AddIndexConcurrently(
            model_name='evaluatie',
            index=models.Index(condition=models.Q(('gehouden_op__isnull', True)), fields=['traject_gemeente', 'gepland_op'], name='evaluatie_open_gemeente_idx'),
        ),
        AddIndexConcurrently(
            model_name='signaal',
            index=models.Index(condition=models.Q(('status', 'afgerond'), _negated=True), fields=['traject_aanbieder', '-gemeld_op'], name='signaal_open_aanbieder_idx'),
        ),
        AddIndexConcurrently(
            model_name='signaal',
            index=models.Index(condition=models.Q(('status', 'afgerond'), _negated=True), fields=['traject_gemeente', '-gemeld_op'], name='signaal_open_gemeente_idx'),
        ),
    ]
