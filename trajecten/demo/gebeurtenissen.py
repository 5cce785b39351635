"""What happened to the demo world after the families were loaded (issue 16): a family that moved, twins,
a medewerker who left."""

from datetime import date, timedelta

from django.db.models import F

from accounts.models import User
from trajecten.constants import TrajectStatus
from trajecten.models import Baby, Traject


def verhuizing_laden(vandaag: date) -> None:
    """The running family of Kraamzorg De Wadden in Leeuwarden moved to Groningen two weeks ago: the regie is
    with casemanager.groningen, the indication runs on at Groningen's tariff from the moving date, and
    Leeuwarden keeps the weeks before in its reports (the same steps and notices as
    trajecten.verhuizing's service)."""
    from types import SimpleNamespace

    from accounts.constants import Rol
    from trajecten.models import Verhuizing
    from trajecten.verhuizing import _adres, _splits_indicatie, verhuizing_melden

    datum = vandaag - timedelta(days=14)
    oud = User.objects.get(username="casemanager.leeuwarden")
    nieuw = User.objects.get(username="casemanager.groningen")
    traject = (
        Traject.objects.filter(
            status=TrajectStatus.ACTIEF,
            gemeente=oud.lidmaatschap.organisatie,
            regie_casemanager=oud,
            indicaties__van__lt=datum,
            indicaties__tot__gte=datum,
        )
        .select_related("gezin")
        .order_by("pk")
        .first()
    )
    if traject is None:
        return
    gezin = traject.gezin
    # Recorded by the provider's coordinator, who heard it first from the family.
    coordinatoren = list(
        User.objects.filter(
            is_active=True,
            lidmaatschap__rol=Rol.COORDINATOR,
            lidmaatschap__organisatie_id=traject.aanbieder_id,
        ).order_by("pk")
    )
    door = coordinatoren[0] if coordinatoren else oud
    Verhuizing.objects.create(
        gezin=gezin, datum=datum, oude_gemeente_id=gezin.gemeente_id, nieuwe_gemeente=nieuw.lidmaatschap.organisatie,
        oud_adres=_adres(gezin), oude_casemanager=oud, nieuwe_casemanager=nieuw, vastgelegd_door=door,
    )  # fmt: skip
    gezin.straat, gezin.huisnummer, gezin.huisletter, gezin.huisnummertoevoeging = "Korreweg", 88, "", ""
    gezin.postcode, gezin.woonplaats, gezin.gemeente = "9714 AB", "Groningen", nieuw.lidmaatschap.organisatie
    gezin.save()
    _splits_indicatie(SimpleNamespace(user=nieuw), traject, datum, gezin)
    Traject.objects.filter(pk=traject.pk).update(regie_casemanager=nieuw, versie=F("versie") + 1)
    # The notices the service sends (to all but whoever recorded it), so the demo's people can read them.
    verhuizing_melden(
        nummers=traject.nummer,
        url=f"/trajecten/{traject.pk}/?tab=geschiedenis",
        nieuwe_gemeente=nieuw.lidmaatschap.organisatie,
        datum=datum,
        casemanager=nieuw,
        coordinatoren=[c for c in coordinatoren if c != door],
        oude_casemanagers=[oud],
    )


def tweeling_laden() -> None:
    """Twins: the first running family of Kraamzorg De Wadden whose baby is born (the family that moved)
    gets a twin brother or sister born the same day (the referral form and the family page take several)."""
    baby = (
        Baby.objects.filter(
            geboortedatum__isnull=False, gezin__trajecten__aanbieder__naam="Kraamzorg De Wadden"
        )
        .exclude(gezin__trajecten__status__in=[TrajectStatus.AFGESLOTEN, TrajectStatus.GEANNULEERD])
        .order_by("pk")
        .first()
    )
    if baby is None or baby.gezin.babys.count() > 1:
        return
    Baby.objects.create(
        gezin=baby.gezin,
        voornaam="Noor" if baby.voornaam != "Noor" else "Sam",
        geboortedatum=baby.geboortedatum,
        uitgerekende_datum=baby.uitgerekende_datum,
        prematuur=baby.prematuur,
    )


def vertrek_melden(vandaag: date) -> None:
    """Anouk left Kraamzorg Noord six weeks ago, reported through the departure flow as a beheerder does
    (Beheer → Gebruikers → Vertrek melden): her account is deactivated; her visits stay on her name."""
    from django.test import RequestFactory

    from trajecten.vertrek import lopende_toewijzingen, medewerker_uit_dienst

    anouk = User.objects.filter(username="anouk", is_active=True).select_related("lidmaatschap").first()
    if anouk is None:
        return
    beheerder = User.objects.get(username="beheer.noord")
    beheerder.is_verified = lambda: True
    request = RequestFactory().post("/beheer/", REMOTE_ADDR="127.0.0.1")
    request.user = beheerder
    lopend = {t.pk for t in lopende_toewijzingen(anouk)}
    medewerker_uit_dienst(
        request=request,
        medewerker=anouk,
        laatste_dag=vandaag - timedelta(weeks=6),
        opvolgers={},
        getoond=lopend,
    )
