"""The list's surname search reads the trajectory's own copy of the family's surnames (migration 0021, a
trigram index): the copy must follow every change of the parents, whichever path writes them."""

from django.db import connection
from django.urls import reverse

from tests.factories import OuderFactory, TrajectFactory
from trajecten.models import Ouder, Traject


def zoeknamen(traject):
    return Traject.objects.values_list("zoeknamen", flat=True).get(pk=traject.pk)


def test_the_copy_follows_parents_added_renamed_moved_and_removed(aanbieder, gemeente):
    traject = TrajectFactory(aanbieder=aanbieder, gezin__gemeente=gemeente)
    tweede = TrajectFactory(aanbieder=aanbieder, gezin=traject.gezin)  # a second trajectory of the family
    Ouder.objects.filter(gezin=traject.gezin).update(achternaam="De Vries")
    assert zoeknamen(traject) == zoeknamen(tweede) == "de vries"

    vader = OuderFactory(gezin=traject.gezin, rol="vader", achternaam="Öztürk")
    assert zoeknamen(traject) == "de vries | öztürk"

    ander = TrajectFactory(aanbieder=aanbieder, gezin__gemeente=gemeente)
    Ouder.objects.filter(pk=vader.pk).update(gezin=ander.gezin)  # recorded in the wrong family, moved
    assert zoeknamen(traject) == "de vries"
    assert "öztürk" in zoeknamen(ander)

    Ouder.objects.filter(gezin=traject.gezin).delete()
    assert zoeknamen(traject) == zoeknamen(tweede) == ""


def test_a_value_written_directly_is_corrected(aanbieder, gemeente):
    traject = TrajectFactory(aanbieder=aanbieder, gezin__gemeente=gemeente)
    Ouder.objects.filter(gezin=traject.gezin).update(achternaam="Bakker")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE trajecten_traject SET zoeknamen = 'iemand anders' WHERE id = %s", [traject.pk])
    assert zoeknamen(traject) == "bakker"


def test_the_search_matches_part_of_a_name_in_any_case_and_nothing_across_two_parents(
    client, login, gebruikers, aanbieder, gemeente
):
    traject = TrajectFactory(aanbieder=aanbieder, gezin__gemeente=gemeente)
    Ouder.objects.filter(gezin=traject.gezin).update(achternaam="Van Dijk")
    OuderFactory(gezin=traject.gezin, rol="vader", achternaam="Smit")
    login(client, gebruikers["coordinator"])

    def gevonden(zoek):
        response = client.get(reverse("trajecten:lijst"), {"achternaam": zoek})
        return [t.pk for t in response.context["page"].object_list]

    assert gevonden("DIJK") == [traject.pk]
    assert gevonden("van d") == [traject.pk]
    assert gevonden("dijk smit") == []  # two parents are not one name
    assert gevonden("100%") == []  # a wildcard typed is a character, not a pattern
