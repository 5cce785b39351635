"""Demo families at every stage of the trajectory (DESIGN.md section 7). Invented people; BSNs are
made to pass the elfproef.

Everything is dated around ``vandaag`` so the dashboards and reports show real figures: a referral comes
one to three weeks before the start, visits lie in the past and never overlap one medewerker's other
visits, held evaluations score the goals, and eight families closed their trajectory at different
moments of the last twelve months. Variation comes from a checksum, not from chance, so every load gives
the same world. Idempotent: nothing happens when demo trajectories already exist."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from accounts.models import Organisatie
from indicaties.models import Contract
from trajecten.models import Traject

from .aanmelding import gezin_laden
from .gebeurtenissen import tweeling_laden, verhuizing_laden, vertrek_melden
from .gezinnen import GEZINNEN
from .wereld import Wereld

TARIEVEN = {
    "Gemeente Groningen": Decimal("58.50"),
    "Gemeente Leeuwarden": Decimal("61.00"),
    "Gemeente Assen": Decimal("56.75"),
}


@transaction.atomic
def laad_demo_trajecten(vandaag: date) -> int:
    gemeenten = {o.naam: o for o in Organisatie.objects.filter(soort="gemeente")}
    aanbieders = {o.naam: o for o in Organisatie.objects.filter(soort="zorgaanbieder")}
    for gemeente in gemeenten.values():
        for aanbieder in aanbieders.values():
            Contract.objects.get_or_create(
                gemeente=gemeente,
                aanbieder=aanbieder,
                # From last year: the closed demo trajectories started then.
                defaults={
                    "uurtarief": TARIEVEN.get(gemeente.naam, Decimal("58")),
                    "geldig_van": date(vandaag.year - 1, 1, 1),
                },
            )
    if Traject.objects.exists():
        return 0
    wereld = Wereld(vandaag)
    for n, gezin in enumerate(GEZINNEN):
        gezin_laden(wereld, n, gezin)
    wereld.opslaan()
    verhuizing_laden(vandaag)
    tweeling_laden()
    vertrek_melden(vandaag)
    return len(GEZINNEN)
