import django.utils.timezone
from django.db import migrations, models

# The access log (and its purge record) can be added to, never changed or removed by the application:
# its database role gets only SELECT and INSERT there (core/databaserollen.py), and triggers refuse
# UPDATE, DELETE and TRUNCATE for everyone, the owner included. The one way out is the retention
# purge: toegangslog_opschonen(grens), a SECURITY DEFINER function of the owner that removes only
# rows older than a boundary at least 5 years back and records what it did.
SQL = """
CREATE OR REPLACE FUNCTION bz_weiger_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Only a superuser session that asks for it (the test runner's flush between tests, see
    -- config/settings/test.py) may empty such a table; a superuser could drop this trigger anyway.
    IF current_setting('bz.testdatabase_legen', true) = 'aan'
       AND (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '% is alleen-toevoegen: TRUNCATE geweigerd', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE OR REPLACE FUNCTION bz_weiger_wijziging() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is alleen-toevoegen: % geweigerd', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- Makes a table append-only; a later migration calls it for a new append-only table. Idempotent, also
-- run by "manage.py databaserollen" after it grants the application role its rights on every table.
CREATE OR REPLACE FUNCTION bz_alleen_toevoegen(tabel regclass, rijtrigger boolean DEFAULT true)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    r record;
BEGIN
    IF rijtrigger THEN
        EXECUTE format('CREATE OR REPLACE TRIGGER bz_geen_wijziging BEFORE UPDATE OR DELETE ON %s '
                       'FOR EACH ROW EXECUTE FUNCTION bz_weiger_wijziging()', tabel);
    END IF;
    EXECUTE format('CREATE OR REPLACE TRIGGER bz_geen_truncate BEFORE TRUNCATE ON %s '
                   'FOR EACH STATEMENT EXECUTE FUNCTION bz_weiger_truncate()', tabel);
    -- Nobody but the owner keeps a right to change or empty it (default privileges gave the
    -- application role UPDATE and DELETE when the table was created).
    FOR r IN SELECT DISTINCT a.grantee FROM pg_class c, aclexplode(c.relacl) a
             WHERE c.oid = tabel AND a.grantee <> c.relowner
               AND a.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER') LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %s FROM %s', tabel,
                       CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE r.grantee::regrole::text END);
    END LOOP;
END;
$$;

-- UPDATE never; DELETE only inside toegangslog_opschonen, for rows older than its boundary.
CREATE OR REPLACE FUNCTION core_toegangslog_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    grens timestamptz;
BEGIN
    IF TG_OP = 'DELETE' THEN
        grens := nullif(current_setting('bz.toegangslog_opschonen_grens', true), '')::timestamptz;
        IF grens IS NOT NULL AND grens <= now() - interval '5 years' AND OLD.tijdstip < grens THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION 'core_toegangslog is alleen-toevoegen: % geweigerd', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- The setting above is only a key for this function: whoever sets it also needs DELETE on the table,
-- which the application role lacks. Tables are schema-qualified and pg_temp comes last, so a temporary
-- table of the caller cannot stand in for the log.
CREATE OR REPLACE FUNCTION toegangslog_opschonen(grens timestamptz) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET datestyle = 'ISO, YMD'
AS $$
DECLARE
    aantal bigint;
BEGIN
    IF grens IS NULL OR grens > now() - interval '5 years' THEN
        RAISE EXCEPTION 'Het toegangslog wordt ten minste 5 jaar bewaard: grens % ligt minder dan 5 jaar terug', grens
            USING ERRCODE = 'check_violation';
    END IF;
    PERFORM set_config('bz.toegangslog_opschonen_grens', grens::text, true);
    DELETE FROM public.core_toegangslog WHERE tijdstip < grens;
    GET DIAGNOSTICS aantal = ROW_COUNT;
    PERFORM set_config('bz.toegangslog_opschonen_grens', '', true);
    INSERT INTO public.core_toegangslogopschoning (tijdstip, grens, aantal, uitgevoerd_door)
        VALUES (now(), grens, aantal, session_user);
    RETURN aantal;
END;
$$;
REVOKE ALL ON FUNCTION toegangslog_opschonen(timestamptz) FROM PUBLIC;

SELECT bz_alleen_toevoegen('core_toegangslog', rijtrigger => false);
SELECT bz_alleen_toevoegen('core_toegangslogopschoning');
"""

REVERSE_SQL = """
DROP TRIGGER IF EXISTS bz_geen_truncate ON core_toegangslog;
DROP TRIGGER IF EXISTS bz_geen_truncate ON core_toegangslogopschoning;
DROP TRIGGER IF EXISTS bz_geen_wijziging ON core_toegangslogopschoning;
DROP FUNCTION IF EXISTS toegangslog_opschonen(timestamptz);
DROP FUNCTION IF EXISTS bz_alleen_toevoegen(regclass, boolean);
DROP FUNCTION IF EXISTS bz_weiger_truncate();
DROP FUNCTION IF EXISTS bz_weiger_wijziging();
CREATE OR REPLACE FUNCTION core_toegangslog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'core_toegangslog is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_melding"),
    ]

    operations = [
        migrations.CreateModel(
            name="ToegangslogOpschoning",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "tijdstip",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="time (UTC)"),
                ),
                ("grens", models.DateTimeField(verbose_name="removed what was older than")),
                ("aantal", models.BigIntegerField(verbose_name="number of rows")),
                (
                    "uitgevoerd_door",
                    models.CharField(blank=True, max_length=150, verbose_name="database role"),
                ),
            ],
            options={
                "verbose_name": "access log purge",
                "verbose_name_plural": "access log purges",
                "ordering": ["-tijdstip", "-id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("aantal__gte", 0)), name="toegangslog_opschoning_aantal"
                    )
                ],
            },
        ),
        migrations.RunSQL(SQL, REVERSE_SQL),
    ]
