"""The one permission policy: "may this user do this action on this object" and "which objects may she see".

Organisation membership and role decide the broad rules; django-guardian holds per-object grants
(e.g. a medewerker's assignment to a family), checked here and nowhere else. Tenant isolation is
absolute: a user of another provider or municipality gets nothing. Views, selectors and the admin ask
this module; the URLconf-walking test (tests/core/test_permission_matrix.py) checks every view names
one of these actions.
"""

from collections.abc import Callable

from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from accounts.constants import Rol
from core.models import TrajectScopeKopie

# Actions. Later apps add theirs here, with their rule below.
HOME = "home"
ACCOUNT_BEVEILIGING = "account.beveiliging"
TOEGANGSLOG_ZOEKEN = "toegangslog.zoeken"
BEHEER = "beheer"
# Trajectories (issue 3). Without an object: may she start this at all; with one: on this trajectory.
TRAJECTEN_LIJST = "trajecten.lijst"
AANMELDING_REGISTREREN = "aanmelding.registreren"
TRAJECT_BEKIJKEN = "traject.bekijken"
TRAJECT_TRIEREN = "traject.trieren"
INTAKE_VASTLEGGEN = "intake.vastleggen"
INDICATIE_AANVRAGEN = "indicatie.aanvragen"
INDICATIE_BESLISSEN = "indicatie.beslissen"
REGIE_VASTLEGGEN = "regie.vastleggen"
TOEWIJZEN = "toewijzen"
TRAJECT_STARTEN = "traject.starten"
TRAJECT_ANNULEREN = "traject.annuleren"
VOORZIENINGEN_BEKIJKEN = "voorzieningen.bekijken"
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
# Chain partners (issue 5).
SOCIALE_KAART_ZOEKEN = "sociale_kaart.zoeken"
BETROKKENHEID_BEHEREN = "betrokkenheid.beheren"
TOESTEMMING_VASTLEGGEN = "toestemming.vastleggen"
OVERDRACHT_DELEN = "overdracht.delen"
KETENOVERZICHT_BEKIJKEN = "ketenoverzicht.bekijken"
# Reports (issue 6).
RAPPORTEN_LIJST = "rapporten.lijst"
RAPPORT_BEKIJKEN = "rapport.bekijken"
TRAJECTRAPPORT_AANVRAGEN = "trajectrapport.aanvragen"
RAPPORTAGE_TRAJECTEN = "rapportage.trajecten"
PERIODERAPPORT_AANVRAGEN = "perioderapport.aanvragen"
# Programme evaluation (issue 13): obj is the (unsaved) Rapport naming the scope; None: any scope at all.
EVALUATIE_AANVRAGEN = "evaluatie.aanvragen"
# The client's rights under the AVG (issue 11, bewaring): inspection, correction, erasure.
CLIENTRECHTEN_BEKIJKEN = "clientrechten.bekijken"
INZAGE_EXPORTEREN = "inzage.exporteren"
CORRECTIEVERZOEK_VASTLEGGEN = "correctieverzoek.vastleggen"
GEGEVENS_WISSEN = "gegevens.wissen"
# People's lifecycle (issue 16): a beheerder reports a medewerker's departure, handing over her work.
MEDEWERKER_UIT_DIENST = "medewerker.uit_dienst"
# Operations (issue 11): the health endpoints, public for the load balancer; they reveal nothing.
GEZONDHEID = "gezondheid"


def lidmaatschap_van(user):
    if user is None or not user.is_authenticated:
        return None
    return getattr(user, "lidmaatschap", None)


def rol_van(user) -> str | None:
    lidmaatschap = lidmaatschap_van(user)
    return lidmaatschap.rol if lidmaatschap else None


def is_geverifieerd(user) -> bool:
    """Logged in with both factors (django-otp sets is_verified on the request's user)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(
        user is not None and user.is_authenticated and user.is_active and is_verified and is_verified()
    )


def is_globale_beheerder(user) -> bool:
    lidmaatschap = lidmaatschap_van(user)
    return bool(lidmaatschap and lidmaatschap.is_globaal)


def _is_beheerder(user, obj) -> bool:
    return rol_van(user) == Rol.BEHEERDER


def _heeft_rol(user, obj) -> bool:
    return rol_van(user) is not None


def _org_id(user):
    lidmaatschap = lidmaatschap_van(user)
    return lidmaatschap.organisatie_id if lidmaatschap else None


def _coordinator_van(user, traject) -> bool:
    """The coordinator of the trajectory's provider (without a trajectory: any coordinator)."""
    if rol_van(user) != Rol.COORDINATOR:
        return False
    return traject is None or traject.aanbieder_id == _org_id(user)


def _casemanager_van(user, traject) -> bool:
    """A casemanager of the family's municipality of residence (woonplaatsbeginsel)."""
    if rol_van(user) != Rol.CASEMANAGER:
        return False
    return traject is None or traject.gezin.gemeente_id == _org_id(user)


def _toegewezen_medewerker(user, traject) -> bool:
    """A medewerker with a grant (django-guardian) and an assignment that runs today: one query, asked
    once per trajectory in a request (every action on her pages rests on this one fact)."""
    if rol_van(user) != Rol.MEDEWERKER or traject is None or traject.aanbieder_id != _org_id(user):
        return False
    memo = getattr(user, _MEMO, None)
    sleutel = ("toegewezen", traject.pk)
    if memo is not None and sleutel in memo:
        return memo[sleutel]
    vandaag = timezone.localdate()
    antwoord = (
        traject.toewijzingen.filter(
            medewerker=user, van__lte=vandaag, traject_id__in=_toegekende_trajecten(user)
        )
        .exclude(tot__lt=vandaag)
        .exists()
    )
    if memo is not None:
        memo[sleutel] = antwoord
    return antwoord


def _beheerder_van_gebruiker(user, ander) -> bool:
    """A beheerder of the other user's organisation, or a global one."""
    if rol_van(user) != Rol.BEHEERDER:
        return False
    if ander is None or is_globale_beheerder(user):
        return True
    lidmaatschap = getattr(ander, "lidmaatschap", None)
    return lidmaatschap is not None and lidmaatschap.organisatie_id == _org_id(user)


def _gemeente_rapportage_van(user, traject) -> bool:
    """Gemeente-rapportage of the family's municipality: reads only pseudonymised reports."""
    if rol_van(user) != Rol.GEMEENTE_RAPPORTAGE:
        return False
    return traject is None or traject.gezin.gemeente_id == _org_id(user)


def _periode_van_eigen_gemeente(user, gemeente) -> bool:
    return rol_van(user) == Rol.GEMEENTE_RAPPORTAGE and (gemeente is None or gemeente.pk == _org_id(user))


# --- Programme evaluation (issue 13) -------------------------------------------------------------


def _evaluatie_scope(user, rapport) -> bool:
    """Who may ask for which scope: gemeente-rapportage for her own municipality and the regions it takes
    part in; a coordinator for her own provider; the national (global) beheerder for every scope,
    including the whole programme. The report holds counts only, small ones suppressed."""
    rol = rol_van(user)
    if is_globale_beheerder(user):
        return True
    if rol not in {Rol.GEMEENTE_RAPPORTAGE, Rol.COORDINATOR}:
        return False
    if rapport is None:
        return True
    eigen = _org_id(user)
    if rol == Rol.COORDINATOR:
        return rapport.scope == "aanbieder" and rapport.aanbieder_id == eigen
    if rapport.scope == "gemeente":
        return rapport.gemeente_id == eigen
    if rapport.scope == "regio" and rapport.regio_id is not None:
        from rapportage.models import Regio

        return Regio.gemeenten.through.objects.filter(
            regio_id=rapport.regio_id, organisatie_id=eigen
        ).exists()
    return False


def _rapport_lezer(user, rapport) -> bool:
    """Her own report, as long as she may still request it (an ended assignment ends access too);
    the monthly period reports made by Celery beat belong to the municipality's gemeente-rapportage."""
    if rapport is None:
        return _heeft_rol(user, None)
    if rapport.aangevraagd_door_id is None:
        return rapport.soort == "periode" and _periode_van_eigen_gemeente(user, rapport.gemeente)
    if rapport.aangevraagd_door_id != user.pk:
        return False
    if rol_van(user) == Rol.GEMEENTE_RAPPORTAGE and not rapport.pseudoniem:
        return False  # a full report made before her role changed is no longer hers to read
    regel = {
        "traject": RULES[TRAJECTRAPPORT_AANVRAGEN],
        "netwerkplan": RULES[NETWERK_AFDRUKKEN],
        "overdracht": RULES[OVERDRACHT_DELEN],
        "inzage": RULES[INZAGE_EXPORTEREN],
        "periode": lambda user, rapport: _periode_van_eigen_gemeente(user, rapport.gemeente),
        "evaluatie": _evaluatie_scope,
    }[rapport.soort]
    if rapport.soort == "overdracht" and not _toestemming_voor_overdracht(rapport):
        return False  # the client withdrew consent: the handover document is no longer handed out
    return regel(user, rapport if rapport.soort in {"periode", "evaluatie"} else rapport.traject)


def _toestemming_voor_overdracht(rapport) -> bool:
    from ketenpartners.constants import Reikwijdte
    from ketenpartners.selectors import geldige_toestemming

    return (
        geldige_toestemming(
            traject=rapport.traject,
            ketenpartner=rapport.overdracht.ketenpartner,
            reikwijdte=Reikwijdte.OVERDRACHT,
            op=timezone.localdate(),
        )
        is not None
    )


def _een_van(*regels):
    return lambda user, obj: any(regel(user, obj) for regel in regels)


RULES: dict[str, Callable[[object, object], bool]] = {
    HOME: _heeft_rol,
    ACCOUNT_BEVEILIGING: lambda user, obj: True,
    TOEGANGSLOG_ZOEKEN: _is_beheerder,
    BEHEER: _is_beheerder,
    TRAJECTEN_LIJST: lambda user, obj: rol_van(user) in {Rol.COORDINATOR, Rol.CASEMANAGER, Rol.MEDEWERKER},
    AANMELDING_REGISTREREN: _coordinator_van,
    TRAJECT_BEKIJKEN: _een_van(_coordinator_van, _casemanager_van, _toegewezen_medewerker),
    TRAJECT_TRIEREN: _coordinator_van,
    INTAKE_VASTLEGGEN: _coordinator_van,
    INDICATIE_AANVRAGEN: _coordinator_van,
    INDICATIE_BESLISSEN: _casemanager_van,
    REGIE_VASTLEGGEN: _een_van(_casemanager_van, _coordinator_van),
    TOEWIJZEN: _coordinator_van,
    TRAJECT_STARTEN: _coordinator_van,
    TRAJECT_ANNULEREN: _een_van(_casemanager_van, _coordinator_van),
    VOORZIENINGEN_BEKIJKEN: _een_van(_casemanager_van, _coordinator_van),
    PLAN_VASTLEGGEN: _een_van(_coordinator_van, _toegewezen_medewerker),
    HUISBEZOEK_REGISTREREN: _toegewezen_medewerker,
    HUISBEZOEK_CORRIGEREN: _een_van(_coordinator_van, _toegewezen_medewerker),
    HUISBEZOEK_CORRIGEREN_NA_VERGRENDELING: _coordinator_van,
    BUDGET_UITZONDERING: _coordinator_van,
    NETWERK_BEHEREN: _een_van(_coordinator_van, _toegewezen_medewerker),
    NETWERK_AFDRUKKEN: _een_van(_coordinator_van, _casemanager_van, _toegewezen_medewerker),
    EVALUATIE_VASTLEGGEN: _een_van(_coordinator_van, _casemanager_van),
    SIGNAAL_MELDEN: _een_van(_coordinator_van, _casemanager_van, _toegewezen_medewerker),
    GEBOORTE_VASTLEGGEN: _een_van(_coordinator_van, _casemanager_van, _toegewezen_medewerker),
    MELDCODE_VASTLEGGEN: _een_van(_coordinator_van, _casemanager_van, _toegewezen_medewerker),
    AFSLUITING_VOORSTELLEN: _coordinator_van,
    AFSLUITEN: _casemanager_van,
    SOCIALE_KAART_ZOEKEN: _heeft_rol,
    BETROKKENHEID_BEHEREN: _een_van(_casemanager_van, _coordinator_van),
    TOESTEMMING_VASTLEGGEN: _een_van(_casemanager_van, _coordinator_van),
    OVERDRACHT_DELEN: _een_van(_casemanager_van, _coordinator_van),
    # obj: the municipality (Organisatie) whose chain is shown.
    KETENOVERZICHT_BEKIJKEN: lambda user, gemeente: (
        is_globale_beheerder(user)
        or (
            rol_van(user) in {Rol.CASEMANAGER, Rol.GEMEENTE_RAPPORTAGE}
            and (gemeente is None or gemeente.pk == _org_id(user))
        )
    ),
    RAPPORTEN_LIJST: lambda user, obj: (
        rol_van(user) in {Rol.COORDINATOR, Rol.CASEMANAGER, Rol.MEDEWERKER, Rol.GEMEENTE_RAPPORTAGE}
        or is_globale_beheerder(user)  # her programme evaluations (issue 13)
    ),
    RAPPORT_BEKIJKEN: _rapport_lezer,
    # Full for the casemanager and the provider; pseudonymised for gemeente-rapportage.
    TRAJECTRAPPORT_AANVRAGEN: _een_van(_casemanager_van, _coordinator_van, _gemeente_rapportage_van),
    RAPPORTAGE_TRAJECTEN: lambda user, obj: rol_van(user) == Rol.GEMEENTE_RAPPORTAGE,
    # obj: the municipality the period report is about.
    PERIODERAPPORT_AANVRAGEN: _periode_van_eigen_gemeente,
    EVALUATIE_AANVRAGEN: _evaluatie_scope,
    # The casemanager of the family's municipality, on the client's request.
    CLIENTRECHTEN_BEKIJKEN: _casemanager_van,
    INZAGE_EXPORTEREN: _casemanager_van,
    CORRECTIEVERZOEK_VASTLEGGEN: _casemanager_van,
    GEGEVENS_WISSEN: _casemanager_van,
    GEZONDHEID: lambda user, obj: True,
    # obj: the medewerker who leaves.
    MEDEWERKER_UIT_DIENST: _beheerder_van_gebruiker,
}


# Per-request memo of the answers, kept on the request's user object (which lives as long as the request).
_MEMO = "_policy_memo"


def onthoud_per_verzoek(user) -> None:
    """Remember the policy's answers for this request: a page asks the same question for each action it
    shows. Called by the views for ``request.user``; other user objects (tests, the worker) ask afresh."""
    if user is not None and user.is_authenticated:
        setattr(user, _MEMO, {})


def binnen_scope_gevonden(user, traject) -> None:
    """A trajectory found through ``zichtbaar`` by a medewerker proves her grant and her assignment running
    today (her scope asks exactly that): remember it for the rest of the request instead of asking again."""
    memo = getattr(user, _MEMO, None)
    if memo is not None and rol_van(user) == Rol.MEDEWERKER and traject.aanbieder_id == _org_id(user):
        memo[("toegewezen", traject.pk)] = True


def may(user, actie: str, obj: Model | None = None) -> bool:
    """May ``user`` do ``actie`` (on ``obj``)? Nobody may do anything without both factors."""
    rule = RULES[actie]  # an unknown action is a programming error, not a refusal
    if not is_geverifieerd(user):
        return False
    memo = getattr(user, _MEMO, None)
    if memo is None or (obj is not None and obj.pk is None):
        return rule(user, obj)
    sleutel = (actie, obj._meta.label if obj is not None else None, obj.pk if obj is not None else None)
    if sleutel not in memo:
        memo[sleutel] = rule(user, obj)
    return memo[sleutel]


def mag_namens(user, actie: str, obj: Model | None = None) -> bool:
    """For background work done for a user (a report rendered by the worker): the same rule as
    ``may``, without the second-factor check that only a request can pass, and only for active users."""
    return bool(user is not None and user.is_active and RULES[actie](user, obj))


# Which rows of a model a user may see. Keyed by model label; "organisatie" is the path from
# the model to the organisation it belongs to.
_BEHEER_SCOPE_PATHS = {
    "core.Toegangslog": ("organisatie",),
    "accounts.Organisatie": ("pk",),
    "accounts.Team": ("organisatie",),
    "accounts.User": ("lidmaatschap__organisatie",),
    "accounts.Lidmaatschap": ("organisatie",),
    "accounts.MedewerkerProfiel": ("user__lidmaatschap__organisatie",),
    # A contract belongs to both parties: the municipality's and the provider's beheerder see it.
    "indicaties.Contract": ("gemeente", "aanbieder"),
    # Reference data shared by everyone: managed by global beheerders only.
    "indicaties.Voorziening": (),
    "indicaties.Criterium": (),
    # The social map: a chain partner's own beheerder keeps its entry; tags and covenants are shared.
    "ketenpartners.Ketenpartner": ("organisatie",),
    "ketenpartners.Dienst": (),
    "ketenpartners.Convenant": (),
    # Regions for the programme evaluation (issue 13): kept by global beheerders.
    "rapportage.Regio": (),
}


def _toegekende_trajecten(user) -> QuerySet:
    """Ids of the trajectories she holds django-guardian's view grant on, as a subquery. Read from the
    grant table directly: guardian's get_objects_for_user casts every trajectory id to text to match
    its object_pk column, a full scan at national scale; casting her few grants is cheap."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import BigIntegerField
    from django.db.models.functions import Cast
    from guardian.models import UserObjectPermission

    from trajecten.models import Traject

    return (
        UserObjectPermission.objects.filter(
            user=user,
            permission__codename="view_traject",
            content_type=ContentType.objects.get_for_model(Traject),
        )
        .annotate(traject_id=Cast("object_pk", BigIntegerField()))
        .values("traject_id")
    )


def _traject_voorwaarde(user, pad: str = "", kopie: bool = False) -> Q | None:
    """The trajectories ``user`` may see, as a condition on the trajectory at ``pad`` (empty: the model is
    Traject itself; "traject": a signal's or evaluation's trajectory). None: nothing. ``kopie``: the row
    carries its trajectory's provider and municipality itself (``core.models.TrajectScopeKopie``), so the
    organisation is tested on the row, where an index starting with it finds the few rows that match."""
    rol, org = rol_van(user), _org_id(user)
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
        from trajecten.models import Toewijzing

        vandaag = timezone.localdate()
        lopend = Toewijzing.objects.filter(medewerker=user, van__lte=vandaag).exclude(tot__lt=vandaag)
        # Only her own provider's families, even if a grant outlived a move to another provider.
        return Q(**{aanbieder: org, f"{traject_id}__in": _toegekende_trajecten(user)}) & Q(
            **{f"{traject_id}__in": lopend.values("traject_id")}
        )
    return None


def _zichtbare_trajecten(user, queryset: QuerySet) -> QuerySet:
    voorwaarde = _traject_voorwaarde(user)
    return queryset.none() if voorwaarde is None else queryset.filter(voorwaarde)


def zichtbaar_via_traject(user, queryset: QuerySet, pad: str = "traject") -> QuerySet:
    """Rows of a trajectory's model (signals, evaluations, requests, visits) the user may see: the same
    rule as for the trajectory, written as a join on ``pad`` rather than an IN over every visible
    trajectory, so PostgreSQL starts from the few rows that match instead of the whole country."""
    kopie = pad == "traject" and issubclass(queryset.model, TrajectScopeKopie)
    voorwaarde = _traject_voorwaarde(user, pad, kopie) if is_geverifieerd(user) else None
    return queryset.none() if voorwaarde is None else queryset.filter(voorwaarde)


def pseudoniem_zichtbare_trajecten(user, queryset: QuerySet) -> QuerySet:
    """The trajectories gemeente-rapportage may know by number only (for pseudonymised reports)."""
    if not is_geverifieerd(user) or rol_van(user) != Rol.GEMEENTE_RAPPORTAGE:
        return queryset.none()
    return queryset.filter(gemeente_id=_org_id(user))


def zichtbaar(user, queryset: QuerySet) -> QuerySet:
    """Scope ``queryset`` to what ``user`` may see. Unknown models show nothing."""
    if not is_geverifieerd(user):
        return queryset.none()
    label = queryset.model._meta.label
    if label == "trajecten.Traject":
        return _zichtbare_trajecten(user, queryset)
    paths = _BEHEER_SCOPE_PATHS.get(label)
    if paths is None or rol_van(user) != Rol.BEHEERDER:
        return queryset.none()
    if is_globale_beheerder(user):
        return queryset
    eigen = Q()
    for path in paths:
        eigen |= Q(**{path: lidmaatschap_van(user).organisatie_id})
    return queryset.filter(eigen) if paths else queryset.none()
