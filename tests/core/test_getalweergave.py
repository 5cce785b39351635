"""The fast `floatformat` (core.templatetags.getalweergave) gives exactly Django's output."""

import random
from decimal import Decimal

import pytest
from django.template import engines
from django.template.defaultfilters import floatformat as django_floatformat
from django.utils import translation

from core.templatetags.getalweergave import floatformat

ARGUMENTEN = [0, 1, 2, 3, -1, -2, "0", "1", "2", "-1", "-3", "2g", "u", "1u", -1]


def _getallen():
    rng = random.Random(20261207)  # noqa: S311 - reproducible test numbers
    vast = [0, 1, -1, 5, 12, 1000000, 0.5, 1.25, 2.675, -0.04, -0.05, -0.5, 0.1 + 0.2, 1e-7, 123456.789,
            Decimal("0"), Decimal("-0.00"), Decimal("1.005"), Decimal("2.50"), Decimal("-1.25"), Decimal("37.5"),
            Decimal("1E+3"), Decimal("12345678901234567890.5"), Decimal("NaN"), Decimal("Infinity"),
            float("nan"), float("inf"), "3.14159", "", None, True]  # fmt: skip
    willekeurig = [round(rng.uniform(-2000, 2000), rng.randint(0, 6)) for _ in range(300)]
    decimalen = [Decimal(rng.randint(-(10**7), 10**7)).scaleb(-rng.randint(0, 5)) for _ in range(300)]
    return vast + willekeurig + decimalen


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_every_number_and_argument_as_djangos_own_filter(taal):
    with translation.override(taal):
        for getal in _getallen():
            for arg in ARGUMENTEN:
                assert floatformat(getal, arg) == django_floatformat(getal, arg), (getal, arg)
            assert floatformat(getal) == django_floatformat(getal), getal


def test_the_templates_use_it_with_the_dutch_decimal_comma():
    bibliotheken = [b for b in engines["django"].engine.template_builtins if "floatformat" in b.filters]
    assert bibliotheken[-1].filters["floatformat"] is floatformat  # the last builtin wins
    sjabloon = engines["django"].from_string("{{ uren|floatformat:1 }} {{ kosten|floatformat:2 }}")
    with translation.override("nl"):
        assert sjabloon.render({"uren": Decimal("12.25"), "kosten": 1234.5}) == "12,3 1234,50"
