"""The one permission policy: "may this user do this action on this object" and "which objects may she see".

Organisation membership and role decide the broad rules; django-guardian holds per-object grants
(e.g. a medewerker's assignment to a family), checked here and nowhere else. Tenant isolation is
absolute: a user of another provider or municipality gets nothing. Views, selectors and the admin ask
this module; the URLconf-walking test (tests/core/test_permission_matrix.py) checks every view names
one of these actions.
"""

from collections.abc import Callable

from django.db.models import Model, QuerySet

from accounts.constants import Rol

# Actions. Later apps add theirs here, with their rule below.
HOME = "home"
ACCOUNT_BEVEILIGING = "account.beveiliging"
TOEGANGSLOG_ZOEKEN = "toegangslog.zoeken"
BEHEER = "beheer"


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


RULES: dict[str, Callable[[object, object], bool]] = {
    HOME: _heeft_rol,
    ACCOUNT_BEVEILIGING: lambda user, obj: True,
    TOEGANGSLOG_ZOEKEN: _is_beheerder,
    BEHEER: _is_beheerder,
}


def may(user, actie: str, obj: Model | None = None) -> bool:
    """May ``user`` do ``actie`` (on ``obj``)? Nobody may do anything without both factors."""
    rule = RULES[actie]  # an unknown action is a programming error, not a refusal
    if not is_geverifieerd(user):
        return False
    return rule(user, obj)


# Which rows of a model a user may see. Keyed by model label; "organisatie" is the path from
# the model to the organisation it belongs to.
_BEHEER_SCOPE_PATHS = {
    "core.Toegangslog": "organisatie",
    "accounts.Organisatie": "pk",
    "accounts.Team": "organisatie",
    "accounts.User": "lidmaatschap__organisatie",
    "accounts.Lidmaatschap": "organisatie",
    "accounts.MedewerkerProfiel": "user__lidmaatschap__organisatie",
}


def zichtbaar(user, queryset: QuerySet) -> QuerySet:
    """Scope ``queryset`` to what ``user`` may see. Unknown models show nothing."""
    if not is_geverifieerd(user):
        return queryset.none()
    label = queryset.model._meta.label
    path = _BEHEER_SCOPE_PATHS.get(label)
    if path is None or rol_van(user) != Rol.BEHEERDER:
        return queryset.none()
    if is_globale_beheerder(user):
        return queryset
    return queryset.filter(**{path: lidmaatschap_van(user).organisatie_id})
