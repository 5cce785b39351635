"""What every page about one trajectory shares: the trajectory fetched within the user's scope (else 404,
logged), and the form page that calls one service on it."""

from django import forms
from django.urls import reverse
from django.views.generic import FormView

from core.views import NietZichtbaar, PolicyMixin, ServiceFormMixin
from trajecten import selectors


class TrajectMixin(PolicyMixin):
    """Views about one trajectory: fetched within the user's scope, else 404 (and logged)."""

    client_data = True
    log_lezen_bij_get = True

    def traject_relaties(self):
        """Which of the trajectory's relations the page shows (trajecten.selectors.ALLE_RELATIES)."""
        return selectors.ALLE_RELATIES

    def get_policy_object(self):
        traject = selectors.traject_detail(
            fetched_by=self.request.user, pk=self.kwargs["pk"], relaties=self.traject_relaties()
        )
        if traject is None:
            raise NietZichtbaar(traject_id=self.kwargs["pk"])
        self.traject = traject
        return traject

    def detail_url(self, tab="gezin"):
        return f"{reverse('trajecten:detail', args=[self.traject.pk])}?tab={tab}"


class ActieView(TrajectMixin, ServiceFormMixin, FormView):
    """A form that calls one service on the trajectory; errors beside the fields, nothing saved."""

    template_name = "trajecten/actie.html"
    titel = ""
    knop = ""
    tab = "gezin"
    succes = ""
    # Forms whose choices depend on the trajectory (partners of its municipality, its babies) take it.
    formulier_met_traject = False

    def get_initial(self):
        return {"versie": self.traject.versie}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        return {**kwargs, "traject": self.traject} if self.formulier_met_traject else kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            traject=self.traject, titel=self.titel, knop=self.knop, terug=self.detail_url(self.tab)
        )
        return context

    def succes_url(self):
        return self.detail_url(self.tab)


class LegeForm(forms.Form):
    """A confirmation: the button is the whole form."""
