"""Logged care stays within an indication's budget unless a reason is recorded (issue 16).
indicaties.services refuses, with the weeks concerned, a new version whose budget is below the cost of the
care already logged in its period, unless a budget exception (trajecten.BudgetUitzondering) is recorded
with it; this trigger holds the same rule for every other writer.

A constraint trigger deferred to the commit (the exception is written after the version). It fires when a
version is inserted, or when an update lowers its budget or widens its period (shortening a version, as
every change does to the previous one, only lowers its cost). The cost is counted as
trajecten.zorg.kosten_geleverd does: the current visits whose local (Amsterdam) start date lies in the
version's period, hours rounded to the cent, times the version's tariff. Answered as a check violation
(SQLSTATE 23514, an IntegrityError in Django)."""

from django.db import migrations

VOORUIT = """
CREATE OR REPLACE FUNCTION bz_indicatie_binnen_budget() RETURNS trigger AS $$
DECLARE
    versie record;
    kosten numeric;
BEGIN
    SELECT i.id, i.traject_id, i.van, i.tot, i.budget, i.uurtarief INTO versie
    FROM indicaties_indicatie i WHERE i.id = NEW.id;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF EXISTS (SELECT 1 FROM trajecten_budgetuitzondering u WHERE u.indicatie_id = versie.id) THEN
        RETURN NULL;
    END IF;
    SELECT round(round(COALESCE(SUM(EXTRACT(EPOCH FROM (b.eind - b.start))), 0)::numeric / 3600, 2)
                 * versie.uurtarief, 2)
      INTO kosten
    FROM trajecten_huisbezoek b
    WHERE b.traject_id = versie.traject_id
      AND NOT b.vervangen
      AND b.start >= (versie.van::timestamp AT TIME ZONE 'Europe/Amsterdam')
      AND b.start < ((versie.tot + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam');
    IF kosten > versie.budget THEN
        RAISE EXCEPTION 'indicatie_binnen_budget: indication % of trajectory % has logged care of % above its budget % without a budget exception',
            versie.id, versie.traject_id, kosten, versie.budget
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER indicatie_binnen_budget_nieuw
    AFTER INSERT ON indicaties_indicatie
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION bz_indicatie_binnen_budget();

CREATE CONSTRAINT TRIGGER indicatie_binnen_budget_gewijzigd
    AFTER UPDATE OF budget, van, tot ON indicaties_indicatie
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    WHEN (NEW.budget < OLD.budget OR NEW.van < OLD.van OR NEW.tot > OLD.tot)
    EXECUTE FUNCTION bz_indicatie_binnen_budget();
"""

TERUG = """
DROP TRIGGER IF EXISTS indicatie_binnen_budget_gewijzigd ON indicaties_indicatie;
DROP TRIGGER IF EXISTS indicatie_binnen_budget_nieuw ON indicaties_indicatie;
DROP FUNCTION IF EXISTS bz_indicatie_binnen_budget();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("indicaties", "0010_aanvraag_open_aanbieder_idx"),
        ("trajecten", "0025_traject_regie_lopend_idx"),
    ]

    operations = [migrations.RunSQL(VOORUIT, TERUG)]
