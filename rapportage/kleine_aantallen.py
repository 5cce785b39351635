"""Small-cell protection (issue 13) for reports read outside the provider: a figure built from fewer than
``RAPPORT_KLEINE_AANTALLEN_DREMPEL`` (default 5) families can point to a family in a small municipality.

The rule, kept simple so a reader can check it:

- **Counts.** A count from 1 up to the threshold − 1 is shown as "< 5" (primary suppression); 0 is shown.
- **Distributions that add up to a shown total** (referrer kinds, outcomes, satisfaction scores, risk
  levels): when exactly one cell is hidden, the smallest other non-zero cell is hidden too (secondary
  suppression, printed as "×": it is not small itself), so total minus the visible cells cannot give the
  hidden one back. A total that is itself below the threshold is hidden, and then so is every non-zero
  cell. Overlapping counts (a referral may name several vulnerability factors) do not add up: only the
  primary rule applies.
- **Percentages** of a hidden count are not shown.
- **Means, medians, sums of hours and money** over fewer than the threshold families are not shown
  ("n < 5"): an average of two families' costs is almost their own figures.

The same values feed the PDF, the CSV and the charts (a hidden value is no bar; the chart's table
prints it as here).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import gettext as _


def drempel() -> int:
    return settings.RAPPORT_KLEINE_AANTALLEN_DREMPEL


@dataclass(frozen=True)
class Verborgen:
    """A hidden figure: prints as "< 5" (a count) or "n < 5" (a mean or sum over too few families)."""

    gemiddelde: bool = False
    # A count of at least the threshold, hidden only so that a small one cannot be worked out from the
    # total (secondary suppression): "< 5" would be untrue for it, so it prints as "×".
    aanvullend: bool = False

    def __str__(self):
        if self.gemiddelde:
            return _("n < %(drempel)s") % {"drempel": drempel()}
        if self.aanvullend:
            return "×"
        return f"< {drempel()}"


VERBORGEN = Verborgen()
TE_WEINIG = Verborgen(gemiddelde=True)
AANVULLEND = Verborgen(aanvullend=True)


def is_verborgen(waarde) -> bool:
    return isinstance(waarde, Verborgen)


def telling(aantal: int):
    """One count on its own (primary suppression)."""
    return VERBORGEN if 0 < aantal < drempel() else aantal


def over_genoeg(waarde, aantal_gezinnen: int):
    """A mean, median or sum: shown only when it rests on at least the threshold of families."""
    if aantal_gezinnen < drempel():
        return TE_WEINIG
    return waarde


def _procent(deel: int, geheel: int) -> Decimal | None:
    if not geheel:
        return None
    return (Decimal(deel) * 100 / Decimal(geheel)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def verdeling(aantallen: list[int], *, optelbaar: bool = True, noemer: int | None = None) -> dict:
    """Protect one distribution. Returns the cells ("aantal", "procent") in the order given and the total.

    ``optelbaar``: the cells add up to the total (secondary suppression applies). ``noemer``: what the
    percentages are of when the cells overlap (for instance the number of referrals).
    """
    grens = drempel()
    totaal = sum(aantallen) if optelbaar else noemer or 0
    verborgen = [VERBORGEN if 0 < n < grens else None for n in aantallen]
    if optelbaar and 0 < totaal < grens:
        verborgen = [VERBORGEN if n > 0 else None for n in aantallen]
    elif optelbaar and sum(v is not None for v in verborgen) == 1:
        zichtbaar = [(n, i) for i, n in enumerate(aantallen) if n > 0 and verborgen[i] is None]
        if zichtbaar:
            verborgen[min(zichtbaar)[1]] = AANVULLEND
    cellen = [
        {"aantal": weg, "procent": None}
        if weg
        else {"aantal": n, "procent": _procent(n, totaal) if not (0 < totaal < grens) else None}
        for n, weg in zip(aantallen, verborgen, strict=True)
    ]
    return {"cellen": cellen, "totaal": telling(totaal)}
