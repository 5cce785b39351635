import re
import zoneinfo
from datetime import date, datetime, time, timedelta

import django_filters
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import Gebeurtenis, Uitkomst
from .models import Toegangslog

MAX_ID = 2**63 - 1  # the largest id PostgreSQL's bigint holds
EERSTE_DAG = date(2000, 1, 1)


class ToegangslogFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        van, tot = cleaned.get("van"), cleaned.get("tot")
        laatste = timezone.localdate() + timedelta(days=1)
        for veld, dag in (("van", van), ("tot", tot)):
            if dag and not EERSTE_DAG <= dag <= laatste:
                self.add_error(veld, _("Choose a date between 1 January 2000 and today."))
        if van and tot and tot < van:
            raise forms.ValidationError(_("The end date lies before the start date."))
        return cleaned


class TrajectnummerField(forms.IntegerField):
    """A trajectory number as people write it: BTZ-000004, btz 4, 000004 or 4 (issue 12)."""

    widget = forms.TextInput
    default_error_messages = {"invalid": _("Enter a trajectory number such as BTZ-000004 (or just 4).")}

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"^BTZ[\s-]*", "", value.strip().upper())
        return super().to_python(value)

    def widget_attrs(self, widget):
        # A text field (BTZ- is typed too): no min/max/step attributes of a number input.
        return {"inputmode": "text", "autocomplete": "off"}


class TrajectnummerFilter(django_filters.NumberFilter):
    field_class = TrajectnummerField


def _lokale_middernacht(dag):
    return datetime.combine(dag, time.min, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))


class ToegangslogFilter(django_filters.FilterSet):
    # An exact user name, not a substring: an index finds her rows newest first without reading the
    # millions of other rows (a substring match cannot use an index).
    gebruikersnaam = django_filters.CharFilter(
        label=_("User name"),
        method="filter_gebruikersnaam",
        max_length=150,
        help_text=_("The exact user name, e.g. sanne."),
    )
    gezin_id = django_filters.NumberFilter(label=_("Family number"), min_value=1, max_value=MAX_ID)
    traject_id = TrajectnummerFilter(
        label=_("Trajectory number"),
        min_value=1,
        max_value=MAX_ID,
        help_text=_("As on the trajectory, e.g. BTZ-000004."),
    )
    gebeurtenis = django_filters.ChoiceFilter(
        label=_("Event"), choices=Gebeurtenis.choices, empty_label=_("All")
    )
    uitkomst = django_filters.ChoiceFilter(label=_("Outcome"), choices=Uitkomst.choices, empty_label=_("All"))
    # Days in Dutch time, compared as moments (not a date cast per row) so the time index is used.
    van = django_filters.DateFilter(
        label=_("From"), method="filter_van", widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = django_filters.DateFilter(
        label=_("Up to and including"), method="filter_tot", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Toegangslog
        form = ToegangslogFilterForm
        fields = ["gebruikersnaam", "gezin_id", "traject_id", "gebeurtenis", "uitkomst", "van", "tot"]

    def filter_gebruikersnaam(self, queryset, name, value):
        return queryset.filter(gebruikersnaam=value.strip())

    def filter_van(self, queryset, name, value):
        return queryset.filter(tijdstip__gte=_lokale_middernacht(value))

    def filter_tot(self, queryset, name, value):
        return queryset.filter(tijdstip__lt=_lokale_middernacht(value + timedelta(days=1)))
