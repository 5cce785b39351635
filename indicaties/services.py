"""What an indication must be, whoever asks: the contract whose tariff it copies, its standard budget, its
period (after the start, at most two years, past the first birthday only with a motivation, no overlap
with another version) and its saving. The steps that decide one on a trajectory (request, grant,
decline, change, end) lock and move the trajectory, so they live above, in
``trajecten.indicatiebesluiten``. This module reads only the trajectory it is given (its family, its
provider) and imports nothing of trajecten."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .constants import UREN_PER_WEEK_MAX
from .models import PERIODE_FOUT, Contract, Indicatie


def eerste_verjaardag(traject) -> date | None:
    """The earliest first birthday of the family's babies (due date + 1 year while unborn)."""
    verjaardagen = [baby.eerste_verjaardag for baby in traject.gezin.babys.all()]
    return min(verjaardagen) if verjaardagen else None


def contract_voor(traject, op: date) -> Contract:
    contract = (
        Contract.objects.filter(
            gemeente_id=traject.gezin.gemeente_id, aanbieder_id=traject.aanbieder_id, geldig_van__lte=op
        )
        .exclude(geldig_tot__lt=op)
        .first()
    )
    if contract is None:
        raise ValidationError(
            _("There is no contract between %(gemeente)s and %(aanbieder)s on %(datum)s: no tariff to copy.")
            % {"gemeente": traject.gezin.gemeente, "aanbieder": traject.aanbieder, "datum": date_format(op)}
        )
    return contract


def standaardbudget(uren_per_week: Decimal, van: date, tot: date, uurtarief: Decimal) -> Decimal:
    weken = Decimal((tot - van).days + 1) / Decimal(7)
    return (uren_per_week * weken * uurtarief).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def periode_controleren(traject, *, van: date, tot: date, uren_per_week: Decimal, motivatie: str):
    fouten = {}
    if tot <= van:
        fouten["tot"] = _("The end date must lie after the start date.")
    if uren_per_week is None or not (Decimal(0) < uren_per_week <= UREN_PER_WEEK_MAX):
        fouten["uren_per_week"] = _(
            "Hours per week must be more than 0 and at most 168 (24 hours a day, 7 days)."
        )
    grens = eerste_verjaardag(traject)
    if grens and tot > grens and not motivatie.strip():
        fouten["motivatie_na_eerste_verjaardag"] = _(
            "The indication ends after the baby's first birthday (%(datum)s): give a written motivation."
        ) % {"datum": date_format(grens)}
    if fouten:
        raise ValidationError(fouten)


def afgifte_fouten(
    traject,
    *,
    beschikkingsnummer: str | None,
    van: date | None,
    tot: date | None,
    uren_per_week: Decimal | None,
    motivatie: str = "",
) -> dict[str, list[str]]:
    """Everything that would refuse granting this indication, at once, keyed by the service's arguments
    and the indication's fields (None: about the whole decision). The form asks it before the casemanager submits, so that she
    corrects all in one round; ``indicatie_afgeven`` asks it again. A value that is missing (the form
    already refused it) skips the checks that need it."""
    fouten: dict[str | None, list[str]] = {}

    def fout(veld, tekst):
        fouten.setdefault(veld, []).append(tekst)

    if beschikkingsnummer is not None and not beschikkingsnummer.strip():
        fout("beschikkingsnummer", _("Enter the decision number."))
    if uren_per_week is not None and not (Decimal(0) < uren_per_week <= UREN_PER_WEEK_MAX):
        fout(
            "uren_per_week", _("Hours per week must be more than 0 and at most 168 (24 hours a day, 7 days).")
        )
    if van is not None:
        try:
            contract_voor(traject, van)
        except ValidationError as geen_contract:
            fout("van", geen_contract.messages[0])
    if van is None or tot is None:
        return fouten
    if tot <= van:
        fout("tot", _("The end date must lie after the start date."))
        return fouten
    if tot > van + timedelta(days=366 * 2):
        fout("tot", str(PERIODE_FOUT))
    grens = eerste_verjaardag(traject)
    if grens and tot > grens and not (motivatie or "").strip():
        fout(
            "motivatie_na_eerste_verjaardag",
            _("The indication ends after the baby's first birthday (%(datum)s): give a written motivation.")
            % {"datum": date_format(grens)},
        )
    lopend = Indicatie.objects.filter(
        traject=traject, volgende__isnull=True, beeindigd_op__isnull=True, van__lt=van, tot__gte=van
    ).exists()
    if not lopend:  # granting during a running indication changes that one (no overlap possible)
        overlappend = (
            Indicatie.objects.filter(traject=traject, van__lte=tot, tot__gte=van).order_by("van").first()
        )
        if overlappend is not None:
            fout(
                "van",
                _(
                    "This period overlaps indication %(nummer)s (%(van)s – %(tot)s): choose a period "
                    "that starts after %(tot)s or ends before %(van)s."
                )
                % {
                    "nummer": overlappend.beschikkingsnummer,
                    "van": date_format(overlappend.van),
                    "tot": date_format(overlappend.tot),
                },
            )
    return fouten


def indicatie_opslaan(indicatie: Indicatie) -> Indicatie:
    """Save a version; the database's no-overlap rule answered in Dutch instead of an IntegrityError."""
    try:
        with transaction.atomic():
            indicatie.save()
    except IntegrityError as fout:
        if "indicatie_niet_overlappend" in str(fout):
            raise ValidationError(
                _("This indication overlaps another indication of this trajectory.")
            ) from fout
        raise
    return indicatie
