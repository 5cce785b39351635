from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KetenpartnersConfig(AppConfig):
    name = "ketenpartners"
    verbose_name = _("Chain partners")

    def ready(self):
        # The social map takes part in the trajectory's workflow (trajecten does not import this app).
        from trajecten import haken

        from .services import controleer_skj_professional, overdracht_vastleggen

        haken.registreer(haken.regievoerder_controles, controleer_skj_professional)
        haken.registreer(haken.bij_overdracht, overdracht_vastleggen)
