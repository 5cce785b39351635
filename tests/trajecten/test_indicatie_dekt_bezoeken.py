"""Issue 16, item 1: an indication is never cut short behind logged care. A new version that ends earlier or
an ending before logged visits is refused with the visits listed and what to do; the database agrees."""

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
from trajecten import indicatiebesluiten
from trajecten.models import Huisbezoek

AMS = ZoneInfo("Europe/Amsterdam")
VANDAAG = timezone.localdate()


def op(dagen_terug: int, uur: int = 9):
    return datetime.combine(VANDAAG - timedelta(days=dagen_terug), time(uur), tzinfo=AMS)


@pytest.fixture
def actief(traject, gebruikers):
    traject.status = "actief"
    traject.regie_casemanager = gebruikers["casemanager"]
    traject.save()
    mw = gebruikers["toegewezen_medewerker"]
    mw.first_name, mw.last_name = "Sanne", "de Boer"
    mw.save()
    ToewijzingFactory(
        traject=traject, medewerker=mw, van=VANDAAG - timedelta(days=60), eerste_aanspreekpunt=True
    )
    assign_perm("trajecten.view_traject", mw, traject)
    return traject


@pytest.fixture
def indicatie(actief, gebruikers):
    return IndicatieFactory(
        traject=actief,
        van=VANDAAG - timedelta(days=60),
        tot=VANDAAG + timedelta(days=60),
        uren_per_week=Decimal(12),
        budget=Decimal(20000),
        afgegeven_door=gebruikers["casemanager"],
    )


@pytest.fixture
def bezoeken(actief, indicatie, gebruikers):
    mw = gebruikers["toegewezen_medewerker"]
    return [
        HuisbezoekFactory(traject=actief, medewerker=mw, start=op(10), eind=op(10, 12)),
        HuisbezoekFactory(traject=actief, medewerker=mw, start=op(5, 14), eind=op(5, 16)),
    ]


def onveranderd(indicatie):
    bewaard = Indicatie.objects.get(pk=indicatie.pk)
    assert (bewaard.tot, bewaard.beeindigd_op) == (indicatie.tot, None)
    assert Indicatie.objects.filter(traject=indicatie.traject).count() == 1


def datum(dagen_terug: int) -> str:
    from django.utils.formats import date_format

    return date_format(VANDAAG - timedelta(days=dagen_terug), "j F Y")


# --- the service every path goes through -----------------------------------------------------------


def test_ending_an_indication_before_logged_visits_is_refused_with_the_visits_listed(
    indicatie, bezoeken, gebruikers, als
):
    with pytest.raises(ValidationError) as fout:
        indicatiebesluiten.indicatie_beeindigen(
            request=als(gebruikers["casemanager"]), indicatie=indicatie, op=VANDAAG - timedelta(days=20),
            reden="Moeder opgenomen",
        )  # fmt: skip
    melding = fout.value.message_dict["op"][0]
    assert "2 geregistreerde bezoeken buiten elke indicatie" in melding
    assert f"{datum(10)} 09:00–12:00 door Sanne de Boer" in melding
    assert f"{datum(5)} 14:00–16:00 door Sanne de Boer" in melding
    assert f"Kies {datum(5)} of later als laatste dag" in melding
    assert "coördinator" in melding
    onveranderd(indicatie)


def test_ending_on_the_day_of_the_last_visit_is_allowed(indicatie, bezoeken, gebruikers, als, client, login):
    indicatiebesluiten.indicatie_beeindigen(
        request=als(gebruikers["casemanager"]),
        indicatie=indicatie,
        op=VANDAAG - timedelta(days=5),
        reden="Klaar",
    )
    beeindigd = Indicatie.objects.get(pk=indicatie.pk)
    assert beeindigd.tot == VANDAAG - timedelta(days=5)
    # Its budget was granted for the original period: the tab says so beside the amount.
    login(client, gebruikers["casemanager"])
    tab = client.get(reverse("trajecten:detail", args=[indicatie.traject_id]) + "?tab=indicaties")
    assert "eerder beëindigd" in tab.content.decode()


def test_scaling_down_with_an_end_before_logged_visits_is_refused(indicatie, bezoeken, gebruikers, als):
    with pytest.raises(ValidationError) as fout:
        indicatiebesluiten.indicatie_wijzigen(
            request=als(gebruikers["casemanager"]), indicatie=indicatie, wijziging="afschalen",
            geldig_van=VANDAAG - timedelta(days=30), tot=VANDAAG - timedelta(days=8), uren_per_week=Decimal(6),
        )  # fmt: skip
    melding = fout.value.message_dict["tot"][0]
    assert "1 geregistreerd bezoek buiten elke indicatie" in melding
    assert datum(5) in melding
    assert datum(10) not in melding
    onveranderd(indicatie)


def test_scaling_down_from_a_date_keeps_the_visits_under_the_new_version(
    indicatie, bezoeken, gebruikers, als
):
    nieuw = indicatiebesluiten.indicatie_wijzigen(
        request=als(gebruikers["casemanager"]), indicatie=indicatie, wijziging="afschalen",
        geldig_van=VANDAAG - timedelta(days=7), tot=VANDAAG + timedelta(days=30), uren_per_week=Decimal(6),
    )  # fmt: skip
    assert (nieuw.van, nieuw.tot) == (VANDAAG - timedelta(days=7), VANDAAG + timedelta(days=30))
    immediate()  # the database agrees


def test_a_corrected_visit_counts_only_in_its_latest_version(indicatie, bezoeken, gebruikers, als):
    oud = bezoeken[1]
    oud.vervangen = True
    oud.save()
    HuisbezoekFactory(
        traject=indicatie.traject, medewerker=oud.medewerker, start=op(12), eind=op(12, 11),
        vervangt=oud, correctiereden="Verkeerde dag",
    )  # fmt: skip
    indicatiebesluiten.indicatie_beeindigen(
        request=als(gebruikers["casemanager"]),
        indicatie=indicatie,
        op=VANDAAG - timedelta(days=10),
        reden="Klaar",
    )
    assert Indicatie.objects.get(pk=indicatie.pk).tot == VANDAAG - timedelta(days=10)


def test_many_visits_are_summed_up_after_ten(indicatie, gebruikers, als):
    mw = gebruikers["toegewezen_medewerker"]
    for dag in range(1, 13):
        HuisbezoekFactory(traject=indicatie.traject, medewerker=mw, start=op(dag), eind=op(dag, 10))
    with pytest.raises(ValidationError) as fout:
        indicatiebesluiten.indicatie_beeindigen(
            request=als(gebruikers["casemanager"]),
            indicatie=indicatie,
            op=VANDAAG - timedelta(days=30),
            reden="x",
        )
    melding = fout.value.message_dict["op"][0]
    assert "12 geregistreerde bezoeken" in melding
    assert "en nog 2" in melding
    assert f"Kies {datum(1)} of later" in melding


# --- through the page ------------------------------------------------------------------------------


def test_casemanager_sees_the_refusal_beside_the_date_and_nothing_changes(
    client, login, indicatie, bezoeken, gebruikers
):
    login(client, gebruikers["casemanager"])
    response = client.post(
        reverse("indicaties:beeindigen", args=[indicatie.pk]),
        {"op": (VANDAAG - timedelta(days=20)).isoformat(), "beeindigingsreden": "Moeder opgenomen"},
    )
    assert response.status_code == 400
    tekst = response.content.decode()
    assert "buiten elke indicatie" in tekst
    assert "Sanne de Boer" in tekst
    assert "Er is niets opgeslagen" in tekst
    onveranderd(indicatie)
    assert not Toegangslog.objects.filter(omschrijving__startswith="indicatie beëindigd").exists()


def test_casemanager_scaling_down_through_the_page_is_refused(client, login, indicatie, bezoeken, gebruikers):
    login(client, gebruikers["casemanager"])
    response = client.post(
        reverse("indicaties:wijzigen", args=[indicatie.pk]),
        {
            "wijziging": "afschalen",
            "geldig_van": (VANDAAG - timedelta(days=30)).isoformat(),
            "product": "regulier",
            "uren_per_week": "6",
            "tot": (VANDAAG - timedelta(days=20)).isoformat(),
            "motivatie": "",
        },
    )
    assert response.status_code == 400
    assert "buiten elke indicatie" in response.content.decode()
    onveranderd(indicatie)


# --- the database ----------------------------------------------------------------------------------


def immediate():
    """The trigger is deferred to the commit, which a test never reaches: check the pending rows now."""
    connection.cursor().execute("SET CONSTRAINTS indicatie_dekt_bezoeken IMMEDIATE")


def test_database_refuses_cutting_an_indication_short_behind_visits(indicatie, bezoeken):
    # The write and the deferred check it triggers belong together; the savepoint undoes both.
    with pytest.raises(IntegrityError, match="indicatie_dekt_bezoeken"), transaction.atomic():  # noqa: PT012
        Indicatie.objects.filter(pk=indicatie.pk).update(tot=VANDAAG - timedelta(days=20))
        immediate()
    onveranderd(indicatie)


def test_database_refuses_deleting_an_indication_with_visits(indicatie, bezoeken):
    # The write and the deferred check it triggers belong together; the savepoint undoes both.
    with pytest.raises(IntegrityError, match="indicatie_dekt_bezoeken"), transaction.atomic():  # noqa: PT012
        Indicatie.objects.filter(pk=indicatie.pk).delete()
        immediate()


def test_database_accepts_a_new_version_that_takes_over_the_visits(indicatie, bezoeken, gebruikers):
    with transaction.atomic():
        Indicatie.objects.filter(pk=indicatie.pk).update(tot=VANDAAG - timedelta(days=8))
        IndicatieFactory(
            traject=indicatie.traject, vorige=indicatie, van=VANDAAG - timedelta(days=7), tot=VANDAAG,
            afgegeven_door=gebruikers["casemanager"],
        )  # fmt: skip
        immediate()
    assert Indicatie.objects.filter(traject=indicatie.traject).count() == 2


def test_database_ignores_replaced_visits(indicatie, bezoeken):
    Huisbezoek.objects.filter(pk=bezoeken[1].pk).update(vervangen=True)
    with transaction.atomic():
        Indicatie.objects.filter(pk=indicatie.pk).update(tot=VANDAAG - timedelta(days=9))
        immediate()
