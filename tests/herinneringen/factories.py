import factory
from django.utils.timezone import localdate

from herinneringen.constants import HerinneringSoort
from tests.factories import UserFactory


class HerinneringFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "herinneringen.Herinnering"

    soort = HerinneringSoort.EVALUATIE
    onderwerp = factory.Sequence(lambda n: f"evaluatie:{n + 1}")
    ontvanger = factory.SubFactory(UserFactory)
    traject_id = factory.Sequence(lambda n: n + 1)
    datum = factory.LazyFunction(localdate)
