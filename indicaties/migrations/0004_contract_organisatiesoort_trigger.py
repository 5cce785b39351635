"""A contract is between a municipality and a care provider: the database holds that too, with the
trigger function of trajecten 0005; and an organisation under contract keeps its kind."""

from django.db import migrations

SQL = """
CREATE TRIGGER contract_gemeente_is_gemeente
    BEFORE INSERT OR UPDATE OF gemeente_id ON indicaties_contract
    FOR EACH ROW EXECUTE FUNCTION bz_eis_organisatiesoort('gemeente_id', 'gemeente');
CREATE TRIGGER contract_aanbieder_is_zorgaanbieder
    BEFORE INSERT OR UPDATE OF aanbieder_id ON indicaties_contract
    FOR EACH ROW EXECUTE FUNCTION bz_eis_organisatiesoort('aanbieder_id', 'zorgaanbieder');

CREATE OR REPLACE FUNCTION bz_organisatiesoort_vast() RETURNS trigger AS $$
BEGIN
    IF NEW.soort IS DISTINCT FROM OLD.soort AND (
        EXISTS (SELECT 1 FROM trajecten_gezin WHERE gemeente_id = OLD.id)
        OR EXISTS (SELECT 1 FROM trajecten_traject WHERE aanbieder_id = OLD.id)
        OR EXISTS (SELECT 1 FROM indicaties_contract WHERE gemeente_id = OLD.id OR aanbieder_id = OLD.id)
    ) THEN
        RAISE EXCEPTION 'organisation % has families, trajectories or contracts; its kind cannot change', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""

TERUG = """
DROP TRIGGER IF EXISTS contract_aanbieder_is_zorgaanbieder ON indicaties_contract;
DROP TRIGGER IF EXISTS contract_gemeente_is_gemeente ON indicaties_contract;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("indicaties", "0003_voorzieningen_seed"),
        ("trajecten", "0005_organisatiesoort_trigger"),
    ]

    operations = [migrations.RunSQL(SQL, TERUG)]
