"""Requesting reports. A request is checked and recorded here; the worker makes the file after commit."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.constants import OrganisatieSoort, Rol
from accounts.models import Organisatie
from core import policy
from core.constants import Gebeurtenis
from core.toegangslog import log_toegang
from indicaties.models import Indicatie

from .models import Rapport, RapportSoort, RapportStatus
from .wachtrij import inplannen


def _eis(user, actie, obj=None):
    if not policy.may(user, actie, obj):
        raise PermissionDenied


def _inplannen(rapport: Rapport) -> None:
    # After commit: the worker must find the row, and a rolled-back request sends nothing. A broker
    # that is down leaves the report in the outbox (queued, not sent): the status page says so and
    # rapporten_bewaken sends it as soon as the broker is back.
    transaction.on_commit(lambda: inplannen(rapport.pk), robust=True)


def trajectrapport_bezwaar(traject) -> str:
    """Why there is no trajectory report to make yet, or "". The report is about the indication and the
    care given against it: a trajectory without an indication (just referred, in intake, declined before
    one) has nothing to report. Lists annotate ``heeft_indicatie`` so that they ask no query per row."""
    heeft_indicatie = getattr(traject, "heeft_indicatie", None)
    if heeft_indicatie is None:
        heeft_indicatie = Indicatie.objects.filter(traject=traject).exists()
    if heeft_indicatie:
        return ""
    return _(
        "No trajectory report yet: it reports on the indication and the care given, and this trajectory "
        "has no indication yet."
    )


@transaction.atomic
def trajectrapport_aanvragen(*, request, traject) -> Rapport:
    _eis(request.user, policy.TRAJECTRAPPORT_AANVRAGEN, traject)
    if bezwaar := trajectrapport_bezwaar(traject):
        raise ValidationError(bezwaar)
    rapport = Rapport.objects.create(
        soort=RapportSoort.TRAJECT,
        aangevraagd_door=request.user,
        traject=traject,
        pseudoniem=policy.rol_van(request.user) == Rol.GEMEENTE_RAPPORTAGE,
    )
    log_toegang(
        request,
        gebeurtenis=Gebeurtenis.EXPORTEREN,
        obj=traject,
        omschrijving=f"trajectrapport aangevraagd{' (gepseudonimiseerd)' if rapport.pseudoniem else ''}",
    )
    _inplannen(rapport)
    return rapport


@transaction.atomic
def netwerkplan_pdf_aanvragen(*, request, traject) -> Rapport:
    _eis(request.user, policy.NETWERK_AFDRUKKEN, traject)
    rapport = Rapport.objects.create(
        soort=RapportSoort.NETWERKPLAN, aangevraagd_door=request.user, traject=traject
    )
    log_toegang(
        request, gebeurtenis=Gebeurtenis.AFDRUKKEN, obj=traject, omschrijving="familienetwerkplan als PDF"
    )
    _inplannen(rapport)
    return rapport


@transaction.atomic
def overdracht_pdf_aanvragen(*, request, overdracht) -> Rapport:
    """The handover as a PDF is made to be handed over: only with the client's consent on file."""
    from ketenpartners.constants import Reikwijdte
    from ketenpartners.services import toestemming_vereist

    _eis(request.user, policy.OVERDRACHT_DELEN, overdracht.traject)
    toestemming_vereist(
        traject=overdracht.traject, ketenpartner=overdracht.ketenpartner, reikwijdte=Reikwijdte.OVERDRACHT
    )
    rapport = Rapport.objects.create(
        soort=RapportSoort.OVERDRACHT,
        aangevraagd_door=request.user,
        traject=overdracht.traject,
        overdracht=overdracht,
    )
    log_toegang(
        request,
        gebeurtenis=Gebeurtenis.AFDRUKKEN,
        obj=overdracht,
        omschrijving=f"warme overdracht {overdracht.pk} als PDF",
    )
    _inplannen(rapport)
    return rapport


def controleer_periode(van: date | None, tot: date | None) -> None:
    """A period the report can cover: end not before start, not longer than the data is kept."""
    fouten = {}
    if van and tot and tot < van:
        fouten["tot"] = _("The end of the period lies before its start.")
    elif van and tot and (tot - van).days + 1 > settings.RAPPORT_MAX_PERIODE_DAGEN:
        fouten["tot"] = _(
            "A period report covers at most %(dagen)s days, the retention period of the data behind it. "
            "Choose a shorter period."
        ) % {"dagen": settings.RAPPORT_MAX_PERIODE_DAGEN}
    if van and van > timezone.localdate():
        fouten["van"] = _("The period starts in the future; there is nothing to report yet.")
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def perioderapport_aanvragen(*, request, gemeente: Organisatie, van: date, tot: date) -> Rapport:
    if not policy.may(request.user, policy.PERIODERAPPORT_AANVRAGEN, gemeente):
        if policy.may(request.user, policy.PERIODERAPPORT_AANVRAGEN):
            raise ValidationError({"gemeente": _("You can only request reports for your own municipality.")})
        raise PermissionDenied
    controleer_periode(van, tot)
    rapport = Rapport.objects.create(
        soort=RapportSoort.PERIODE,
        aangevraagd_door=request.user,
        gemeente=gemeente,
        periode_van=van,
        periode_tot=tot,
        pseudoniem=True,
    )
    _inplannen(rapport)
    return rapport


@transaction.atomic
def opnieuw_proberen(*, request, rapport: Rapport) -> Rapport:
    """A failed report is queued again (same row, same file name: still one file)."""
    _eis(request.user, policy.RAPPORT_BEKIJKEN, rapport)
    rapport = Rapport.objects.select_for_update().get(pk=rapport.pk)
    if rapport.status != RapportStatus.MISLUKT:
        raise ValidationError(_("Only a failed report can be tried again."))
    rapport.status = RapportStatus.WACHTRIJ
    rapport.foutmelding = ""
    rapport.voortgang = 0
    rapport.pogingen = 0
    rapport.save(update_fields=["status", "foutmelding", "voortgang", "pogingen"])
    _inplannen(rapport)
    return rapport


def vorige_maand(op: date) -> tuple[date, date]:
    eerste = op.replace(day=1)
    laatste_vorige = eerste - timedelta(days=1)
    return laatste_vorige.replace(day=1), laatste_vorige


def maandrapporten_aanmaken(op: date | None = None) -> list[Rapport]:
    """Last month's period report for every municipality, once: the unique constraint makes a second
    run (or a second beat) find the existing row instead of adding one."""
    van, tot = vorige_maand(op or timezone.localdate())
    nieuw = []
    for gemeente in Organisatie.objects.filter(soort=OrganisatieSoort.GEMEENTE).order_by("pk"):
        with transaction.atomic():
            rapport, aangemaakt = Rapport.objects.get_or_create(
                soort=RapportSoort.PERIODE,
                gemeente=gemeente,
                periode_van=van,
                periode_tot=tot,
                aangevraagd_door=None,
                defaults={"pseudoniem": True},
            )
            if aangemaakt:
                _inplannen(rapport)
                nieuw.append(rapport)
    return nieuw
