"""Seed the service tags of the social map. Data, in Dutch as the users read them; a global beheerder
adds or renames tags in the admin. ``zaai_diensten`` is also called by the demo loader, because a
browser test that flushes the database removes these rows."""

from django.db import migrations

DIENSTEN = [
    ("huilbaby", "Huilbaby / excessief huilen"),
    ("postpartum-depressie", "Postpartumdepressie"),
    ("psychische-klachten", "Psychische klachten ouders"),
    ("lvb", "Licht verstandelijke beperking (LVB)"),
    ("verslaving", "Verslaving"),
    ("huiselijk-geweld", "Huiselijk geweld en kindermishandeling"),
    ("huisvesting", "Huisvesting"),
    ("schulden", "Schulden en geldzaken"),
    ("opvoedondersteuning", "Opvoedondersteuning"),
    ("voeding", "Borstvoeding en voeding"),
    ("prematuur-ziek", "Prematuur of ziek kind"),
    ("tienerouders", "Tienerouders"),
    ("zwangerschap", "Zwangerschapsbegeleiding"),
    ("opvang", "Opvang voor moeder en kind"),
    ("netwerk", "Netwerk versterken"),
]


def zaai_diensten(apps, schema_editor):
    Dienst = apps.get_model("ketenpartners", "Dienst")
    for code, naam in DIENSTEN:
        Dienst.objects.get_or_create(code=code, defaults={"naam": naam})


def verwijder_diensten(apps, schema_editor):
    Dienst = apps.get_model("ketenpartners", "Dienst")
    Dienst.objects.filter(code__in=[code for code, _naam in DIENSTEN], ketenpartners__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ketenpartners", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(zaai_diensten, verwijder_diensten),
    ]
