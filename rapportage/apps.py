from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RapportageConfig(AppConfig):
    name = "rapportage"
    verbose_name = _("Reports")

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
