"""The rules for what people type, in one place: names, phone numbers, free text, addresses, dates and
numbers. Each rule is a function that forms, models and services share, a model field that applies it
in ``full_clean``, and (where the rule protects stored data) a database CHECK constraint built here too,
so a form that is bypassed still cannot store what the rule refuses.

The bounds are named constants; the README's "Keuzes" section explains them."""

import re
import unicodedata
from datetime import date

import phonenumbers
from dateutil.relativedelta import relativedelta
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# --- Free text: maximum lengths by purpose (characters) -------------------------------------------
TEKST_LANG = 4000  # a visit report, a help request, a signal description, an evaluation
TEKST_MIDDEL = 2000  # a reason, an advice, a responsibility, the parents' own words
TEKST_KORT = 1000  # a goal, a reason for a correction, child factors
NOTITIE = 300  # a short note (CharField)

# --- Numbers ---------------------------------------------------------------------------------------
WACHTTIJD_MAX_DAGEN = 730  # a waiting time over two years is a typing error, not a waiting list
UURTARIEF_MAX = 500  # euro per hour
BUDGET_MAX = 1_000_000  # euro per indication
VOLGORDE_MAX = 1000
PRIJSPEIL_MIN, PRIJSPEIL_MAX = 2000, 2100
HUISNUMMER_MIN, HUISNUMMER_MAX = 1, 99999
DOELEN_PER_PLAN_MAX = 40  # goals in one version of a support plan (a report stays a report)

# --- Dates -----------------------------------------------------------------------------------------
OUDER_MIN_LEEFTIJD_JAREN = 10  # a parent is at least ten years old
OUDER_MAX_LEEFTIJD_JAREN = 70  # and at most seventy
AANMELDING_MAX_JAREN_TERUG = 2  # a referral is registered within two years of receipt
UITGEREKEND_MAX_MAANDEN_VOORUIT = 10  # a due date lies at most ten months ahead
UITGEREKEND_MAX_MAANDEN_TERUG = 12  # and not more than a year past (the baby then is born)
BABY_MAX_MAANDEN_VOOR_AANMELDING = 15  # BabythuisZorg runs to the first birthday: a year and a bit
GEBOORTE_VOOR_UITGEREKEND_MAX_WEKEN = 20  # born at 20 weeks before the due date: the limit of viability
GEBOORTE_NA_UITGEREKEND_MAX_WEKEN = 6
DATUM_ONDERGRENS = date(1900, 1, 1)  # the database's outer wall for any date a person types
DATUM_WERK_ONDERGRENS = date(2000, 1, 1)  # for dates of this service's own work (referral, visit…)
WERKDATUM_MAX_JAREN_TERUG = 2  # an intake, evaluation or Meldcode step recorded within two years

# --- Characters ------------------------------------------------------------------------------------
# Control characters (C0 except tab, newline and carriage return; DEL; C1), zero-width and other
# invisible characters, and the bidirectional embeddings, overrides and isolates that can make a
# name read backwards. One pattern, valid both as a Python and a PostgreSQL regular expression.
_ONZICHTBAAR = (
    r"\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    r"\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
)
NAAM_VERBODEN_RE = r"[\u0001-\u001f\u007f-\u009f" + _ONZICHTBAAR + "]"
TEKST_VERBODEN_RE = r"[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]"
# NUL as well in Python (PostgreSQL cannot store it at all, so its patterns leave it out).
_NAAM_VERBODEN = re.compile(r"\x00|" + NAAM_VERBODEN_RE)
_TEKST_VERBODEN = re.compile(r"\x00|" + TEKST_VERBODEN_RE)

NAAM_FOUT = _(
    "A name may not contain control characters, invisible characters or marks that change the "
    "direction of the text."
)
NAAM_LEEG_FOUT = _("A name needs at least one visible character.")
TEKST_FOUT = _("This text contains control characters or marks that change the direction of the text.")


def normaliseer(waarde: str) -> str:
    """Unicode NFC (one code point for é, whichever keyboard typed it) and no surrounding spaces."""
    return unicodedata.normalize("NFC", waarde).strip() if isinstance(waarde, str) else waarde


def naam_valideren(waarde: str) -> None:
    if not waarde:
        return
    if _NAAM_VERBODEN.search(waarde):
        raise ValidationError(NAAM_FOUT, code="naam_tekens")
    if not any(unicodedata.category(teken)[0] in "LN" for teken in waarde):
        raise ValidationError(NAAM_LEEG_FOUT, code="naam_leeg")


def tekst_valideren(waarde: str) -> None:
    if waarde and _TEKST_VERBODEN.search(waarde):
        raise ValidationError(TEKST_FOUT, code="tekst_tekens")


# --- Phone numbers ---------------------------------------------------------------------------------
TELEFOON_INVOER_MAX = 30
TELEFOON_E164_RE = r"^\+[1-9][0-9]{3,14}$"
TELEFOON_FOUT = _(
    "Enter a valid phone number, such as 050 123 4567, 06 12345678 or +31 6 12345678 "
    "(another country: start with + and the country code)."
)
_TELEFOON_TEKENS = re.compile(r"^\+?[0-9 ()\-./]+$")


def telefoon_normaliseren(waarde: str) -> str:
    """Parse with phonenumbers (Dutch by default) and return E.164 (+31612345678); '' stays ''.
    Only digits, spaces, brackets, dashes, dots, slashes and a leading + are accepted: phonenumbers
    itself would find a number inside 'javascript:0612345678'."""
    waarde = (waarde or "").strip()
    if not waarde:
        return ""
    if len(waarde) > TELEFOON_INVOER_MAX or not _TELEFOON_TEKENS.match(waarde):
        raise ValidationError(TELEFOON_FOUT, code="telefoon")
    try:
        nummer = phonenumbers.parse(waarde, "NL")
    except phonenumbers.NumberParseException as fout:
        raise ValidationError(TELEFOON_FOUT, code="telefoon") from fout
    if not phonenumbers.is_valid_number(nummer):
        raise ValidationError(TELEFOON_FOUT, code="telefoon")
    return phonenumbers.format_number(nummer, phonenumbers.PhoneNumberFormat.E164)


def telefoon_valideren(waarde: str) -> None:
    """A stored number: E.164 as telefoon_normaliseren makes it."""
    if waarde and telefoon_normaliseren(waarde) != waarde:
        raise ValidationError(TELEFOON_FOUT, code="telefoon")


def telefoon_weergave(waarde: str) -> str:
    """For reading: 050 367 4000 for a Dutch number, +44 20 7946 0000 for a foreign one."""
    if not waarde:
        return ""
    try:
        nummer = phonenumbers.parse(waarde, "NL")
    except phonenumbers.NumberParseException:
        return waarde
    formaat = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if nummer.country_code == 31
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(nummer, formaat)


# --- Addresses (BAG / iJw) -------------------------------------------------------------------------
POSTCODE_RE = r"^[1-9][0-9]{3} [A-Z]{2}$"
POSTCODE_FOUT = _("Enter a postcode like 9711 AB.")
HUISLETTER_RE = r"^[A-Za-z]$"
TOEVOEGING_RE = r"^[A-Za-z0-9]{1,4}$"
HUISNUMMER_FOUT = _("A house number is a whole number from 1 to 99999.")
HUISLETTER_FOUT = _("A house letter is one letter (A–Z).")
TOEVOEGING_FOUT = _("An addition has at most four letters or digits, such as 2, BIS or A3.")


def postcode_normaliseren(waarde: str) -> str:
    """'9711ab', ' 9711 AB ' → '9711 AB'; anything else is refused."""
    compact = re.sub(r"\s+", "", waarde or "").upper()
    if not compact:
        return ""
    kandidaat = f"{compact[:4]} {compact[4:]}"
    if not re.match(POSTCODE_RE, kandidaat) or compact[4:] in {"SA", "SD", "SS"}:
        raise ValidationError(POSTCODE_FOUT, code="postcode")
    return kandidaat


def postcode_valideren(waarde: str) -> None:
    if waarde and postcode_normaliseren(waarde) != waarde:
        raise ValidationError(POSTCODE_FOUT, code="postcode")


def huisletter_valideren(waarde: str) -> None:
    if waarde and not re.match(HUISLETTER_RE, waarde):
        raise ValidationError(HUISLETTER_FOUT, code="huisletter")


def toevoeging_valideren(waarde: str) -> None:
    if waarde and not re.match(TOEVOEGING_RE, waarde):
        raise ValidationError(TOEVOEGING_FOUT, code="toevoeging")


# --- Dates -----------------------------------------------------------------------------------------


def niet_in_toekomst(dag: date | None, vandaag: date, bericht) -> None:
    if dag and dag > vandaag:
        raise ValidationError(bericht, code="toekomst")


def ouder_geboortedatum_valideren(dag: date | None, vandaag: date) -> None:
    if dag is None:
        return
    if dag > vandaag - relativedelta(years=OUDER_MIN_LEEFTIJD_JAREN):
        raise ValidationError(
            _("A parent is at least %(jaren)s years old: check the date of birth.")
            % {"jaren": OUDER_MIN_LEEFTIJD_JAREN},
            code="ouder_te_jong",
        )
    if dag < vandaag - relativedelta(years=OUDER_MAX_LEEFTIJD_JAREN):
        raise ValidationError(
            _("A parent is at most %(jaren)s years old: check the date of birth.")
            % {"jaren": OUDER_MAX_LEEFTIJD_JAREN},
            code="ouder_te_oud",
        )


def werkdatum_valideren(dag: date | None, vandaag: date, jaren: int = WERKDATUM_MAX_JAREN_TERUG) -> None:
    """A date of the service's own work (intake, evaluation, Meldcode step): not in the future, and
    not longer ago than a trajectory can have run."""
    if dag is None:
        return
    if dag > vandaag:
        raise ValidationError(_("This date cannot lie in the future."), code="toekomst")
    if dag < vandaag - relativedelta(years=jaren):
        raise ValidationError(
            _("This date lies more than %(jaren)s years ago: check the year.") % {"jaren": jaren},
            code="te_lang_geleden",
        )


# --- Model and form fields -------------------------------------------------------------------------


class NaamFormField(forms.CharField):
    default_validators = [naam_valideren]

    def to_python(self, value):
        return normaliseer(super().to_python(value))


class NaamField(models.CharField):
    """A person's (or organisation's) name: NFC, no control, invisible or direction characters."""

    default_validators = [naam_valideren]

    def to_python(self, value):
        return normaliseer(super().to_python(value))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": NaamFormField, **kwargs})


class TekstFormField(forms.CharField):
    default_validators = [tekst_valideren]

    def to_python(self, value):
        waarde = super().to_python(value)
        return unicodedata.normalize("NFC", waarde) if isinstance(waarde, str) else waarde


class TekstField(models.TextField):
    """Free text with a maximum length (a form's maxlength and a CHECK constraint, see tekst_max)."""

    default_validators = [tekst_valideren]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": TekstFormField, **kwargs})


class KorteTekstField(models.CharField):
    """A one-line free text (CharField): no control or direction characters."""

    default_validators = [tekst_valideren]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": TekstFormField, **kwargs})


class TelefoonFormField(forms.CharField):
    def __init__(self, *, max_length=None, **kwargs):
        kwargs.setdefault("help_text", _("Such as 050 123 4567 or 06 12345678; stored as +31…"))
        super().__init__(max_length=TELEFOON_INVOER_MAX, **kwargs)
        self.widget.attrs.setdefault("inputmode", "tel")
        self.widget.attrs.setdefault("autocomplete", "off")

    def to_python(self, value):
        return telefoon_normaliseren(super().to_python(value))


def _of_ongewijzigd(normaliseer_fn, waarde):
    """Normalised where it can be; otherwise unchanged, for the validator (full_clean) or the CHECK
    constraint (a raw save) to refuse. A model field's to_python also runs on save and in lookups,
    where it must not raise."""
    try:
        return normaliseer_fn(waarde)
    except ValidationError:
        return waarde


class TelefoonField(models.CharField):
    """A phone number, stored in E.164 (+31612345678) whatever way it was typed."""

    default_validators = [telefoon_valideren]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 16)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return _of_ongewijzigd(telefoon_normaliseren, super().to_python(value))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": TelefoonFormField, **kwargs})


class PostcodeFormField(forms.CharField):
    def __init__(self, *, max_length=None, **kwargs):
        super().__init__(max_length=10, **kwargs)

    def to_python(self, value):
        return postcode_normaliseren(super().to_python(value))


class PostcodeField(models.CharField):
    default_validators = [postcode_valideren]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 7)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return _of_ongewijzigd(postcode_normaliseren, super().to_python(value))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PostcodeFormField, **kwargs})


# --- Database constraints --------------------------------------------------------------------------


class Morgen(models.Func):
    """CURRENT_DATE + 1 in a CHECK constraint: "not in the future" with a day's slack for the time
    zone (the connection runs in UTC, the forms in Amsterdam). Only ever an upper bound: the bound
    rises with the calendar, so a row that was accepted once stays valid (a restore reloads it)."""

    template = "(CURRENT_DATE + 1)"
    output_field = models.DateField()

    def __init__(self):
        super().__init__()


def naam_constraint(model: str, veld: str, *, leeg_mag: bool = False) -> models.CheckConstraint:
    """No forbidden characters, and at least one non-space character (an empty value only where the
    field may be left empty)."""
    zichtbaar = Q(**{f"{veld}__regex": r"[^[:space:]]"})
    return models.CheckConstraint(
        condition=~Q(**{f"{veld}__regex": NAAM_VERBODEN_RE})
        & ((Q(**{veld: ""}) | zichtbaar) if leeg_mag else zichtbaar),
        name=f"{model}_{veld}_naam",
        violation_error_message=NAAM_FOUT,
    )


def tekst_max(model: str, veld: str, lengte: int) -> models.CheckConstraint:
    """char_length(veld) <= lengte, and no control or direction characters, for a TextField."""
    return models.CheckConstraint(
        condition=Q(LessThanOrEqual(Length(veld), lengte)) & ~Q(**{f"{veld}__regex": TEKST_VERBODEN_RE}),
        name=f"{model}_{veld}_max",
        violation_error_message=format_lazy(
            _("This text is too long or contains control characters (at most {} characters)."), lengte
        ),
    )


def telefoon_constraint(model: str, veld: str = "telefoon") -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{veld: ""}) | Q(**{f"{veld}__regex": TELEFOON_E164_RE}),
        name=f"{model}_{veld}_e164",
        violation_error_message=TELEFOON_FOUT,
    )
