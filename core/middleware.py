from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import user_has_device

from . import policy
from .cache import ALLE_ORGANISATIES, nieuwe_versie, organisatie_versie_naam
from .constants import Gebeurtenis, Rol, Uitkomst
from .toegangslog import log_toegang

# Pages a logged-in user may open before her second factor is verified.
TWEEDE_FACTOR_VRIJ = (
    "two_factor:login",
    "two_factor:setup",
    "two_factor:qr",
    "two_factor:setup_complete",
    "core:logout",
)


# Ids of elements that refresh themselves (hx-trigger="every …"): their requests keep no session alive.
AUTOMATISCHE_VERVERSING = {"rapport-status"}


class IdleTimeoutMiddleware:
    """Log out after settings.IDLE_TIMEOUT without a request, and say so on the login page."""

    session_key = "laatste_activiteit"
    schrijf_interval = 60  # seconds; the timeout is therefore exact to within a minute

    def __init__(self, get_response):
        self.get_response = get_response

    @classmethod
    def bij_inloggen(cls, sender, request, user, **kwargs):
        """Logging in is activity; written with the login's own session save, not on the next page."""
        if request is not None and hasattr(request, "session"):
            request.session[cls.session_key] = timezone.now().timestamp()

    def __call__(self, request):
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            last = request.session.get(self.session_key)
            if last is not None and now - last > settings.IDLE_TIMEOUT.total_seconds():
                logout(request)
                messages.warning(
                    request, _("Your session has expired because you were inactive. Please log in again.")
                )
                response = redirect_to_login(request.get_full_path())
                if getattr(request, "htmx", False):
                    response["HX-Redirect"] = response["Location"]
                return response
            # A status page polling by itself (htmx) is not the user being active. The time is written at
            # most once a minute: writing it on every request costs a session UPDATE per page.
            if request.headers.get("HX-Trigger") not in AUTOMATISCHE_VERVERSING and (
                last is None or now - last >= self.schrijf_interval
            ):
                request.session[self.session_key] = now
        return self.get_response(request)


class SchrijfVersieMiddleware:
    """After a write that went through (POST, PUT, PATCH or DELETE answered below 400), what the writer's
    organisation sees on its homes is stale: bump its version, so that cached worklists and figures
    (werkplek.werklijsten, rapportage.kerncijfers) are built afresh on her next page. A beheerder's write
    (memberships, grants) may concern any organisation and bumps them all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in ("GET", "HEAD", "OPTIONS", "TRACE") or response.status_code >= 400:
            return response
        lidmaatschap = policy.lidmaatschap_van(getattr(request, "user", None))
        if lidmaatschap is not None:
            namen = [organisatie_versie_naam(lidmaatschap.organisatie_id)]
            if lidmaatschap.rol == Rol.BEHEERDER:
                namen.append(ALLE_ORGANISATIES)
            nieuwe_versie(*namen)
        return response


class RequireSecondFactorMiddleware:
    """No page beyond the two-factor pages without a verified second factor."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._vrije_paden = None

    def __call__(self, request):
        return self.get_response(request)

    def vrije_paden(self):
        if self._vrije_paden is None:
            self._vrije_paden = {reverse(name) for name in TWEEDE_FACTOR_VRIJ}
        return self._vrije_paden

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if request.path in self.vrije_paden() or request.path.startswith(settings.STATIC_URL):
            return None
        view_class = getattr(view_func, "view_class", None)
        if getattr(view_class, "client_data", False):
            log_toegang(
                request,
                gebeurtenis=getattr(view_class, "gebeurtenis", Gebeurtenis.LEZEN),
                uitkomst=Uitkomst.GEWEIGERD,
                reden="tweede factor niet geverifieerd",
            )
        if user_has_device(user):
            # Has a device but did not pass it in this session: start the login again.
            logout(request)
            return redirect_to_login(request.get_full_path())
        messages.info(
            request, _("Set up your second factor first: without it you cannot use the application.")
        )
        return redirect("two_factor:setup")
