"""At most 40 goals in one version of a support plan (core.validators.DOELEN_PER_PLAN_MAX; the form and
the service refuse more first). The trajectory report prints every goal of every version, so an
unbounded plan made a report that could not finish. A CHECK constraint cannot count rows, so a trigger
does: it locks the plan row (two writers cannot both slip under the limit) and answers with a check
violation (SQLSTATE 23514, an IntegrityError in Django)."""

from django.db import migrations

from core.validators import DOELEN_PER_PLAN_MAX

VOORUIT = """
CREATE OR REPLACE FUNCTION bz_zorgdoelen_per_plan() RETURNS trigger AS $$
DECLARE
    aantal integer;
BEGIN
    PERFORM 1 FROM trajecten_ondersteuningsplan WHERE id = NEW.plan_id FOR UPDATE;
    SELECT count(*) INTO aantal FROM trajecten_zorgdoel WHERE plan_id = NEW.plan_id;
    IF aantal > @MAX@ THEN
        RAISE EXCEPTION 'zorgdoel_max_per_plan: support plan % would have % goals (at most @MAX@)',
            NEW.plan_id, aantal
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER zorgdoel_max_per_plan
    AFTER INSERT OR UPDATE OF plan_id ON trajecten_zorgdoel
    FOR EACH ROW EXECUTE FUNCTION bz_zorgdoelen_per_plan();
"""

VOORUIT = VOORUIT.replace("@MAX@", str(DOELEN_PER_PLAN_MAX))

TERUG = """
DROP TRIGGER IF EXISTS zorgdoel_max_per_plan ON trajecten_zorgdoel;
DROP FUNCTION IF EXISTS bz_zorgdoelen_per_plan();
"""


class Migration(migrations.Migration):
    dependencies = [("trajecten", "0010_issue11_regels")]

    operations = [migrations.RunSQL(VOORUIT, TERUG)]
