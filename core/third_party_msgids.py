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
    # Django 5.2's admin and auth texts its nl catalogue leaves untranslated (note the typographic ’).
    _("After you’ve created a user, you’ll be able to edit more user options."),
    _("Error:"),
    _("Forgotten your login credentials?"),
    _("In case you’ve forgotten, you are:"),
    _("Model name"),
    _("Add link"),
    _("Change or view list link"),
    ngettext_lazy(
        "Verification temporarily disabled because of %(failure_count)d failed attempt, please try again soon.",
        "Verification temporarily disabled because of %(failure_count)d failed attempts, please try again soon.",
        "failure_count",
    ),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
]
