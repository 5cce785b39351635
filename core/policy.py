"""The one permission policy: "may this user do this action on this object" and "which objects may she see".

This module is the mechanism only: the registry of rules, the per-request memo, the predicates every app
shares (role, organisation, the tenant checks on a trajectory-like object) and ``may``/``zichtbaar``.
It imports nothing from the domain apps. Each app declares its own actions and rules next to its models,
in ``<app>/rules.py``, which registers them here with ``registreer`` (and its scopes with
``registreer_scope``/``registreer_beheerscope``); the rules modules are discovered like admin modules
(``ontdek_regels``, called from CoreConfig.ready). See docs/architecture.md.

Organisation membership and role decide the broad rules; django-guardian holds per-object grants
(e.g. a medewerker's assignment to a family), checked here and nowhere else. Tenant isolation is
absolute: a user of another provider or municipality gets nothing. Views, selectors and the admin ask
this module; the URLconf-walking test (tests/core/test_permission_matrix.py) checks every view names
one of the registered actions.

An action is a string ("traject.bekijken"); its constant is defined in the app's rules module
(``trajecten.rules.TRAJECT_BEKIJKEN``) and is also readable here as ``policy.TRAJECT_BEKIJKEN``: the
name is the action in capitals with "." as "_" (see ``__getattr__``).
"""

from collections.abc import Callable

from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from .constants import Rol

Regel = Callable[[object, object], bool]

# action -> rule(user, obj). Filled by the apps' rules modules through ``registreer``.
RULES: dict[str, Regel] = {}
# model label -> scope(user, queryset) for the models with their own visibility rule (the trajectory).
_SCOPES: dict[str, Callable[[object, QuerySet], QuerySet]] = {}
# Which rows of a model a beheerder may see. Keyed by model label; each path leads from the model to the
# organisation it belongs to (no paths: reference data, managed by global beheerders only).
_BEHEER_SCOPE_PATHS: dict[str, tuple[str, ...]] = {}
_ontdekt = False


def constante_naam(actie: str) -> str:
    """The constant an action is known by: "traject.bekijken" -> "TRAJECT_BEKIJKEN"."""
    return actie.upper().replace(".", "_")


def registreer(regels: dict[str, Regel]) -> None:
    """Add an app's actions and their rules. An action is declared once, by one app."""
    for actie, regel in regels.items():
        if actie in RULES and RULES[actie] is not regel:
            raise ValueError(f"policy action {actie!r} is declared twice")
        RULES[actie] = regel


def registreer_scope(label: str, scope: Callable[[object, QuerySet], QuerySet]) -> None:
    """The visibility rule of a model (by label) that is not a beheer model: ``zichtbaar`` asks it."""
    _SCOPES[label] = scope


def registreer_beheerscope(paden: dict[str, tuple[str, ...]]) -> None:
    """Models a beheerder manages, with the paths from each to the organisation it belongs to."""
    _BEHEER_SCOPE_PATHS.update(paden)


def ontdek_regels() -> None:
    """Import every installed app's ``rules`` module once (each registers its actions on import)."""
    global _ontdekt
    if _ontdekt:
        return
    _ontdekt = True
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("rules")


def __getattr__(naam: str) -> str:
    """``policy.TRAJECT_BEKIJKEN``: the registered action of that name (module attribute fallback)."""
    if naam.startswith("_") or not naam.isupper():
        raise AttributeError(naam)
    ontdek_regels()
    for actie in RULES:
        if constante_naam(actie) == naam:
            # Kept as a module attribute: a page asks its actions hundreds of times per request.
            globals()[naam] = actie
            return actie
    raise AttributeError(f"no policy action {naam}: declare it in an app's rules.py")


# Shared predicates.


def lidmaatschap_van(user):
    if user is None or not user.is_authenticated:
        return None
    return getattr(user, "lidmaatschap", None)


def rol_van(user) -> str | None:
    lidmaatschap = lidmaatschap_van(user)
    return lidmaatschap.rol if lidmaatschap else None


def org_id(user):
    lidmaatschap = lidmaatschap_van(user)
    return lidmaatschap.organisatie_id if lidmaatschap else None


def is_geverifieerd(user) -> bool:
    """Logged in with both factors (django-otp sets is_verified on the request's user)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(
        user is not None and user.is_authenticated and user.is_active and is_verified and is_verified()
    )


def is_globale_beheerder(user) -> bool:
    lidmaatschap = lidmaatschap_van(user)
    return bool(lidmaatschap and lidmaatschap.is_globaal)


def is_beheerder(user, obj) -> bool:
    return rol_van(user) == Rol.BEHEERDER


def heeft_rol(user, obj) -> bool:
    return rol_van(user) is not None


def altijd(user, obj) -> bool:
    return True


def een_van(*regels: Regel) -> Regel:
    return lambda user, obj: any(regel(user, obj) for regel in regels)


# Tenant checks on a trajectory (or any object with ``aanbieder_id``, ``gezin.gemeente_id`` and
# ``toewijzingen``); without one: may she do this kind of thing at all.


def coordinator_van(user, traject) -> bool:
    """The coordinator of the trajectory's provider (without a trajectory: any coordinator)."""
    if rol_van(user) != Rol.COORDINATOR:
        return False
    return traject is None or traject.aanbieder_id == org_id(user)


def casemanager_van(user, traject) -> bool:
    """A casemanager of the family's municipality of residence (woonplaatsbeginsel)."""
    if rol_van(user) != Rol.CASEMANAGER:
        return False
    return traject is None or traject.gezin.gemeente_id == org_id(user)


def gemeente_rapportage_van(user, traject) -> bool:
    """Gemeente-rapportage of the family's municipality: reads only pseudonymised reports."""
    if rol_van(user) != Rol.GEMEENTE_RAPPORTAGE:
        return False
    return traject is None or traject.gezin.gemeente_id == org_id(user)


def toegekende_ids(user, model) -> QuerySet:
    """Ids of the ``model`` rows she holds django-guardian's view grant on, as a subquery. Read from the
    grant table directly: guardian's get_objects_for_user casts every id to text to match its object_pk
    column, a full scan at national scale; casting her few grants is cheap."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import BigIntegerField
    from django.db.models.functions import Cast
    from guardian.models import UserObjectPermission

    return (
        UserObjectPermission.objects.filter(
            user=user,
            permission__codename=f"view_{model._meta.model_name}",
            content_type=ContentType.objects.get_for_model(model),
        )
        .annotate(traject_id=Cast("object_pk", BigIntegerField()))
        .values("traject_id")
    )


def toegewezen_medewerker(user, traject) -> bool:
    """A medewerker with a grant (django-guardian) and an assignment that runs today: one query, asked
    once per trajectory in a request (every action on her pages rests on this one fact)."""
    if rol_van(user) != Rol.MEDEWERKER or traject is None or traject.aanbieder_id != org_id(user):
        return False
    memo = getattr(user, _MEMO, None)
    sleutel = ("toegewezen", traject.pk)
    if memo is not None and sleutel in memo:
        return memo[sleutel]
    vandaag = timezone.localdate()
    antwoord = (
        traject.toewijzingen.filter(
            medewerker=user, van__lte=vandaag, traject_id__in=toegekende_ids(user, type(traject))
        )
        .exclude(tot__lt=vandaag)
        .exists()
    )
    if memo is not None:
        memo[sleutel] = antwoord
    return antwoord


def binnen_scope_gevonden(user, traject) -> None:
    """A trajectory found through ``zichtbaar`` by a medewerker proves her grant and her assignment running
    today (her scope asks exactly that): remember it for the rest of the request instead of asking again."""
    memo = getattr(user, _MEMO, None)
    if memo is not None and rol_van(user) == Rol.MEDEWERKER and traject.aanbieder_id == org_id(user):
        memo[("toegewezen", traject.pk)] = True


# Per-request memo of the answers, kept on the request's user object (which lives as long as the request).
_MEMO = "_policy_memo"


def onthoud_per_verzoek(user) -> None:
    """Remember the policy's answers for this request: a page asks the same question for each action it
    shows. Called by the views for ``request.user``; other user objects (tests, the worker) ask afresh."""
    if user is not None and user.is_authenticated:
        setattr(user, _MEMO, {})


def regel(actie: str) -> Regel:
    """The rule of ``actie``; an unknown action is a programming error (KeyError), not a refusal."""
    if actie not in RULES:
        ontdek_regels()
    return RULES[actie]


def may(user, actie: str, obj: Model | None = None) -> bool:
    """May ``user`` do ``actie`` (on ``obj``)? Nobody may do anything without both factors."""
    rule = regel(actie)
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
    return bool(user is not None and user.is_active and regel(actie)(user, obj))


def zichtbaar(user, queryset: QuerySet) -> QuerySet:
    """Scope ``queryset`` to what ``user`` may see. Unknown models show nothing."""
    if not is_geverifieerd(user):
        return queryset.none()
    ontdek_regels()
    label = queryset.model._meta.label
    if label in _SCOPES:
        return _SCOPES[label](user, queryset)
    paths = _BEHEER_SCOPE_PATHS.get(label)
    if paths is None or rol_van(user) != Rol.BEHEERDER:
        return queryset.none()
    if is_globale_beheerder(user):
        return queryset
    eigen = Q()
    for path in paths:
        eigen |= Q(**{path: lidmaatschap_van(user).organisatie_id})
    return queryset.filter(eigen) if paths else queryset.none()
