from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectenConfig(AppConfig):
    name = "trajecten"
    verbose_name = _("Trajectories")

    def ready(self):
        # A medewerker's running assignments must be handed over before her account or membership ends.
        from accounts import vertrek

        from .vertrek import aantal_lopende_toewijzingen

        vertrek.registreer(vertrek.Bron(aantal=aantal_lopende_toewijzingen, url_naam="trajecten:uit_dienst"))
