"""Signals (concerns about safety or health), the Meldcode steps, and closing a trajectory."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import remove_perm

from accounts.models import User
from core import policy
from core.constants import Gebeurtenis
from core.models import Melding
from core.toegangslog import log_toegang

from . import haken
from .constants import MeldcodeStap, SignaalStatus, TrajectStatus
from .models import Afsluiting, MeldcodeRegistratie, Signaal, Traject
from .services import _overgang, _vergrendel


def _eis(user, actie, traject):
    if not policy.may(user, actie, traject):
        raise PermissionDenied


def ontvangers_ernstig_signaal(traject: Traject) -> list[User]:
    """The provider's coordinators and the municipality's casemanager(s) holding the regie (or all of
    the municipality's casemanagers when nobody holds it yet)."""
    coordinatoren = User.objects.filter(
        is_active=True, lidmaatschap__rol="coordinator", lidmaatschap__organisatie=traject.aanbieder_id
    )
    gemeente = User.objects.filter(
        is_active=True, lidmaatschap__rol="casemanager", lidmaatschap__organisatie=traject.gezin.gemeente_id
    )
    # The regievoerder only while she still belongs to the family's municipality (tenancy).
    regie = (
        gemeente.filter(pk=traject.regie_casemanager_id) if traject.regie_casemanager_id else gemeente.none()
    )
    casemanagers = regie if regie.exists() else gemeente
    return list(coordinatoren) + list(casemanagers)


def _waarschuw(signaal: Signaal):
    """In-app at once; the e-mail names no family details (medical data stays in the application)."""
    url = f"{reverse('trajecten:detail', args=[signaal.traject_id])}?tab=signalen"
    tekst = _("%(ernst)s signal (%(categorie)s) in trajectory %(nummer)s") % {
        "ernst": signaal.get_ernst_display(),
        "categorie": signaal.get_categorie_display(),
        "nummer": signaal.traject.nummer,
    }
    ontvangers = ontvangers_ernstig_signaal(signaal.traject)
    Melding.objects.bulk_create(Melding(gebruiker=u, tekst=tekst, url=url) for u in ontvangers)
    adressen = [u.email for u in ontvangers if u.email]
    if adressen:
        transaction.on_commit(
            lambda: send_mail(
                subject=_("BabythuisZorg: serious signal in trajectory %(nummer)s")
                % {"nummer": signaal.traject.nummer},
                # Absolute: a mail client cannot open a path (issue 12).
                message=_("A serious signal has been recorded. Log in to read it: %(url)s")
                % {"url": settings.SITE_URL.rstrip("/") + url},
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=adressen,
            )
        )


@transaction.atomic
def signaal_melden(
    *, request, traject: Traject, categorie: str, ernst: str, beschrijving: str, acties: str = ""
) -> Signaal:
    _eis(request.user, policy.SIGNAAL_MELDEN, traject)
    if not beschrijving.strip():
        raise ValidationError({"beschrijving": _("Describe what you saw or heard.")})
    signaal = Signaal(
        traject=traject, categorie=categorie, ernst=ernst, beschrijving=beschrijving.strip(), acties=acties.strip(),
        gemeld_door=request.user,
    )  # fmt: skip
    signaal.full_clean()
    signaal.save()
    if signaal.is_ernstig:
        _waarschuw(signaal)
    log_toegang(
        request, gebeurtenis=Gebeurtenis.AANMAKEN, obj=signaal, omschrijving=f"signaal {categorie} ({ernst})"
    )
    return signaal


@transaction.atomic
def meldcode_stap_vastleggen(
    *,
    request,
    signaal: Signaal,
    stap: int,
    datum,
    notitie: str,
    vermoeden: bool | None = None,
    onveilig: bool | None = None,
    hulp_organiseren: bool = False,
    melden_veilig_thuis: bool = False,
) -> MeldcodeRegistratie:
    """Record a Meldcode step. Steps go in order; step 5 (decide) only after step 4's two weighing questions."""
    _eis(request.user, policy.MELDCODE_VASTLEGGEN, signaal.traject)
    signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
    gedaan = set(signaal.meldcode.values_list("stap", flat=True))
    if stap in gedaan:
        raise ValidationError(_("This step has already been recorded."))
    ontbrekend = [s for s in range(1, stap) if s not in gedaan]
    if ontbrekend:
        raise ValidationError(
            _("Record the earlier steps first: step %(stap)s is missing.") % {"stap": ontbrekend[0]}
        )
    if datum > timezone.localdate():
        raise ValidationError({"datum": _("The date cannot lie in the future.")})
    if not notitie.strip():
        raise ValidationError({"notitie": _("Write down what was done or found.")})
    if stap == MeldcodeStap.WEGEN and (vermoeden is None or onveilig is None):
        raise ValidationError(_("Answer both weighing questions before deciding."))
    if stap == MeldcodeStap.BESLISSEN and not (hulp_organiseren or melden_veilig_thuis):
        raise ValidationError(_("Decide: organise help, report to Veilig Thuis, or both."))
    registratie = MeldcodeRegistratie.objects.create(
        signaal=signaal, stap=stap, datum=datum, door=request.user, notitie=notitie.strip(),
        vermoeden=vermoeden if stap == MeldcodeStap.WEGEN else None,
        onveilig=onveilig if stap == MeldcodeStap.WEGEN else None,
        hulp_organiseren=hulp_organiseren if stap == MeldcodeStap.BESLISSEN else False,
        melden_veilig_thuis=melden_veilig_thuis if stap == MeldcodeStap.BESLISSEN else False,
    )  # fmt: skip
    if signaal.status == SignaalStatus.OPEN:
        signaal.status = SignaalStatus.IN_BEHANDELING
        signaal.save(update_fields=["status"])
    log_toegang(request, gebeurtenis=Gebeurtenis.WIJZIGEN, obj=signaal, omschrijving=f"meldcode stap {stap}")
    return registratie


@transaction.atomic
def signaal_afronden(*, request, signaal: Signaal, acties: str) -> Signaal:
    _eis(request.user, policy.MELDCODE_VASTLEGGEN, signaal.traject)
    if not acties.strip():
        raise ValidationError({"acties": _("Write down what was done about this signal.")})
    signaal.acties = acties.strip()
    signaal.status = SignaalStatus.AFGEROND
    signaal.afgerond_op = timezone.now()
    signaal.save(update_fields=["acties", "status", "afgerond_op"])
    log_toegang(request, gebeurtenis=Gebeurtenis.WIJZIGEN, obj=signaal, omschrijving="signaal afgerond")
    return signaal


def tab_context(traject: Traject, user) -> dict:
    return {
        "signalen": list(traject.signalen.select_related("gemeld_door").prefetch_related("meldcode__door")),
        "mag_signaal": policy.may(user, policy.SIGNAAL_MELDEN, traject),
        "mag_meldcode": policy.may(user, policy.MELDCODE_VASTLEGGEN, traject),
    }


# --- closure ---------------------------------------------------------------------------------------


@transaction.atomic
def afsluiting_voorstellen(
    *,
    request,
    traject: Traject,
    uitkomst: str,
    overgedragen_aan: str = "",
    overgedragen_aan_partner=None,
    toelichting: str = "",
    versie: int | None,
) -> Afsluiting:
    """The coordinator proposes closure with the outcome; the trajectory goes to 'afsluiten'. A handover
    names the partner on the social map where it is there (then the chain overview counts it), or else
    writes its name."""
    _eis(request.user, policy.AFSLUITING_VOORSTELLEN, traject)
    traject = _vergrendel(traject, versie)
    overgedragen_aan = overgedragen_aan.strip()
    if uitkomst != "overgedragen" and (overgedragen_aan_partner is not None or overgedragen_aan):
        raise ValidationError(
            {
                "overgedragen_aan_partner": _(
                    "A partner the family was handed over to belongs with the outcome 'Handed over': "
                    "choose that outcome, or leave the partner empty."
                )
            }
        )
    if uitkomst != "overgedragen":
        overgedragen_aan_partner = None
    elif overgedragen_aan_partner is not None:
        if not overgedragen_aan_partner.gemeenten.filter(pk=traject.gemeente_id).exists():
            raise ValidationError(
                {"overgedragen_aan_partner": _("This partner does not work in the family's municipality.")}
            )
        overgedragen_aan = overgedragen_aan or overgedragen_aan_partner.organisatie.naam
    elif not overgedragen_aan:
        raise ValidationError(
            {
                "overgedragen_aan_partner": _(
                    "Choose the partner on the social map the family was handed over to, or write its "
                    "name below when it is not on the social map."
                )
            }
        )
    afsluiting, _nieuw = Afsluiting.objects.update_or_create(
        traject=traject,
        defaults={
            "uitkomst": uitkomst,
            "overgedragen_aan": overgedragen_aan,
            "overgedragen_aan_partner": overgedragen_aan_partner,
            "toelichting": toelichting.strip(),
            "voorgesteld_door": request.user,
        },
    )
    _overgang(request, traject, TrajectStatus.AFSLUITEN, _("closure proposed"))
    return afsluiting


def _toewijzingen_beeindigen(traject: Traject, vandaag) -> None:
    """A closed family is no longer any medewerker's: assignments end today (those not yet begun are
    withdrawn) and the per-object grant goes, so access ends at once."""
    for toewijzing in traject.toewijzingen.select_related("medewerker"):
        if toewijzing.van > vandaag:
            toewijzing.delete()
        elif toewijzing.tot is None or toewijzing.tot > vandaag:
            toewijzing.tot = vandaag
            toewijzing.save(update_fields=["tot"])
        remove_perm("trajecten.view_traject", toewijzing.medewerker, traject)


@transaction.atomic
def traject_afsluiten(
    *,
    request,
    traject: Traject,
    tevredenheid_client: int | None,
    tevredenheid_partner: int | None,
    versie: int | None,
) -> Afsluiting:
    """The casemanager closes: the current indication ends today (if it runs on), satisfaction is recorded."""
    from indicaties.models import Indicatie

    _eis(request.user, policy.AFSLUITEN, traject)
    traject = _vergrendel(traject, versie)
    for score in (tevredenheid_client, tevredenheid_partner):
        if score is not None and not 1 <= score <= 10:
            raise ValidationError(_("Scores lie between 1 and 10."))
    afsluiting = Afsluiting.objects.select_for_update().filter(traject=traject).first()
    if afsluiting is None or traject.status != TrajectStatus.AFSLUITEN:
        raise ValidationError(_("The coordinator proposes closure first."))
    vandaag = timezone.localdate()
    lopend = Indicatie.objects.filter(
        traject=traject, tot__gt=vandaag, beeindigd_op__isnull=True, volgende__isnull=True
    )
    for indicatie in lopend:
        indicatie.tot = max(vandaag, indicatie.van)
        indicatie.beeindigd_op = indicatie.tot
        indicatie.beeindigingsreden = _("trajectory closed")
        indicatie.save(update_fields=["tot", "beeindigd_op", "beeindigingsreden"])
    _toewijzingen_beeindigen(traject, vandaag)
    afsluiting.tevredenheid_client = tevredenheid_client
    afsluiting.tevredenheid_partner = tevredenheid_partner
    afsluiting.afgesloten_door = request.user
    afsluiting.afgesloten_op = timezone.now()
    afsluiting.save()
    if afsluiting.uitkomst == "overgedragen" and afsluiting.overgedragen_aan_partner_id:
        for bij_overdracht in haken.bij_overdracht:  # the chain partner becomes involved (ketenpartners)
            bij_overdracht(traject, afsluiting.overgedragen_aan_partner, vandaag, request.user)
    _overgang(request, traject, TrajectStatus.AFGESLOTEN, afsluiting.get_uitkomst_display())
    return afsluiting
