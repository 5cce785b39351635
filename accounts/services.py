"""The credential lifecycle: a new password, a second-factor reset and a deactivation end every session
of that user at once (through Django's session hash, see ``User._get_session_auth_hash``), and each is
written to the access log."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.constants import Gebeurtenis
from core.toegangslog import log_toegang

from .models import User


def sessies_beeindigen(user: User) -> None:
    """Every session of ``user`` ends: the next request of each finds a session hash that no longer fits
    and is logged out. Works for any session backend, without finding the sessions themselves."""
    user.sessies_beeindigd_op = timezone.now()
    User.objects.filter(pk=user.pk).update(sessies_beeindigd_op=user.sessies_beeindigd_op)


def _log(request, user: User, omschrijving: str) -> None:
    log_toegang(request, gebeurtenis=Gebeurtenis.WIJZIGEN, obj=user, omschrijving=omschrijving)


RESETREDEN_MAX = 255


def resetreden_fout(reden: str) -> str:
    """Why this reason does not do for a second-factor reset, or "". Every path that resets asks it (the
    admin action shows it beside the field before anything happens; the service refuses without)."""
    if not reden.strip():
        return _("Write why the second factor is reset (for example: phone lost).")
    if len(reden.strip()) > RESETREDEN_MAX:
        return _("The reason has at most 255 characters.")
    return ""


@transaction.atomic
def tweede_factor_resetten(*, request, user: User, reden: str) -> None:
    """Lost phone: her authenticator and recovery codes go, and so does every session she has, so
    nobody holding one of them can enrol a new authenticator: that takes her password again. Never
    without a reason: it goes to the access log with who did it."""
    if fout := resetreden_fout(reden):
        raise ValidationError({"reden": fout})
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    sessies_beeindigen(user)
    _log(
        request,
        user,
        f"tweede factor gereset voor {user.username}; alle sessies beëindigd; reden: {reden.strip()}",
    )


@transaction.atomic
def wachtwoord_gewijzigd(*, request, user: User) -> None:
    """After a password change (the new hash already ends her other sessions; the form that changed
    it keeps the changer's own session through ``update_session_auth_hash``)."""
    _log(request, user, f"wachtwoord gewijzigd voor {user.username}; andere sessies beëindigd")


@transaction.atomic
def gebruiker_gedeactiveerd(*, request, user: User) -> None:
    """After ``is_active`` went off: her sessions end too, so re-activating the account later does not
    bring an old session back to life."""
    sessies_beeindigen(user)
    _log(request, user, f"account {user.username} gedeactiveerd; alle sessies beëindigd")


@transaction.atomic
def gebruiker_gereactiveerd(*, request, user: User) -> None:
    _log(request, user, f"account {user.username} opnieuw geactiveerd")
