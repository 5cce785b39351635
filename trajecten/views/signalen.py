"""Signals and the Meldcode steps."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import policy
from core.constants import Gebeurtenis
from core.views import BinnenTrajectMixin
from trajecten import signalen
from trajecten.forms import MeldcodeForm, SignaalAfrondenForm, SignaalForm

from .basis import ActieView


class SignaalNieuwView(ActieView):
    actie = policy.SIGNAAL_MELDEN
    gebeurtenis = Gebeurtenis.AANMAKEN
    form_class = SignaalForm
    titel = _("Record a signal")
    knop = _("Record signal")
    tab = "signalen"
    succes = _("The signal has been recorded.")

    def get_initial(self):
        return {}

    def uitvoeren(self, form):
        signalen.signaal_melden(request=self.request, traject=self.traject, **form.cleaned_data)


class SignaalMixin(BinnenTrajectMixin):
    binnen_traject_naam = "signaal"
    binnen_traject_relatie = "signalen"


class MeldcodeView(SignaalMixin, ActieView):
    actie = policy.MELDCODE_VASTLEGGEN
    form_class = MeldcodeForm
    template_name = "trajecten/meldcode.html"
    titel = _("Meldcode step")
    knop = _("Save step")
    tab = "signalen"
    succes = _("The Meldcode step has been saved.")

    def get_initial(self):
        volgende = len(self.signaal.meldcode.all()) + 1
        return {"stap": min(volgende, 5), "datum": timezone.localdate()}

    def uitvoeren(self, form):
        signalen.meldcode_stap_vastleggen(request=self.request, signaal=self.signaal, **form.cleaned_data)


class SignaalAfrondenView(SignaalMixin, ActieView):
    actie = policy.MELDCODE_VASTLEGGEN
    form_class = SignaalAfrondenForm
    titel = _("Close the signal")
    knop = _("Close signal")
    tab = "signalen"
    succes = _("The signal has been closed.")

    def get_initial(self):
        return {"acties": self.signaal.acties}

    def uitvoeren(self, form):
        signalen.signaal_afronden(
            request=self.request, signaal=self.signaal, acties=form.cleaned_data["acties"]
        )
