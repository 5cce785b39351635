"""Zero-downtime migrations: every migration added after the baseline is safe beside the previous version
(expand now, contract later), checked like CI does; and the check catches what it must."""

import pytest
from django.core.management import call_command
from django.db import migrations, models

from core.migratiecontrole import _na_basislijn, operatie_problemen, problemen


def test_every_migration_added_after_the_baseline_is_safe_during_a_rolling_upgrade():
    assert problemen() == []
    call_command("migraties_controleren")


def test_the_migrations_of_this_issue_are_checked():
    assert _na_basislijn("core", "0007_h14_privebestand")
    assert _na_basislijn("core", "0009_h14_toegangslog_request_id")
    assert not _na_basislijn("core", "0006_toegangslog_statistieken")
    assert not _na_basislijn("two_factor", "0009_anything")


@pytest.mark.parametrize(
    "operatie",
    [
        migrations.RemoveField("rapport", "csv_bestand"),
        migrations.DeleteModel("Melding"),
        migrations.RenameField("rapport", "pdf_bestand", "pdf"),
        migrations.RenameModel("Melding", "Notificatie"),
        migrations.AlterModelTable("melding", "core_notificatie"),
        migrations.AddIndex("melding", models.Index(fields=["url"], name="melding_url_idx")),
        migrations.AddField("melding", "bron", models.CharField(max_length=20, default="app")),
        migrations.RunSQL("ALTER TABLE core_melding DROP COLUMN url"),
        migrations.RunSQL("ALTER TABLE core_melding ALTER COLUMN tekst TYPE text"),
        migrations.RunSQL(["ALTER TABLE core_melding ALTER COLUMN url SET NOT NULL"]),
        migrations.RunSQL("ALTER TABLE core_melding RENAME TO core_notificatie"),
    ],
)
def test_what_breaks_the_previous_version_is_named(operatie):
    assert operatie_problemen(operatie)


@pytest.mark.parametrize(
    "operatie",
    [
        migrations.AddField(
            "melding", "bron", models.CharField(max_length=20, default="app", db_default="app")
        ),
        migrations.AddField("melding", "bron", models.CharField(max_length=20, null=True)),
        migrations.CreateModel("Nieuw", [("id", models.BigAutoField(primary_key=True))]),
        migrations.RunSQL("ALTER TABLE core_privebestand ALTER COLUMN inhoud SET STORAGE EXTERNAL"),
        migrations.RunPython(migrations.RunPython.noop),
    ],
)
def test_what_the_previous_version_can_live_with_passes(operatie):
    assert operatie_problemen(operatie) == []


def test_making_a_column_not_null_is_named_but_keeping_it_nullable_is_not():
    oud = models.CharField(max_length=20, null=True)
    assert operatie_problemen(migrations.AlterField("melding", "url", models.CharField(max_length=20)), oud)
    assert not operatie_problemen(
        migrations.AlterField("melding", "url", models.CharField(max_length=30, null=True)), oud
    )
