"""Every change to a trajectory goes through here: check the policy, validate, write, record the
transition and the access-log row, in one transaction. Views call these; nothing else writes."""

import hashlib
import hmac
import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm
from stdnum.nl import bsn as stdnum_bsn

from core import policy
from core.constants import Gebeurtenis
from core.toegangslog import log_toegang
from core.validators import (
    AANMELDING_MAX_JAREN_TERUG,
    BABY_MAX_MAANDEN_VOOR_AANMELDING,
    GEBOORTE_NA_UITGEREKEND_MAX_WEKEN,
    GEBOORTE_VOOR_UITGEREKEND_MAX_WEKEN,
    UITGEREKEND_MAX_MAANDEN_TERUG,
    UITGEREKEND_MAX_MAANDEN_VOORUIT,
    ouder_geboortedatum_valideren,
    werkdatum_valideren,
)

from . import haken
from .constants import GIZ_ZIJDE_VAN, OVERGANGEN, TrajectStatus
from .models import Aanmelding, Baby, Gezin, Intake, IntakeFactor, Ouder, StatusOvergang, Toewijzing, Traject
from .validators import bsn_elfproef

OUDER_FORMS = ("moeder", "partner")


class Conflict(ValidationError):
    """Someone else changed the trajectory since the form was opened."""


def _eis(user, actie, traject=None):
    if not policy.may(user, actie, traject):
        raise PermissionDenied


def bsn_hash(waarde: str) -> str:
    return hmac.new(settings.BSN_HASH_KEY.encode(), waarde.encode(), hashlib.sha256).hexdigest()


def bsn_valideren(waarde: str) -> str:
    """Compact and check a BSN with the elfproef (python-stdnum); a clear Dutch message otherwise.
    No BSN (a newcomer, an unborn baby) stays empty: stdnum compacts "" to nine zeros."""
    if not (waarde or "").strip():
        return ""
    waarde = stdnum_bsn.compact(waarde)
    try:
        bsn_elfproef(waarde)
    except ValidationError as fout:
        raise ValidationError({"bsn": fout.messages}) from fout
    return waarde


def _vergrendel(traject: Traject, verwachte_versie: int | None) -> Traject:
    """Lock the row; refuse when the form was based on an older version (optimistic concurrency)."""
    actueel = Traject.objects.select_for_update().select_related("gezin").get(pk=traject.pk)
    if verwachte_versie is not None and actueel.versie != verwachte_versie:
        raise Conflict(
            _(
                "Someone else changed this trajectory in the meantime. Reload the page and try again; nothing was saved."
            )
        )
    return actueel


def _overgang(request, traject: Traject, naar: str, reden: str = "") -> Traject:
    if naar not in OVERGANGEN[TrajectStatus(traject.status)]:
        raise ValidationError(
            _("A trajectory in state '%(van)s' cannot go to '%(naar)s'.")
            % {"van": TrajectStatus(traject.status).label, "naar": TrajectStatus(naar).label}
        )
    van = traject.status
    traject.status = naar
    traject.versie += 1
    traject.save(update_fields=["status", "versie", "gestart_op"])
    StatusOvergang.objects.create(traject=traject, van=van, naar=naar, door=request.user, reden=reden)
    log_toegang(
        request,
        gebeurtenis=Gebeurtenis.WIJZIGEN,
        obj=traject,
        omschrijving=f"status {van} → {naar}",
    )
    return traject


def _bump(request, traject: Traject, omschrijving: str):
    traject.versie += 1
    traject.save(update_fields=["versie"])
    log_toegang(request, gebeurtenis=Gebeurtenis.WIJZIGEN, obj=traject, omschrijving=omschrijving)


def aanmelding_datumfouten(*, ouders: list[Ouder], baby: Baby, ontvangen_op: date | None) -> list[tuple]:
    """Each date of a referral outside the bounds for its meaning, as (form, field, message): the
    view puts the message beside the field, the service refuses the whole referral. The bounds are
    named in core.validators (and the README)."""
    vandaag = timezone.localdate()
    fouten = []

    def toets(form, veld, controle):
        try:
            controle()
        except ValidationError as fout:
            fouten.extend((form, veld, bericht) for bericht in fout.messages)

    def ontvangen():
        werkdatum_valideren(ontvangen_op, vandaag, AANMELDING_MAX_JAREN_TERUG)

    toets("aanmelding", "ontvangen_op", ontvangen)
    for form, ouder in zip(OUDER_FORMS, ouders, strict=False):
        toets(
            form,
            "geboortedatum",
            lambda ouder=ouder: ouder_geboortedatum_valideren(ouder.geboortedatum, vandaag),
        )

    def geboren():
        if baby.geboortedatum is None:
            return
        if baby.geboortedatum > vandaag:
            raise ValidationError(_("A date of birth cannot lie in the future; use the due date."))
        referentie = min(ontvangen_op or vandaag, vandaag)
        if baby.geboortedatum < referentie - relativedelta(months=BABY_MAX_MAANDEN_VOOR_AANMELDING):
            raise ValidationError(
                _(
                    "BabythuisZorg is for the first year: a baby born more than %(maanden)s months before "
                    "the referral is too old. Check the date of birth."
                )
                % {"maanden": BABY_MAX_MAANDEN_VOOR_AANMELDING}
            )

    def verwacht():
        dag = baby.uitgerekende_datum
        if dag is None:
            return
        if dag > vandaag + relativedelta(months=UITGEREKEND_MAX_MAANDEN_VOORUIT):
            raise ValidationError(
                _("A due date lies at most %(maanden)s months ahead: check the date.")
                % {"maanden": UITGEREKEND_MAX_MAANDEN_VOORUIT}
            )
        if dag < vandaag - relativedelta(months=UITGEREKEND_MAX_MAANDEN_TERUG):
            raise ValidationError(
                _("This due date lies more than %(maanden)s months ago: check the date.")
                % {"maanden": UITGEREKEND_MAX_MAANDEN_TERUG}
            )
        if baby.geboortedatum and not (
            dag - timedelta(weeks=GEBOORTE_VOOR_UITGEREKEND_MAX_WEKEN)
            <= baby.geboortedatum
            <= dag + timedelta(weeks=GEBOORTE_NA_UITGEREKEND_MAX_WEKEN)
        ):
            raise ValidationError(_("The date of birth lies too far from the due date: check both dates."))

    toets("baby", "geboortedatum", geboren)
    toets("baby", "uitgerekende_datum", verwacht)
    return fouten


@transaction.atomic
def werkt_in_gemeente(organisatie, gemeente_id: int) -> bool:
    """A referrer or regievoerder's organisation belongs to the family's municipality: the municipality
    itself, or a chain partner that serves it on the social map."""
    if organisatie.pk == gemeente_id:
        return True
    # Through the organisation's reverse relation: the social map is an app above this one.
    return type(organisatie).objects.filter(pk=organisatie.pk, ketenpartner__gemeenten=gemeente_id).exists()


def _niet_in_gemeente(organisatie, gemeente) -> str:
    return _(
        "%(organisatie)s does not work in %(gemeente)s, the family's municipality: choose the municipality "
        "or a chain partner that serves %(gemeente)s on the social map."
    ) % {"organisatie": organisatie, "gemeente": gemeente}


def verwijzerfout(aanmelding: Aanmelding, gezin: Gezin) -> str:
    """Why the referring organisation does not fit the family's municipality, or ""."""
    organisatie = aanmelding.verwijzer_organisatie
    if organisatie is None or gezin.gemeente_id is None or werkt_in_gemeente(organisatie, gezin.gemeente_id):
        return ""
    return _niet_in_gemeente(organisatie, gezin.gemeente)


def aanmelding_registreren(
    *, request, gezin: Gezin, ouders: list[Ouder], baby: Baby, aanmelding: Aanmelding, meer_babys=()
) -> Traject:
    """A coordinator registers a referral: the family, its parents and baby (twins: ``meer_babys``), and
    a new trajectory."""
    user = request.user
    _eis(user, policy.AANMELDING_REGISTREREN)
    fouten = aanmelding_datumfouten(ouders=ouders, baby=baby, ontvangen_op=aanmelding.ontvangen_op)
    for tweede in meer_babys:
        fouten += aanmelding_datumfouten(ouders=[], baby=tweede, ontvangen_op=aanmelding.ontvangen_op)
    if fouten:
        raise ValidationError([bericht for _form, _veld, bericht in fouten])
    if verwijzer := verwijzerfout(aanmelding, gezin):
        raise ValidationError({"verwijzer_organisatie": verwijzer})
    for ouder in ouders:
        ouder.bsn = bsn_valideren(ouder.bsn)
        ouder.bsn_hash = bsn_hash(ouder.bsn) if ouder.bsn else ""
    gezin.full_clean()
    gezin.save()
    for ouder in ouders:
        ouder.gezin = gezin
        ouder.full_clean()
        ouder.save()
    for kind in (baby, *meer_babys):
        kind.gezin = gezin
        kind.full_clean()
        kind.save()
    traject = Traject(gezin=gezin, aanbieder_id=user.lidmaatschap.organisatie_id)
    traject.full_clean()
    traject.save()
    aanmelding.traject = traject
    aanmelding.ingediend_door = user
    aanmelding.full_clean()
    aanmelding.save()
    StatusOvergang.objects.create(traject=traject, van="", naar=TrajectStatus.AANGEMELD, door=user)
    log_toegang(
        request, gebeurtenis=Gebeurtenis.AANMAKEN, obj=traject, omschrijving="aanmelding geregistreerd"
    )
    return traject


def _deuren_sluiten(traject: Traject):
    """A declined or cancelled trajectory: open indication requests withdrawn, assignments ended
    yesterday (or withdrawn if not started), and every medewerker's grant removed."""
    from indicaties.constants import AanvraagStatus
    from indicaties.models import IndicatieAanvraag

    IndicatieAanvraag.objects.filter(traject=traject, status=AanvraagStatus.OPEN).update(
        status=AanvraagStatus.AFGEWEZEN,
        afwijzingsreden=_("withdrawn: trajectory ended"),
        beslist_op=timezone.now(),
    )
    gisteren = timezone.localdate() - timedelta(days=1)
    for toewijzing in traject.toewijzingen.select_related("medewerker"):
        if toewijzing.van > gisteren:
            toewijzing.delete()
        elif toewijzing.tot is None or toewijzing.tot > gisteren:
            toewijzing.tot = gisteren
            toewijzing.save(update_fields=["tot"])
        remove_perm("trajecten.view_traject", toewijzing.medewerker, traject)


@transaction.atomic
def aanmelding_accepteren(*, request, traject: Traject, versie: int | None) -> Traject:
    _eis(request.user, policy.TRAJECT_TRIEREN, traject)
    traject = _vergrendel(traject, versie)
    return _overgang(request, traject, TrajectStatus.INTAKE, _("accepted for intake"))


@transaction.atomic
def aanmelding_afwijzen(
    *, request, traject: Traject, reden: str, advies: str, versie: int | None, doorverwezen_naar=None
) -> Traject:
    _eis(request.user, policy.TRAJECT_TRIEREN, traject)
    if not reden.strip() or not advies.strip():
        raise ValidationError(_("Give the reason and advice where the family can go instead."))
    if (
        doorverwezen_naar is not None
        and not doorverwezen_naar.gemeenten.filter(pk=traject.gemeente_id).exists()
    ):
        raise ValidationError(
            {"doorverwezen_naar": _("This partner does not work in the family's municipality.")}
        )
    traject = _vergrendel(traject, versie)
    Aanmelding.objects.filter(traject=traject).update(
        afwijzingsreden=reden, advies=advies, doorverwezen_naar=doorverwezen_naar
    )
    _deuren_sluiten(traject)
    return _overgang(request, traject, TrajectStatus.AFGEWEZEN, reden)


@transaction.atomic
def traject_annuleren(*, request, traject: Traject, reden: str, versie: int | None) -> Traject:
    _eis(request.user, policy.TRAJECT_ANNULEREN, traject)
    if not reden.strip():
        raise ValidationError(_("Give a reason for cancelling."))
    traject = _vergrendel(traject, versie)
    _deuren_sluiten(traject)
    return _overgang(request, traject, TrajectStatus.GEANNULEERD, reden)


@transaction.atomic
def intake_vastleggen(
    *, request, traject: Traject, intake: Intake, factoren: list[IntakeFactor], versie: int | None
) -> Intake:
    """Record a GIZ assessment with the client. Only during intake (or repeated later, at evaluations)."""
    _eis(request.user, policy.INTAKE_VASTLEGGEN, traject)
    traject = _vergrendel(traject, versie)
    if traject.status not in {
        TrajectStatus.INTAKE,
        TrajectStatus.INDICATIE_AANGEVRAAGD,
        TrajectStatus.ACTIEF,
    }:
        raise ValidationError(_("An intake can only be recorded after the referral has been accepted."))
    if not factoren:
        raise ValidationError(_("Assess at least one factor with the client."))
    intake.traject = traject
    intake.uitgevoerd_door = request.user
    intake.full_clean()
    intake.save()
    for factor in factoren:
        assert factor.factor in GIZ_ZIJDE_VAN  # noqa: S101 - a programming error, not user input
        factor.intake = intake
        factor.full_clean()
    IntakeFactor.objects.bulk_create(factoren)
    _bump(request, traject, "intake (GIZ) vastgelegd")
    return intake


def regie_vastleggen(
    *,
    request,
    traject: Traject,
    casemanager=None,
    naam: str = "",
    skj: str = "",
    organisatie=None,
    versie: int | None,
) -> Traject:
    """The regievoerder: a casemanager of the family's municipality, or a named SKJ professional."""
    _eis(request.user, policy.REGIE_VASTLEGGEN, traject)
    traject = _vergrendel(traject, versie)
    if casemanager is not None:
        lid = getattr(casemanager, "lidmaatschap", None)
        if not lid or lid.rol != "casemanager" or lid.organisatie_id != traject.gezin.gemeente_id:
            raise ValidationError(
                {
                    "casemanager": _(
                        "The regievoerder must be a case manager of %(gemeente)s, the family's municipality."
                    )
                    % {"gemeente": traject.gezin.gemeente}
                }
            )
        traject.regie_casemanager, traject.regie_naam, traject.regie_skj, traject.regie_organisatie = (
            casemanager,
            "",
            "",
            None,
        )
    else:
        if skj.strip() and not re.fullmatch(r"\d{6,10}", skj.strip()):
            raise ValidationError({"skj": _("An SKJ registration number has 6 to 10 digits.")})
        if not naam.strip() or not skj.strip() or organisatie is None:
            raise ValidationError(
                _(
                    "Name the regievoerder: a case manager, or a professional of a chain partner with an SKJ number."
                )
            )
        if not werkt_in_gemeente(organisatie, traject.gezin.gemeente_id):
            raise ValidationError({"organisatie": _niet_in_gemeente(organisatie, traject.gezin.gemeente)})
        for controle in haken.regievoerder_controles:  # the social map's check (ketenpartners)
            controle(organisatie, skj.strip())
        traject.regie_casemanager, traject.regie_naam, traject.regie_skj, traject.regie_organisatie = (
            None,
            naam.strip(),
            skj.strip(),
            organisatie,
        )
    traject.save(update_fields=["regie_casemanager", "regie_naam", "regie_skj", "regie_organisatie"])
    _bump(request, traject, "regievoerder vastgelegd")
    return traject


def geldige_indicatie(traject: Traject, op: date):
    return (
        traject.indicaties.filter(van__lte=op, tot__gte=op).first()
        or traject.indicaties.filter(van__gt=op).first()
    )


@transaction.atomic
def toewijzing_maken(
    *,
    request,
    traject: Traject,
    medewerker,
    van: date,
    tot: date | None = None,
    eerste_aanspreekpunt: bool = False,
    versie: int | None,
) -> Toewijzing:
    """Assign a medewerker. Hard rules from trajecten.matching; the database holds 'one first contact'."""
    from .matching import bezwaren

    _eis(request.user, policy.TOEWIJZEN, traject)
    traject = _vergrendel(traject, versie)
    if getattr(medewerker, "rol", None) != "medewerker" or not hasattr(medewerker, "medewerkerprofiel"):
        raise ValidationError(_("Only BabythuisZorg care workers with a profile can be assigned."))
    if not medewerker.is_active:
        raise ValidationError(
            _("She has left (her account is deactivated) and cannot be assigned; choose a colleague.")
        )
    if traject.status in {TrajectStatus.AFGESLOTEN, TrajectStatus.AFGEWEZEN, TrajectStatus.GEANNULEERD}:
        raise ValidationError(_("Staff cannot be assigned to a trajectory that has ended."))
    if tot is not None and tot < van:
        raise ValidationError({"tot": _("The end date lies before the start date.")})
    indicatie = geldige_indicatie(traject, van)
    getrainde_eerste = Toewijzing.objects.filter(
        traject=traject,
        eerste_aanspreekpunt=True,
        van__lte=van,
        medewerker__medewerkerprofiel__basistraining_datum__isnull=False,
    ).exclude(tot__lt=van)
    fouten = bezwaren(
        medewerker.medewerkerprofiel,
        traject=traject,
        op=van,
        nachten_nodig=bool(indicatie and indicatie.nachten),
        als_eerste_aanspreekpunt=eerste_aanspreekpunt,
        heeft_getrainde_eerste_aanspreekpunt=getrainde_eerste.exists(),
    )
    if fouten:
        raise ValidationError(fouten)
    toewijzing = Toewijzing(
        traject=traject,
        medewerker=medewerker,
        van=van,
        tot=tot,
        eerste_aanspreekpunt=eerste_aanspreekpunt,
        toegewezen_door=request.user,
    )
    try:
        with transaction.atomic():
            toewijzing.save()
    except IntegrityError as fout:
        if "toewijzing_een_eerste_aanspreekpunt" in str(fout):
            raise ValidationError(
                _("This trajectory already has a first contact in this period. End that assignment first.")
            ) from fout
        if "toewijzing_medewerker_niet_dubbel" in str(fout):
            raise ValidationError(
                _("This care worker is already assigned to this trajectory in this period.")
            ) from fout
        raise
    # The grant that opens the family's file to her (django-guardian); ending the assignment removes it.
    assign_perm("trajecten.view_traject", medewerker, traject)
    _bump(request, traject, f"medewerker {medewerker.username} toegewezen")
    return toewijzing


@transaction.atomic
def laatste_dag_fout(laatste_dag: date, *, terugwerkend: bool = False) -> str:
    """Why ``laatste_dag`` cannot end an assignment, or "". Not before yesterday: visits she logged
    would fall outside her assignment. The departure flow (``vertrek.medewerker_uit_dienst``) passes
    ``terugwerkend=True`` on purpose: her last working day may lie further back, and it has checked that
    she logged nothing after it."""
    vandaag = timezone.localdate()
    if not terugwerkend and laatste_dag < vandaag - timedelta(days=1):
        return _(
            "The last day cannot lie before yesterday: visits she logged would fall outside her "
            "assignment. Choose yesterday or a later day."
        )
    if laatste_dag > vandaag + timedelta(days=366):
        return _("Choose a last day within a year from today.")
    return ""


def toewijzing_eindigen(toewijzing: Toewijzing, laatste_dag: date, *, terugwerkend: bool = False):
    """End the assignment on ``laatste_dag``, or withdraw it when it has not started by then (returns
    None). The rule of ``laatste_dag_fout`` holds for every caller; the callers check the policy."""
    if fout := laatste_dag_fout(laatste_dag, terugwerkend=terugwerkend):
        raise ValidationError({"laatste_dag": fout})
    if laatste_dag < toewijzing.van:
        toewijzing.delete()
        return None
    toewijzing.tot = laatste_dag
    toewijzing.save(update_fields=["tot"])
    return toewijzing


def toewijzing_beeindigen(
    *, request, toewijzing: Toewijzing, tot: date, versie: int | None, reden: str = ""
) -> Toewijzing | None:
    """End an assignment with ``tot`` as her last day. One that has not started by then is withdrawn.
    Her access (the guardian grant) goes as soon as no assignment of hers on this family runs today."""
    traject = toewijzing.traject
    _eis(request.user, policy.TOEWIJZEN, traject)
    traject = _vergrendel(traject, versie)
    toewijzing = Toewijzing.objects.select_for_update().get(pk=toewijzing.pk)
    if toewijzing.tot is not None and toewijzing.tot <= tot:
        raise ValidationError(_("This assignment has already ended."))
    if toewijzing.eerste_aanspreekpunt and traject.status in {TrajectStatus.ACTIEF, TrajectStatus.AFSLUITEN}:
        raise ValidationError(
            _(
                "She is the first contact of an active trajectory: hand the first contact to a colleague first."
            )
        )
    medewerker = toewijzing.medewerker
    toewijzing = toewijzing_eindigen(toewijzing, tot)
    vandaag = timezone.localdate()
    nog_lopend = (
        Toewijzing.objects.filter(traject=traject, medewerker=medewerker).exclude(tot__lt=vandaag).exists()
    )
    if not nog_lopend:
        remove_perm("trajecten.view_traject", medewerker, traject)
    omschrijving = f"toewijzing {medewerker.username} beëindigd per {tot:%Y-%m-%d}"
    _bump(request, traject, f"{omschrijving}: {reden.strip()}" if reden.strip() else omschrijving)
    return toewijzing


@transaction.atomic
def eerste_aanspreekpunt_overdragen(*, request, traject: Traject, opvolger, versie: int | None) -> Toewijzing:
    """Hand the first contact to a colleague from today: the current first contact stays on the team
    as a regular assignment, so there is never a day without exactly one first contact."""
    _eis(request.user, policy.TOEWIJZEN, traject)
    traject = _vergrendel(traject, versie)
    vandaag = timezone.localdate()
    huidig = (
        Toewijzing.objects.select_for_update()
        .filter(traject=traject, eerste_aanspreekpunt=True, van__lte=vandaag)
        .exclude(tot__lt=vandaag)
        .first()
    )
    if huidig is None:
        raise ValidationError(_("There is no first contact to hand over; assign one instead."))
    if huidig.medewerker_id == opvolger.pk:
        raise ValidationError(_("She is already the first contact."))
    if huidig.van >= vandaag:
        huidig.delete()
    else:
        huidig.tot = vandaag - timedelta(days=1)
        huidig.save(update_fields=["tot"])
        Toewijzing.objects.create(
            traject=traject, medewerker=huidig.medewerker, van=vandaag, tot=None, toegewezen_door=request.user
        )
    # The successor's own ordinary assignment (if any) makes way for the first-contact one.
    eigen = Toewijzing.objects.filter(
        traject=traject, medewerker=opvolger, eerste_aanspreekpunt=False
    ).exclude(tot__lt=vandaag)
    eigen.filter(van__gte=vandaag).delete()
    eigen.filter(van__lt=vandaag).update(tot=vandaag - timedelta(days=1))
    # Already locked and checked above; toewijzing_maken applies the hard rules and bumps the version.
    return toewijzing_maken(
        request=request,
        traject=traject,
        medewerker=opvolger,
        van=vandaag,
        eerste_aanspreekpunt=True,
        versie=None,
    )


def startbezwaren(traject: Traject, vandaag) -> list[str]:
    """What is still missing before the trajectory can start (empty: it can): the team tab shows these
    instead of offering a button that would be refused."""
    fouten = []
    if not traject.indicaties.filter(van__lte=vandaag, tot__gte=vandaag).exists():
        later = traject.indicaties.filter(van__gt=vandaag).order_by("van").first()
        if later is not None:
            fouten.append(
                _("The indication starts on %(datum)s: the trajectory can be started from that day.")
                % {"datum": date_format(later.van, "j F Y")}
            )
        else:
            fouten.append(_("There is no granted indication that is valid today."))
    if not traject.heeft_regie:
        fouten.append(_("There is no regievoerder yet."))
    if (
        not traject.toewijzingen.filter(eerste_aanspreekpunt=True, van__lte=vandaag)
        .exclude(tot__lt=vandaag)
        .exists()
    ):
        fouten.append(_("No care worker is assigned as first contact yet."))
    return fouten


@transaction.atomic
def traject_starten(*, request, traject: Traject, versie: int | None) -> Traject:
    """Active only with a granted indication, a regievoerder and a first contact."""
    _eis(request.user, policy.TRAJECT_STARTEN, traject)
    traject = _vergrendel(traject, versie)
    vandaag = timezone.localdate()
    fouten = startbezwaren(traject, vandaag)
    if fouten:
        raise ValidationError(fouten)
    traject.gestart_op = vandaag
    traject = _overgang(request, traject, TrajectStatus.ACTIEF, _("trajectory started"))
    from .evaluaties import evaluaties_plannen

    evaluaties_plannen(traject, request=request)
    return traject


@transaction.atomic
def indicatie_aanvragen_overgang(*, request, traject: Traject, versie: int | None) -> Traject:
    """Used by indicatiebesluiten: the request moves the trajectory on."""
    traject = _vergrendel(traject, versie)
    if not traject.intakes.exists():
        raise ValidationError(_("Record the intake (GIZ) before requesting an indication."))
    return _overgang(request, traject, TrajectStatus.INDICATIE_AANGEVRAAGD, _("indication requested"))


@transaction.atomic
def terug_naar_intake(*, request, traject: Traject, reden: str) -> Traject:
    traject = _vergrendel(traject, None)
    return _overgang(request, traject, TrajectStatus.INTAKE, reden)


# --- life events -----------------------------------------------------------------------------------

# A birth lies at most this long before the due date (extreme prematurity) or after it (overdue).
GEBOORTE_VOOR_UITGEREKEND = timedelta(weeks=18)
GEBOORTE_NA_UITGEREKEND = timedelta(weeks=4)


def indicaties_na_eerste_verjaardag(traject: Traject) -> tuple[date | None, list]:
    """The family's earliest first birthday, and the running indications (latest versions, not ended)
    that end after it: BabythuisZorg is for babies up to one year, so these no longer fit once the birth
    or a new due date is known. Uses the trajectory's prefetched babies and indications where loaded."""
    verjaardagen = [b.eerste_verjaardag for b in traject.gezin.babys.all()]
    if not verjaardagen:
        return None, []
    grens = min(verjaardagen)
    indicaties = list(traject.indicaties.all())
    opgevolgd = {i.vorige_id for i in indicaties if i.vorige_id}
    return grens, sorted(
        (i for i in indicaties if i.pk not in opgevolgd and i.beeindigd_op is None and i.tot > grens),
        key=lambda i: i.van,
    )


@transaction.atomic
def geboorte_vastleggen(
    *, request, traject: Traject, baby: Baby, geboortedatum: date, prematuur: bool, versie: int | None,
    meer_babys=(),
) -> tuple[date | None, list]:  # fmt: skip
    """The baby expected at the referral is born (twins: ``meer_babys`` born the same day): the date of
    birth replaces the due date as the ground of the first-birthday bound. Returns that bound and the
    running indications that now run past it, for the page to say what no longer fits."""
    _eis(request.user, policy.GEBOORTE_VASTLEGGEN, traject)
    traject = _vergrendel(traject, versie)
    vandaag = timezone.localdate()
    for kind in (baby, *meer_babys):
        kind = Baby.objects.select_for_update().get(pk=kind.pk, gezin_id=traject.gezin_id)
        if kind.geboortedatum is not None:
            raise ValidationError(_("This baby's birth has already been recorded."))
        if geboortedatum > vandaag:
            raise ValidationError({"geboortedatum": _("A date of birth cannot lie in the future.")})
        if kind.uitgerekende_datum and not (
            kind.uitgerekende_datum - GEBOORTE_VOOR_UITGEREKEND
            <= geboortedatum
            <= kind.uitgerekende_datum + GEBOORTE_NA_UITGEREKEND
        ):
            raise ValidationError(
                {
                    "geboortedatum": _(
                        "The due date was %(uitgerekend)s: a birth lies between %(van)s and %(tot)s. Check the "
                        "date, or correct the due date first."
                    )
                    % {
                        "uitgerekend": date_format(kind.uitgerekende_datum),
                        "van": date_format(kind.uitgerekende_datum - GEBOORTE_VOOR_UITGEREKEND),
                        "tot": date_format(kind.uitgerekende_datum + GEBOORTE_NA_UITGEREKEND),
                    }
                }
            )
        kind.geboortedatum = geboortedatum
        kind.prematuur = kind.prematuur or prematuur
        kind.save(update_fields=["geboortedatum", "prematuur"])
    _bump(request, traject, f"geboorte vastgelegd: {geboortedatum:%Y-%m-%d}")
    return indicaties_na_eerste_verjaardag(traject)
