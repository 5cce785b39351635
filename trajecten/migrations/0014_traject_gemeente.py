"""The family's municipality on the trajectory (issue 10): a municipality's running trajectories by one
index instead of a join over every family of the country. Triggers keep it equal to gezin.gemeente."""

import django.db.models.deletion
from django.db import migrations, models

SQL = """
UPDATE trajecten_traject t SET gemeente_id = g.gemeente_id FROM trajecten_gezin g WHERE g.id = t.gezin_id;

CREATE OR REPLACE FUNCTION bz_traject_gemeente() RETURNS trigger AS $$
BEGIN
    NEW.gemeente_id := (SELECT gemeente_id FROM trajecten_gezin WHERE id = NEW.gezin_id);
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER traject_gemeente_van_gezin BEFORE INSERT OR UPDATE OF gezin_id, gemeente_id
    ON trajecten_traject FOR EACH ROW EXECUTE FUNCTION bz_traject_gemeente();

CREATE OR REPLACE FUNCTION bz_gezin_gemeente_naar_trajecten() RETURNS trigger AS $$
BEGIN
    UPDATE trajecten_traject SET gemeente_id = NEW.gemeente_id WHERE gezin_id = NEW.id;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER gezin_gemeente_naar_trajecten AFTER UPDATE OF gemeente_id ON trajecten_gezin FOR EACH ROW
    WHEN (OLD.gemeente_id IS DISTINCT FROM NEW.gemeente_id) EXECUTE FUNCTION bz_gezin_gemeente_naar_trajecten();
"""

TERUG = """
DROP TRIGGER IF EXISTS gezin_gemeente_naar_trajecten ON trajecten_gezin;
DROP TRIGGER IF EXISTS traject_gemeente_van_gezin ON trajecten_traject;
DROP FUNCTION IF EXISTS bz_gezin_gemeente_naar_trajecten();
DROP FUNCTION IF EXISTS bz_traject_gemeente();
"""


class Migration(migrations.Migration):
    # NOT NULL is safe during a rollout: the old version writes no gemeente_id, and the BEFORE INSERT
    # trigger added here fills it from the family for every row, whoever writes it.
    stilstandvrij = "trigger fills gemeente_id on every insert, so the old version never writes NULL"

    dependencies = [
        ("accounts", "0003_issue11_regels"),
        ("trajecten", "0013_lijst_en_werklijst_indexen"),
    ]

    operations = [
        migrations.AddField(
            model_name="traject",
            name="gemeente",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.organisatie",
                verbose_name="municipality of residence",
            ),
        ),
        migrations.RunSQL(SQL, TERUG),
        migrations.AlterField(
            model_name="traject",
            name="gemeente",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.organisatie",
                verbose_name="municipality of residence",
            ),
        ),
    ]
