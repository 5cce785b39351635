"""Voorliggende voorzieningen check: which programmes fit a family, criterion by criterion.

Programmes and criteria are rows (Voorziening, Criterium) that a beheerder keeps current; this module
only derives the facts about a family and compares them, generically, with each criterion's value.
There is no code per programme.
"""

from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.constants import Taal
from indicaties.constants import Feit, Operator
from indicaties.models import Criterium, Voorziening

from .constants import Opleidingsniveau, OuderRol

# A pregnancy counts 40 weeks (280 days) up to the due date.
ZWANGERSCHAP_DAGEN = 280
JA, NEE = "ja", "nee"
OPLEIDINGSNIVEAUS = list(Opleidingsniveau.values)  # ordered from lowest to highest


class Beoordeling(models.TextChoices):
    """The outcome of one criterion for one family."""

    VOLDAAN = "voldaan", gettext_lazy("Met")
    NIET_VOLDAAN = "niet_voldaan", gettext_lazy("Not met")
    ONBEKEND = "onbekend", gettext_lazy("Unknown")


class Oordeel(models.TextChoices):
    """The verdict on a programme: all criteria met, one not met, or not enough known to tell."""

    PAST = "past", gettext_lazy("Fits")
    PAST_NIET = "past_niet", gettext_lazy("Does not fit")
    ONBEKEND = "onbekend", gettext_lazy("Not enough information")


@dataclass(frozen=True)
class CriteriumUitkomst:
    criterium: Criterium
    uitkomst: Beoordeling
    waarde: str  # the family's value, for display

    @property
    def uitkomst_label(self) -> str:
        return self.uitkomst.label


@dataclass(frozen=True)
class Resultaat:
    voorziening: Voorziening
    criteria: list[CriteriumUitkomst] = field(default_factory=list)

    @property
    def oordeel(self) -> Oordeel:
        uitkomsten = {c.uitkomst for c in self.criteria}
        if Beoordeling.NIET_VOLDAAN in uitkomsten:
            return Oordeel.PAST_NIET
        if Beoordeling.ONBEKEND in uitkomsten:
            return Oordeel.ONBEKEND
        return Oordeel.PAST

    @property
    def oordeel_label(self) -> str:
        return self.oordeel.label


def _ja_nee(waarde: bool | None) -> str | None:
    if waarde is None:
        return None
    return JA if waarde else NEE


def _jongste_baby(babys, op: date):
    """The baby this trajectory is about: an unborn one (earliest due date), else the youngest born."""
    ongeboren = [b for b in babys if b.geboortedatum is None or b.geboortedatum > op]
    if ongeboren:
        return min(ongeboren, key=lambda b: b.uitgerekende_datum or b.geboortedatum)
    geboren = [b for b in babys if b.geboortedatum is not None]
    return max(geboren, key=lambda b: b.geboortedatum) if geboren else None


def feiten_van(traject, op: date) -> dict[str, object]:
    """Every Feit about the trajectory's family on day ``op``; None where it is not known."""
    gezin = traject.gezin
    moeder = next((o for o in gezin.ouders.all() if o.rol == OuderRol.MOEDER), None)
    baby = _jongste_baby(list(gezin.babys.all()), op)
    geboren = baby is not None and baby.geboortedatum is not None and baby.geboortedatum <= op

    zwangerschapsduur = None
    if baby is not None and not geboren:
        uitgerekend = baby.uitgerekende_datum or baby.geboortedatum
        zwangerschapsduur = (ZWANGERSCHAP_DAGEN - (uitgerekend - op).days) // 7
    # An unborn baby counts as 0 months: BabythuisZorg and Stevig Ouderschap start during pregnancy.
    leeftijd_baby_maanden = 0 if baby is not None and not geboren else None
    dagen_na_geboorte = None
    if geboren:
        leeftijd = relativedelta(op, baby.geboortedatum)
        leeftijd_baby_maanden = leeftijd.years * 12 + leeftijd.months
        dagen_na_geboorte = (op - baby.geboortedatum).days

    try:
        aanmelding = traject.aanmelding
    except ObjectDoesNotExist:
        aanmelding = None

    return {
        Feit.EERSTE_KIND: _ja_nee(gezin.eerste_kind),
        Feit.BABY_GEBOREN: None if baby is None else _ja_nee(geboren),
        Feit.ZWANGERSCHAPSDUUR_WEKEN: zwangerschapsduur,
        Feit.LEEFTIJD_MOEDER: moeder.leeftijd(op) if moeder else None,
        Feit.OPLEIDINGSNIVEAU_MOEDER: (moeder.opleidingsniveau or None) if moeder else None,
        Feit.SPREEKT_NEDERLANDS: _ja_nee(gezin.taal == Taal.NEDERLANDS) if gezin.taal else None,
        Feit.LEEFTIJD_BABY_MAANDEN: leeftijd_baby_maanden,
        Feit.DAGEN_NA_GEBOORTE: dagen_na_geboorte,
        Feit.KWETSBARE_SITUATIE: _ja_nee(bool(aanmelding.kwetsbaarheden)) if aanmelding else None,
    }


def _vergelijkbaar(waarde) -> tuple[str, object] | None:
    """A value as (kind, comparable): 'ja'/'nee', a whole number, or an education level's rank."""
    if waarde is None:
        return None
    if isinstance(waarde, bool):
        return ("ja_nee", waarde)
    if isinstance(waarde, int):
        return ("getal", waarde)
    tekst = str(waarde).strip().lower()
    if tekst in (JA, NEE):
        return ("ja_nee", tekst == JA)
    if tekst in OPLEIDINGSNIVEAUS:
        return ("opleiding", OPLEIDINGSNIVEAUS.index(tekst))
    try:
        return ("getal", int(tekst))
    except ValueError:
        return None


def beoordeel(criterium: Criterium, feiten: dict[str, object]) -> Beoordeling:
    """Compare the family's fact with the criterion's value. Unknown or incomparable: ONBEKEND."""
    if criterium.feit == Feit.ZWANGERSCHAPSDUUR_WEKEN and feiten.get(Feit.BABY_GEBOREN) == JA:
        return Beoordeling.NIET_VOLDAAN  # a criterion on the pregnancy, and the baby is already born
    feit = _vergelijkbaar(feiten.get(criterium.feit))
    norm = _vergelijkbaar(criterium.waarde)
    if feit is None or norm is None or feit[0] != norm[0]:
        return Beoordeling.ONBEKEND
    links, rechts = feit[1], norm[1]
    if criterium.operator == Operator.GELIJK:
        voldaan = links == rechts
    elif criterium.operator == Operator.MAXIMAAL:
        voldaan = links <= rechts
    elif criterium.operator == Operator.MINIMAAL:
        voldaan = links >= rechts
    else:
        return Beoordeling.ONBEKEND
    return Beoordeling.VOLDAAN if voldaan else Beoordeling.NIET_VOLDAAN


def toon_waarde(feit: str, waarde) -> str:
    """The family's value as a person reads it (translated)."""
    if waarde is None:
        return _("unknown")
    if waarde == JA:
        return _("yes")
    if waarde == NEE:
        return _("no")
    if feit == Feit.OPLEIDINGSNIVEAU_MOEDER:
        return str(Opleidingsniveau(waarde).label) if waarde in OPLEIDINGSNIVEAUS else str(waarde)
    if feit == Feit.ZWANGERSCHAPSDUUR_WEKEN:
        return ngettext("%(n)d week pregnant", "%(n)d weeks pregnant", waarde) % {"n": waarde}
    if feit == Feit.LEEFTIJD_MOEDER:
        return ngettext("%(n)d year", "%(n)d years", waarde) % {"n": waarde}
    if feit == Feit.LEEFTIJD_BABY_MAANDEN:
        return ngettext("%(n)d month", "%(n)d months", waarde) % {"n": waarde}
    if feit == Feit.DAGEN_NA_GEBOORTE:
        return ngettext("%(n)d day", "%(n)d days", waarde) % {"n": waarde}
    return str(waarde)


def _toon_feit(feit: str, feiten: dict[str, object]) -> str:
    if feit == Feit.ZWANGERSCHAPSDUUR_WEKEN and feiten.get(Feit.BABY_GEBOREN) == JA:
        return _("the baby is already born")
    return toon_waarde(feit, feiten.get(feit))


def voorzieningen_check(traject, op: date) -> list[Resultaat]:
    """Every active programme with the outcome of each of its criteria for this family."""
    feiten = feiten_van(traject, op)
    voorzieningen = Voorziening.objects.filter(actief=True).prefetch_related("criteria")
    return [
        Resultaat(
            voorziening=voorziening,
            criteria=[
                CriteriumUitkomst(
                    criterium=criterium,
                    uitkomst=beoordeel(criterium, feiten),
                    waarde=_toon_feit(criterium.feit, feiten),
                )
                for criterium in voorziening.criteria.all()
            ],
        )
        for voorziening in voorzieningen
    ]
