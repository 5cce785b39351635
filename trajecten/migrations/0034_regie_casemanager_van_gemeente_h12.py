"""The database holds that a trajectory's regievoerder casemanager is a casemanager of the family's
municipality (issue 12), as the regie service and form do; this catches the admin and scripts. Checked when
the regievoerder is written, so a later move of the family (a new municipality) is not refused by it: the
move then names a new regievoerder through the service."""

from django.db import migrations

FUNCTIE = """
CREATE OR REPLACE FUNCTION bz_regie_casemanager_van_gemeente() RETURNS trigger AS $$
BEGIN
    IF NEW.regie_casemanager_id IS NULL THEN
        RETURN NEW;
    END IF;
    IF NOT EXISTS (
        SELECT 1 FROM accounts_lidmaatschap
        WHERE user_id = NEW.regie_casemanager_id AND rol = 'casemanager' AND organisatie_id = NEW.gemeente_id
    ) THEN
        RAISE EXCEPTION 'trajectory %: regievoerder % is not a casemanager of municipality %',
            NEW.id, NEW.regie_casemanager_id, NEW.gemeente_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS traject_regie_casemanager_van_gemeente ON trajecten_traject;
CREATE TRIGGER traject_regie_casemanager_van_gemeente
    BEFORE INSERT OR UPDATE OF regie_casemanager_id ON trajecten_traject
    FOR EACH ROW EXECUTE FUNCTION bz_regie_casemanager_van_gemeente();
"""

TERUG = """
DROP TRIGGER IF EXISTS traject_regie_casemanager_van_gemeente ON trajecten_traject;
DROP FUNCTION IF EXISTS bz_regie_casemanager_van_gemeente();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("trajecten", "0033_afgewezen_doorverwezen_h13"),
        ("accounts", "0004_h16_sessies_beeindigd_op"),
    ]

    operations = [migrations.RunSQL(FUNCTIE, TERUG)]
