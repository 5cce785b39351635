import django.db.models.deletion
from django.conf import settings
from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations, models

# Django's names for the single-column indexes of the two foreign keys (schema_editor._create_index_name).
FK_INDEXEN = ["trajecten_huisbezoek_traject_id_2232b999", "trajecten_huisbezoek_medewerker_id_084cd793"]


class Migration(migrations.Migration):
    """Hours per trajectory and per medewerker from the index alone (issue 10): the (traject, start) and
    (medewerker, start) indexes now carry the end time and the replaced flag, and the foreign keys' own
    indexes go (the composite indexes begin with them). New indexes first, old ones after, all without
    blocking writes."""

    atomic = False  # built without blocking writes (core/migratiecontrole.py)

    dependencies = [
        ("trajecten", "0034_regie_casemanager_van_gemeente_h12"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="huisbezoek",
            index=models.Index(
                fields=["traject", "start"], include=("eind", "vervangen"), name="huisbezoek_traject_uren_idx"
            ),
        ),
        AddIndexConcurrently(
            model_name="huisbezoek",
            index=models.Index(
                fields=["medewerker", "start"], include=("eind", "vervangen"), name="huisbezoek_mw_uren_idx"
            ),
        ),
        AddIndexConcurrently(
            model_name="afsluiting",
            index=models.Index(fields=["afgesloten_op"], name="afsluiting_afgesloten_op_idx"),
        ),
        RemoveIndexConcurrently(model_name="huisbezoek", name="huisbezoek_traject_start_idx"),
        RemoveIndexConcurrently(model_name="huisbezoek", name="huisbezoek_mw_start_idx"),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f"DROP INDEX CONCURRENTLY IF EXISTS {naam}",
                    reverse_sql=migrations.RunSQL.noop,
                )
                for naam in FK_INDEXEN
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="huisbezoek",
                    name="medewerker",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="huisbezoeken",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="care worker",
                    ),
                ),
                migrations.AlterField(
                    model_name="huisbezoek",
                    name="traject",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="huisbezoeken",
                        to="trajecten.traject",
                    ),
                ),
            ],
        ),
    ]
