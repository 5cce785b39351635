from django.db import migrations

# The access log is evidence: the database itself refuses to change or remove a row, whatever the
# application does. (TRUNCATE stays possible for the test runner's flush; production never issues it.)
SQL = """
CREATE OR REPLACE FUNCTION core_toegangslog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'core_toegangslog is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER core_toegangslog_no_update_delete
    BEFORE UPDATE OR DELETE ON core_toegangslog
    FOR EACH ROW EXECUTE FUNCTION core_toegangslog_append_only();
"""

REVERSE_SQL = """
DROP TRIGGER IF EXISTS core_toegangslog_no_update_delete ON core_toegangslog;
DROP FUNCTION IF EXISTS core_toegangslog_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
