"""Issue 16, item 3: a family moves to another municipality. Recorded with its date and new address, the
file passes to the new municipality (access follows, the regie goes to its casemanager, the indication in
force continues at its tariff from the moving date), the old one keeps its part of the care in its period
report, and the move is in the access log and the trajectory's history."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from core import policy
from core.models import Melding, Toegangslog
from indicaties.models import Indicatie
from rapportage.periode import periode_cijfers
from tests.factories import ContractFactory, HuisbezoekFactory, IndicatieFactory, ToewijzingFactory, lid
from trajecten.models import Traject, Verhuizing
from trajecten.verhuizing import verhuizing_vastleggen

AMS = ZoneInfo("Europe/Amsterdam")
VANDAAG = timezone.localdate()
VERHUISD_OP = VANDAAG - timedelta(days=10)
NIEUW_ADRES = {
    "straat": "Brink",
    "huisnummer": 7,
    "huisletter": "",
    "huisnummertoevoeging": "",
    "postcode": "9401 HS",
    "woonplaats": "Assen",
}


def op(dagen_terug: int, uur: int):
    return datetime.combine(VANDAAG - timedelta(days=dagen_terug), time(uur), tzinfo=AMS)


@pytest.fixture
def actief(traject, gebruikers):
    traject.status = "actief"
    traject.regie_casemanager = gebruikers["casemanager"]
    traject.gestart_op = VANDAAG - timedelta(days=60)
    traject.save()
    mw = gebruikers["toegewezen_medewerker"]
    ToewijzingFactory(traject=traject, medewerker=mw, van=VANDAAG - timedelta(days=60))
    assign_perm("trajecten.view_traject", mw, traject)
    IndicatieFactory(
        traject=traject, van=VANDAAG - timedelta(days=60), tot=VANDAAG + timedelta(days=60),
        uren_per_week=Decimal(12), uurtarief=Decimal("58.50"), budget=Decimal(20000),
        afgegeven_door=gebruikers["casemanager"],
    )  # fmt: skip
    # Assen's contract with the same provider: a different tariff.
    ContractFactory(gemeente=gebruikers["andere_casemanager"].organisatie, aanbieder=traject.aanbieder,
                    uurtarief=Decimal("62.00"))  # fmt: skip
    HuisbezoekFactory(traject=traject, medewerker=mw, start=op(20, 9), eind=op(20, 13))  # 4 h in Groningen
    HuisbezoekFactory(traject=traject, medewerker=mw, start=op(3, 9), eind=op(3, 11))  # 2 h in Assen
    return traject


def verhuizen(request, traject, **extra):
    gegevens = {"datum": VERHUISD_OP, "adres": NIEUW_ADRES, "versie": traject.versie, **extra}
    return verhuizing_vastleggen(request=request, traject=traject, **gegevens)


def test_the_move_passes_the_file_to_the_new_municipality(actief, gebruikers, als):
    cm, cm_assen = gebruikers["casemanager"], gebruikers["andere_casemanager"]
    verhuizing = verhuizen(als(cm), actief, casemanager=cm_assen)

    traject = Traject.objects.select_related("gezin").get(pk=actief.pk)
    assert traject.gezin.gemeente == cm_assen.organisatie
    assert traject.gemeente == cm_assen.organisatie  # the database copied it
    assert (traject.gezin.straat, traject.gezin.postcode, traject.gezin.woonplaats) == (
        "Brink",
        "9401 HS",
        "Assen",
    )
    assert traject.regie_casemanager == cm_assen
    assert traject.versie == actief.versie + 1
    assert verhuizing.oude_gemeente == cm.organisatie
    assert verhuizing.oude_casemanager == cm
    assert verhuizing.oud_adres  # the old address is kept with the move
    # The indication: the old municipality's decision ends the day before; the carried-on version has the
    # new municipality's tariff and the same hours.
    oud, nieuw = Indicatie.objects.filter(traject=actief).order_by("van")
    assert oud.tot == VERHUISD_OP - timedelta(days=1)
    assert (nieuw.van, nieuw.tot, nieuw.wijziging) == (
        VERHUISD_OP,
        VANDAAG + timedelta(days=60),
        "verhuizing",
    )
    assert (nieuw.uurtarief, nieuw.uren_per_week, nieuw.vorige_id) == (Decimal("62.00"), Decimal(12), oud.pk)
    connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")  # the indication and budget triggers agree
    # Who hears of it.
    assert Melding.objects.filter(gebruiker=cm_assen, tekst__contains="regie").exists()
    assert Melding.objects.filter(gebruiker=gebruikers["coordinator"], tekst__contains="verhuisd").exists()
    assert Toegangslog.objects.filter(
        omschrijving__startswith="verhuizing per", gezin_id=actief.gezin_id
    ).exists()


def test_access_follows_the_move(actief, gebruikers, als):
    cm, cm_assen = gebruikers["casemanager"], gebruikers["andere_casemanager"]
    for user in (cm, cm_assen):
        user.is_verified = lambda: True
    assert policy.may(cm, policy.TRAJECT_BEKIJKEN, actief)
    assert not policy.may(cm_assen, policy.TRAJECT_BEKIJKEN, actief)
    verhuizen(als(gebruikers["coordinator"]), actief, casemanager=cm_assen)
    traject = Traject.objects.select_related("gezin").get(pk=actief.pk)
    assert not policy.may(cm, policy.TRAJECT_BEKIJKEN, traject)
    assert not policy.may(cm, policy.INDICATIE_BESLISSEN, traject)
    assert policy.may(cm_assen, policy.TRAJECT_BEKIJKEN, traject)
    assert policy.may(cm_assen, policy.INDICATIE_BESLISSEN, traject)
    assert policy.may(gebruikers["coordinator"], policy.TRAJECT_BEKIJKEN, traject)


def test_each_municipality_reports_its_own_part_of_the_care(actief, gebruikers, als):
    groningen, assen = gebruikers["casemanager"].organisatie, gebruikers["andere_casemanager"].organisatie
    van, tot = VANDAAG - timedelta(days=30), VANDAAG
    voor = periode_cijfers(gemeente=groningen, van=van, tot=tot)
    assert voor["uren"]["geleverd"] == Decimal("6.00")
    verhuizen(als(gebruikers["coordinator"]), actief, casemanager=gebruikers["andere_casemanager"])

    oud = periode_cijfers(gemeente=groningen, van=van, tot=tot)
    nieuw = periode_cijfers(gemeente=assen, van=van, tot=tot)
    assert oud["uren"]["geleverd"] == Decimal("4.00")
    assert oud["kosten"]["geleverd"] == Decimal("234.00")  # 4 h × € 58.50
    assert nieuw["uren"]["geleverd"] == Decimal("2.00")
    assert nieuw["kosten"]["geleverd"] == Decimal("124.00")  # 2 h × € 62.00
    # Indicated hours: 12 a week, split at the moving date (20 days and 11 days of the 31).
    assert oud["uren"]["geindiceerd"] == Decimal("34.29")
    assert nieuw["uren"]["geindiceerd"] == Decimal("18.86")
    # Active in the period for both, started (60 days ago) in neither period.
    assert (oud["trajecten"]["actief"], nieuw["trajecten"]["actief"]) == (1, 1)
    # A period wholly after the move is the new municipality's alone.
    later = {"van": VANDAAG - timedelta(days=5), "tot": VANDAAG}
    assert periode_cijfers(gemeente=groningen, **later)["trajecten"]["actief"] == 0
    assert periode_cijfers(gemeente=assen, **later)["trajecten"]["actief"] == 1


@pytest.mark.parametrize(
    ("wijziging", "veld", "tekst"),
    [
        ({"datum": VANDAAG + timedelta(days=1)}, "datum", "op of na de verhuisdatum"),
        ({"casemanager": "eigen"}, "casemanager", "is de huidige gemeente"),
    ],
)
def test_a_wrong_move_is_refused_and_changes_nothing(actief, gebruikers, als, wijziging, veld, tekst):
    extra = {"casemanager": gebruikers["andere_casemanager"], **wijziging}
    if extra["casemanager"] == "eigen":
        extra["casemanager"] = lid("casemanager", gebruikers["casemanager"].organisatie, username="cm2")
    with pytest.raises(ValidationError) as fout:
        verhuizen(als(gebruikers["casemanager"]), actief, **extra)
    assert tekst in fout.value.message_dict[veld][0]
    assert not Verhuizing.objects.exists()
    assert Traject.objects.get(pk=actief.pk).gemeente == gebruikers["casemanager"].organisatie


def test_without_a_contract_of_the_new_municipality_the_move_is_refused(actief, gebruikers, als):
    from indicaties.models import Contract

    Contract.objects.filter(gemeente=gebruikers["andere_casemanager"].organisatie).delete()
    with pytest.raises(ValidationError, match="geen contract tussen Gemeente Assen en Kraamzorg Noord"):
        verhuizen(als(gebruikers["casemanager"]), actief, casemanager=gebruikers["andere_casemanager"])
    assert not Verhuizing.objects.exists()


def test_a_second_move_lies_after_the_first(actief, gebruikers, als):
    verhuizen(als(gebruikers["coordinator"]), actief, casemanager=gebruikers["andere_casemanager"])
    traject = Traject.objects.get(pk=actief.pk)
    with pytest.raises(ValidationError) as fout:
        verhuizen(
            als(gebruikers["coordinator"]), traject, casemanager=gebruikers["casemanager"],
            datum=VERHUISD_OP - timedelta(days=1),
        )  # fmt: skip
    assert "laatste verhuizing" in fout.value.message_dict["datum"][0]


# --- through the pages -----------------------------------------------------------------------------


def formulier(traject, casemanager):
    return {
        "versie": traject.versie,
        "datum": VERHUISD_OP.isoformat(),
        "casemanager": casemanager.pk,
        **{k: ("" if v is None else v) for k, v in NIEUW_ADRES.items()},
    }


def test_coordinator_records_the_move_and_sees_it_in_the_history(client, login, actief, gebruikers):
    login(client, gebruikers["coordinator"])
    url = reverse("trajecten:verhuizing", args=[actief.pk])
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert "Gemeente Assen — " in pagina.content.decode()
    antwoord = client.post(url, formulier(actief, gebruikers["andere_casemanager"]))
    assert antwoord.status_code == 302
    geschiedenis = client.get(antwoord["Location"]).content.decode()
    assert 'data-testid="verhuizingen"' in geschiedenis
    assert "Gemeente Groningen" in geschiedenis
    assert "Gemeente Assen" in geschiedenis


def test_old_casemanager_records_it_and_is_sent_home_without_access(client, login, actief, gebruikers):
    login(client, gebruikers["casemanager"])
    antwoord = client.post(
        reverse("trajecten:verhuizing", args=[actief.pk]), formulier(actief, gebruikers["andere_casemanager"])
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("core:home")
    assert "geen toegang meer" in client.get(antwoord["Location"]).content.decode()
    assert client.get(reverse("trajecten:detail", args=[actief.pk])).status_code == 404
    login(client, gebruikers["andere_casemanager"])
    assert client.get(reverse("trajecten:detail", args=[actief.pk])).status_code == 200


def test_an_incomplete_address_is_refused_beside_the_fields(client, login, actief, gebruikers):
    login(client, gebruikers["coordinator"])
    gegevens = {**formulier(actief, gebruikers["andere_casemanager"]), "postcode": ""}
    antwoord = client.post(reverse("trajecten:verhuizing", args=[actief.pk]), gegevens)
    assert antwoord.status_code == 400
    assert not Verhuizing.objects.exists()


def test_an_ended_trajectory_does_not_move(actief, gebruikers, als):
    Traject.objects.filter(pk=actief.pk).update(status="afgesloten")
    actief.refresh_from_db()
    with pytest.raises(ValidationError, match="afgesloten"):
        verhuizen(als(gebruikers["coordinator"]), actief, casemanager=gebruikers["andere_casemanager"])
    assert not Verhuizing.objects.exists()


# --- the database ----------------------------------------------------------------------------------


def test_database_refuses_a_move_that_does_not_start_where_the_family_lives(actief, gebruikers):
    from django.db import IntegrityError, transaction

    assen = gebruikers["andere_casemanager"].organisatie
    with pytest.raises(IntegrityError, match="verhuizing_in_volgorde"), transaction.atomic():
        Verhuizing.objects.create(
            gezin=actief.gezin, datum=VERHUISD_OP, oude_gemeente=assen, nieuwe_gemeente=actief.gezin.gemeente,
            nieuwe_casemanager=gebruikers["casemanager"], vastgelegd_door=gebruikers["coordinator"],
        )  # fmt: skip


def test_database_refuses_a_move_before_the_previous_one(actief, gebruikers, als):
    from django.db import IntegrityError, transaction

    verhuizen(als(gebruikers["coordinator"]), actief, casemanager=gebruikers["andere_casemanager"])
    assen = gebruikers["andere_casemanager"].organisatie
    with pytest.raises(IntegrityError, match="verhuizing_in_volgorde"), transaction.atomic():
        Verhuizing.objects.create(
            gezin=actief.gezin, datum=VERHUISD_OP - timedelta(days=5), oude_gemeente=assen,
            nieuwe_gemeente=gebruikers["casemanager"].organisatie, nieuwe_casemanager=gebruikers["casemanager"],
            vastgelegd_door=gebruikers["coordinator"],
        )  # fmt: skip


# --- the old municipality keeps what it made before the move ---------------------------------------


def test_a_trajectory_report_made_before_the_move_stays_readable_for_its_maker(actief, gebruikers, als):
    from tests.factories import RapportFactory

    cm = gebruikers["casemanager"]
    cm.is_verified = lambda: True
    voor = RapportFactory(
        traject=actief, aangevraagd_door=cm, status="gereed", pdf_bestand="rapporten/voor.pdf",
        gereed_op=timezone.now() - timedelta(days=12),
    )  # fmt: skip
    na = RapportFactory(
        traject=actief, aangevraagd_door=cm, status="gereed", pdf_bestand="rapporten/na.pdf",
        gereed_op=timezone.now(),
    )  # fmt: skip
    verhuizen(als(gebruikers["coordinator"]), actief, casemanager=gebruikers["andere_casemanager"])
    voor.traject = na.traject = Traject.objects.select_related("gezin").get(pk=actief.pk)
    assert policy.may(cm, policy.RAPPORT_BEKIJKEN, voor)  # covers only the time Groningen paid for
    assert not policy.may(cm, policy.RAPPORT_BEKIJKEN, na)  # made after the moving date: Assen's now
    assert not policy.may(cm, policy.TRAJECTRAPPORT_AANVRAGEN, voor.traject)
