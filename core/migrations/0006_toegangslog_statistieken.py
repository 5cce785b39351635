from django.db import migrations

# The planner assumed user name and organisation independent, estimated ten rows for "sanne at Kraamzorg
# Noord" where there are thousands, and combined two whole index scans instead of reading her newest rows
# from the user-name index (35 ms against 0.1 ms at five million rows). Extended statistics tell it that
# a user name nearly fixes the organisation.
SQL = """
CREATE STATISTICS IF NOT EXISTS toegangslog_naam_organisatie (dependencies, ndistinct)
    ON gebruikersnaam, organisatie_id FROM core_toegangslog;
ANALYZE core_toegangslog;
"""


class Migration(migrations.Migration):
    dependencies = [("core", "0005_toegangslog_zoekindexen")]

    operations = [
        migrations.RunSQL(SQL, "DROP STATISTICS IF EXISTS toegangslog_naam_organisatie;"),
    ]
