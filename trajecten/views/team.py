"""Regie and team: the regievoerder, the assignments and the first contact, and starting the trajectory
once all three are in place."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import policy
from core.views import BinnenTrajectMixin
from trajecten import matching, services
from trajecten.forms import RegieForm, ToewijzingBeeindigenForm, ToewijzingForm, VersieForm

from .basis import ActieView


class RegieView(ActieView):
    formulier_met_traject = True
    actie = policy.REGIE_VASTLEGGEN
    form_class = RegieForm
    titel = _("Regievoerder")
    knop = _("Save regievoerder")
    tab = "team"
    succes = _("The regievoerder has been recorded.")

    def uitvoeren(self, form):
        data = form.cleaned_data
        services.regie_vastleggen(
            request=self.request,
            traject=self.traject,
            casemanager=data["casemanager"],
            naam=data["naam"],
            skj=data["skj"],
            organisatie=data["organisatie"],
            versie=data["versie"],
        )


class TeamView(ActieView):
    """Ranked candidates with their reasons, and the assignment form."""

    formulier_met_traject = True
    actie = policy.TOEWIJZEN
    form_class = ToewijzingForm
    template_name = "trajecten/team.html"
    titel = _("Assign care workers")
    knop = _("Assign")
    tab = "team"
    succes = _("The care worker has been assigned.")

    def get_initial(self):
        return {"versie": self.traject.versie, "van": timezone.localdate()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vandaag = timezone.localdate()
        indicatie = services.geldige_indicatie(self.traject, vandaag)
        context["kandidaten"] = matching.kandidaten(
            self.traject, op=vandaag, nachten_nodig=bool(indicatie and indicatie.nachten)
        )
        context["nachten_nodig"] = bool(indicatie and indicatie.nachten)
        return context

    def uitvoeren(self, form):
        data = form.cleaned_data
        services.toewijzing_maken(
            request=self.request,
            traject=self.traject,
            medewerker=data["medewerker"],
            van=data["van"],
            tot=data["tot"],
            eerste_aanspreekpunt=data["eerste_aanspreekpunt"],
            versie=data["versie"],
        )


class ToewijzingMixin(BinnenTrajectMixin):
    binnen_traject_naam = "toewijzing"
    binnen_traject_relatie = "toewijzingen"


class ToewijzingBeeindigenView(ToewijzingMixin, ActieView):
    actie = policy.TOEWIJZEN
    form_class = ToewijzingBeeindigenForm
    titel = _("End assignment")
    knop = _("End assignment")
    tab = "team"
    succes = _("The assignment has been ended.")

    def get_initial(self):
        # Today as her last day: she keeps the file until tonight. Yesterday ends her access at once.
        return {**super().get_initial(), "laatste_dag": timezone.localdate()}

    def uitvoeren(self, form):
        services.toewijzing_beeindigen(
            request=self.request,
            toewijzing=self.toewijzing,
            tot=form.cleaned_data["laatste_dag"],
            reden=form.cleaned_data["reden"],
            versie=form.cleaned_data["versie"],
        )


class StartenView(ActieView):
    actie = policy.TRAJECT_STARTEN
    form_class = VersieForm
    titel = _("Start the trajectory")
    knop = _("Start trajectory")
    tab = "team"
    succes = _("The trajectory is active.")

    def uitvoeren(self, form):
        services.traject_starten(
            request=self.request, traject=self.traject, versie=form.cleaned_data["versie"]
        )


class EersteAanspreekpuntView(ToewijzingMixin, ActieView):
    """Hand the first contact to a colleague already on the team."""

    actie = policy.TOEWIJZEN
    form_class = VersieForm
    titel = _("Hand over the first contact")
    knop = _("Make her the first contact")
    tab = "team"
    succes = _("The first contact has been handed over.")

    def uitvoeren(self, form):
        services.eerste_aanspreekpunt_overdragen(
            request=self.request,
            traject=self.traject,
            opvolger=self.toewijzing.medewerker,
            versie=form.cleaned_data["versie"],
        )
