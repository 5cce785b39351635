"""A move starts where the family lives and comes after its previous move (issue 16). The service
(trajecten.verhuizing) checks both with a Dutch message; this trigger holds them for every other writer:
a new ``trajecten_verhuizing`` row must name the family's present municipality as the previous one, and
lie after every earlier move of the family (the period report reads the residence on a day from these
rows, so they must form one chain). Answered as a check violation (SQLSTATE 23514)."""

from django.db import migrations

VOORUIT = """
CREATE OR REPLACE FUNCTION bz_verhuizing_in_volgorde() RETURNS trigger AS $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM trajecten_gezin g WHERE g.id = NEW.gezin_id AND g.gemeente_id = NEW.oude_gemeente_id
    ) THEN
        RAISE EXCEPTION 'verhuizing_in_volgorde: family % does not live in municipality % now',
            NEW.gezin_id, NEW.oude_gemeente_id USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (
        SELECT 1 FROM trajecten_verhuizing v
        WHERE v.gezin_id = NEW.gezin_id AND v.datum >= NEW.datum AND v.id IS DISTINCT FROM NEW.id
    ) THEN
        RAISE EXCEPTION 'verhuizing_in_volgorde: family % already moved on or after %', NEW.gezin_id, NEW.datum
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER verhuizing_in_volgorde
    BEFORE INSERT ON trajecten_verhuizing
    FOR EACH ROW EXECUTE FUNCTION bz_verhuizing_in_volgorde();
"""

TERUG = """
DROP TRIGGER IF EXISTS verhuizing_in_volgorde ON trajecten_verhuizing;
DROP FUNCTION IF EXISTS bz_verhuizing_in_volgorde();
"""


class Migration(migrations.Migration):
    dependencies = [("trajecten", "0027_baby_bsn_h16")]

    operations = [migrations.RunSQL(VOORUIT, TERUG)]
