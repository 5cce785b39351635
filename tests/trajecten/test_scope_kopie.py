"""Signals, evaluations, indications and requests carry their trajectory's provider and municipality
(core.models.TrajectScopeKopie, migrations trajecten 0023 / indicaties 0008) so that the homes' worklists
start from the user's organisation. The copy must equal the trajectory whatever path writes, and the
policy's scope over these rows must stay what it was."""

from django.db import connection
from django.urls import reverse

from indicaties.models import Indicatie, IndicatieAanvraag
from tests.factories import (
    EvaluatieFactory,
    IndicatieAanvraagFactory,
    IndicatieFactory,
    SignaalFactory,
    TrajectFactory,
)
from trajecten.models import Evaluatie, Signaal, Traject

MODELLEN = (Signaal, Evaluatie, Indicatie, IndicatieAanvraag)


def kopieen(traject):
    return {
        model.__name__: set(
            model.objects.filter(traject=traject).values_list("traject_aanbieder_id", "traject_gemeente_id")
        )
        for model in MODELLEN
    }


def met_alles(traject, gebruikers):
    SignaalFactory(traject=traject, gemeld_door=gebruikers["coordinator"])
    EvaluatieFactory(traject=traject)
    IndicatieAanvraagFactory(traject=traject, aangevraagd_door=gebruikers["coordinator"])
    IndicatieFactory(traject=traject, afgegeven_door=gebruikers["casemanager"])
    return traject


def test_every_row_takes_its_trajectorys_organisations_and_follows_a_move(
    gebruikers, gemeente, andere_gemeente, aanbieder
):
    traject = met_alles(TrajectFactory(aanbieder=aanbieder, gezin__gemeente=gemeente), gebruikers)
    assert kopieen(traject) == {m.__name__: {(aanbieder.pk, gemeente.pk)} for m in MODELLEN}

    gezin = traject.gezin
    gezin.gemeente = andere_gemeente  # the family moves: the trajectory and all its rows follow
    gezin.save()
    assert kopieen(traject) == {m.__name__: {(aanbieder.pk, andere_gemeente.pk)} for m in MODELLEN}


def test_a_value_written_directly_is_corrected(gebruikers, gemeente, andere_gemeente, aanbieder):
    traject = met_alles(TrajectFactory(aanbieder=aanbieder, gezin__gemeente=gemeente), gebruikers)
    with connection.cursor() as cursor:
        for tabel in (
            "trajecten_signaal",
            "trajecten_evaluatie",
            "indicaties_indicatie",
            "indicaties_indicatieaanvraag",
        ):
            cursor.execute(
                f"UPDATE {tabel} SET traject_gemeente_id = %s WHERE traject_id = %s",  # noqa: S608
                [andere_gemeente.pk, traject.pk],
            )
    assert kopieen(traject) == {m.__name__: {(aanbieder.pk, gemeente.pk)} for m in MODELLEN}


def test_the_homes_show_the_open_signals_of_the_own_organisation_only(
    client, login, gebruikers, gemeente, andere_gemeente, aanbieder, andere_aanbieder
):
    eigen = SignaalFactory(
        traject=TrajectFactory(aanbieder=aanbieder, gezin__gemeente=gemeente),
        gemeld_door=gebruikers["coordinator"],
    )
    SignaalFactory(
        traject=TrajectFactory(aanbieder=andere_aanbieder, gezin__gemeente=andere_gemeente),
        gemeld_door=gebruikers["andere_coordinator"],
    )
    for gebruiker in ("coordinator", "casemanager"):
        login(client, gebruikers[gebruiker])
        response = client.get(reverse("core:home"))
        assert [s.pk for s in response.context["open_signalen"]] == [eigen.pk]
    assert Traject.objects.count() == 2
