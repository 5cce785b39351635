"""Messages of django-otp and django-two-factor-auth that users see, so that our nl catalogue
(which takes precedence over the libraries') words them our way. Never imported at run time."""

from django.utils.translation import gettext_noop as _
from django.utils.translation import ngettext_lazy

MSGIDS = [
    _("Invalid token. Please make sure you have entered it correctly."),
    _("Entered token is not valid."),
    _("Please enter your OTP token."),
    _("Verification of the token is currently disabled"),
    _("Token"),
    _("Method"),
    _("After you've created a user, you'll be able to edit more user options."),
    _("Model name"),
    _("Add link"),
    _("Change or view list link"),
    ngettext_lazy(
        "Verification temporarily disabled because of %(failure_count)d failed attempt, please try again soon.",
        "Verification temporarily disabled because of %(failure_count)d failed attempts, please try again soon.",
        "failure_count",
    ),
]
