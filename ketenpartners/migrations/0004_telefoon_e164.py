"""Phone numbers of partners and contact persons become E.164 (issue 11). The Dutch-only pattern is
dropped first: 0800-2000 in E.164 (+318002000) does not fit it. A number that cannot be read is
cleared; a contact person keeps her e-mail address (the next migration's constraint needs one of
the two)."""

from django.db import migrations

from core.validators import telefoon_normaliseren


def _telefoon(tekst: str) -> str:
    try:
        return telefoon_normaliseren(tekst)
    except Exception:  # noqa: BLE001
        return ""


def vooruit(apps, schema_editor):
    for model in ("Ketenpartner", "Contactpersoon"):
        for rij in apps.get_model("ketenpartners", model).objects.exclude(telefoon=""):
            rij.telefoon = _telefoon(rij.telefoon)
            rij.save(update_fields=["telefoon"])


class Migration(migrations.Migration):
    dependencies = [("ketenpartners", "0003_exclusion_gelijkheid_eerst")]

    operations = [
        migrations.RemoveConstraint(model_name="contactpersoon", name="contactpersoon_telefoon_nl"),
        migrations.RemoveConstraint(model_name="ketenpartner", name="ketenpartner_telefoon_nl"),
        migrations.RunPython(vooruit, migrations.RunPython.noop),
    ]
