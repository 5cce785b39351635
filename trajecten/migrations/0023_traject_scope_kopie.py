"""The provider and municipality of a signal's and an evaluation's trajectory on the row itself (issue 10):
the worklists of the homes read them from an index that starts with the user's organisation, flat as the
country grows. Triggers set them on every write and follow the trajectory when its provider or
municipality changes (a family that moves)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


SQL = """
CREATE OR REPLACE FUNCTION bz_traject_scope_kopie() RETURNS trigger AS $$
BEGIN
    SELECT aanbieder_id, gemeente_id INTO NEW.traject_aanbieder_id, NEW.traject_gemeente_id
      FROM trajecten_traject WHERE id = NEW.traject_id;
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER signaal_scope_kopie BEFORE INSERT OR UPDATE OF traject_id, traject_aanbieder_id, traject_gemeente_id
    ON trajecten_signaal FOR EACH ROW EXECUTE FUNCTION bz_traject_scope_kopie();
CREATE TRIGGER evaluatie_scope_kopie BEFORE INSERT OR UPDATE OF traject_id, traject_aanbieder_id, traject_gemeente_id
    ON trajecten_evaluatie FOR EACH ROW EXECUTE FUNCTION bz_traject_scope_kopie();

CREATE OR REPLACE FUNCTION bz_traject_scope_naar_zorg() RETURNS trigger AS $$
BEGIN
    UPDATE trajecten_signaal SET traject_aanbieder_id = NEW.aanbieder_id, traject_gemeente_id = NEW.gemeente_id
     WHERE traject_id = NEW.id;
    UPDATE trajecten_evaluatie SET traject_aanbieder_id = NEW.aanbieder_id, traject_gemeente_id = NEW.gemeente_id
     WHERE traject_id = NEW.id;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER traject_scope_naar_zorg AFTER UPDATE OF aanbieder_id, gemeente_id ON trajecten_traject
    FOR EACH ROW WHEN (OLD.aanbieder_id IS DISTINCT FROM NEW.aanbieder_id OR OLD.gemeente_id IS DISTINCT FROM NEW.gemeente_id)
    EXECUTE FUNCTION bz_traject_scope_naar_zorg();

UPDATE trajecten_signaal s SET traject_aanbieder_id = t.aanbieder_id, traject_gemeente_id = t.gemeente_id
  FROM trajecten_traject t WHERE t.id = s.traject_id;
UPDATE trajecten_evaluatie e SET traject_aanbieder_id = t.aanbieder_id, traject_gemeente_id = t.gemeente_id
  FROM trajecten_traject t WHERE t.id = e.traject_id;
"""

TERUG = """
DROP TRIGGER IF EXISTS traject_scope_naar_zorg ON trajecten_traject;
DROP FUNCTION IF EXISTS bz_traject_scope_naar_zorg();
DROP TRIGGER IF EXISTS evaluatie_scope_kopie ON trajecten_evaluatie;
DROP TRIGGER IF EXISTS signaal_scope_kopie ON trajecten_signaal;
DROP FUNCTION IF EXISTS bz_traject_scope_kopie();
"""

class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_h16_sessies_beeindigd_op'),
        ('trajecten', '0022_traject_zoeknamen_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='evaluatie',
            name='traject_aanbieder',
            field=models.ForeignKey(db_constraint=False, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.organisatie'),
        ),
        migrations.AddField(
            model_name='evaluatie',
            name='traject_gemeente',
            field=models.ForeignKey(db_constraint=False, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.organisatie'),
        ),
        migrations.AddField(
            model_name='signaal',
            name='traject_aanbieder',
            field=models.ForeignKey(db_constraint=False, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.organisatie'),
        ),
        migrations.AddField(
            model_name='signaal',
            name='traject_gemeente',
            field=models.ForeignKey(db_constraint=False, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.organisatie'),
        ),
        migrations.RunSQL(SQL, TERUG),
    ]
