from django.views.generic import TemplateView

from core import policy
from core.constants import Gebeurtenis
from core.rules import HOME
from core.toegangslog import log_toegang
from core.views import PolicyMixin

from . import werklijsten
from .panelen import ALTIJD_VERS, PANELEN, WERKLIJST_ROLLEN


class HomeView(PolicyMixin, TemplateView):
    """Each role's home: the panels of werkplek.panelen, arranged by the role's template."""

    actie = HOME

    def get_template_names(self):
        return [f"core/home/{policy.rol_van(self.request.user)}.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, rol = self.request.user, policy.rol_van(self.request.user)
        panelen = PANELEN.get(rol, [])
        context.update(
            werklijsten.kaarten(
                user,
                [p for p in panelen if p not in ALTIJD_VERS],
                vernieuwen="vernieuwen" in self.request.GET,
            )
        )
        for paneel in panelen:
            if paneel in ALTIJD_VERS:
                context.update(paneel(user))
        if rol in WERKLIJST_ROLLEN:
            log_toegang(self.request, gebeurtenis=Gebeurtenis.ZOEKEN, omschrijving="werklijst bekeken")
        return context
