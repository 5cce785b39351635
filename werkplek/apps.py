from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WerkplekConfig(AppConfig):
    """The top floor: each role's home, composed of the panels the apps below offer."""

    name = "werkplek"
    verbose_name = _("Workplace")
