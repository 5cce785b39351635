import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import Gebeurtenis, Uitkomst
from .models import Toegangslog


class ToegangslogFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        van, tot = cleaned.get("van"), cleaned.get("tot")
        if van and tot and tot < van:
            raise forms.ValidationError(_("The end date lies before the start date."))
        return cleaned


class ToegangslogFilter(django_filters.FilterSet):
    gebruikersnaam = django_filters.CharFilter(label=_("User name"), lookup_expr="icontains")
    gezin_id = django_filters.NumberFilter(label=_("Family number"))
    traject_id = django_filters.NumberFilter(label=_("Trajectory number"))
    gebeurtenis = django_filters.ChoiceFilter(
        label=_("Event"), choices=Gebeurtenis.choices, empty_label=_("All")
    )
    uitkomst = django_filters.ChoiceFilter(label=_("Outcome"), choices=Uitkomst.choices, empty_label=_("All"))
    van = django_filters.DateFilter(
        label=_("From"),
        field_name="tijdstip",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    tot = django_filters.DateFilter(
        label=_("Up to and including"),
        field_name="tijdstip",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Toegangslog
        form = ToegangslogFilterForm
        fields = ["gebruikersnaam", "gezin_id", "traject_id", "gebeurtenis", "uitkomst", "van", "tot"]
