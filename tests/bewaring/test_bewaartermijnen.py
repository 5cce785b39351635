"""Retention: dossiers 20 years after the trajectory ended, the access log after its own period."""

from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core import checks, serializers
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.utils import timezone
from guardian.models import UserObjectPermission

from bewaring import opschonen
from bewaring.models import Anonimisering, Correctieverzoek, Opschoning
from config.celery_app import app
from core.models import Toegangslog, ToegangslogOpschoning
from indicaties.models import Indicatie
from ketenpartners.models import Betrokkenheid, Overdracht, Toestemming
from rapportage.models import Rapport
from rapportage.periode import periode_cijfers
from tests.factories import OuderFactory, ToegangslogFactory, TrajectFactory
from trajecten.models import (
    Aanmelding,
    Afsluiting,
    Baby,
    Evaluatie,
    EvaluatieDoel,
    Gezin,
    Huisbezoek,
    Intake,
    NetwerkLid,
    Ondersteuningsplan,
    Ouder,
    Signaal,
    StatusOvergang,
    Toewijzing,
    Traject,
    Zorgdoel,
)

from .conftest import dossier_met_alles, geeindigd

pytestmark = pytest.mark.django_db


def _periode(traject):
    """The period report around the trajectory's care (its visits lie in the last eight weeks)."""
    vandaag = timezone.localdate()
    return {"gemeente": traject.gezin.gemeente, "van": vandaag - timedelta(weeks=10), "tot": vandaag}


def _wat_er_over_is(traject_pk) -> str:
    """Every remaining row of the trajectory, serialised: what a database reader could still find."""
    rijen = [
        *Traject.objects.filter(pk=traject_pk),
        *Gezin.objects.filter(trajecten=traject_pk),
        *Aanmelding.objects.filter(traject_id=traject_pk),
        *StatusOvergang.objects.filter(traject_id=traject_pk),
        *Indicatie.objects.filter(traject_id=traject_pk),
        *Huisbezoek.objects.filter(traject_id=traject_pk),
        *Ondersteuningsplan.objects.filter(traject_id=traject_pk),
        *Zorgdoel.objects.filter(plan__traject_id=traject_pk),
        *Evaluatie.objects.filter(traject_id=traject_pk),
        *EvaluatieDoel.objects.filter(evaluatie__traject_id=traject_pk),
        *Betrokkenheid.objects.filter(traject_id=traject_pk),
        *Afsluiting.objects.filter(traject_id=traject_pk),
    ]
    return serializers.serialize("json", rijen)


def test_dossier_ended_twenty_years_and_a_day_ago_is_anonymised_and_keeps_its_figures(
    gemeente, aanbieder, twintig_jaar_en_een_dag
):
    feiten = dossier_met_alles(gemeente, aanbieder)
    traject = geeindigd(feiten.traject, "afgesloten", twintig_jaar_en_een_dag)
    oud_gezin = traject.gezin_id
    cijfers_voor = periode_cijfers(**_periode(traject))

    aantallen = opschonen.dossiers_opschonen()

    assert aantallen == {"trajecten_geanonimiseerd": 1, "trajecten_vernietigd": 0, "gezinnen_vernietigd": 1}
    traject.refresh_from_db()
    assert Anonimisering.objects.filter(traject=traject).exists()
    # The family is gone: parents (with BSN), babies, address; the trajectory hangs on an empty family.
    assert not Gezin.objects.filter(pk=oud_gezin).exists()
    assert not Ouder.objects.filter(gezin_id=oud_gezin).exists()
    assert not Baby.objects.filter(gezin_id=oud_gezin)
    assert traject.gezin.gemeente == gemeente
    assert not traject.gezin.ouders.exists()
    assert (traject.gezin.straat, traject.gezin.huisnummer) == ("Geanonimiseerd", 1)
    # Destroyed: everything that is only about the person.
    for model in (
        Intake,
        Toewijzing,
        Signaal,
        NetwerkLid,
        Toestemming,
        Overdracht,
        Correctieverzoek,
        Rapport,
    ):
        assert not model.objects.filter(traject=traject).exists(), model
    assert not UserObjectPermission.objects.filter(object_pk=str(traject.pk)).exists()
    # Not a single name, number or sentence of free text is left anywhere in what remains.
    over = _wat_er_over_is(traject.pk)
    for persoonlijk in feiten.persoonlijk:
        assert persoonlijk not in over, persoonlijk
    # ... while the figures of that period are exactly what they were.
    assert periode_cijfers(**_periode(traject)) == cijfers_voor
    assert traject.huisbezoeken.count() == len(feiten.traject.huisbezoeken.all())


def test_dossier_ended_nineteen_years_ago_is_untouched(gemeente, aanbieder):
    feiten = dossier_met_alles(gemeente, aanbieder)
    traject = geeindigd(feiten.traject, "afgesloten", relativedelta(years=19))
    voor = _wat_er_over_is(traject.pk)

    assert opschonen.dossiers_opschonen() == {
        "trajecten_geanonimiseerd": 0,
        "trajecten_vernietigd": 0,
        "gezinnen_vernietigd": 0,
    }
    assert _wat_er_over_is(traject.pk) == voor
    assert Ouder.objects.filter(gezin=traject.gezin).exists()
    assert Signaal.objects.filter(traject=traject).exists()
    assert not Opschoning.objects.exists()  # nothing removed, nothing to account for


def test_declined_referral_without_indication_is_destroyed_after_twenty_years(
    afgewezen_aanmelding, twintig_jaar_en_een_dag
):
    traject = geeindigd(afgewezen_aanmelding, "afgewezen", twintig_jaar_en_een_dag)

    aantallen = opschonen.dossiers_opschonen()

    assert aantallen == {"trajecten_geanonimiseerd": 0, "trajecten_vernietigd": 1, "gezinnen_vernietigd": 1}
    assert not Traject.objects.filter(pk=traject.pk).exists()
    assert not Gezin.objects.filter(pk=traject.gezin_id).exists()
    assert not Aanmelding.objects.filter(traject_id=traject.pk).exists()


def test_a_family_with_a_younger_trajectory_keeps_its_family(
    afgewezen_aanmelding, gemeente, aanbieder, twintig_jaar_en_een_dag
):
    oud = geeindigd(afgewezen_aanmelding, "afgewezen", twintig_jaar_en_een_dag)
    jong = TrajectFactory(
        gezin=oud.gezin, aanbieder=aanbieder, status="actief", regie_naam="X", regie_skj="1"
    )

    opschonen.dossiers_opschonen()

    assert not Traject.objects.filter(pk=oud.pk).exists()
    assert Traject.objects.filter(pk=jong.pk, gezin=oud.gezin).exists()
    assert Ouder.objects.filter(gezin=oud.gezin).exists()


def test_running_twice_changes_nothing_more_and_leaves_one_audit_line_without_personal_data(
    gemeente, aanbieder, afgewezen_aanmelding, twintig_jaar_en_een_dag
):
    feiten = dossier_met_alles(gemeente, aanbieder)
    traject = geeindigd(feiten.traject, "afgesloten", twintig_jaar_en_een_dag)
    geeindigd(afgewezen_aanmelding, "afgewezen", twintig_jaar_en_een_dag)

    eerste = opschonen.dossiers_opschonen()
    na_eerste = _wat_er_over_is(traject.pk)
    tweede = opschonen.dossiers_opschonen()

    assert eerste == {"trajecten_geanonimiseerd": 1, "trajecten_vernietigd": 1, "gezinnen_vernietigd": 2}
    assert set(tweede.values()) == {0}
    assert _wat_er_over_is(traject.pk) == na_eerste
    regel = Opschoning.objects.get()
    assert regel.soort == "dossiers"
    assert regel.aantallen == eerste
    # The boundary is the retention period back from the run: trajectories that ended before it.
    assert abs(regel.grens - (regel.uitgevoerd_op - relativedelta(years=20))) < timedelta(minutes=1)
    tekst = serializers.serialize("json", [regel])
    for persoonlijk in [*feiten.persoonlijk, traject.nummer]:
        assert persoonlijk not in tekst


def test_access_log_rows_past_five_years_are_purged_younger_ones_kept():
    # A minute back: the database's now() is the start of the test's transaction.
    nu = timezone.now() - timedelta(minutes=1)
    oud = ToegangslogFactory(tijdstip=nu - relativedelta(years=5, days=1))
    jong = ToegangslogFactory(tijdstip=nu - relativedelta(years=5) + timedelta(days=1))

    assert opschonen.toegangslog_opschonen(nu) == 1
    assert not Toegangslog.objects.filter(pk=oud.pk).exists()
    assert Toegangslog.objects.filter(pk=jong.pk).exists()
    regel = ToegangslogOpschoning.objects.get()
    assert (regel.aantal, regel.grens) == (1, nu - relativedelta(years=5))
    # Twice: nothing more goes (the function accounts for every call, also an empty one).
    assert opschonen.toegangslog_opschonen(nu) == 0
    assert Toegangslog.objects.filter(pk=jong.pk).exists()
    assert list(ToegangslogOpschoning.objects.order_by("id").values_list("aantal", flat=True)) == [1, 0]


def test_the_nightly_job_does_both(gemeente, aanbieder, afgewezen_aanmelding, twintig_jaar_en_een_dag):
    nu = timezone.now() - timedelta(minutes=1)
    geeindigd(afgewezen_aanmelding, "afgewezen", twintig_jaar_en_een_dag)
    ToegangslogFactory(tijdstip=nu - relativedelta(years=6))

    aantallen = opschonen.bewaartermijnen_toepassen(nu)

    assert aantallen["trajecten_vernietigd"] == 1
    assert aantallen["toegangslogregels"] == 1


@pytest.mark.parametrize(
    ("instelling", "code"),
    [("BEWAARTERMIJN_TOEGANGSLOG_JAREN", "bewaring.E002"), ("BEWAARTERMIJN_DOSSIER_JAREN", "bewaring.E001")],
)
def test_a_retention_shorter_than_the_law_refuses_to_start(instelling, code):
    with override_settings(**{instelling: 4 if "TOEGANGSLOG" in instelling else 19}):
        fouten = [f.id for f in checks.run_checks()]
        assert code in fouten
        with pytest.raises(ImproperlyConfigured):
            opschonen.bewaartermijnen_toepassen()
    assert code not in [f.id for f in checks.run_checks()]


def test_the_nightly_job_is_scheduled_and_registered(settings):
    taak = settings.CELERY_BEAT_SCHEDULE["bewaartermijnen-toepassen"]["task"]
    app.loader.import_default_modules()  # what a worker does at start: autodiscover the apps' tasks
    assert taak in app.tasks


def test_an_anonymised_trajectory_is_not_a_person_any_more_in_the_family_list(
    gemeente, aanbieder, twintig_jaar_en_een_dag
):
    """A sibling family of the same municipality is untouched by another family's anonymisation."""
    buren = OuderFactory(gezin__gemeente=gemeente)
    feiten = dossier_met_alles(gemeente, aanbieder)
    geeindigd(feiten.traject, "afgesloten", twintig_jaar_en_een_dag)

    opschonen.dossiers_opschonen()

    assert Ouder.objects.filter(pk=buren.pk).exists()
