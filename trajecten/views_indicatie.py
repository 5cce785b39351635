from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from core import policy
from core.views import NietZichtbaar, PolicyMixin, ServiceFormMixin
from indicaties import services as indicatie_services
from indicaties.constants import AanvraagStatus
from indicaties.forms import BeeindigenForm, BeslissenForm, WijzigenForm
from indicaties.models import Indicatie, IndicatieAanvraag

from . import indicatiebesluiten
from . import selectors as traject_selectors
from .voorzieningen import voorzieningen_check


class IndicatieActieMixin(PolicyMixin, ServiceFormMixin):
    """The object (request or indication) is looked up through the trajectories the user may see."""

    actie = policy.INDICATIE_BESLISSEN
    client_data = True
    log_lezen_bij_get = True
    template_name = "trajecten/actie.html"
    model = None
    titel = ""
    knop = ""
    succes = ""

    def get_policy_object(self):
        obj = self.model.objects.filter(pk=self.kwargs["pk"]).only("traject_id").first()
        traject = obj and traject_selectors.traject_detail(fetched_by=self.request.user, pk=obj.traject_id)
        if traject is None:
            raise NietZichtbaar(traject_id=obj.traject_id if obj else None)
        self.traject = traject
        self.object = self.model.objects.select_related("traject__gezin").get(pk=obj.pk)
        return traject

    def terug(self):
        return f"{reverse('trajecten:detail', args=[self.traject.pk])}?tab=indicaties"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            traject=self.traject, object=self.object, titel=self.titel, knop=self.knop, terug=self.terug()
        )
        return context

    def succes_url(self):
        return self.terug()


class AanvraagBeslissenView(IndicatieActieMixin, FormView):
    model = IndicatieAanvraag
    form_class = BeslissenForm
    template_name = "indicaties/beslissen.html"
    titel = _("Decide on the indication request")
    knop = _("Save decision")
    succes = _("The decision has been saved.")

    def get_initial(self):
        a = self.object
        return {
            "product": a.product,
            "van": a.gewenste_start,
            "tot": a.gewenste_eind,
            "uren_per_week": a.uren_per_week,
            "nachten": a.nachten_nodig,
        }

    def get_form_kwargs(self):
        # A request decided meanwhile is refused by the service with that reason, not with its checks.
        open_ = self.object.status == AanvraagStatus.OPEN
        return {**super().get_form_kwargs(), "traject": self.traject if open_ else None}

    def get(self, request, *args, **kwargs):
        if self.object.status != AanvraagStatus.OPEN:
            messages.info(request, _("This request has already been decided."))
            return redirect(self.terug())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        a = self.object
        context["eerste_verjaardag"] = indicatie_services.eerste_verjaardag(self.traject)
        try:
            context["contract"] = indicatie_services.contract_voor(self.traject, a.gewenste_start)
        except ValidationError as fout:
            context["contract_fout"] = fout.messages[0]
        else:  # what the requested hours cost over the requested period at the contract tariff
            context["budget_voorbeeld"] = indicatie_services.standaardbudget(
                a.uren_per_week, a.gewenste_start, a.gewenste_eind, context["contract"].uurtarief
            )
            context["weken"] = ((a.gewenste_eind - a.gewenste_start).days + 1) / 7
        # What the casemanager decides on besides the request: the intake's risk level and whether a
        # preceding provision fits (the full check per criterion is one click away).
        context["intake"] = self.traject.intakes.order_by("-datum", "-id").first()
        context["voorzieningen"] = voorzieningen_check(self.traject, timezone.localdate())
        return context

    def uitvoeren(self, form):
        data = form.cleaned_data
        if data["besluit"] == "afwijzen":
            indicatiebesluiten.indicatie_afwijzen(
                request=self.request, aanvraag=self.object, reden=data["afwijzingsreden"]
            )
        else:
            indicatiebesluiten.indicatie_afgeven(
                request=self.request,
                aanvraag=self.object,
                beschikkingsnummer=data["beschikkingsnummer"],
                product=data["product"],
                van=data["van"],
                tot=data["tot"],
                uren_per_week=data["uren_per_week"],
                nachten=data["nachten"],
                budget=data["budget"],
                motivatie=data["motivatie"],
                budgetreden=data["budgetreden"],
            )


class IndicatieWijzigenView(IndicatieActieMixin, FormView):
    model = Indicatie
    form_class = WijzigenForm
    titel = _("Change the indication (scale up, scale down, extend)")
    knop = _("Save new version")
    succes = _("A new version of the indication has been saved.")

    def get_initial(self):
        return {
            "geldig_van": timezone.localdate(),
            "uren_per_week": self.object.uren_per_week,
            "product": self.object.product,
            "nachten": self.object.nachten,
            "tot": self.object.tot,
        }

    def uitvoeren(self, form):
        data = form.cleaned_data
        indicatiebesluiten.indicatie_wijzigen(
            request=self.request,
            indicatie=self.object,
            wijziging=data["wijziging"],
            geldig_van=data["geldig_van"],
            uren_per_week=data["uren_per_week"],
            tot=data["tot"],
            product=data["product"],
            nachten=data["nachten"],
            motivatie=data["motivatie"],
            budgetreden=data["budgetreden"],
        )


class IndicatieBeeindigenView(IndicatieActieMixin, FormView):
    model = Indicatie
    form_class = BeeindigenForm
    titel = _("End the indication")
    knop = _("End indication")
    succes = _("The indication has been ended.")

    def get_initial(self):
        return {"op": timezone.localdate()}

    def uitvoeren(self, form):
        data = form.cleaned_data
        indicatiebesluiten.indicatie_beeindigen(
            request=self.request, indicatie=self.object, op=data["op"], reden=data["beeindigingsreden"]
        )
