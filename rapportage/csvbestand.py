"""A report's figures as a CSV for a Dutch spreadsheet: semicolons, a decimal comma, one figure per row
(section; item; measure; value), and every cell neutralised against formula injection."""

import csv
import io
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

# A spreadsheet reads a cell starting with one of these as a formula (CSV injection, OWASP).
FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")


def neutraliseer(cel: str) -> str:
    """Defuse a cell a spreadsheet would run as a formula: a leading quote makes it plain text."""
    return "'" + cel if cel.startswith(FORMULETEKENS) else cel


def csv_waarde(waarde) -> str:
    """Dutch decimal comma, no thousands separator (so a spreadsheet reads it as a number)."""
    if waarde is None:
        return ""
    if isinstance(waarde, Decimal):
        return format(waarde, "f").replace(".", ",")
    if isinstance(waarde, date):
        return waarde.strftime("%d-%m-%Y")
    return str(waarde)


def csv_tekst(rijen: Iterable[tuple], waarde: Callable[[object], str] = csv_waarde) -> str:
    """The rows under a header, each cell written by ``waarde`` and then neutralised."""
    uitvoer = io.StringIO()
    schrijver = csv.writer(uitvoer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow([neutraliseer(kop) for kop in (_("Section"), _("Item"), _("Measure"), _("Value"))])
    for rij in rijen:
        schrijver.writerow([neutraliseer(waarde(cel)) for cel in rij])
    return uitvoer.getvalue()
