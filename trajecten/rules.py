"""Who may do what on a trajectory, and which trajectories she may see (registered into core.policy).

Without an object an action asks "may she start this at all"; with one, "on this trajectory".
The tenant checks themselves (coordinator of the provider, casemanager of the municipality, assigned
medewerker) are the shared predicates in core.policy.
"""

from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from core import policy
from core.constants import Rol
from core.models import TrajectScopeKopie

# Trajectories (issue 3).
TRAJECTEN_LIJST = "trajecten.lijst"
AANMELDING_REGISTREREN = "aanmelding.registreren"
TRAJECT_BEKIJKEN = "traject.bekijken"
TRAJECT_TRIEREN = "traject.trieren"
INTAKE_VASTLEGGEN = "intake.vastleggen"
REGIE_VASTLEGGEN = "regie.vastleggen"
TOEWIJZEN = "toewijzen"
TRAJECT_STARTEN = "traject.starten"
TRAJECT_ANNULEREN = "traject.annuleren"
# Care delivery (issue 4).
PLAN_VASTLEGGEN = "plan.vastleggen"
HUISBEZOEK_REGISTREREN = "huisbezoek.registreren"
HUISBEZOEK_CORRIGEREN = "huisbezoek.corrigeren"
HUISBEZOEK_CORRIGEREN_NA_VERGRENDELING = "huisbezoek.corrigeren_na_vergrendeling"
BUDGET_UITZONDERING = "budget.uitzondering"
NETWERK_BEHEREN = "netwerk.beheren"
NETWERK_AFDRUKKEN = "netwerk.afdrukken"
EVALUATIE_VASTLEGGEN = "evaluatie.vastleggen"
SIGNAAL_MELDEN = "signaal.melden"
GEBOORTE_VASTLEGGEN = "geboorte.vastleggen"
MELDCODE_VASTLEGGEN = "meldcode.vastleggen"
AFSLUITING_VOORSTELLEN = "afsluiting.voorstellen"
AFSLUITEN = "afsluiten"
# Family lifecycle (issue 16): a move to another municipality; a BSN added after the referral.
VERHUIZING_VASTLEGGEN = "verhuizing.vastleggen"
BSN_TOEVOEGEN = "bsn.toevoegen"

coordinator, casemanager, medewerker = (
    policy.coordinator_van,
    policy.casemanager_van,
    policy.toegewezen_medewerker,
)
een_van = policy.een_van

policy.registreer(
    {
        TRAJECTEN_LIJST: lambda user, obj: (
            policy.rol_van(user) in {Rol.COORDINATOR, Rol.CASEMANAGER, Rol.MEDEWERKER}
        ),
        AANMELDING_REGISTREREN: coordinator,
        TRAJECT_BEKIJKEN: een_van(coordinator, casemanager, medewerker),
        TRAJECT_TRIEREN: coordinator,
        INTAKE_VASTLEGGEN: coordinator,
        REGIE_VASTLEGGEN: een_van(casemanager, coordinator),
        TOEWIJZEN: coordinator,
        TRAJECT_STARTEN: coordinator,
        TRAJECT_ANNULEREN: een_van(casemanager, coordinator),
        PLAN_VASTLEGGEN: een_van(coordinator, medewerker),
        HUISBEZOEK_REGISTREREN: medewerker,
        HUISBEZOEK_CORRIGEREN: een_van(coordinator, medewerker),
        HUISBEZOEK_CORRIGEREN_NA_VERGRENDELING: coordinator,
        BUDGET_UITZONDERING: coordinator,
        NETWERK_BEHEREN: een_van(coordinator, medewerker),
        NETWERK_AFDRUKKEN: een_van(coordinator, casemanager, medewerker),
        EVALUATIE_VASTLEGGEN: een_van(coordinator, casemanager),
        SIGNAAL_MELDEN: een_van(coordinator, casemanager, medewerker),
        GEBOORTE_VASTLEGGEN: een_van(coordinator, casemanager, medewerker),
        MELDCODE_VASTLEGGEN: een_van(coordinator, casemanager, medewerker),
        AFSLUITING_VOORSTELLEN: coordinator,
        AFSLUITEN: casemanager,
        VERHUIZING_VASTLEGGEN: een_van(casemanager, coordinator),
        BSN_TOEVOEGEN: een_van(casemanager, coordinator),
    }
)


def traject_voorwaarde(user, pad: str = "", kopie: bool = False) -> Q | None:
    """The trajectories ``user`` may see, as a condition on the trajectory at ``pad`` (empty: the model is
    Traject itself; "traject": a signal's or evaluation's trajectory). None: nothing. ``kopie``: the row
    carries its trajectory's provider and municipality itself (``core.models.TrajectScopeKopie``), so the
    organisation is tested on the row, where an index starting with it finds the few rows that match."""
    rol, org = policy.rol_van(user), policy.org_id(user)
    voor = f"{pad}__" if pad else ""
    traject_id = f"{pad}_id" if pad else "pk"
    aanbieder, gemeente = (
        (f"{pad}_aanbieder_id", f"{pad}_gemeente_id")
        if kopie
        else (f"{voor}aanbieder_id", f"{voor}gemeente_id")
    )
    if rol == Rol.COORDINATOR:
        return Q(**{aanbieder: org})
    if rol == Rol.CASEMANAGER:
        return Q(**{gemeente: org})  # the family's municipality, kept on the trajectory
    if rol == Rol.MEDEWERKER:
        # Only her own provider's families, even if a grant outlived a move to another provider.
        return Q(**{aanbieder: org, f"{traject_id}__in": toegewezen_en_toegekend(user)})
    return None


# Her trajectories: an assignment that runs today and django-guardian's view grant (read from its table
# directly, see policy.toegekende_ids). One subquery in SQL: the same condition built from two querysets
# cost a medewerker about 1 ms more than a coordinator on every page, to build and compile it.
_TOEGEWEZEN_EN_TOEGEKEND = """
    SELECT w.traject_id FROM trajecten_toewijzing w
    WHERE w.medewerker_id = %s AND w.van <= %s AND (w.tot IS NULL OR w.tot >= %s)
      AND EXISTS (
        SELECT 1 FROM guardian_userobjectpermission g
        JOIN auth_permission p ON p.id = g.permission_id AND p.codename = 'view_traject'
        JOIN django_content_type c ON c.id = g.content_type_id AND c.app_label = 'trajecten' AND c.model = 'traject'
        WHERE g.user_id = %s AND g.object_pk = w.traject_id::text)
"""


def toegewezen_en_toegekend(user) -> RawSQL:
    """Ids of the trajectories assigned to medewerker ``user`` today that she holds the view grant on."""
    vandaag = timezone.localdate()
    return RawSQL(_TOEGEWEZEN_EN_TOEGEKEND, [user.pk, vandaag, vandaag, user.pk])  # noqa: S611 - fixed SQL


def _zichtbare_trajecten(user, queryset: QuerySet) -> QuerySet:
    voorwaarde = traject_voorwaarde(user)
    return queryset.none() if voorwaarde is None else queryset.filter(voorwaarde)


policy.registreer_scope("trajecten.Traject", _zichtbare_trajecten)


def zichtbaar_via_traject(user, queryset: QuerySet, pad: str = "traject") -> QuerySet:
    """Rows of a trajectory's model (signals, evaluations, requests, visits) the user may see: the same
    rule as for the trajectory, written as a join on ``pad`` rather than an IN over every visible
    trajectory, so PostgreSQL starts from the few rows that match instead of the whole country."""
    kopie = pad == "traject" and issubclass(queryset.model, TrajectScopeKopie)
    voorwaarde = traject_voorwaarde(user, pad, kopie) if policy.is_geverifieerd(user) else None
    return queryset.none() if voorwaarde is None else queryset.filter(voorwaarde)
