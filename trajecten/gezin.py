"""A family's facts that arrive later (issue 16): another baby (twins, a sibling), a BSN after the
referral, and the families already known when a referral comes in.

- Babies: a family has one or more; whatever depends on "the baby" follows the earliest first birthday
  (``indicaties.services.eerste_verjaardag``: an indication ends at the earliest one, beyond it only with a
  written motivation), so adding a baby can only bring the bound forward, and the page says which
  running indications then run past it.
- A BSN: checked with the elfproef (``services.bsn_valideren``) and stored encrypted with its keyed hash
  (``services.bsn_hash``), exactly as at the referral. Only added where none is on file; a wrong one is
  corrected through a correction request (the client's rights), not overwritten here.
- Known families: a parent whose BSN, or surname and date of birth, matches a parent of a family the user
  may see (her own provider's or municipality's trajectories, ``core.policy.zichtbaar``) is shown before
  saving. Families she may not see are never named: when a match lies only there, nothing is said to
  her; the municipality's casemanagers, who see every family of the municipality, get a notification
  once the referral is saved.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.constants import Rol
from accounts.models import User
from core import policy
from core.constants import Gebeurtenis
from core.models import Melding
from core.toegangslog import log_toegang

from .models import Baby, Ouder, Traject
from .services import _bump, _vergrendel, bsn_hash, bsn_valideren, indicaties_na_eerste_verjaardag


def _eis(user, actie, traject):
    if not policy.may(user, actie, traject):
        raise PermissionDenied


@transaction.atomic
def baby_toevoegen(*, request, traject: Traject, baby: Baby, versie: int | None) -> tuple[date | None, list]:
    """Another baby of the family (a twin recorded later, a sibling). Returns the earliest first birthday
    and the running indications that now run past it."""
    _eis(request.user, policy.GEBOORTE_VASTLEGGEN, traject)
    traject = _vergrendel(traject, versie)
    if not baby.geboortedatum and not baby.uitgerekende_datum:
        raise ValidationError(_("Enter the date of birth, or the due date if the baby is not born yet."))
    baby.gezin = traject.gezin
    baby.full_clean()
    baby.save()
    _bump(request, traject, "baby toegevoegd")
    return indicaties_na_eerste_verjaardag(traject)


def personen_zonder_bsn(traject: Traject) -> list[tuple[str, str]]:
    """(key, label) of the family's parents and babies without a BSN: ``ouder-<pk>`` or ``baby-<pk>``."""
    gezin = traject.gezin
    keuzes = [(f"ouder-{o.pk}", f"{o} ({o.get_rol_display()})") for o in gezin.ouders.all() if not o.bsn]
    for nummer, b in enumerate(sorted(gezin.babys.all(), key=lambda b: b.pk), start=1):
        if b.bsn:
            continue
        if b.voornaam:
            label = f"{b.voornaam} ({_('baby')})"
        else:
            # Twins may both be unnamed yet: tell them apart by their order and date.
            datum = date_format(b.geboortedatum or b.uitgerekende_datum, "j F Y")
            label = (
                _("baby %(nummer)s (born %(datum)s)")
                if b.geboortedatum
                else _("baby %(nummer)s (due %(datum)s)")
            ) % {"nummer": nummer, "datum": datum}
        keuzes.append((f"baby-{b.pk}", label))
    return keuzes


@transaction.atomic
def bsn_toevoegen(*, request, traject: Traject, persoon: str, bsn: str, versie: int | None) -> list[Traject]:
    """Add a BSN that arrived after the referral to a parent or baby (``ouder-<pk>``/``baby-<pk>``) of the
    trajectory's family. Returns the other trajectories she may see whose family has this BSN too."""
    _eis(request.user, policy.BSN_TOEVOEGEN, traject)
    traject = _vergrendel(traject, versie)
    soort, _streep, pk = persoon.partition("-")
    model = {"ouder": Ouder, "baby": Baby}.get(soort)
    if model is None or not pk.isdigit():
        raise ValidationError({"persoon": _("Choose a parent or baby of this family.")})
    wie = model.objects.select_for_update().filter(pk=int(pk), gezin_id=traject.gezin_id).first()
    if wie is None:
        raise ValidationError({"persoon": _("Choose a parent or baby of this family.")})
    if wie.bsn:
        raise ValidationError(
            {
                "persoon": _(
                    "A BSN is already on file for %(wie)s. A wrong BSN is corrected through a correction "
                    "request (client's rights), not replaced here."
                )
                % {"wie": wie}
            }
        )
    waarde = bsn_valideren(bsn)
    if not waarde:
        raise ValidationError({"bsn": _("Enter the BSN: nine digits.")})
    wie.bsn, wie.bsn_hash = waarde, bsn_hash(waarde)
    wie.save(update_fields=["bsn", "bsn_hash"])
    _bump(request, traject, f"bsn toegevoegd ({soort})")
    if soort == "baby":
        # The same baby in another family she may see (a second referral, say).
        gezinnen = (
            Baby.objects.filter(bsn_hash=wie.bsn_hash).exclude(gezin_id=traject.gezin_id).values("gezin_id")
        )
        bekend = policy.zichtbaar(request.user, Traject.objects.filter(gezin_id__in=gezinnen))
        return list(bekend.select_related("gezin").order_by("-aangemaakt_op")[:5])
    return [
        t for t in bekende_trajecten(request.user, [(waarde, "", None)]) if t.gezin_id != traject.gezin_id
    ]


@dataclass
class Overeenkomst:
    traject: Traject
    reden: str  # "bsn" or "naam"


def _voorwaarde(ouders: list[tuple[str, str, date | None]]) -> Q | None:
    """Parents matching (bsn, surname, date of birth): the same BSN, or surname and date of birth."""
    voorwaarde = Q()
    for bsn, achternaam, geboortedatum in ouders:
        if bsn:
            voorwaarde |= Q(bsn_hash=bsn_hash(bsn))
        if achternaam and geboortedatum:
            voorwaarde |= Q(achternaam__iexact=achternaam.strip(), geboortedatum=geboortedatum)
    return voorwaarde or None


def bekende_trajecten(user, ouders: list[tuple[str, str, date | None]]) -> list[Traject]:
    """The trajectories ``user`` may see of families with a matching parent, newest first (at most 5)."""
    voorwaarde = _voorwaarde(ouders)
    if voorwaarde is None:
        return []
    gezinnen = Ouder.objects.filter(voorwaarde).values("gezin_id")
    return list(
        policy.zichtbaar(user, Traject.objects.filter(gezin_id__in=gezinnen))
        .select_related("gezin")
        .order_by("-aangemaakt_op")[:5]
    )


def overeenkomsten(user, ouders: list[Ouder]) -> list[Overeenkomst]:
    """For the referral form: the known trajectories she may see, each with why it matched."""
    gegevens = [(o.bsn or "", o.achternaam, o.geboortedatum) for o in ouders]
    trajecten = bekende_trajecten(user, gegevens)
    if not trajecten:
        return []
    hashes = {bsn_hash(o.bsn) for o in ouders if o.bsn}
    met_bsn = set(
        Ouder.objects.filter(gezin_id__in=[t.gezin_id for t in trajecten], bsn_hash__in=hashes).values_list(
            "gezin_id", flat=True
        )
    )
    return [Overeenkomst(t, "bsn" if t.gezin_id in met_bsn else "naam") for t in trajecten]


def elders_bekend_melden(traject: Traject, ouders: list[Ouder]) -> None:
    """After a referral is saved: a parent's BSN also on a family of the same municipality with another
    provider (which the coordinator may not see) is told to the municipality's casemanagers, who see both."""
    hashes = [o.bsn_hash for o in ouders if o.bsn_hash]
    if not hashes:
        return
    andere = list(
        Traject.objects.filter(gemeente_id=traject.gemeente_id, gezin__ouders__bsn_hash__in=hashes)
        .exclude(aanbieder_id=traject.aanbieder_id)
        .exclude(gezin_id=traject.gezin_id)
        .distinct()[:5]
    )
    if not andere:
        return
    tekst = _(
        "The referral %(nummer)s names a parent who is also known in %(andere)s (another provider): check "
        "whether the care overlaps."
    ) % {"nummer": traject.nummer, "andere": ", ".join(t.nummer for t in andere)}
    casemanagers = User.objects.filter(
        is_active=True, lidmaatschap__rol=Rol.CASEMANAGER, lidmaatschap__organisatie_id=traject.gemeente_id
    )
    Melding.objects.bulk_create(
        Melding(gebruiker=c, tekst=tekst[:300], url=f"/trajecten/{traject.pk}/") for c in casemanagers
    )


def log_overeenkomsten(request, gevonden: list[Overeenkomst]) -> None:
    """Showing a known family is reading its data: written to the access log."""
    for overeenkomst in gevonden:
        log_toegang(
            request,
            gebeurtenis=Gebeurtenis.LEZEN,
            obj=overeenkomst.traject,
            omschrijving=f"mogelijk dubbele aanmelding ({overeenkomst.reden})",
        )
