from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatiesConfig(AppConfig):
    name = "indicaties"
    verbose_name = _("Indications")
