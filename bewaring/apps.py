from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BewaringConfig(AppConfig):
    """Retention of client records and the access log, and the client's rights under the AVG."""

    name = "bewaring"
    verbose_name = _("Retention and client rights")

    def ready(self):
        from rapportage.maken import registreer_soort

        from . import checks  # noqa: F401 - registers the system checks
        from .inzage import inzage_maken

        registreer_soort("inzage", inzage_maken)
