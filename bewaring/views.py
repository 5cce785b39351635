from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from core import policy
from core.constants import Gebeurtenis, Uitkomst
from core.toegangslog import log_toegang
from core.views import NietZichtbaar, PolicyMixin, ServiceFormMixin, binnen_traject, voeg_fouten_toe
from rapportage.models import Rapport, RapportSoort
from trajecten import selectors

from . import services
from .constants import CorrectieBesluit
from .forms import BesluitForm, CorrectieverzoekForm, WissenForm
from .models import Correctieverzoek


class RechtenMixin(PolicyMixin):
    """Pages about one trajectory's client rights: fetched within the user's scope, else a logged 404."""

    client_data = True

    def get_policy_object(self):
        traject = selectors.traject_detail(fetched_by=self.request.user, pk=self.kwargs["pk"])
        if traject is None:
            raise NietZichtbaar(traject_id=self.kwargs["pk"])
        self.traject = traject
        return traject

    def rechten_url(self) -> str:
        return reverse("bewaring:rechten", args=[self.traject.pk])


class RechtenView(RechtenMixin, TemplateView):
    """'Rechten van de cliënt': inspection export, correction requests and erasure for one family."""

    actie = policy.CLIENTRECHTEN_BEKIJKEN
    log_lezen_bij_get = True
    template_name = "bewaring/rechten.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, traject = self.request.user, self.traject
        context.update(
            traject=traject,
            exports=list(
                Rapport.objects.filter(soort=RapportSoort.INZAGE, traject=traject, aangevraagd_door=user)[:5]
            ),
            correctieverzoeken=list(
                Correctieverzoek.objects.filter(traject=traject).select_related(
                    "vastgelegd_door", "beslist_door"
                )
            ),
            wissen_geweigerd=services.wissen_geweigerd_omdat(traject),
            open_besluit=CorrectieBesluit.OPEN,
            mag={
                "inzage": policy.may(user, policy.INZAGE_EXPORTEREN, traject),
                "correctie": policy.may(user, policy.CORRECTIEVERZOEK_VASTLEGGEN, traject),
                "wissen": policy.may(user, policy.GEGEVENS_WISSEN, traject),
            },
        )
        return context


class InzageAanvragenView(RechtenMixin, View):
    actie = policy.INZAGE_EXPORTEREN
    gebeurtenis = Gebeurtenis.EXPORTEREN
    http_method_names = ["post"]

    def post(self, request, **kwargs):
        try:
            with transaction.atomic():
                rapport = services.inzage_aanvragen(request=request, traject=self.traject)
        except PermissionDenied:
            return render(request, "403.html", status=403)
        return redirect("rapportage:detail", sleutel=rapport.sleutel)


class RechtenFormView(RechtenMixin, ServiceFormMixin, FormView):
    template_name = "bewaring/formulier.html"
    titel = ""
    knop = ""
    uitleg = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            traject=self.traject,
            titel=self.titel,
            knop=self.knop,
            uitleg=self.uitleg,
            terug=self.rechten_url(),
        )
        return context

    def succes_url(self):
        return self.rechten_url()


class CorrectieverzoekNieuwView(RechtenFormView):
    actie = policy.CORRECTIEVERZOEK_VASTLEGGEN
    gebeurtenis = Gebeurtenis.AANMAKEN
    form_class = CorrectieverzoekForm
    titel = gettext_lazy("Record a correction request")
    knop = gettext_lazy("Record request")
    uitleg = gettext_lazy(
        "The client may ask to correct data that are wrong or incomplete (AVG art. 16). Record what she "
        "asks and when; decide within a month."
    )
    succes = gettext_lazy("The correction request has been recorded.")

    def uitvoeren(self, form):
        services.correctieverzoek_vastleggen(request=self.request, traject=self.traject, **form.cleaned_data)


class CorrectieverzoekBeslissenView(RechtenFormView):
    actie = policy.CORRECTIEVERZOEK_VASTLEGGEN
    gebeurtenis = Gebeurtenis.WIJZIGEN
    form_class = BesluitForm
    titel = gettext_lazy("Decide on the correction request")
    knop = gettext_lazy("Record decision")
    succes = gettext_lazy("The decision has been recorded.")

    def get_policy_object(self):
        traject = super().get_policy_object()
        self.correctieverzoek = binnen_traject(
            traject, Correctieverzoek.objects.select_related("traject"), self.kwargs["verzoek_pk"]
        )
        return traject

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["correctieverzoek"] = self.correctieverzoek
        return context

    def uitvoeren(self, form):
        services.correctieverzoek_beslissen(
            request=self.request, correctieverzoek=self.correctieverzoek, **form.cleaned_data
        )


class WissenView(RechtenFormView):
    actie = policy.GEGEVENS_WISSEN
    gebeurtenis = Gebeurtenis.VERWIJDEREN
    form_class = WissenForm
    template_name = "bewaring/wissen.html"
    titel = gettext_lazy("Erase the client's data")
    knop = gettext_lazy("Erase for good")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "nummer": self.traject.nummer}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["geweigerd"] = services.wissen_geweigerd_omdat(self.traject)
        return context

    def form_valid(self, form):
        try:
            with transaction.atomic():
                wissing = services.wissen(
                    request=self.request, traject=self.traject, grond=form.cleaned_data["grond"]
                )
        except ValidationError as fout:
            # Refused (retention applies): nothing erased, the refusal itself is in the access log.
            log_toegang(
                self.request,
                gebeurtenis=Gebeurtenis.VERWIJDEREN,
                uitkomst=Uitkomst.GEWEIGERD,
                obj=self.traject,
                reden=" ".join(fout.messages)[:255],
            )
            voeg_fouten_toe(form, fout)
            return self.form_invalid(form)
        except PermissionDenied:
            return render(self.request, "403.html", status=403)
        messages.success(
            self.request,
            _("The data of trajectory %(nummer)s have been erased.") % {"nummer": wissing.traject_nummer},
        )
        return redirect("trajecten:lijst")
