import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from .constants import TrajectStatus
from .models import Ouder, Traject

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
    # EXISTS rather than a join with DISTINCT: the list keeps its index order and its page of 25.
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
        ouder = Ouder.objects.filter(gezin_id=OuterRef("gezin_id"), achternaam__icontains=value.strip())
        return queryset.filter(Exists(ouder))
