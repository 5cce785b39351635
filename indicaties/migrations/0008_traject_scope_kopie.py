"""The provider and municipality of an indication's and a request's trajectory on the row itself (issue 10),
like trajecten 0023 (whose trigger function this reuses): the casemanager's open requests and the
coordinator's indications about to end are read from an index that starts with the organisation."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


SQL = """
CREATE TRIGGER indicatie_scope_kopie BEFORE INSERT OR UPDATE OF traject_id, traject_aanbieder_id, traject_gemeente_id
    ON indicaties_indicatie FOR EACH ROW EXECUTE FUNCTION bz_traject_scope_kopie();
CREATE TRIGGER aanvraag_scope_kopie BEFORE INSERT OR UPDATE OF traject_id, traject_aanbieder_id, traject_gemeente_id
    ON indicaties_indicatieaanvraag FOR EACH ROW EXECUTE FUNCTION bz_traject_scope_kopie();

CREATE OR REPLACE FUNCTION bz_traject_scope_naar_indicaties() RETURNS trigger AS $$
BEGIN
    UPDATE indicaties_indicatie SET traject_aanbieder_id = NEW.aanbieder_id, traject_gemeente_id = NEW.gemeente_id
     WHERE traject_id = NEW.id;
    UPDATE indicaties_indicatieaanvraag SET traject_aanbieder_id = NEW.aanbieder_id, traject_gemeente_id = NEW.gemeente_id
     WHERE traject_id = NEW.id;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER traject_scope_naar_indicaties AFTER UPDATE OF aanbieder_id, gemeente_id ON trajecten_traject
    FOR EACH ROW WHEN (OLD.aanbieder_id IS DISTINCT FROM NEW.aanbieder_id OR OLD.gemeente_id IS DISTINCT FROM NEW.gemeente_id)
    EXECUTE FUNCTION bz_traject_scope_naar_indicaties();

UPDATE indicaties_indicatie i SET traject_aanbieder_id = t.aanbieder_id, traject_gemeente_id = t.gemeente_id
  FROM trajecten_traject t WHERE t.id = i.traject_id;
UPDATE indicaties_indicatieaanvraag a SET traject_aanbieder_id = t.aanbieder_id, traject_gemeente_id = t.gemeente_id
  FROM trajecten_traject t WHERE t.id = a.traject_id;
"""

TERUG = """
DROP TRIGGER IF EXISTS traject_scope_naar_indicaties ON trajecten_traject;
DROP FUNCTION IF EXISTS bz_traject_scope_naar_indicaties();
DROP TRIGGER IF EXISTS aanvraag_scope_kopie ON indicaties_indicatieaanvraag;
DROP TRIGGER IF EXISTS indicatie_scope_kopie ON indicaties_indicatie;
"""

class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_h16_sessies_beeindigd_op'),
        ('indicaties', '0007_h16_indicatie_dekt_bezoeken'),
        ('trajecten', '0023_traject_scope_kopie'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='indicatie',
            name='traject_aanbieder',
            field=models.ForeignKey(db_constraint=False, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.organisatie'),
        ),
        migrations.AddField(
            model_name='indicatie',
            name='traject_gemeente',
            field=models.ForeignKey(db_constraint=False, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.organisatie'),
        ),
        migrations.AddField(
            model_name='indicatieaanvraag',
            name='traject_aanbieder',
            field=models.ForeignKey(db_constraint=False, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.organisatie'),
        ),
        migrations.AddField(
            model_name='indicatieaanvraag',
            name='traject_gemeente',
            field=models.ForeignKey(db_constraint=False, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.organisatie'),
        ),
        migrations.RunSQL(SQL, TERUG),
    ]
