import django_filters
from django.utils.translation import gettext_lazy as _

from core.validators import normaliseer

from .constants import TrajectStatus
from .models import Traject

# Care is running: what the casemanager's figures count as running trajectories (their link lists these).
ZORG_LOOPT = "zorg_loopt"
ZORG_LOOPT_STATUSSEN = [TrajectStatus.ACTIEF, TrajectStatus.AFSLUITEN]


class TrajectFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[*TrajectStatus.choices, (ZORG_LOOPT, _("Care running (active or closing)"))],
        empty_label=_("All"),
        method="filter_status",
    )
    # A part of a parent's surname, matched against the trajectory's own copy of the family's surnames
    # (kept by triggers, migration 0021) on a trigram index: no probe into every family's parents.
    achternaam = django_filters.CharFilter(
        label=_("Surname of a parent"), method="filter_achternaam", max_length=100
    )

    class Meta:
        model = Traject
        fields = ["status", "achternaam"]

    def filter_status(self, queryset, name, value):
        if value == ZORG_LOOPT:
            return queryset.filter(status__in=ZORG_LOOPT_STATUSSEN)
        return queryset.filter(status=value)

    def filter_achternaam(self, queryset, name, value):
        return queryset.filter(zoeknamen__contains=normaliseer(value).lower())
