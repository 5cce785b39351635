import django_filters
from django.utils.translation import gettext_lazy as _

from .constants import TrajectStatus
from .models import Traject


class TrajectFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=TrajectStatus.choices, empty_label=_("All")
    )
    achternaam = django_filters.CharFilter(
        label=_("Surname of a parent"),
        field_name="gezin__ouders__achternaam",
        lookup_expr="icontains",
        distinct=True,
        max_length=100,
    )

    class Meta:
        model = Traject
        fields = ["status", "achternaam"]
