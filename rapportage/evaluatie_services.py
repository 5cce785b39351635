"""Requesting a programme evaluation (issue 13), and the scopes a user may choose from.

The policy (``EVALUATIE_AANVRAGEN``) decides who may ask for which scope; ``keuzes`` offers exactly
those, and the service asks the policy again for what was posted (a scope typed into the request by
hand is refused, and the view writes the refusal to the access log).
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.constants import OrganisatieSoort, Rol
from accounts.models import Organisatie
from core import policy
from core.constants import Gebeurtenis
from core.toegangslog import log_toegang

from .models import EvaluatieScope, Rapport, RapportSoort, Regio
from .services import _inplannen, controleer_periode


@dataclass
class Keuzes:
    """The scopes offered to a user: each a queryset (empty when not hers) and the programme flag."""

    gemeenten: QuerySet
    regios: QuerySet
    aanbieders: QuerySet
    programma: bool

    @property
    def scopes(self) -> list[str]:
        return [
            scope
            for scope, beschikbaar in (
                (EvaluatieScope.GEMEENTE, self.gemeenten),
                (EvaluatieScope.REGIO, self.regios),
                (EvaluatieScope.AANBIEDER, self.aanbieders),
                (EvaluatieScope.PROGRAMMA, self.programma),
            )
            if beschikbaar
        ]


def keuzes(user) -> Keuzes:
    """Mirrors the policy's rule as querysets (the service checks every request with the policy itself)."""
    gemeenten = Organisatie.objects.filter(soort=OrganisatieSoort.GEMEENTE, actief=True).order_by("naam")
    aanbieders = Organisatie.objects.filter(soort=OrganisatieSoort.ZORGAANBIEDER, actief=True).order_by(
        "naam"
    )
    regios = Regio.objects.order_by("naam")
    if policy.is_globale_beheerder(user):
        return Keuzes(gemeenten, regios, aanbieders, True)
    rol, lidmaatschap = policy.rol_van(user), policy.lidmaatschap_van(user)
    eigen = lidmaatschap.organisatie_id if lidmaatschap else None
    if rol == Rol.GEMEENTE_RAPPORTAGE:
        return Keuzes(gemeenten.filter(pk=eigen), regios.filter(gemeenten=eigen), aanbieders.none(), False)
    if rol == Rol.COORDINATOR:
        return Keuzes(gemeenten.none(), regios.none(), aanbieders.filter(pk=eigen), False)
    return Keuzes(gemeenten.none(), regios.none(), aanbieders.none(), False)


def _nieuw_rapport(*, user, scope, gemeente, regio, aanbieder, van, tot) -> Rapport:
    """The unsaved report naming only what its scope needs (the database constraint demands it)."""
    return Rapport(
        soort=RapportSoort.EVALUATIE,
        aangevraagd_door=user,
        scope=scope,
        gemeente=gemeente if scope == EvaluatieScope.GEMEENTE else None,
        regio=regio if scope == EvaluatieScope.REGIO else None,
        aanbieder=aanbieder if scope == EvaluatieScope.AANBIEDER else None,
        periode_van=van,
        periode_tot=tot,
        pseudoniem=True,
    )


ONTBREEKT = {
    EvaluatieScope.GEMEENTE: ("gemeente", gettext_lazy("Choose the municipality.")),
    EvaluatieScope.REGIO: ("regio", gettext_lazy("Choose the region.")),
    EvaluatieScope.AANBIEDER: ("aanbieder", gettext_lazy("Choose the care provider.")),
}


@transaction.atomic
def evaluatie_aanvragen(
    *,
    request,
    scope: str,
    van: date,
    tot: date,
    gemeente: Organisatie | None = None,
    regio: Regio | None = None,
    aanbieder: Organisatie | None = None,
) -> Rapport:
    """Queue a programme evaluation for a scope the requester may ask for; it is made by the worker."""
    if not policy.may(request.user, policy.EVALUATIE_AANVRAGEN):
        raise PermissionDenied
    if scope not in EvaluatieScope.values:
        raise ValidationError({"scope": _("Choose what the report is about.")})
    rapport = _nieuw_rapport(
        user=request.user, scope=scope, gemeente=gemeente, regio=regio, aanbieder=aanbieder, van=van, tot=tot
    )
    if not policy.may(request.user, policy.EVALUATIE_AANVRAGEN, rapport):
        veld, melding = ONTBREEKT.get(scope, (None, None))
        gekozen = {"gemeente": gemeente, "regio": regio, "aanbieder": aanbieder}.get(veld)
        if veld and gekozen is None and scope in keuzes(request.user).scopes:
            raise ValidationError({veld: str(melding)})  # her kind of scope, only the choice is missing
        raise ValidationError(
            {"scope": _("You cannot request this scope. %(wat)s") % {"wat": wat_mag(request.user)}}
        )
    controleer_periode(van, tot)
    rapport.full_clean()
    rapport.save()
    log_toegang(
        request,
        gebeurtenis=Gebeurtenis.EXPORTEREN,
        obj=rapport,
        omschrijving=f"programma-evaluatie aangevraagd: {rapport.scope} {rapport.scope_naam}"[:255],
    )
    _inplannen(rapport)
    return rapport


def wat_mag(user) -> str:
    """Who may ask for what, in one sentence for the form and for a refusal."""
    if policy.is_globale_beheerder(user):
        return _("As national administrator you can request every scope, including the whole programme.")
    rol = policy.rol_van(user)
    if rol == Rol.GEMEENTE_RAPPORTAGE:
        return _("You can request your own municipality and the regions it takes part in.")
    if rol == Rol.COORDINATOR:
        return _("You can request your own care provider.")
    return _("Your role cannot request programme evaluations.")
