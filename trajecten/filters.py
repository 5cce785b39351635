import django_filters
from django.utils.translation import gettext_lazy as _

from core.validators import normaliseer

from .constants import TrajectStatus
from .models import Traject


class TrajectFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=TrajectStatus.choices, empty_label=_("All")
    )
    # A part of a parent's surname, matched against the trajectory's own copy of the family's surnames
    # (kept by triggers, migration 0021) on a trigram index: no probe into every family's parents.
    achternaam = django_filters.CharFilter(
        label=_("Surname of a parent"), method="filter_achternaam", max_length=100
    )

    class Meta:
        model = Traject
        fields = ["status", "achternaam"]

    def filter_achternaam(self, queryset, name, value):
        return queryset.filter(zoeknamen__contains=normaliseer(value).lower())
