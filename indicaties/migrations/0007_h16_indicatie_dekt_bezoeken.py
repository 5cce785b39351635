"""Logged care never falls outside an indication (issue 16). indicaties.services refuses, with the visits
listed, a new version or an ending that would cut an indication short behind logged visits; this trigger
holds the same rule for every other writer (a script, the admin, a bug).

A constraint trigger, deferred to the commit: a change of an indication is two writes (the current
version ends the day before the new one starts, then the new one is inserted), and only the end result
must cover every visit. On each update of the period (or delete) of an indication, every current visit of
that trajectory in the days the old row covered must, at commit, lie in some indication of the
trajectory: the visit's local (Amsterdam) start date, as trajecten.zorg counts it. Answered as a check
violation (SQLSTATE 23514, an IntegrityError in Django)."""

from django.db import migrations

VOORUIT = """
CREATE OR REPLACE FUNCTION bz_indicatie_dekt_bezoeken() RETURNS trigger AS $$
DECLARE
    bezoek record;
BEGIN
    SELECT b.id, b.start INTO bezoek
    FROM trajecten_huisbezoek b
    WHERE b.traject_id = OLD.traject_id
      AND NOT b.vervangen
      AND b.start >= (OLD.van::timestamp AT TIME ZONE 'Europe/Amsterdam')
      AND b.start < ((OLD.tot + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam')
      AND NOT EXISTS (
          SELECT 1 FROM indicaties_indicatie i
          WHERE i.traject_id = b.traject_id
            AND (b.start AT TIME ZONE 'Europe/Amsterdam')::date BETWEEN i.van AND i.tot
      )
    ORDER BY b.start
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'indicatie_dekt_bezoeken: visit % of trajectory % (%) would lie outside any indication',
            bezoek.id, OLD.traject_id, bezoek.start
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER indicatie_dekt_bezoeken
    AFTER UPDATE OF van, tot, traject_id OR DELETE ON indicaties_indicatie
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION bz_indicatie_dekt_bezoeken();
"""

TERUG = """
DROP TRIGGER IF EXISTS indicatie_dekt_bezoeken ON indicaties_indicatie;
DROP FUNCTION IF EXISTS bz_indicatie_dekt_bezoeken();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("indicaties", "0006_issue11_regels"),
        ("trajecten", "0013_lijst_en_werklijst_indexen"),
    ]

    operations = [migrations.RunSQL(VOORUIT, TERUG)]
