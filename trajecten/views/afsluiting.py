"""The end of a trajectory: proposing closure, closing it, and cancelling it before it ends."""

from django.utils.translation import gettext_lazy as _

from core import policy
from trajecten import services, signalen
from trajecten.forms import AfsluitenForm, AfsluitingVoorstelForm, AnnulerenForm

from .basis import ActieView


class AnnulerenView(ActieView):
    actie = policy.TRAJECT_ANNULEREN
    form_class = AnnulerenForm
    titel = _("Cancel the trajectory")
    knop = _("Cancel trajectory")
    tab = "geschiedenis"
    succes = _("The trajectory has been cancelled.")

    def uitvoeren(self, form):
        services.traject_annuleren(
            request=self.request,
            traject=self.traject,
            reden=form.cleaned_data["reden"],
            versie=form.cleaned_data["versie"],
        )


class AfsluitingVoorstellenView(ActieView):
    formulier_met_traject = True
    actie = policy.AFSLUITING_VOORSTELLEN
    form_class = AfsluitingVoorstelForm
    titel = _("Propose closure")
    knop = _("Propose closure to the case manager")
    tab = "geschiedenis"
    succes = _("Closure has been proposed to the case manager.")

    def uitvoeren(self, form):
        data = form.cleaned_data
        signalen.afsluiting_voorstellen(
            request=self.request,
            traject=self.traject,
            uitkomst=data["uitkomst"],
            overgedragen_aan=data["overgedragen_aan"],
            overgedragen_aan_partner=data["overgedragen_aan_partner"],
            toelichting=data["toelichting"],
            tevredenheid_medewerker=data["tevredenheid_medewerker"],
            versie=data["versie"],
        )


class AfsluitenView(ActieView):
    actie = policy.AFSLUITEN
    form_class = AfsluitenForm
    template_name = "trajecten/afsluiten.html"
    titel = _("Close the trajectory")
    knop = _("Close trajectory")
    tab = "geschiedenis"
    succes = _("The trajectory has been closed.")

    def uitvoeren(self, form):
        data = form.cleaned_data
        signalen.traject_afsluiten(
            request=self.request,
            traject=self.traject,
            tevredenheid_client=data["tevredenheid_client"],
            tevredenheid_partner=data["tevredenheid_partner"],
            versie=data["versie"],
        )
