"""The family-network plan: who in the family's own network supports them with what, when, and how to
reach them, agreed with the parents. It is the lasting base when BabythuisZorg stops, so it is printed
and left with the family."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import policy
from core.constants import Gebeurtenis
from core.toegangslog import log_toegang
from core.validators import telefoon_normaliseren

from .constants import LOPEND, Dagdeel, NetwerkRelatie, Thema
from .models import NetwerkLid, Netwerkplan, Ouder, Traject


def _eis(user, actie, traject):
    if not policy.may(user, actie, traject):
        raise PermissionDenied


def _lopend(traject: Traject) -> Traject:
    """Lock the trajectory (one writer at a time) and refuse changes once it has ended."""
    traject = Traject.objects.select_for_update().get(pk=traject.pk)
    if traject.status not in LOPEND:
        raise ValidationError(_("This trajectory has ended: its network plan can no longer be changed."))
    return traject


def _schoon_lid(*, naam, relatie, steun, wanneer, toelichting, bereikbaar, telefoon="") -> dict:
    fouten = {}
    try:
        telefoon = telefoon_normaliseren(telefoon)
    except ValidationError as fout:
        fouten["telefoon"] = fout.messages
    naam = (naam or "").strip()
    if not naam:
        fouten["naam"] = _("Give the name of this person or organisation.")
    if relatie not in NetwerkRelatie.values:
        fouten["relatie"] = _("Choose how this person is related to the family.")
    steun = list(dict.fromkeys(steun or []))
    if any(thema not in Thema.values for thema in steun):
        fouten["steun"] = _("Choose themes from the list.")
    wanneer = list(dict.fromkeys(wanneer or []))
    if any(dagdeel not in Dagdeel.values for dagdeel in wanneer):
        fouten["wanneer"] = _("Choose parts of the day from the list.")
    toelichting = (toelichting or "").strip()
    if not steun and not toelichting:
        fouten["steun"] = _("Say what this person helps with: choose a theme or describe it.")
    if len(toelichting) > 300:
        fouten["toelichting"] = _("Keep it short: at most 300 characters.")
    bereikbaar = (bereikbaar or "").strip()
    if len(bereikbaar) > 200:
        fouten["bereikbaar"] = _("Keep it short: at most 200 characters.")
    if len(naam) > 200:
        fouten["naam"] = _("Keep it short: at most 200 characters.")
    if fouten:
        raise ValidationError(fouten)
    return {
        "naam": naam,
        "relatie": relatie,
        "steun": steun,
        "wanneer": wanneer,
        "toelichting": toelichting,
        "bereikbaar": bereikbaar,
        "telefoon": telefoon,
    }


def _log(request, gebeurtenis, lid_of_plan, traject: Traject, omschrijving: str):
    log_toegang(
        request,
        gebeurtenis=gebeurtenis,
        obj=lid_of_plan,
        gezin_id=traject.gezin_id,
        traject_id=traject.pk,
        omschrijving=omschrijving,
    )


@transaction.atomic
def netwerklid_toevoegen(
    *,
    request,
    traject: Traject,
    naam: str,
    relatie: str,
    steun: list[str] = (),
    wanneer: list[str] = (),
    toelichting: str = "",
    bereikbaar: str = "",
    telefoon: str = "",
    afgesproken: bool = False,
) -> NetwerkLid:
    _eis(request.user, policy.NETWERK_BEHEREN, traject)
    traject = _lopend(traject)
    velden = _schoon_lid(
        naam=naam,
        relatie=relatie,
        steun=steun,
        wanneer=wanneer,
        toelichting=toelichting,
        bereikbaar=bereikbaar,
        telefoon=telefoon,
    )
    lid = NetwerkLid(traject=traject, afgesproken=bool(afgesproken), **velden)
    lid.full_clean()
    lid.save()
    _log(request, Gebeurtenis.AANMAKEN, lid, traject, f"netwerklid toegevoegd ({relatie})")
    return lid


@transaction.atomic
def netwerklid_wijzigen(
    *,
    request,
    lid: NetwerkLid,
    naam: str,
    relatie: str,
    steun: list[str] = (),
    wanneer: list[str] = (),
    toelichting: str = "",
    bereikbaar: str = "",
    telefoon: str = "",
    afgesproken: bool = False,
) -> NetwerkLid:
    _eis(request.user, policy.NETWERK_BEHEREN, lid.traject)
    traject = _lopend(lid.traject)
    velden = _schoon_lid(
        naam=naam,
        relatie=relatie,
        steun=steun,
        wanneer=wanneer,
        toelichting=toelichting,
        bereikbaar=bereikbaar,
        telefoon=telefoon,
    )
    lid = NetwerkLid.objects.select_for_update().filter(pk=lid.pk, traject=traject).first()
    if lid is None:
        raise ValidationError(_("This network member has been removed in the meantime; nothing was saved."))
    for veld, waarde in velden.items():
        setattr(lid, veld, waarde)
    lid.afgesproken = bool(afgesproken)
    lid.full_clean()
    lid.save()
    _log(request, Gebeurtenis.WIJZIGEN, lid, traject, "netwerklid gewijzigd")
    return lid


@transaction.atomic
def netwerklid_verwijderen(*, request, lid: NetwerkLid) -> None:
    _eis(request.user, policy.NETWERK_BEHEREN, lid.traject)
    traject = _lopend(lid.traject)
    lid = NetwerkLid.objects.select_for_update().filter(pk=lid.pk, traject=traject).first()
    if lid is None:
        raise ValidationError(_("This network member has been removed in the meantime."))
    pk = lid.pk
    lid.delete()
    lid.pk = pk  # so the access-log row names the removed member
    _log(request, Gebeurtenis.VERWIJDEREN, lid, traject, "netwerklid verwijderd")


@transaction.atomic
def netwerkplan_afspreken(
    *, request, traject: Traject, afgesproken_op: date | None, woorden_ouders: str
) -> Netwerkplan:
    """Record that the parents agreed with the network plan: when, and in their own words."""
    _eis(request.user, policy.NETWERK_BEHEREN, traject)
    traject = _lopend(traject)
    fouten = {}
    if afgesproken_op is None:
        fouten["afgesproken_op"] = _("Give the date the parents agreed.")
    elif afgesproken_op > timezone.localdate():
        fouten["afgesproken_op"] = _("The date of agreement cannot lie in the future.")
    woorden_ouders = (woorden_ouders or "").strip()
    if not woorden_ouders:
        fouten["woorden_ouders"] = _("Write down what the parents said, in their own words.")
    if fouten:
        raise ValidationError(fouten)
    if not traject.netwerkleden.exists():
        raise ValidationError(_("Add at least one network member before recording the agreement."))
    plan, _nieuw = Netwerkplan.objects.update_or_create(
        traject=traject, defaults={"afgesproken_op": afgesproken_op, "woorden_ouders": woorden_ouders}
    )
    _log(request, Gebeurtenis.WIJZIGEN, plan, traject, f"netwerkplan afgesproken op {afgesproken_op}")
    return plan


# --- reads ---------------------------------------------------------------------------------------


def netwerk(traject: Traject) -> dict:
    """The members (agreed first) and the agreement; a fixed number of queries however many members."""
    leden = sorted(traject.netwerkleden.all(), key=lambda lid: (not lid.afgesproken, lid.relatie, lid.naam))
    for lid in leden:
        lid.steun_labels = [Thema(t).label for t in lid.steun if t in Thema.values]
        lid.wanneer_labels = [Dagdeel(d).label for d in lid.wanneer if d in Dagdeel.values]
    return {
        "netwerkleden": leden,
        "netwerkplan": Netwerkplan.objects.filter(traject=traject).first(),
    }


def afdruk_context(traject: Traject) -> dict:
    """What the printed plan shows: the family's first names, the agreed members, then the others."""
    context = netwerk(traject)
    ouders = list(Ouder.objects.filter(gezin_id=traject.gezin_id).order_by("id").only("voornaam", "rol"))
    context.update(
        ouders=ouders,
        afgesproken_leden=[lid for lid in context["netwerkleden"] if lid.afgesproken],
        nog_te_vragen=[lid for lid in context["netwerkleden"] if not lid.afgesproken],
        afgedrukt_op=timezone.localdate(),
    )
    return context


def tab_context(traject: Traject, user) -> dict:
    context = netwerk(traject)
    context.update(
        mag_netwerk=policy.may(user, policy.NETWERK_BEHEREN, traject) and traject.status in LOPEND,
        mag_netwerk_afdrukken=policy.may(user, policy.NETWERK_AFDRUKKEN, traject),
    )
    return context
