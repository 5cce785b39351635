"""Issue 16, item 1 (budget): a change of an indication that leaves the care already logged above the new
version's budget is refused with the weeks concerned and the options, unless a reason is recorded (a budget
exception, shown in the trajectory report); the database agrees."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from core.models import Toegangslog
from indicaties.models import Indicatie
from tests.factories import HuisbezoekFactory, IndicatieFactory, ToewijzingFactory
from trajecten import indicatiebesluiten, zorg
from trajecten.models import BudgetUitzondering

AMS = ZoneInfo("Europe/Amsterdam")
VANDAAG = timezone.localdate()


def op(dagen_terug: int, uur: int = 9):
    return datetime.combine(VANDAAG - timedelta(days=dagen_terug), time(uur), tzinfo=AMS)


@pytest.fixture
def indicatie(traject, gebruikers):
    traject.status = "actief"
    traject.regie_casemanager = gebruikers["casemanager"]
    traject.save()
    mw = gebruikers["toegewezen_medewerker"]
    ToewijzingFactory(traject=traject, medewerker=mw, van=VANDAAG - timedelta(days=60))
    assign_perm("trajecten.view_traject", mw, traject)
    indicatie = IndicatieFactory(
        traject=traject,
        van=VANDAAG - timedelta(days=60),
        tot=VANDAAG + timedelta(days=60),
        uren_per_week=Decimal(12),
        uurtarief=Decimal(60),
        budget=Decimal(20000),
        afgegeven_door=gebruikers["casemanager"],
    )
    # 3 × 8 hours in the last three weeks: 24 hours, € 1,440 at € 60.
    for dagen in (3, 10, 17):
        HuisbezoekFactory(traject=traject, medewerker=mw, start=op(dagen, 8), eind=op(dagen, 16))
    return indicatie


def afschalen(request, indicatie, **extra):
    return indicatiebesluiten.indicatie_wijzigen(
        request=request, indicatie=indicatie, wijziging="afschalen", geldig_van=VANDAAG - timedelta(days=21),
        tot=VANDAAG + timedelta(days=7), uren_per_week=Decimal(1), **extra,
    )  # fmt: skip


def test_scaling_down_below_the_logged_care_is_refused_with_weeks_and_options(indicatie, gebruikers, als):
    # From 21 days ago to a week ahead at 1 hour a week: 4 weeks × € 60 = € 240 < € 1,440 logged.
    with pytest.raises(ValidationError) as fout:
        afschalen(als(gebruikers["casemanager"]), indicatie)
    melding = fout.value.message_dict["budgetreden"][0]
    assert "€ 1.440,00" in melding
    assert "meer dan het budget van deze versie" in melding
    week = zorg._maandag(VANDAAG - timedelta(days=10)).isocalendar().week
    assert f"week {week} (" in melding
    assert "8,0 van" in melding
    assert "latere ingangsdatum" in melding
    assert "budgetuitzondering" in melding
    assert "Er is niets opgeslagen" in melding
    assert Indicatie.objects.filter(traject=indicatie.traject).count() == 1
    assert Indicatie.objects.get(pk=indicatie.pk).tot == indicatie.tot


def test_with_a_reason_the_change_is_accepted_and_the_exception_recorded(indicatie, gebruikers, als):
    request = als(gebruikers["casemanager"])
    nieuw = afschalen(request, indicatie, budgetreden="Zorg liep door in afwachting van de opname")
    uitzondering = BudgetUitzondering.objects.get(indicatie=nieuw)
    assert uitzondering.reden == "Zorg liep door in afwachting van de opname"
    assert uitzondering.door == gebruikers["casemanager"]
    assert uitzondering.op is not None
    assert Toegangslog.objects.filter(omschrijving__startswith="budgetuitzondering bij indicatie").exists()
    # The figures stay those of the stored visits: the new version carries the logged care.
    assert zorg.kosten_geleverd(nieuw) == Decimal("1440.00")
    immediate()


def test_a_change_within_budget_needs_no_reason_and_records_none(indicatie, gebruikers, als):
    nieuw = indicatiebesluiten.indicatie_wijzigen(
        request=als(gebruikers["casemanager"]), indicatie=indicatie, wijziging="afschalen",
        geldig_van=VANDAAG - timedelta(days=21), tot=VANDAAG + timedelta(days=30), uren_per_week=Decimal(10),
        budgetreden="niet nodig",
    )  # fmt: skip
    assert not BudgetUitzondering.objects.filter(indicatie=nieuw).exists()
    immediate()


def test_casemanager_sees_the_refusal_on_the_page_and_can_record_the_reason(
    client, login, indicatie, gebruikers
):
    login(client, gebruikers["casemanager"])
    url = reverse("indicaties:wijzigen", args=[indicatie.pk])
    gegevens = {
        "wijziging": "afschalen",
        "geldig_van": (VANDAAG - timedelta(days=21)).isoformat(),
        "product": "regulier",
        "uren_per_week": "1",
        "tot": (VANDAAG + timedelta(days=7)).isoformat(),
        "motivatie": "",
    }
    response = client.post(url, gegevens)
    assert response.status_code == 400
    tekst = response.content.decode()
    assert "Reden om het budget te overschrijden" in tekst
    assert "meer dan het budget van deze versie" in tekst
    assert Indicatie.objects.filter(traject=indicatie.traject).count() == 1
    response = client.post(url, {**gegevens, "budgetreden": "Opname uitgesteld"})
    assert response.status_code == 302
    assert BudgetUitzondering.objects.get().reden == "Opname uitgesteld"


# --- the database ----------------------------------------------------------------------------------


def immediate():
    connection.cursor().execute(
        "SET CONSTRAINTS indicatie_binnen_budget_nieuw, indicatie_binnen_budget_gewijzigd IMMEDIATE"
    )


def test_database_refuses_lowering_a_budget_below_the_logged_care(indicatie):
    with pytest.raises(IntegrityError, match="indicatie_binnen_budget"), transaction.atomic():  # noqa: PT012
        Indicatie.objects.filter(pk=indicatie.pk).update(budget=Decimal(100))
        immediate()
    assert Indicatie.objects.get(pk=indicatie.pk).budget == Decimal(20000)


def test_database_accepts_it_with_a_budget_exception(indicatie, gebruikers):
    with transaction.atomic():
        Indicatie.objects.filter(pk=indicatie.pk).update(budget=Decimal(100))
        BudgetUitzondering.objects.create(
            indicatie=indicatie, reden="Afgesproken", door=gebruikers["coordinator"]
        )
        immediate()
    assert Indicatie.objects.get(pk=indicatie.pk).budget == Decimal(100)
