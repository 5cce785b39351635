import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from .constants import TrajectStatus
from .models import Ouder, Traject


class TrajectFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=TrajectStatus.choices, empty_label=_("All")
    )
    # EXISTS rather than a join with DISTINCT: the list keeps its index order and its page of 25.
    achternaam = django_filters.CharFilter(
        label=_("Surname of a parent"), method="filter_achternaam", max_length=100
    )

    class Meta:
        model = Traject
        fields = ["status", "achternaam"]

    def filter_achternaam(self, queryset, name, value):
        ouder = Ouder.objects.filter(gezin_id=OuterRef("gezin_id"), achternaam__icontains=value.strip())
        return queryset.filter(Exists(ouder))
