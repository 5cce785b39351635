from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from guardian.shortcuts import assign_perm

from bewaring.models import Correctieverzoek
from rapportage.models import Rapport, RapportSoort
from tests.factories import (
    AanmeldingFactory,
    IntakeFactorFactory,
    IntakeFactory,
    StatusOvergangFactory,
    ToewijzingFactory,
    TrajectFactory,
    UserFactory,
)
from tests.ketenpartners.factories import VerstrekkingFactory
from tests.rapportage.factories_traject import Feiten, volledig_traject
from trajecten.models import StatusOvergang, Traject


def geeindigd(traject: Traject, status: str, geleden: relativedelta, door=None) -> Traject:
    """Move ``traject`` into a final ``status`` that was reached ``geleden`` ago (dates in the past)."""
    moment = timezone.now() - geleden
    overgang = StatusOvergangFactory(
        traject=traject, van=traject.status, naar=status, door=door or UserFactory()
    )
    StatusOvergang.objects.filter(pk=overgang.pk).update(op=moment)
    Traject.objects.filter(pk=traject.pk).update(status=status)
    if status == "afgesloten" and hasattr(traject, "afsluiting"):
        traject.afsluiting.afgesloten_op = moment
        traject.afsluiting.save()
    traject.refresh_from_db()
    return traject


def dossier_met_alles(gemeente, aanbieder) -> Feiten:
    """A full trajectory (care, signals, network, partners) plus an intake, an assignment with its
    grant, a shared handover, a correction request and a report file: everything retention must reach."""
    feiten = volledig_traject(gemeente=gemeente, aanbieder=aanbieder)
    traject = feiten.traject
    intake = IntakeFactory(traject=traject, client_visie="Ik wil weer slapen, zegt Yasmina.")
    IntakeFactorFactory(intake=intake)
    medewerker = UserFactory(first_name="Sanne", last_name="Dijkhuis")
    ToewijzingFactory(traject=traject, medewerker=medewerker, eerste_aanspreekpunt=True)
    assign_perm("trajecten.view_traject", medewerker, traject)
    VerstrekkingFactory(overdracht__traject=traject, overdracht__wens_gezin="Yasmina wil dat Petra het weet.")
    Correctieverzoek.objects.create(
        traject=traject,
        ontvangen_op=timezone.localdate() - timedelta(days=3),
        verzoek="Yasmina's telefoonnummer klopt niet.",
        vastgelegd_door=UserFactory(),
    )
    Rapport.objects.create(soort=RapportSoort.TRAJECT, traject=traject, aangevraagd_door=UserFactory())
    feiten.persoonlijk += [
        "Sanne",
        "Dijkhuis",
        "Ik wil weer slapen",
        "Petra het weet",
        "telefoonnummer klopt",
    ]
    return feiten


@pytest.fixture
def twintig_jaar_en_een_dag():
    return relativedelta(years=20, days=1)


@pytest.fixture
def afgewezen_aanmelding(gemeente, aanbieder):
    traject = TrajectFactory(gezin__gemeente=gemeente, aanbieder=aanbieder)
    AanmeldingFactory(traject=traject, afwijzingsreden="Past niet", advies="Stevig Ouderschap")
    return traject
