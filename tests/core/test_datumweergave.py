"""The template builtin `date` (core.templatetags.datumweergave) must give exactly Django's output."""

import datetime
import zoneinfo

import pytest
from django.template import engines
from django.template.defaultfilters import date as django_date
from django.utils import timezone, translation

from core.templatetags.datumweergave import date as snelle_date

FORMATEN = ["j F Y", "j b Y", "j F Y H:i", "j M Y", "j F Y, H:i", "H:i", "l j F Y", "j b", "j M", "d-m-Y",
            "D j n y", "j M Y H:i:s", "N j, Y", "SHORT_DATE_FORMAT", "DATE_FORMAT", r"j \d\e F", "W", ""]  # fmt: skip
WAARDEN = [
    datetime.date(2026, 3, 1),
    datetime.date(1999, 12, 31),
    datetime.datetime(2026, 12, 7, 9, 5, 3),  # noqa: DTZ001 - a naive value as a template may get one
    datetime.datetime(2026, 7, 14, 23, 59, 59, tzinfo=datetime.UTC),
    None,
    "",
    "geen datum",
]


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_same_output_as_djangos_date_filter(taal):
    with translation.override(taal):
        for formaat in FORMATEN:
            for waarde in WAARDEN:
                try:
                    verwacht = django_date(waarde, formaat)
                except TypeError:  # a time format on a date: Django refuses, and so must we
                    with pytest.raises(TypeError):
                        snelle_date(waarde, formaat)
                    continue
                assert snelle_date(waarde, formaat) == verwacht, (formaat, waarde)


def test_the_builtin_replaces_date_in_templates_and_converts_to_local_time():
    template = engines["django"].from_string('{{ t|date:"j F Y H:i" }} {{ d|date:"l j F Y" }}')
    moment = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)
    with translation.override("nl"), timezone.override(zoneinfo.ZoneInfo("Europe/Amsterdam")):
        tekst = template.render({"t": moment, "d": datetime.date(2026, 12, 7)})
    assert tekst == "2 maart 2026 00:30 maandag 7 december 2026"
    assert template.template.nodelist[0].filter_expression.filters[0][0] is snelle_date
