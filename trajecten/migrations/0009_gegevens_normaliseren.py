"""Before the stricter rules of issue 11 take hold (the next migration), existing data is brought into
their shape: the one house-number text field is split into number, letter and addition (BAG/iJw);
postcodes become '9711 AB'; phone numbers become E.164 (a parent's number that cannot be read is
cleared: it could not be dialled); a network member's "how to reach" that is only a phone number
moves to the new phone field."""

import re

from django.db import migrations, models

from core.validators import normaliseer, postcode_normaliseren, telefoon_normaliseren

HUISNUMMER = re.compile(
    r"^\s*(\d{1,5})(?:\s*([A-Za-z])(?![A-Za-z0-9]))?(?:\s*[-/ ]?\s*([A-Za-z0-9]{1,4}))?\s*$"
)


def _huisnummer(tekst: str) -> tuple[str, str, str]:
    """'12' → 12; '12A' → 12 A; '12-2', '12 bis', '12a-3' → number, letter, addition. What does not
    fit: the first run of digits (at most five) is the number, the rest's first four letters and digits
    the addition. No digits at all: the migration stops and names the family, for a person to look at."""
    passend = HUISNUMMER.match(tekst or "")
    if passend and 1 <= int(passend.group(1)) <= 99999:
        nummer, letter, toevoeging = passend.groups()
        return nummer, (letter or "").upper(), (toevoeging or "").upper()
    cijfers = re.search(r"[1-9]\d{0,4}", tekst or "")
    if not cijfers:
        return "", "", ""
    rest = re.sub(r"[^A-Za-z0-9]", "", (tekst or "")[cijfers.end() :])
    return cijfers.group(0), "", rest[:4].upper()


def _telefoon(tekst: str) -> str:
    try:
        return telefoon_normaliseren(tekst)
    except Exception:  # noqa: BLE001 - anything unreadable is dropped
        return ""


def vooruit(apps, schema_editor):
    Gezin = apps.get_model("trajecten", "Gezin")
    Ouder = apps.get_model("trajecten", "Ouder")
    NetwerkLid = apps.get_model("trajecten", "NetwerkLid")
    onleesbaar = []
    for gezin in Gezin.objects.all().only("id", "huisnummer", "postcode", "straat", "woonplaats"):
        nummer, letter, toevoeging = _huisnummer(gezin.huisnummer)
        if not nummer:
            onleesbaar.append(gezin.pk)
            continue
        gezin.huisnummer, gezin.huisletter, gezin.huisnummertoevoeging = nummer, letter, toevoeging
        try:
            gezin.postcode = postcode_normaliseren(gezin.postcode)
        except Exception:  # noqa: BLE001
            onleesbaar.append(gezin.pk)
            continue
        gezin.straat, gezin.woonplaats = normaliseer(gezin.straat), normaliseer(gezin.woonplaats)
        gezin.save(
            update_fields=[
                "huisnummer",
                "huisletter",
                "huisnummertoevoeging",
                "postcode",
                "straat",
                "woonplaats",
            ]
        )
    if onleesbaar:
        raise RuntimeError(
            f"Huisnummer of postcode niet te lezen voor gezin(nen) {onleesbaar}: corrigeer die eerst."
        )
    for ouder in Ouder.objects.exclude(telefoon=""):
        ouder.telefoon = _telefoon(ouder.telefoon)
        ouder.save(update_fields=["telefoon"])
    for lid in NetwerkLid.objects.exclude(bereikbaar=""):
        try:
            lid.telefoon = telefoon_normaliseren(lid.bereikbaar)
        except Exception:  # noqa: BLE001, S112 - not a phone number: it stays as the way to reach them
            continue
        lid.bereikbaar = ""
        lid.save(update_fields=["telefoon", "bereikbaar"])


class Migration(migrations.Migration):
    dependencies = [("trajecten", "0008_exclusion_gelijkheid_eerst")]

    operations = [
        migrations.AddField(
            model_name="gezin",
            name="huisletter",
            field=models.CharField(blank=True, max_length=1, verbose_name="house letter"),
        ),
        migrations.AddField(
            model_name="gezin",
            name="huisnummertoevoeging",
            field=models.CharField(blank=True, max_length=4, verbose_name="house number addition"),
        ),
        migrations.AddField(
            model_name="netwerklid",
            name="telefoon",
            field=models.CharField(blank=True, max_length=16, verbose_name="phone"),
        ),
        migrations.RunPython(vooruit, migrations.RunPython.noop),
    ]
