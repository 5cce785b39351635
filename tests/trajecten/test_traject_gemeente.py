"""The family's municipality is kept on the trajectory (migration 0014) so that a municipality's
trajectories are found by an index; it must always equal gezin.gemeente, whatever path writes."""

from django.db import connection

from tests.conftest import login_with_two_factors
from tests.factories import GezinFactory, OrganisatieFactory, TrajectFactory
from trajecten.models import Traject


def test_a_new_trajectory_takes_the_municipality_of_its_family(gemeente, aanbieder):
    traject = TrajectFactory(gezin__gemeente=gemeente, aanbieder=aanbieder)
    assert traject.gemeente_id == gemeente.pk
    assert Traject.objects.get(pk=traject.pk).gemeente_id == gemeente.pk


def test_the_database_sets_it_for_rows_written_without_the_model(gemeente, aanbieder):
    gezin = GezinFactory(gemeente=gemeente)
    andere = OrganisatieFactory(naam="Gemeente Assen")
    with connection.cursor() as cursor:  # as bulk loads and COPY do; a wrong value is corrected too
        cursor.execute(
            "INSERT INTO trajecten_traject (gezin_id, aanbieder_id, gemeente_id, status, versie, regie_naam,"
            " regie_skj, aangemaakt_op) VALUES (%s, %s, %s, 'aangemeld', 1, '', '', now()) RETURNING id",
            [gezin.pk, aanbieder.pk, andere.pk],
        )
        pk = cursor.fetchone()[0]
        assert Traject.objects.get(pk=pk).gemeente_id == gemeente.pk
        cursor.execute("UPDATE trajecten_traject SET gemeente_id = %s WHERE id = %s", [andere.pk, pk])
    assert Traject.objects.get(pk=pk).gemeente_id == gemeente.pk


def test_a_family_that_moves_takes_its_trajectories_along_and_the_scope_follows(
    client, gebruikers, gemeente, andere_gemeente, aanbieder
):
    traject = TrajectFactory(gezin__gemeente=gemeente, aanbieder=aanbieder)
    ander = TrajectFactory(gezin__gemeente=gemeente, aanbieder=aanbieder)
    gezin = traject.gezin
    gezin.gemeente = andere_gemeente
    gezin.save()
    assert Traject.objects.get(pk=traject.pk).gemeente_id == andere_gemeente.pk
    assert Traject.objects.get(pk=ander.pk).gemeente_id == gemeente.pk  # another family stays

    login_with_two_factors(client, gebruikers["andere_casemanager"])
    assert client.get(f"/trajecten/{traject.pk}/").status_code == 200
    login_with_two_factors(client, gebruikers["casemanager"])
    assert client.get(f"/trajecten/{traject.pk}/").status_code in (403, 404)
    assert client.get(f"/trajecten/{ander.pk}/").status_code == 200
