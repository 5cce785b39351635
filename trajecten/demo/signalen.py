"""Signals: one being handled, closed ones from the past, and a Meldcode followed step by step."""

from datetime import timedelta

from trajecten.models import MeldcodeRegistratie, Signaal

from .gezinnen import DemoGezin
from .wereld import Wereld, moment


def signalen_laden(w: Wereld, traject, g: DemoGezin, start, medewerkers, coordinator):
    """A concern being handled (not serious) for one active family; closed ones from the past."""
    if g.achternaam == "Hoekstra":
        signaal = Signaal.objects.create(
            traject=traject, categorie="medisch", ernst="midden", status="in_behandeling", gemeld_door=medewerkers[0],
            beschrijving="Baby drinkt slecht en valt nauwelijks aan sinds de thuiskomst uit het ziekenhuis; "
            "moeder is ongerust.",
            acties="Overlegd met de jeugdverpleegkundige; weegmoment op het consultatiebureau vervroegd.",
        )  # fmt: skip
        w.tijdstip(signaal, gemeld_op=moment(w.vandaag - timedelta(days=4), 12, 10))
    elif g.achternaam == "Conteh":
        dag = start + timedelta(days=30)
        signaal = Signaal.objects.create(
            traject=traject, categorie="wonen_financien", ernst="laag", status="afgerond", gemeld_door=medewerkers[0],
            beschrijving="Huurachterstand van twee maanden; de verhuurder dreigt met een incassobureau.",
            acties="Samen aangemeld bij schuldhulp; de huur is betaald uit bijzondere bijstand.",
            afgerond_op=moment(dag + timedelta(days=16), 15),
        )  # fmt: skip
        w.tijdstip(signaal, gemeld_op=moment(dag, 13, 20))
    elif g.achternaam == "Kremer":
        dag = start + timedelta(days=5)
        signaal = Signaal.objects.create(
            traject=traject, categorie="huiselijk_geweld", ernst="ernstig", status="afgerond",
            gemeld_door=medewerkers[0], afgerond_op=moment(dag + timedelta(days=12), 16),
            beschrijving="Ex-partner stond 's nachts voor de deur en dreigde; moeder is bang.",
            acties="Veiligheidsplan gemaakt, contactverbod via Veilig Thuis; hulp rond moeder georganiseerd.",
        )  # fmt: skip
        w.tijdstip(signaal, gemeld_op=moment(dag, 2, 40))
        stappen = [
            (1, 0, "Signalen vastgelegd: dreigementen, moeder slaapt slecht, de baby schrikt van stemmen."),
            (2, 1, "Collegiaal overleg met de coördinator en advies gevraagd aan Veilig Thuis Drenthe."),
            (3, 2, "Gesprek met moeder: zij wil hulp en werkt mee aan een veiligheidsplan."),
            (4, 3, "Gewogen: vermoeden van huiselijk geweld, geen acute onveiligheid met het plan."),
            (5, 4, "Besloten: hulp organiseren met Veilig Thuis en de huisarts; niet melden."),
        ]
        MeldcodeRegistratie.objects.bulk_create(
            MeldcodeRegistratie(
                signaal=signaal, stap=stap, datum=dag + timedelta(days=na), door=coordinator if stap > 1 else
                medewerkers[0], notitie=notitie, vermoeden=True if stap == 4 else None,
                onveilig=False if stap == 4 else None, hulp_organiseren=stap == 5,
            )
            for stap, na, notitie in stappen
        )  # fmt: skip
