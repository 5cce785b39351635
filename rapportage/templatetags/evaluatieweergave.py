"""Figures of the programme evaluation as printed: a hidden figure as "< 5" / "n < 5", none as "—"."""

from django import template
from django.template.defaultfilters import floatformat

from rapportage.kleine_aantallen import is_verborgen

register = template.Library()


@register.filter
def cijfer(waarde, decimalen="0"):
    """``{{ waarde|cijfer:"1" }}``: a number with Dutch separators and ``decimalen`` decimals."""
    if waarde is None or waarde == "":
        return "—"
    if is_verborgen(waarde):
        return str(waarde)
    return floatformat(waarde, f"{decimalen}g")


@register.filter
def is_getal(waarde):
    """True for a figure that is shown as a number (not none, not hidden)."""
    return waarde is not None and waarde != "" and not is_verborgen(waarde)


@register.filter
def bedrag(waarde, decimalen="2"):
    """``{{ waarde|bedrag:"2" }}``: an amount in euros with Dutch separators; hidden or none as above."""
    return f"€ {floatformat(waarde, f'{decimalen}g')}" if is_getal(waarde) else cijfer(waarde)


@register.filter
def euro(waarde):
    """An amount in whole euros."""
    return bedrag(waarde, "0")


@register.filter
def procent(waarde):
    """``{{ waarde|procent }}``: a percentage with one decimal; hidden or none as above."""
    return f"{floatformat(waarde, '1g')}%" if is_getal(waarde) else cijfer(waarde)
