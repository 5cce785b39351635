"""Nobody who has left carries a family (issue 16). trajecten.vertrek hands a medewerker's running
assignments over (or ends them) in the same step that deactivates her, and the admin refuses to untick
'active' before that; these triggers hold the same rule for every other writer and for a race between a
departure and a coordinator assigning her at the same moment:

- deactivating a user is refused while an assignment of hers runs past today (open-ended, or ending
  later);
- assigning an inactive user beyond today (a new assignment, or one moved to her or extended) is refused.
  It reads her row FOR SHARE, so it waits for a departure that holds that row and then sees its outcome.

"Today" is the Amsterdam date, as the application counts days. Answered as a check violation (SQLSTATE
23514, an IntegrityError in Django)."""

from django.db import migrations

VOORUIT = """
CREATE OR REPLACE FUNCTION bz_vertrek_zonder_lopende_toewijzingen() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM trajecten_toewijzing
        WHERE medewerker_id = NEW.id
          AND (tot IS NULL OR tot > (now() AT TIME ZONE 'Europe/Amsterdam')::date)
    ) THEN
        RAISE EXCEPTION 'gebruiker_zonder_lopende_toewijzingen: user % still has running assignments', NEW.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER gebruiker_zonder_lopende_toewijzingen
    AFTER UPDATE OF is_active ON accounts_user
    FOR EACH ROW WHEN (OLD.is_active AND NOT NEW.is_active)
    EXECUTE FUNCTION bz_vertrek_zonder_lopende_toewijzingen();

CREATE OR REPLACE FUNCTION bz_toewijzing_actieve_medewerker() RETURNS trigger AS $$
DECLARE
    actief boolean;
BEGIN
    IF NEW.tot IS NOT NULL AND NEW.tot <= (now() AT TIME ZONE 'Europe/Amsterdam')::date THEN
        RETURN NULL;  -- ends by today: recording the past of someone who left is fine
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.medewerker_id = OLD.medewerker_id
       AND (OLD.tot IS NULL OR (NEW.tot IS NOT NULL AND NEW.tot <= OLD.tot)) THEN
        RETURN NULL;  -- not extended
    END IF;
    SELECT is_active INTO actief FROM accounts_user WHERE id = NEW.medewerker_id FOR SHARE;
    IF NOT actief THEN
        RAISE EXCEPTION 'toewijzing_actieve_medewerker: user % is inactive', NEW.medewerker_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER toewijzing_actieve_medewerker
    AFTER INSERT OR UPDATE OF medewerker_id, tot ON trajecten_toewijzing
    FOR EACH ROW EXECUTE FUNCTION bz_toewijzing_actieve_medewerker();
"""

TERUG = """
DROP TRIGGER IF EXISTS toewijzing_actieve_medewerker ON trajecten_toewijzing;
DROP FUNCTION IF EXISTS bz_toewijzing_actieve_medewerker();
DROP TRIGGER IF EXISTS gebruiker_zonder_lopende_toewijzingen ON accounts_user;
DROP FUNCTION IF EXISTS bz_vertrek_zonder_lopende_toewijzingen();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("trajecten", "0017_afsluiting_overgedragen_aan_partner"),
        ("accounts", "0004_h16_sessies_beeindigd_op"),
    ]

    operations = [migrations.RunSQL(VOORUIT, TERUG)]
