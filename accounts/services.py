"""The credential lifecycle: a new password, a second-factor reset and a deactivation end every session
of that user at once (through Django's session hash, see ``User._get_session_auth_hash``), and each is
written to the access log."""

from django.db import transaction
from django.utils import timezone
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


@transaction.atomic
def tweede_factor_resetten(*, request, user: User, reden: str = "") -> None:
    """Lost phone: her authenticator and recovery codes go, and so does every session she has, so
    nobody holding one of them can enrol a new authenticator: that takes her password again."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    sessies_beeindigen(user)
    omschrijving = f"tweede factor gereset voor {user.username}; alle sessies beëindigd"
    _log(request, user, f"{omschrijving}; reden: {reden}" if reden else omschrijving)


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
