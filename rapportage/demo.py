"""The demo's reporting world. Regions (issue 13): the three demo municipalities contract BabythuisZorg as
one northern region, so gemeente-rapportage can request a region's programme evaluation. The monthly
period reports a municipality finds already made (issue 12: the demo's gemeente-rapportage saw an empty
list), made as Celery beat and the worker make them: the same rows (``maandrapporten_aanmaken``'s kind, no
requester) and the same ``rapport_maken``, here in this process so that they are ready when the demo
starts. Both idempotent: a region or a month already there is skipped."""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import transaction

from accounts.constants import OrganisatieSoort
from accounts.models import Organisatie

from .maken import rapport_maken
from .models import Rapport, RapportSoort, RapportStatus, Regio
from .services import vorige_maand

REGIOS = {
    "Regio Noord-Nederland": ["Gemeente Groningen", "Gemeente Leeuwarden", "Gemeente Assen"],
    "Regio Groningen-Drenthe": ["Gemeente Groningen", "Gemeente Assen"],
}
MAANDEN = 2


def laad_demo_regios() -> int:
    nieuw = 0
    for naam, gemeenten in REGIOS.items():
        regio, aangemaakt = Regio.objects.get_or_create(naam=naam)
        nieuw += aangemaakt
        regio.gemeenten.add(*Organisatie.objects.filter(soort=OrganisatieSoort.GEMEENTE, naam__in=gemeenten))
    return nieuw


def laad_demo_rapporten(vandaag: date, maanden: int = MAANDEN) -> int:
    """The last ``maanden`` monthly period reports of every municipality; returns how many were made."""
    gemaakt = 0
    for gemeente in Organisatie.objects.filter(soort=OrganisatieSoort.GEMEENTE).order_by("pk"):
        for terug in range(maanden):
            van, tot = vorige_maand(vandaag - relativedelta(months=terug))
            with transaction.atomic():
                rapport, _nieuw = Rapport.objects.get_or_create(
                    soort=RapportSoort.PERIODE, gemeente=gemeente, periode_van=van, periode_tot=tot,
                    aangevraagd_door=None, defaults={"pseudoniem": True},
                )  # fmt: skip
            if rapport.status != RapportStatus.GEREED and rapport_maken(rapport.pk) == "gereed":
                gemaakt += 1
    return gemaakt
