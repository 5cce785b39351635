"""The parents' surnames on the trajectory (issue 10): the list's surname search within a provider's or
municipality's trajectories by one trigram index, flat as the country grows. Triggers keep the column
equal to the family's parents (also after a correction, an erasure or a parent added later)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

SQL = """
CREATE OR REPLACE FUNCTION bz_traject_zoeknamen() RETURNS trigger AS $$
BEGIN
    NEW.zoeknamen := coalesce(
        (SELECT string_agg(lower(achternaam), ' | ' ORDER BY id) FROM trajecten_ouder
          WHERE gezin_id = NEW.gezin_id), '');
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER traject_zoeknamen_van_ouders BEFORE INSERT OR UPDATE OF gezin_id, zoeknamen
    ON trajecten_traject FOR EACH ROW EXECUTE FUNCTION bz_traject_zoeknamen();

-- A parent added, renamed, moved to another family or removed: the trajectories of the families concerned
-- recompute their names (the update of the column fires the trigger above).
CREATE OR REPLACE FUNCTION bz_ouder_zoeknamen_naar_trajecten() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE trajecten_traject SET zoeknamen = '' WHERE gezin_id = OLD.gezin_id;
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.gezin_id IS DISTINCT FROM OLD.gezin_id) THEN
        UPDATE trajecten_traject SET zoeknamen = '' WHERE gezin_id = NEW.gezin_id;
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER ouder_zoeknamen_naar_trajecten AFTER INSERT OR DELETE OR UPDATE OF achternaam, gezin_id
    ON trajecten_ouder FOR EACH ROW EXECUTE FUNCTION bz_ouder_zoeknamen_naar_trajecten();

UPDATE trajecten_traject SET zoeknamen = '';
"""

TERUG = """
DROP TRIGGER IF EXISTS ouder_zoeknamen_naar_trajecten ON trajecten_ouder;
DROP TRIGGER IF EXISTS traject_zoeknamen_van_ouders ON trajecten_traject;
DROP FUNCTION IF EXISTS bz_ouder_zoeknamen_naar_trajecten();
DROP FUNCTION IF EXISTS bz_traject_zoeknamen();
"""


class Migration(migrations.Migration):
    dependencies = [("trajecten", "0020_gezin_zonder_vast_adres")]

    operations = [
        TrigramExtension(),
        migrations.AddField(
            model_name="traject",
            name="zoeknamen",
            field=models.TextField(db_default="", editable=False),
        ),
        migrations.RunSQL(SQL, TERUG),
    ]
