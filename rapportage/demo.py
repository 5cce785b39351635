"""The monthly period reports a municipality finds already made (issue 12: the demo's gemeente-rapportage
saw an empty list). Made as Celery beat and the worker make them: the same rows
(``maandrapporten_aanmaken``'s kind, no requester) and the same ``rapport_maken``, here in this process so
that they are ready when the demo starts. Idempotent: a month already made is skipped."""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import transaction

from accounts.constants import OrganisatieSoort
from accounts.models import Organisatie

from .maken import rapport_maken
from .models import Rapport, RapportSoort, RapportStatus
from .services import vorige_maand

MAANDEN = 2


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
