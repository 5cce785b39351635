from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectenConfig(AppConfig):
    name = "trajecten"
    verbose_name = _("Trajectories")
