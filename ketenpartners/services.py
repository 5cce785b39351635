"""Every change to the social map and to the chain around a trajectory goes through here: check the
policy, validate with a Dutch message, write, log, in one transaction. Nothing is shared with a
partner without the client's consent on file (``toestemming_vereist``); withdrawal works at once."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import policy
from core.constants import Gebeurtenis
from core.toegangslog import log_toegang
from trajecten.models import Traject
from trajecten.services import Conflict

from . import selectors
from .constants import BetrokkenheidRol, Reikwijdte
from .models import Betrokkenheid, Contactpersoon, Ketenpartner, Overdracht, Toestemming, Verstrekking


def _eis(user, actie, obj=None):
    if not policy.may(user, actie, obj):
        raise PermissionDenied


def _vergrendel(traject: Traject, verwachte_versie: int | None) -> Traject:
    """Lock the trajectory and bump its version; refuse a form based on an older version."""
    actueel = Traject.objects.select_for_update().select_related("gezin__gemeente").get(pk=traject.pk)
    if verwachte_versie is not None and actueel.versie != verwachte_versie:
        raise Conflict(
            _(
                "Someone else changed this trajectory in the meantime. Reload the page and try again; nothing was saved."
            )
        )
    Traject.objects.filter(pk=actueel.pk).update(versie=F("versie") + 1)
    actueel.versie += 1
    return actueel


def _opslaan(obj, constraints: dict[str, str]):
    """Save; a database constraint named in ``constraints`` becomes that Dutch message."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as fout:
        for naam, bericht in constraints.items():
            if naam in str(fout):
                raise ValidationError(bericht) from fout
        raise
    return obj


# --- the social map ------------------------------------------------------------------------------


@transaction.atomic
def ketenpartner_bijwerken(
    *, request, ketenpartner: Ketenpartner, telefoon: str, email: str, wachttijd_dagen: int | None
) -> Ketenpartner:
    """A beheerder (or later the partner itself) keeps the contact details and the waiting time
    current. Saving the waiting time, even unchanged, confirms it as of today."""
    if not selectors.beheerbare_ketenpartners(fetched_by=request.user).filter(pk=ketenpartner.pk).exists():
        raise PermissionDenied
    partner = Ketenpartner.objects.select_for_update().get(pk=ketenpartner.pk)
    if wachttijd_dagen is not None and wachttijd_dagen < 0:
        raise ValidationError({"wachttijd_dagen": _("A waiting time cannot be below zero.")})
    partner.telefoon = (telefoon or "").strip()
    partner.email = (email or "").strip()
    partner.wachttijd_dagen = wachttijd_dagen
    partner.wachttijd_bijgewerkt_op = timezone.localdate() if wachttijd_dagen is not None else None
    partner.full_clean(exclude=["organisatie"])
    partner.save(update_fields=["telefoon", "email", "wachttijd_dagen", "wachttijd_bijgewerkt_op"])
    return partner


# --- partners in a trajectory --------------------------------------------------------------------


def _contactpersoon_van(ketenpartner: Ketenpartner, contactpersoon: Contactpersoon | None):
    if contactpersoon is not None and (
        contactpersoon.ketenpartner_id != ketenpartner.pk or not contactpersoon.actief
    ):
        raise ValidationError(
            {"contactpersoon": _("This contact person does not work at the chosen partner.")}
        )


@transaction.atomic
def betrokkenheid_toevoegen(
    *,
    request,
    traject: Traject,
    ketenpartner: Ketenpartner,
    rol: str,
    contactpersoon: Contactpersoon | None,
    verantwoordelijkheden: str,
    van: date,
    tot: date | None = None,
    versie: int | None,
) -> Betrokkenheid:
    """Involve a partner in the trajectory with its role and the agreed responsibilities. A partner
    holding the regie is a named professional; outside the family's municipality she must be
    SKJ-registered (BabythuisZorg staff have no SKJ registration, so the regie needs one)."""
    _eis(request.user, policy.BETROKKENHEID_BEHEREN, traject)
    traject = _vergrendel(traject, versie)
    fouten = {}
    if not ketenpartner.organisatie.actief:
        fouten["ketenpartner"] = _("This partner is no longer active on the social map.")
    _contactpersoon_van(ketenpartner, contactpersoon)
    if not (verantwoordelijkheden or "").strip():
        fouten["verantwoordelijkheden"] = _("Describe the agreed responsibilities: who does what.")
    if tot is not None and tot < van:
        fouten["tot"] = _("The end date lies before the start date.")
    if rol == BetrokkenheidRol.REGIEVOERDER:
        gemeente = traject.gezin.gemeente
        if contactpersoon is None:
            fouten["contactpersoon"] = _("A regievoerder is a named professional: choose the contact person.")
        elif not ketenpartner.gemeenten.filter(pk=gemeente.pk).exists() and not contactpersoon.skj_geldig(
            van
        ):
            fouten["contactpersoon"] = _(
                "%(partner)s does not work in %(gemeente)s: a regievoerder from outside the family's "
                "municipality must be registered with the SKJ, and %(naam)s has no valid SKJ registration."
            ) % {"partner": ketenpartner, "gemeente": gemeente, "naam": contactpersoon.naam}
    if fouten:
        raise ValidationError(fouten)
    betrokkenheid = Betrokkenheid(
        traject=traject,
        ketenpartner=ketenpartner,
        rol=rol,
        contactpersoon=contactpersoon,
        verantwoordelijkheden=verantwoordelijkheden.strip(),
        van=van,
        tot=tot,
        vastgelegd_door=request.user,
    )
    betrokkenheid.full_clean(exclude=["traject", "ketenpartner", "contactpersoon", "vastgelegd_door"])
    _opslaan(
        betrokkenheid,
        {
            "betrokkenheid_rol_niet_dubbel": _(
                "This partner already has this role in this trajectory in this period."
            ),
            "betrokkenheid_een_regievoerder": _("Another partner already holds the regie in this period."),
        },
    )
    log_toegang(
        request,
        gebeurtenis=Gebeurtenis.AANMAKEN,
        obj=betrokkenheid,
        omschrijving=f"ketenpartner {ketenpartner.pk} betrokken als {rol}",
    )
    return betrokkenheid


@transaction.atomic
def betrokkenheid_beeindigen(
    *, request, betrokkenheid: Betrokkenheid, tot: date, versie: int | None
) -> Betrokkenheid:
    _eis(request.user, policy.BETROKKENHEID_BEHEREN, betrokkenheid.traject)
    _vergrendel(betrokkenheid.traject, versie)
    betrokkenheid = Betrokkenheid.objects.select_for_update().get(pk=betrokkenheid.pk)
    if betrokkenheid.tot is not None and betrokkenheid.tot <= tot:
        raise ValidationError(_("This involvement has already ended."))
    if tot < betrokkenheid.van:
        raise ValidationError(
            {
                "tot": _("The end date lies before the start date (%(van)s).")
                % {"van": date_format(betrokkenheid.van)}
            }
        )
    betrokkenheid.tot = tot
    betrokkenheid.save(update_fields=["tot"])
    log_toegang(
        request,
        gebeurtenis=Gebeurtenis.WIJZIGEN,
        obj=betrokkenheid,
        omschrijving=f"betrokkenheid ketenpartner {betrokkenheid.ketenpartner_id} beëindigd",
    )
    return betrokkenheid


# --- consent -------------------------------------------------------------------------------------


@transaction.atomic
def toestemming_vastleggen(
    *,
    request,
    traject: Traject,
    ketenpartner: Ketenpartner,
    reikwijdte: list[str],
    wijze: str,
    gegeven_op: date,
    toelichting: str = "",
    versie: int | None,
) -> Toestemming:
    """Record the client's consent to share with one involved partner. Not dated in the future: a
    consent that has not been given yet is no consent."""
    _eis(request.user, policy.TOESTEMMING_VASTLEGGEN, traject)
    traject = _vergrendel(traject, versie)
    fouten = {}
    if gegeven_op is None or gegeven_op > timezone.localdate():
        fouten["gegeven_op"] = _(
            "Consent cannot be dated in the future: record it once the client has given it."
        )
    if not reikwijdte or any(r not in Reikwijdte.values for r in reikwijdte):
        fouten["reikwijdte"] = _("Choose what may be shared.")
    if not Betrokkenheid.objects.filter(traject=traject, ketenpartner=ketenpartner).exists():
        fouten["ketenpartner"] = _(
            "Add this partner to the trajectory first; consent is given per involved partner."
        )
    elif Toestemming.objects.filter(
        traject=traject, ketenpartner=ketenpartner, ingetrokken_op__isnull=True
    ).exists():
        fouten["ketenpartner"] = _(
            "There is already a valid consent for this partner: withdraw it first to change it."
        )
    if fouten:
        raise ValidationError(fouten)
    toestemming = Toestemming(
        traject=traject,
        ketenpartner=ketenpartner,
        reikwijdte=sorted(set(reikwijdte)),
        wijze=wijze,
        gegeven_op=gegeven_op,
        toelichting=(toelichting or "").strip(),
        vastgelegd_door=request.user,
    )
    toestemming.full_clean(exclude=["traject", "ketenpartner", "vastgelegd_door"], validate_constraints=False)
    _opslaan(
        toestemming,
        {
            "toestemming_een_geldige_per_partner": _(
                "There is already a valid consent for this partner: withdraw it first to change it."
            )
        },
    )
    log_toegang(
        request,
        gebeurtenis=Gebeurtenis.AANMAKEN,
        obj=toestemming,
        omschrijving=f"toestemming ketenpartner {ketenpartner.pk}: {', '.join(toestemming.reikwijdte)}",
    )
    return toestemming


@transaction.atomic
def toestemming_intrekken(*, request, toestemming: Toestemming, toelichting: str = "") -> Toestemming:
    """The client withdraws consent: from this moment nothing more is shared with the partner. No
    version check: a withdrawal must never wait for a reload."""
    _eis(request.user, policy.TOESTEMMING_VASTLEGGEN, toestemming.traject)
    toestemming = Toestemming.objects.select_for_update().get(pk=toestemming.pk)
    if toestemming.ingetrokken:
        raise ValidationError(_("This consent has already been withdrawn."))
    toestemming.ingetrokken_op = timezone.now()
    toestemming.ingetrokken_door = request.user
    toestemming.intrekking_toelichting = (toelichting or "").strip()[:300]
    toestemming.save(update_fields=["ingetrokken_op", "ingetrokken_door", "intrekking_toelichting"])
    Traject.objects.filter(pk=toestemming.traject_id).update(versie=F("versie") + 1)
    log_toegang(
        request,
        gebeurtenis=Gebeurtenis.WIJZIGEN,
        obj=toestemming,
        omschrijving=f"toestemming ketenpartner {toestemming.ketenpartner_id} ingetrokken",
    )
    return toestemming


def toestemming_vereist(*, traject: Traject, ketenpartner: Ketenpartner, reikwijdte: str) -> Toestemming:
    """The valid consent for sharing ``reikwijdte`` with this partner, locked until the transaction ends
    (so a withdrawal at the same moment waits); a clear Dutch refusal otherwise. Reports use it too."""
    toestemming = selectors.geldige_toestemming(
        traject=traject, ketenpartner=ketenpartner, reikwijdte=reikwijdte, op=timezone.localdate()
    )
    if toestemming is not None:
        toestemming = Toestemming.objects.select_for_update().get(pk=toestemming.pk)
    if toestemming is None or toestemming.ingetrokken:
        raise ValidationError(
            _(
                "Not shared: there is no valid consent of the client to share the %(wat)s with %(partner)s. "
                "Record the client's consent first."
            )
            % {"wat": Reikwijdte(reikwijdte).label.lower(), "partner": ketenpartner}
        )
    return toestemming


# --- warm handover -------------------------------------------------------------------------------


@transaction.atomic
def overdracht_opstellen(
    *,
    request,
    traject: Traject,
    ketenpartner: Ketenpartner,
    contactpersoon: Contactpersoon | None,
    aanleiding: str,
    doelen: str,
    netwerk: str,
    wens_gezin: str,
    aandachtspunten: str = "",
    versie: int | None,
) -> Overdracht:
    """Write the handover summary for the receiving partner. Writing shares nothing yet."""
    _eis(request.user, policy.OVERDRACHT_DELEN, traject)
    traject = _vergrendel(traject, versie)
    fouten = {}
    if not Betrokkenheid.objects.filter(traject=traject, ketenpartner=ketenpartner).exists():
        fouten["ketenpartner"] = _(
            "Add this partner to the trajectory first, with its role and responsibilities."
        )
    if not (doelen or "").strip():
        fouten["doelen"] = _("Describe the goals and where they stand.")
    if not (wens_gezin or "").strip():
        fouten["wens_gezin"] = _("Write down what the family asked to pass on, in their words.")
    if fouten:
        raise ValidationError(fouten)
    _contactpersoon_van(ketenpartner, contactpersoon)
    overdracht = Overdracht(
        traject=traject,
        ketenpartner=ketenpartner,
        contactpersoon=contactpersoon,
        aanleiding=aanleiding,
        doelen=doelen.strip(),
        netwerk=(netwerk or "").strip(),
        wens_gezin=wens_gezin.strip(),
        aandachtspunten=(aandachtspunten or "").strip(),
        opgesteld_door=request.user,
    )
    overdracht.full_clean(exclude=["traject", "ketenpartner", "contactpersoon", "opgesteld_door"])
    overdracht.save()
    log_toegang(
        request,
        gebeurtenis=Gebeurtenis.AANMAKEN,
        obj=overdracht,
        omschrijving=f"warme overdracht voor ketenpartner {ketenpartner.pk} opgesteld",
    )
    return overdracht


@transaction.atomic
def overdracht_delen(*, request, overdracht: Overdracht) -> Verstrekking:
    """Share the handover with its partner: only with the client's valid consent for handovers."""
    _eis(request.user, policy.OVERDRACHT_DELEN, overdracht.traject)
    toestemming = toestemming_vereist(
        traject=overdracht.traject, ketenpartner=overdracht.ketenpartner, reikwijdte=Reikwijdte.OVERDRACHT
    )
    verstrekking = Verstrekking.objects.create(
        overdracht=overdracht, toestemming=toestemming, gedeeld_door=request.user
    )
    log_toegang(
        request,
        gebeurtenis=Gebeurtenis.EXPORTEREN,
        obj=overdracht,
        omschrijving=(
            f"warme overdracht gedeeld met ketenpartner {overdracht.ketenpartner_id} "
            f"(toestemming {toestemming.pk})"
        ),
    )
    return verstrekking


# Taking part in the trajectory's workflow (registered in trajecten.haken by KetenpartnersConfig.ready).


@transaction.atomic
def controleer_skj_professional(organisatie, skj: str) -> None:
    """A chain partner's regievoerder is a professional on the social map with a valid SKJ
    registration: the number is checked against the partner's contact persons, not only its format."""
    vandaag = timezone.localdate()
    professionals = Contactpersoon.objects.filter(ketenpartner__organisatie=organisatie, skj_nummer=skj)
    if not any(p.skj_geldig(vandaag) for p in professionals):
        raise ValidationError(
            {
                "skj": _(
                    "This SKJ number is not registered (or no longer valid) for a professional of %(partner)s "
                    "on the social map. Record the professional and her SKJ registration there first."
                )
                % {"partner": organisatie}
            }
        )


def overdracht_vastleggen(traject: Traject, partner, op, door) -> None:
    """The partner the family was handed over to becomes involved as 'handover to' from the day of
    closure: what the chain overview counts as a handover received."""
    if not Betrokkenheid.objects.filter(
        traject=traject, ketenpartner=partner, rol=BetrokkenheidRol.OVERDRACHT
    ).exists():
        Betrokkenheid.objects.create(
            traject=traject,
            ketenpartner=partner,
            rol=BetrokkenheidRol.OVERDRACHT,
            verantwoordelijkheden=_("Takes over the support after the closure of BabythuisZorg."),
            van=op,
            vastgelegd_door=door,
        )
