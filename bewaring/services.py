"""The client's rights, carried out by the casemanager on the client's request. Each one checks the
policy, validates, writes and leaves a line in the access log."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import policy
from core.constants import Gebeurtenis
from core.toegangslog import log_toegang
from rapportage.models import Rapport, RapportSoort
from rapportage.wachtrij import inplannen
from trajecten.models import Traject

from .constants import MAX_TEKST, WISBARE_STATUSSEN, CorrectieBesluit, WisGrond
from .models import Correctieverzoek, Wissing
from .opschonen import heeft_indicatie, vernietigen


def _eis(user, actie, obj=None):
    if not policy.may(user, actie, obj):
        raise PermissionDenied


@transaction.atomic
def inzage_aanvragen(*, request, traject: Traject) -> Rapport:
    """The inspection export of the whole family, made by the worker as PDF and JSON (rapportage)."""
    _eis(request.user, policy.INZAGE_EXPORTEREN, traject)
    rapport = Rapport.objects.create(
        soort=RapportSoort.INZAGE, aangevraagd_door=request.user, traject=traject
    )
    log_toegang(
        request,
        gebeurtenis=Gebeurtenis.EXPORTEREN,
        obj=traject,
        omschrijving="inzage-export voor de cliënt aangevraagd (AVG art. 15)",
    )
    transaction.on_commit(lambda: inplannen(rapport.pk), robust=True)
    return rapport


def _tekst(waarde: str, veld: str, verplicht: bool, melding: str) -> str:
    waarde = (waarde or "").strip()
    if verplicht and not waarde:
        raise ValidationError({veld: melding})
    if len(waarde) > MAX_TEKST:
        raise ValidationError({veld: _("Use at most %(max)s characters.") % {"max": MAX_TEKST}})
    return waarde


@transaction.atomic
def correctieverzoek_vastleggen(*, request, traject: Traject, ontvangen_op, verzoek: str) -> Correctieverzoek:
    _eis(request.user, policy.CORRECTIEVERZOEK_VASTLEGGEN, traject)
    verzoek = _tekst(verzoek, "verzoek", True, _("Describe what the client asks to correct."))
    if ontvangen_op is None or ontvangen_op > timezone.localdate():
        raise ValidationError({"ontvangen_op": _("The date of receipt cannot lie in the future.")})
    if ontvangen_op < timezone.localtime(traject.aangemaakt_op).date():
        raise ValidationError({"ontvangen_op": _("The date of receipt lies before the trajectory began.")})
    correctieverzoek = Correctieverzoek.objects.create(
        traject=traject, ontvangen_op=ontvangen_op, verzoek=verzoek, vastgelegd_door=request.user
    )
    log_toegang(
        request,
        gebeurtenis=Gebeurtenis.AANMAKEN,
        obj=correctieverzoek,
        gezin_id=traject.gezin_id,
        omschrijving="correctieverzoek vastgelegd (AVG art. 16)",
    )
    return correctieverzoek


@transaction.atomic
def correctieverzoek_beslissen(*, request, correctieverzoek: Correctieverzoek, besluit: str, motivering: str):
    traject = correctieverzoek.traject
    _eis(request.user, policy.CORRECTIEVERZOEK_VASTLEGGEN, traject)
    correctieverzoek = Correctieverzoek.objects.select_for_update().get(pk=correctieverzoek.pk)
    if correctieverzoek.besluit != CorrectieBesluit.OPEN:
        raise ValidationError(_("This request has already been decided."))
    if besluit not in (CorrectieBesluit.GEHONOREERD, CorrectieBesluit.AFGEWEZEN):
        raise ValidationError({"besluit": _("Choose: honoured or refused.")})
    motivering = _tekst(
        motivering,
        "motivering",
        besluit == CorrectieBesluit.AFGEWEZEN,
        _("Give the reason for refusing the request; the client is entitled to it."),
    )
    correctieverzoek.besluit = besluit
    correctieverzoek.motivering = motivering
    correctieverzoek.beslist_door = request.user
    correctieverzoek.beslist_op = timezone.now()
    correctieverzoek.save(update_fields=["besluit", "motivering", "beslist_door", "beslist_op"])
    log_toegang(
        request,
        gebeurtenis=Gebeurtenis.WIJZIGEN,
        obj=correctieverzoek,
        gezin_id=traject.gezin_id,
        omschrijving=f"correctieverzoek {besluit} (AVG art. 16)",
    )
    return correctieverzoek


def wissen_geweigerd_omdat(traject: Traject) -> str | None:
    """Why this trajectory cannot be erased on request, or None when it can.

    The rule: only a referral that never led to care — declined or cancelled before an indication was
    issued. Once an indication was issued the Jeugdwet requires the file to be kept (20 years after
    it ended); the nightly retention job removes it then.
    """
    if heeft_indicatie(traject):
        return _(
            "An indication was issued for this trajectory. The Jeugdwet requires the file to be kept for "
            "20 years after the trajectory ended, so it cannot be erased now; it is removed automatically "
            "when that period has passed."
        )
    if traject.status not in WISBARE_STATUSSEN:
        return _(
            "Only a referral that was declined or cancelled can be erased. Cancel the trajectory first "
            "if the client no longer wants the referral."
        )
    return None


@transaction.atomic
def wissen(*, request, traject: Traject, grond: str) -> Wissing:
    """Erase a referral that never led to care, on the client's request (AVG art. 17). Leaves a record
    without personal data and a line in the access log."""
    _eis(request.user, policy.GEGEVENS_WISSEN, traject)
    traject = Traject.objects.select_for_update().select_related("gezin").get(pk=traject.pk)
    reden = wissen_geweigerd_omdat(traject)
    if reden:
        raise ValidationError(reden)
    if grond not in WisGrond.values:
        raise ValidationError({"grond": _("Choose the ground on which the client asks for erasure.")})
    nummer, gemeente_id = traject.nummer, traject.gezin.gemeente_id
    log_toegang(
        request,
        gebeurtenis=Gebeurtenis.VERWIJDEREN,
        obj=traject,
        omschrijving=f"gegevens gewist op verzoek van de cliënt (AVG art. 17, {grond})",
    )
    gezin_gewist = vernietigen(traject)
    return Wissing.objects.create(
        traject_nummer=nummer,
        gemeente_id=gemeente_id,
        grond=grond,
        gezin_gewist=gezin_gewist,
        gewist_door=request.user,
    )
