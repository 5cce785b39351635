"""Seed the voorliggende voorzieningen and their criteria from seed 001 (prijspeil 2023).

The programmes and criteria are data: a beheerder keeps them current in the admin. Texts are Dutch
because they are shown to Dutch users as they are.
"""

from decimal import Decimal

from django.db import migrations

PRIJSPEIL = 2023

VOORZIENINGEN = [
    {
        "naam": "Kraamzorg",
        "volgorde": 10,
        "omschrijving": (
            "Zorg door een kraamverzorgende thuis bij moeder en baby in de eerste dagen na de geboorte."
        ),
        "doelgroep": "Alle gezinnen direct na de geboorte van een kind.",
        "intensiteit": "Maximaal 80 uur en maximaal tot 10 dagen na de geboorte.",
        "kosten_omschrijving": "€ 56 per uur kraamzorg",
        "kosten_bedrag": Decimal("56"),
        "kostensoort": "per_uur",
        "criteria": [
            ("De baby is geboren", "baby_geboren", "eq", "ja"),
            ("Maximaal 10 dagen na de geboorte", "dagen_na_geboorte", "lte", "10"),
        ],
    },
    {
        "naam": "BabythuisZorg",
        "volgorde": 20,
        "omschrijving": (
            "Praktische ondersteuning door een kraamverzorgende bij de zorg voor de baby. Samen met de "
            "ouders en de casemanager worden de ondersteuningsbehoeften en zorgdoelen in kaart gebracht. "
            "Gericht op zelfredzaamheid van de ouders en een sterke band tussen ouder en kind."
        ),
        "doelgroep": (
            "(Aanstaande) ouders in een kwetsbare situatie met een baby tot ongeveer één jaar, die de "
            "ondersteuning accepteren en gemotiveerd zijn om te veranderen."
        ),
        "intensiteit": (
            "Flexibel in te zetten tot 1 jaar na de geboorte. Overdag en 's nachts mogelijk (24/7), "
            "als tijdelijke ondersteuning."
        ),
        "kosten_omschrijving": "Gemiddeld € 6.900 per traject",
        "kosten_bedrag": Decimal("6900"),
        "kostensoort": "per_traject",
        "criteria": [
            ("Het gezin is in een kwetsbare situatie", "kwetsbare_situatie", "eq", "ja"),
            ("De baby is niet ouder dan 1 jaar", "leeftijd_baby_maanden", "lte", "12"),
        ],
    },
    {
        "naam": "VoorZorg",
        "volgorde": 30,
        "omschrijving": (
            "Intensief programma van huisbezoeken door een jeugdverpleegkundige voor jonge moeders in een "
            "kwetsbare situatie, vanaf de zwangerschap tot het kind 2 jaar is."
        ),
        "doelgroep": (
            "Moeders die zwanger zijn van hun eerste kind: bij de start maximaal 28 weken zwanger, "
            "maximaal 25 jaar, opleidingsniveau maximaal vmbo-t, en zij beheersen de Nederlandse taal."
        ),
        "intensiteit": "Gemiddeld 2 huisbezoeken per maand, tot en met 2 jaar na de geboorte.",
        "kosten_omschrijving": "€ 14.000 per traject",
        "kosten_bedrag": Decimal("14000"),
        "kostensoort": "per_traject",
        "criteria": [
            ("Het gaat om het eerste kind", "eerste_kind", "eq", "ja"),
            ("Bij de start maximaal 28 weken zwanger", "zwangerschapsduur_weken", "lte", "28"),
            ("De moeder is maximaal 25 jaar", "leeftijd_moeder", "lte", "25"),
            ("Opleidingsniveau van de moeder is maximaal vmbo-t", "opleidingsniveau_moeder", "lte", "vmbo_t"),
            ("De moeder beheerst de Nederlandse taal", "spreekt_nederlands", "eq", "ja"),
        ],
    },
    {
        "naam": "Stevig Ouderschap",
        "volgorde": 40,
        "omschrijving": (
            "Preventief programma van huisbezoeken door de jeugdgezondheidszorg om het ouderschap te "
            "versterken en problemen in de opvoeding te voorkomen."
        ),
        "doelgroep": (
            "Jonge vrouwen die zwanger zijn van hun eerste kind, met een lage opleiding en meestal een laag "
            "inkomen. Gezinnen met een kind jonger dan zes maanden, gekozen op basis van risicofactoren."
        ),
        "intensiteit": "6 huisbezoeken van ongeveer 90 minuten.",
        "kosten_omschrijving": "Ongeveer € 2.000 per traject",
        "kosten_bedrag": Decimal("2000"),
        "kostensoort": "per_traject",
        "criteria": [
            ("Het gaat om het eerste kind", "eerste_kind", "eq", "ja"),
            ("Het kind is jonger dan 6 maanden", "leeftijd_baby_maanden", "lte", "5"),
            ("Er zijn risicofactoren (kwetsbare situatie)", "kwetsbare_situatie", "eq", "ja"),
        ],
    },
    {
        "naam": "Ambulante begeleiding",
        "volgorde": 50,
        "omschrijving": (
            "Begeleiding van het gezin aan huis door een aanbieder van ambulante (gezins)begeleiding."
        ),
        "doelgroep": "Iedere aanbieder van ambulante begeleiding heeft eigen kenmerken en doelgroepen.",
        "intensiteit": (
            "Flexibele inzet, meestal maximaal 2 jaar. Kan langdurig, 1 tot meerdere uren per week."
        ),
        "kosten_omschrijving": "€ 60 tot € 100 per uur, afhankelijk van de intensiteit",
        "kosten_bedrag": None,
        "kostensoort": "per_uur",
        "criteria": [
            ("Het gezin is in een kwetsbare situatie", "kwetsbare_situatie", "eq", "ja"),
        ],
    },
]


def zaai_voorzieningen(apps, schema_editor):
    Voorziening = apps.get_model("indicaties", "Voorziening")
    Criterium = apps.get_model("indicaties", "Criterium")
    for gegevens in VOORZIENINGEN:
        velden = {k: v for k, v in gegevens.items() if k not in ("naam", "criteria")}
        voorziening, aangemaakt = Voorziening.objects.get_or_create(
            naam=gegevens["naam"], defaults={**velden, "prijspeil": PRIJSPEIL}
        )
        if not aangemaakt:
            continue  # a beheerder's version is kept as it is
        Criterium.objects.bulk_create(
            Criterium(
                voorziening=voorziening,
                omschrijving=omschrijving,
                feit=feit,
                operator=operator,
                waarde=waarde,
                volgorde=(i + 1) * 10,
            )
            for i, (omschrijving, feit, operator, waarde) in enumerate(gegevens["criteria"])
        )


def verwijder_voorzieningen(apps, schema_editor):
    Voorziening = apps.get_model("indicaties", "Voorziening")
    Criterium = apps.get_model("indicaties", "Criterium")
    namen = [gegevens["naam"] for gegevens in VOORZIENINGEN]
    Criterium.objects.filter(voorziening__naam__in=namen).delete()
    Voorziening.objects.filter(naam__in=namen).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("indicaties", "0002_initial"),
    ]

    operations = [
        migrations.RunPython(zaai_voorzieningen, verwijder_voorzieningen),
    ]
