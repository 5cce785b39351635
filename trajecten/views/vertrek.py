"""A medewerker's departure, reported by a beheerder of her provider: her running work first, then one
step that hands it over (or ends it), deactivates her account and tells the coordinators."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from accounts.constants import Rol
from accounts.models import User
from core import policy
from core.constants import Gebeurtenis
from core.toegangslog import log_toegang
from core.views import NietZichtbaar, PolicyMixin, ServiceFormMixin
from trajecten import vertrek
from trajecten.forms import DATUM


class UitDienstForm(forms.Form):
    laatste_dag = forms.DateField(
        label=_("Last working day"),
        widget=DATUM,
        help_text=_("Her assignments end on this day; a colleague who takes one over starts the day after."),
    )
    getoond = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, toewijzingen, collega_s, geschikt, **kwargs):
        super().__init__(*args, **kwargs)
        self.toewijzingen = toewijzingen
        for toewijzing in toewijzingen:
            # Only the colleagues who pass the hard rules for this family are offered.
            self.fields[vertrek.opvolger_veld(toewijzing)] = forms.ModelChoiceField(
                queryset=collega_s.filter(pk__in=geschikt[toewijzing.pk]),
                required=False,
                label=_("Handed over to"),
                empty_label=_("Nobody: the assignment ends"),
            )

    @property
    def rijen(self):
        return [(t, self[vertrek.opvolger_veld(t)]) for t in self.toewijzingen]

    def getoonde_ids(self) -> set[int]:
        waarde = self.cleaned_data.get("getoond") or ""
        return {int(pk) for pk in waarde.split(",") if pk.strip().isdigit()}


class UitDienstView(PolicyMixin, ServiceFormMixin, FormView):
    actie = policy.MEDEWERKER_UIT_DIENST
    client_data = True
    gebeurtenis = Gebeurtenis.WIJZIGEN
    form_class = UitDienstForm
    template_name = "trajecten/uit_dienst.html"

    def get_policy_object(self):
        medewerker = (
            policy.zichtbaar(self.request.user, User.objects.select_related("lidmaatschap__organisatie"))
            .filter(pk=self.kwargs["pk"], lidmaatschap__rol=Rol.MEDEWERKER)
            .first()
        )
        if medewerker is None:
            raise NietZichtbaar()
        self.medewerker = medewerker
        return medewerker

    def get_form_kwargs(self):
        self.toewijzingen = list(vertrek.lopende_toewijzingen(self.medewerker))
        collega_s = vertrek.collega_s(self.medewerker)
        # Judged for today as her last day; a later last day may make a colleague eligible whom this
        # list leaves out, but never offers one the service would refuse today.
        alle = list(collega_s)
        vandaag = timezone.localdate()
        return {
            **super().get_form_kwargs(),
            "toewijzingen": self.toewijzingen,
            "collega_s": collega_s,
            "geschikt": {t.pk: vertrek.geschikte_opvolgers(t, alle, vandaag) for t in self.toewijzingen},
        }

    def get_initial(self):
        return {"laatste_dag": timezone.localdate()}

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # Which families she serves is client data: each one shown is a read.
        for toewijzing in self.toewijzingen:
            log_toegang(
                request,
                gebeurtenis=Gebeurtenis.LEZEN,
                obj=toewijzing.traject,
                omschrijving=f"lopende toewijzing van {self.medewerker.username} (uit dienst melden)",
            )
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            medewerker=self.medewerker,
            vandaag=timezone.localdate(),
            # The assignments this page shows, always the current ones (also when it comes back with errors).
            getoond=",".join(str(t.pk) for t in self.toewijzingen),
            terug=reverse("admin:accounts_user_change", args=[self.medewerker.pk]),
        )
        return context

    def uitvoeren(self, form):
        data = form.cleaned_data
        vertrek.medewerker_uit_dienst(
            request=self.request,
            medewerker=self.medewerker,
            laatste_dag=data["laatste_dag"],
            opvolgers={t.pk: data.get(vertrek.opvolger_veld(t)) for t in form.toewijzingen},
            getoond=form.getoonde_ids(),
        )

    @property
    def succes(self):
        return _(
            "%(naam)s has left: her assignments have been handed over or ended, her account is deactivated and the coordinators have been told."
        ) % {"naam": self.medewerker.get_full_name() or self.medewerker.username}

    def succes_url(self):
        return reverse("admin:accounts_user_change", args=[self.medewerker.pk])
