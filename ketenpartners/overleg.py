"""Chain meetings (ketenzorgoverleg) about a family (issue 13): recorded by the casemanager or the
coordinator, with the partners on the social map that took part, so reports can count them."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import policy
from core.constants import Gebeurtenis
from core.toegangslog import log_toegang
from trajecten.models import Traject

from .models import Ketenoverleg
from .services import _eis


@transaction.atomic
def ketenoverleg_vastleggen(
    *, request, traject: Traject, datum: date, deelnemers, overige_deelnemers: str, besluiten: str
) -> Ketenoverleg:
    _eis(request.user, policy.BETROKKENHEID_BEHEREN, traject)
    fouten = {}
    if datum > timezone.localdate():
        fouten["datum"] = _("A chain meeting cannot be dated in the future.")
    if not deelnemers and not overige_deelnemers.strip():
        fouten["deelnemers"] = _("Name who took part: partners from the social map, or others below.")
    if not besluiten.strip():
        fouten["besluiten"] = _("Write down what was decided.")
    if fouten:
        raise ValidationError(fouten)
    overleg = Ketenoverleg(
        traject=traject,
        datum=datum,
        overige_deelnemers=overige_deelnemers.strip(),
        besluiten=besluiten.strip(),
        vastgelegd_door=request.user,
    )
    overleg.full_clean()
    overleg.save()
    overleg.deelnemers.set(deelnemers)
    log_toegang(
        request, gebeurtenis=Gebeurtenis.AANMAKEN, obj=traject, omschrijving="ketenoverleg vastgelegd"
    )
    return overleg
