"""Who may request and read reports (registered into core.policy).

A report is read under the rule of the action that requested it (``LEESACTIES``, per kind); apps whose
report kinds the reports app does not know register theirs with ``registreer_leesactie``.
"""

from django.db.models import QuerySet
from django.utils import timezone

from core import policy
from core.constants import Rol
from ketenpartners.constants import Reikwijdte
from ketenpartners.rules import OVERDRACHT_DELEN
from ketenpartners.selectors import geldige_toestemming
from trajecten.rules import NETWERK_AFDRUKKEN

# Reports (issue 6).
RAPPORTEN_LIJST = "rapporten.lijst"
RAPPORT_BEKIJKEN = "rapport.bekijken"
TRAJECTRAPPORT_AANVRAGEN = "trajectrapport.aanvragen"
RAPPORTAGE_TRAJECTEN = "rapportage.trajecten"
PERIODERAPPORT_AANVRAGEN = "perioderapport.aanvragen"

# Report kind -> the action whose rule (on the report's trajectory) decides who may read it.
LEESACTIES = {
    "traject": TRAJECTRAPPORT_AANVRAGEN,
    "netwerkplan": NETWERK_AFDRUKKEN,
    "overdracht": OVERDRACHT_DELEN,
}


def registreer_leesactie(soort: str, actie: str) -> None:
    LEESACTIES[soort] = actie


def periode_van_eigen_gemeente(user, gemeente) -> bool:
    return policy.rol_van(user) == Rol.GEMEENTE_RAPPORTAGE and (
        gemeente is None or gemeente.pk == policy.org_id(user)
    )


def _toestemming_voor_overdracht(rapport) -> bool:
    return (
        geldige_toestemming(
            traject=rapport.traject,
            ketenpartner=rapport.overdracht.ketenpartner,
            reikwijdte=Reikwijdte.OVERDRACHT,
            op=timezone.localdate(),
        )
        is not None
    )


def rapport_lezer(user, rapport) -> bool:
    """Her own report, as long as she may still request it (an ended assignment ends access too);
    the monthly period reports made by Celery beat belong to the municipality's gemeente-rapportage."""
    if rapport is None:
        return policy.heeft_rol(user, None)
    if rapport.aangevraagd_door_id is None:
        return rapport.soort == "periode" and periode_van_eigen_gemeente(user, rapport.gemeente)
    if rapport.aangevraagd_door_id != user.pk:
        return False
    if policy.rol_van(user) == Rol.GEMEENTE_RAPPORTAGE and not rapport.pseudoniem:
        return False  # a full report made before her role changed is no longer hers to read
    if rapport.soort == "periode":
        return periode_van_eigen_gemeente(user, rapport.gemeente)
    regel = policy.RULES[LEESACTIES[rapport.soort]]
    if rapport.soort == "overdracht" and not _toestemming_voor_overdracht(rapport):
        return False  # the client withdrew consent: the handover document is no longer handed out
    return regel(user, rapport.traject)


policy.registreer(
    {
        RAPPORTEN_LIJST: lambda user, obj: (
            policy.rol_van(user)
            in {Rol.COORDINATOR, Rol.CASEMANAGER, Rol.MEDEWERKER, Rol.GEMEENTE_RAPPORTAGE}
        ),
        RAPPORT_BEKIJKEN: rapport_lezer,
        # Full for the casemanager and the provider; pseudonymised for gemeente-rapportage.
        TRAJECTRAPPORT_AANVRAGEN: policy.een_van(
            policy.casemanager_van, policy.coordinator_van, policy.gemeente_rapportage_van
        ),
        RAPPORTAGE_TRAJECTEN: lambda user, obj: policy.rol_van(user) == Rol.GEMEENTE_RAPPORTAGE,
        # obj: the municipality the period report is about.
        PERIODERAPPORT_AANVRAGEN: periode_van_eigen_gemeente,
    }
)


def pseudoniem_zichtbare_trajecten(user, queryset: QuerySet) -> QuerySet:
    """The trajectories gemeente-rapportage may know by number only (for pseudonymised reports)."""
    if not policy.is_geverifieerd(user) or policy.rol_van(user) != Rol.GEMEENTE_RAPPORTAGE:
        return queryset.none()
    return queryset.filter(gemeente_id=policy.org_id(user))
