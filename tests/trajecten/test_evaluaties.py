"""Evaluations: the schedule from the provider's settings, recording one with scores per goal, the
scale-down/up request to the casemanager, overdue evaluations, and who may do what."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from guardian.shortcuts import assign_perm

from indicaties.models import IndicatieAanvraag
from tests.factories import IndicatieAanvraagFactory, IndicatieFactory, ToewijzingFactory
from trajecten import evaluaties, zorg
from trajecten.models import Evaluatie, EvaluatieDoel, Zorgdoel

VANDAAG = timezone.localdate


@pytest.fixture
def actief(traject, gebruikers):
    """Active since 70 days, indication up to 110 days from now at 12 h/week; provider: 4 weeks, then every 3."""
    vandaag = VANDAAG()
    traject.aanbieder.eerste_evaluatie_na_weken = 4
    traject.aanbieder.evaluatie_interval_weken = 3
    traject.aanbieder.save()
    traject.status = "actief"
    traject.regie_casemanager = gebruikers["casemanager"]
    traject.gestart_op = vandaag - timedelta(days=70)
    traject.save()
    traject.indicatie = IndicatieFactory(
        traject=traject, van=vandaag - timedelta(days=70), tot=vandaag + timedelta(days=110),
        uren_per_week=Decimal(12), afgegeven_door=gebruikers["casemanager"],
    )  # fmt: skip
    mw = gebruikers["toegewezen_medewerker"]
    ToewijzingFactory(
        traject=traject, medewerker=mw, van=vandaag - timedelta(days=70), eerste_aanspreekpunt=True
    )
    assign_perm("trajecten.view_traject", mw, traject)
    return traject


@pytest.fixture
def plan(actief, gebruikers, als):
    return zorg.plan_vastleggen(
        request=als(gebruikers["coordinator"]), traject=actief,
        doelen=[Zorgdoel(thema="huilgedrag", omschrijving="Moeder herkent huilsignalen", startscore=3, doelscore=7),
                Zorgdoel(thema="dagstructuur", omschrijving="Vaste tijden voor voeden", startscore=2, doelscore=6)],
        overeengekomen_op=VANDAAG(), woorden_ouders="Ik wil rust.", gebaseerd_op_versie=None,
    )  # fmt: skip


def scores(plan, *waarden):
    doelen = list(plan.doelen.all())
    return {d.pk: (w, "Gaat beter") for d, w in zip(doelen, waarden, strict=True)}


def vastleggen(als, user, traject, plan, **kwargs):
    velden = {
        "evaluatie": None,
        "gehouden_op": VANDAAG(),
        "deelnemers": "Moeder, casemanager, kraamverzorgende",
        "doelen": scores(plan, 6, 5),
        "conclusie": "voortzetten",
        "toelichting": "Goede voortgang, zo doorgaan.",
        "volgende_op": VANDAAG() + timedelta(weeks=3),
    }
    velden.update(kwargs)
    return evaluaties.evaluatie_vastleggen(request=als(user), traject=traject, **velden)


# --- the schedule ---


def test_schedule_follows_the_providers_settings_up_to_the_indication_end(actief):
    nieuw = evaluaties.evaluaties_plannen(actief)
    start, eind = actief.gestart_op, actief.indicatie.tot
    verwacht = []
    dag = start + timedelta(weeks=4)
    while dag < eind:
        verwacht.append(dag)
        dag += timedelta(weeks=3)
    assert [e.gepland_op for e in nieuw] == [*verwacht, eind]
    assert [e.eindevaluatie for e in Evaluatie.objects.order_by("gepland_op")] == [False] * len(verwacht) + [
        True
    ]


def test_planning_twice_changes_nothing(actief):
    evaluaties.evaluaties_plannen(actief)
    voor = list(Evaluatie.objects.order_by("pk").values_list("pk", "gepland_op", "eindevaluatie"))
    assert evaluaties.evaluaties_plannen(actief) == []
    assert list(Evaluatie.objects.order_by("pk").values_list("pk", "gepland_op", "eindevaluatie")) == voor


def test_an_extended_indication_adds_dates_and_moves_the_final_evaluation(actief):
    evaluaties.evaluaties_plannen(actief)
    oud_eind = actief.indicatie.tot
    actief.indicatie.tot = oud_eind + timedelta(weeks=7)
    actief.indicatie.save()
    nieuw = evaluaties.evaluaties_plannen(actief)
    assert [e.gepland_op for e in nieuw] == [
        oud_eind + timedelta(weeks=3), oud_eind + timedelta(weeks=6), oud_eind + timedelta(weeks=7),
    ]  # fmt: skip
    assert list(Evaluatie.objects.filter(eindevaluatie=True).values_list("gepland_op", flat=True)) == [
        oud_eind + timedelta(weeks=7)
    ]


def test_nothing_is_planned_before_the_start(traject):
    assert evaluaties.evaluaties_plannen(traject) == []
    assert not Evaluatie.objects.exists()


def test_planning_by_hand_needs_the_right(actief, gebruikers, als):
    with pytest.raises(PermissionDenied):
        evaluaties.evaluaties_plannen(actief, request=als(gebruikers["andere_coordinator"]))
    assert not Evaluatie.objects.exists()
    assert evaluaties.evaluaties_plannen(actief, request=als(gebruikers["casemanager"]))


# --- recording ---


def test_casemanager_records_a_planned_evaluation_and_the_next_one_moves(actief, plan, gebruikers, als):
    evaluaties.evaluaties_plannen(actief)
    eerste, tweede = Evaluatie.objects.order_by("gepland_op")[:2]
    volgende = VANDAAG() + timedelta(days=10)
    evaluatie = vastleggen(
        als, gebruikers["casemanager"], actief, plan, evaluatie=eerste, volgende_op=volgende
    )
    evaluatie.refresh_from_db()
    assert (evaluatie.gehouden_op, evaluatie.conclusie, evaluatie.vastgelegd_door) == (
        VANDAAG(), "voortzetten", gebruikers["casemanager"],
    )  # fmt: skip
    assert sorted(EvaluatieDoel.objects.values_list("realisatie", flat=True)) == [5, 6]
    tweede.refresh_from_db()
    assert tweede.gepland_op == volgende


def test_held_date_boundaries(actief, plan, gebruikers, als):
    cm = gebruikers["casemanager"]
    with pytest.raises(ValidationError) as fout:
        vastleggen(als, cm, actief, plan, gehouden_op=VANDAAG() + timedelta(days=1))
    assert "toekomst" in str(fout.value.error_dict["gehouden_op"])
    with pytest.raises(ValidationError) as fout:
        vastleggen(als, cm, actief, plan, gehouden_op=actief.gestart_op - timedelta(days=1))
    assert "gehouden_op" in fout.value.error_dict
    assert not Evaluatie.objects.exists()
    assert vastleggen(als, cm, actief, plan, gehouden_op=actief.gestart_op).gehouden_op == actief.gestart_op


def test_next_date_must_lie_after_the_held_date(actief, plan, gebruikers, als):
    with pytest.raises(ValidationError) as fout:
        vastleggen(als, gebruikers["casemanager"], actief, plan, volgende_op=VANDAAG())
    assert "na deze" in str(fout.value.error_dict["volgende_op"])
    with pytest.raises(ValidationError) as fout:
        vastleggen(als, gebruikers["casemanager"], actief, plan, volgende_op=None)
    assert "volgende_op" in fout.value.error_dict
    assert not Evaluatie.objects.exists()
    assert vastleggen(als, gebruikers["casemanager"], actief, plan, volgende_op=VANDAAG() + timedelta(days=1))


def test_closing_needs_no_next_date(actief, plan, gebruikers, als):
    evaluatie = vastleggen(
        als, gebruikers["coordinator"], actief, plan, conclusie="afsluiten", volgende_op=None
    )
    assert evaluatie.volgende_op is None


@pytest.mark.parametrize("score", [0, 11, -1, None])
def test_scores_outside_1_to_10_are_refused(actief, plan, gebruikers, als, score):
    with pytest.raises(ValidationError) as fout:
        vastleggen(als, gebruikers["casemanager"], actief, plan, doelen=scores(plan, score, 5))
    assert any(veld.startswith("doel_") for veld in fout.value.error_dict)
    assert not Evaluatie.objects.filter(gehouden_op__isnull=False).exists()
    assert not EvaluatieDoel.objects.exists()


def test_scores_1_and_10_are_fine(actief, plan, gebruikers, als):
    vastleggen(als, gebruikers["casemanager"], actief, plan, doelen=scores(plan, 1, 10))
    assert sorted(EvaluatieDoel.objects.values_list("realisatie", flat=True)) == [1, 10]


def test_every_goal_of_the_current_plan_is_scored_and_no_other(actief, plan, gebruikers, als):
    doel = plan.doelen.first()
    with pytest.raises(ValidationError, match="realisatiescore"):
        vastleggen(als, gebruikers["casemanager"], actief, plan, doelen={doel.pk: (6, "")})
    with pytest.raises(ValidationError, match="huidige ondersteuningsplan"):
        vastleggen(
            als, gebruikers["casemanager"], actief, plan, doelen={**scores(plan, 6, 5), 999999: (5, "")}
        )
    assert not Evaluatie.objects.exists()


def test_the_database_refuses_a_score_of_11(actief, plan, gebruikers, als):
    evaluatie = vastleggen(als, gebruikers["casemanager"], actief, plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluatieDoel.objects.filter(evaluatie=evaluatie).update(realisatie=11)


def test_an_evaluation_is_recorded_once(actief, plan, gebruikers, als):
    evaluaties.evaluaties_plannen(actief)
    eerste = Evaluatie.objects.order_by("gepland_op").first()
    vastleggen(als, gebruikers["casemanager"], actief, plan, evaluatie=eerste)
    with pytest.raises(ValidationError, match="al door iemand anders"):
        vastleggen(als, gebruikers["coordinator"], actief, plan, evaluatie=eerste, conclusie="afsluiten")
    eerste.refresh_from_db()
    assert eerste.conclusie == "voortzetten"


def test_only_an_active_trajectory_is_evaluated(traject, gebruikers, als):
    with pytest.raises(ValidationError, match="actief traject"):
        evaluaties.evaluatie_vastleggen(
            request=als(gebruikers["coordinator"]), traject=traject, evaluatie=None, gehouden_op=VANDAAG(),
            deelnemers="Moeder", doelen={}, conclusie="voortzetten", toelichting="x", volgende_op=None,
        )  # fmt: skip


@pytest.mark.parametrize(
    "wie", ["toegewezen_medewerker", "medewerker", "andere_coordinator", "andere_casemanager"]
)
def test_who_may_not_record_an_evaluation(actief, plan, gebruikers, als, wie):
    with pytest.raises(PermissionDenied):
        vastleggen(als, gebruikers[wie], actief, plan)
    assert not Evaluatie.objects.exists()


# --- the action a conclusion starts ---


def test_scaling_down_asks_the_casemanager_and_the_trajectory_stays_active(actief, plan, gebruikers, als):
    evaluatie = vastleggen(
        als, gebruikers["coordinator"], actief, plan, conclusie="afschalen", uren_per_week=Decimal(6),
        toelichting="Doelen bijna bereikt; moeder kan meer zelf.",
    )  # fmt: skip
    aanvraag = IndicatieAanvraag.objects.get(traject=actief)
    assert (aanvraag.status, aanvraag.uren_per_week, aanvraag.aangevraagd_door) == (
        "open", Decimal(6), gebruikers["coordinator"],
    )  # fmt: skip
    assert aanvraag.toelichting == (
        f"Afschalen na evaluatie van {date_format(evaluatie.gehouden_op)}: Doelen bijna bereikt; moeder kan meer zelf."
    )
    assert (aanvraag.gewenste_start, aanvraag.gewenste_eind) == (
        VANDAAG() + timedelta(days=1),
        actief.indicatie.tot,
    )
    actief.refresh_from_db()
    assert actief.status == "actief"


def test_scaling_up_asks_for_more_hours(actief, plan, gebruikers, als):
    vastleggen(als, gebruikers["casemanager"], actief, plan, conclusie="opschalen", uren_per_week=Decimal(20))
    assert IndicatieAanvraag.objects.get().toelichting.startswith("Opschalen na evaluatie van")


@pytest.mark.parametrize(
    ("conclusie", "uren"), [("afschalen", Decimal(12)), ("afschalen", Decimal(0)), ("opschalen", Decimal(12)),
                       ("opschalen", Decimal(169)), ("afschalen", None)],
)  # fmt: skip
def test_wrong_hours_for_scaling_are_refused_and_nothing_saved(
    actief, plan, gebruikers, als, conclusie, uren
):
    with pytest.raises(ValidationError) as fout:
        vastleggen(als, gebruikers["coordinator"], actief, plan, conclusie=conclusie, uren_per_week=uren)
    assert "uren_per_week" in fout.value.error_dict
    assert not IndicatieAanvraag.objects.exists()
    assert not Evaluatie.objects.exists()


def test_one_open_request_at_a_time(actief, plan, gebruikers, als):
    IndicatieAanvraagFactory(traject=actief, aangevraagd_door=gebruikers["coordinator"])
    with pytest.raises(ValidationError, match="al een open indicatieaanvraag"):
        vastleggen(
            als, gebruikers["coordinator"], actief, plan, conclusie="afschalen", uren_per_week=Decimal(6)
        )
    assert IndicatieAanvraag.objects.count() == 1
    assert not Evaluatie.objects.exists()


# --- worklist ---


def test_overdue_evaluations_for_the_worklist(actief, gebruikers):
    achterstallig = Evaluatie.objects.create(traject=actief, gepland_op=VANDAAG() - timedelta(days=3))
    Evaluatie.objects.create(traject=actief, gepland_op=VANDAAG())
    Evaluatie.objects.create(
        traject=actief, gepland_op=VANDAAG() - timedelta(days=20), gehouden_op=VANDAAG() - timedelta(days=20),
        conclusie="voortzetten",
    )  # fmt: skip
    assert list(
        evaluaties.achterstallige_evaluaties(fetched_by=_geverifieerd(gebruikers["coordinator"]))
    ) == [achterstallig]
    assert list(
        evaluaties.achterstallige_evaluaties(fetched_by=_geverifieerd(gebruikers["casemanager"]))
    ) == [achterstallig]
    for wie in ("andere_coordinator", "andere_casemanager", "medewerker"):
        assert not evaluaties.achterstallige_evaluaties(fetched_by=_geverifieerd(gebruikers[wie])).exists()


def _geverifieerd(user):
    user.is_verified = lambda: True
    return user


# --- pages ---


def test_record_page_and_tab(client, login, actief, plan, gebruikers):
    evaluaties.evaluaties_plannen(actief)
    eerste = Evaluatie.objects.order_by("gepland_op").first()
    login(client, gebruikers["casemanager"])
    doelen = list(plan.doelen.all())
    url = reverse("trajecten:evaluatie_vastleggen", args=[actief.pk, eerste.pk])
    assert client.get(url).status_code == 200
    data = {
        "gehouden_op": VANDAAG().isoformat(), "deelnemers": "Moeder, casemanager", "conclusie": "afschalen",
        "uren_per_week": "8", "toelichting": "Het gaat goed.",
        "volgende_op": (VANDAAG() + timedelta(weeks=2)).isoformat(),
        f"doel_{doelen[0].pk}": "7", f"doel_{doelen[1].pk}": "6",
    }  # fmt: skip
    antwoord = client.post(url, data)
    assert antwoord.status_code == 302
    assert IndicatieAanvraag.objects.get().uren_per_week == Decimal(8)
    tab = client.get(reverse("trajecten:detail", args=[actief.pk]) + "?tab=evaluaties").content.decode()
    assert "Het gaat goed." in tab
    assert "Afschalen" in tab


def test_bad_score_on_the_page_gives_400_and_saves_nothing(client, login, actief, plan, gebruikers):
    login(client, gebruikers["coordinator"])
    doelen = list(plan.doelen.all())
    antwoord = client.post(
        reverse("trajecten:evaluatie_nieuw", args=[actief.pk]),
        {"gehouden_op": VANDAAG().isoformat(), "deelnemers": "Moeder", "conclusie": "voortzetten",
         "toelichting": "x", "volgende_op": (VANDAAG() + timedelta(days=7)).isoformat(),
         f"doel_{doelen[0].pk}": "11", f"doel_{doelen[1].pk}": "5"},
    )  # fmt: skip
    assert antwoord.status_code == 400
    assert "Scores liggen tussen 1 en 10." in antwoord.content.decode()
    assert not Evaluatie.objects.exists()


def test_another_trajectorys_evaluation_is_not_found(client, login, actief, gebruikers):
    from tests.factories import TrajectFactory

    ander = TrajectFactory(aanbieder=gebruikers["andere_coordinator"].organisatie)
    evaluatie = Evaluatie.objects.create(traject=ander, gepland_op=VANDAAG())
    login(client, gebruikers["coordinator"])
    assert (
        client.get(reverse("trajecten:evaluatie_vastleggen", args=[actief.pk, evaluatie.pk])).status_code
        == 404
    )


def test_the_tab_shows_when_scaling_down_is_due(client, login, actief, plan, gebruikers, als):
    vastleggen(als, gebruikers["casemanager"], actief, plan, doelen=scores(plan, 10, 10))
    login(client, gebruikers["coordinator"])
    tab = client.get(reverse("trajecten:detail", args=[actief.pk]) + "?tab=evaluaties").content.decode()
    assert "Afschalen is mogelijk aan de orde" in tab
    assert "doelscore bereikt" in tab


def _evaluaties(traject, plan, aantal):
    Evaluatie.objects.filter(traject=traject).delete()
    doelen = list(plan.doelen.all())
    for i in range(aantal):
        e = Evaluatie.objects.create(
            traject=traject, gepland_op=VANDAAG() - timedelta(days=30 - i), gehouden_op=VANDAAG() - timedelta(days=30 - i),
            conclusie="voortzetten", deelnemers="Moeder", toelichting="Goed",
        )  # fmt: skip
        EvaluatieDoel.objects.bulk_create(EvaluatieDoel(evaluatie=e, doel=d, realisatie=5) for d in doelen)
        Evaluatie.objects.create(traject=traject, gepland_op=VANDAAG() + timedelta(days=10 + i))


def test_tab_queries_do_not_grow_with_evaluations(client, login, actief, plan, gebruikers):
    login(client, gebruikers["casemanager"])
    url = reverse("trajecten:detail", args=[actief.pk]) + "?tab=evaluaties"
    tellingen = []
    for aantal in (1, 3):
        _evaluaties(actief, plan, aantal)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        tellingen.append(len(queries))
    assert tellingen[0] == tellingen[1]
