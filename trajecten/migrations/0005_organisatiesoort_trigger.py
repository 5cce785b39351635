"""The database holds the rule that a family's municipality is a municipality and a trajectory's provider
a care provider (forms and services check it too; this catches everything else, e.g. the admin or a
script). A foreign key cannot express "of this kind", so a trigger does, answering with a check
violation (SQLSTATE 23514, an IntegrityError in Django)."""

from django.db import migrations

FUNCTIE = """
CREATE OR REPLACE FUNCTION bz_eis_organisatiesoort() RETURNS trigger AS $$
DECLARE
    kolom text := TG_ARGV[0];
    verwacht text := TG_ARGV[1];
    org_id bigint;
    gevonden text;
BEGIN
    EXECUTE format('SELECT ($1).%I', kolom) INTO org_id USING NEW;
    IF org_id IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT soort INTO gevonden FROM accounts_organisatie WHERE id = org_id;
    IF gevonden IS DISTINCT FROM verwacht THEN
        RAISE EXCEPTION '%.% must refer to an organisation of kind % (organisation % is %)',
            TG_TABLE_NAME, kolom, verwacht, org_id, coalesce(gevonden, 'missing')
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER gezin_gemeente_is_gemeente
    BEFORE INSERT OR UPDATE OF gemeente_id ON trajecten_gezin
    FOR EACH ROW EXECUTE FUNCTION bz_eis_organisatiesoort('gemeente_id', 'gemeente');
CREATE TRIGGER traject_aanbieder_is_zorgaanbieder
    BEFORE INSERT OR UPDATE OF aanbieder_id ON trajecten_traject
    FOR EACH ROW EXECUTE FUNCTION bz_eis_organisatiesoort('aanbieder_id', 'zorgaanbieder');

-- An organisation that families or trajectories point at keeps its kind.
CREATE OR REPLACE FUNCTION bz_organisatiesoort_vast() RETURNS trigger AS $$
BEGIN
    IF NEW.soort IS DISTINCT FROM OLD.soort AND (
        EXISTS (SELECT 1 FROM trajecten_gezin WHERE gemeente_id = OLD.id)
        OR EXISTS (SELECT 1 FROM trajecten_traject WHERE aanbieder_id = OLD.id)
    ) THEN
        RAISE EXCEPTION 'organisation % has families or trajectories; its kind cannot change', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER organisatie_soort_vast
    BEFORE UPDATE OF soort ON accounts_organisatie
    FOR EACH ROW EXECUTE FUNCTION bz_organisatiesoort_vast();
"""

TERUG = """
DROP TRIGGER IF EXISTS organisatie_soort_vast ON accounts_organisatie;
DROP FUNCTION IF EXISTS bz_organisatiesoort_vast();
DROP TRIGGER IF EXISTS traject_aanbieder_is_zorgaanbieder ON trajecten_traject;
DROP TRIGGER IF EXISTS gezin_gemeente_is_gemeente ON trajecten_gezin;
DROP FUNCTION IF EXISTS bz_eis_organisatiesoort();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("trajecten", "0004_alter_meldcoderegistratie_onveilig_and_more"),
        ("accounts", "0001_initial"),
    ]

    operations = [migrations.RunSQL(FUNCTIE, TERUG)]
