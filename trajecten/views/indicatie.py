"""The indication of a trajectory: the provisions check before it, the coordinator's request, and the
casemanager's decisions (grant or decline, change, end). The decision pages keep their URL names in
the "indicaties" namespace (urls_indicaties.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from core import policy
from core.constants import Gebeurtenis, Uitkomst
from core.toegangslog import log_toegang
from core.views import NietZichtbaar, PolicyMixin, ServiceFormMixin
from indicaties import services as indicatie_services
from indicaties.constants import AanvraagStatus
from indicaties.forms import AanvraagForm, BeeindigenForm, BeslissenForm, WijzigenForm
from indicaties.models import Indicatie, IndicatieAanvraag
from trajecten import indicatiebesluiten
from trajecten import selectors as traject_selectors
from trajecten.models import Traject
from trajecten.voorzieningen import voorzieningen_check

from .basis import ActieView

_NIET_OPGEHAALD = object()


class VoorzieningenCheckView(PolicyMixin, TemplateView):
    """Which voorliggende voorzieningen fit this trajectory's family, criterion by criterion."""

    actie = policy.VOORZIENINGEN_BEKIJKEN
    client_data = True
    template_name = "indicaties/voorzieningen.html"

    def get_policy_object(self):
        if getattr(self, "_traject", _NIET_OPGEHAALD) is _NIET_OPGEHAALD:
            zichtbaar = policy.zichtbaar(
                self.request.user, Traject.objects.select_related("gezin", "aanmelding")
            )
            self._traject = zichtbaar.filter(pk=self.kwargs["traject_pk"]).first()
        return self._traject

    def dispatch(self, request, *args, **kwargs):
        # A trajectory she may not see does not exist for her: 404, not 403. Rendered, not raised,
        # so that ATOMIC_REQUESTS keeps the access-log row of the refusal.
        if request.user.is_authenticated and self.get_policy_object() is None:
            log_toegang(
                request,
                gebeurtenis=self.gebeurtenis,
                uitkomst=Uitkomst.GEWEIGERD,
                traject_id=self.kwargs["traject_pk"],
                reden="traject niet zichtbaar",
            )
            return render(request, "404.html", status=404)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        log_toegang(
            request,
            gebeurtenis=Gebeurtenis.LEZEN,
            obj=self._traject,
            omschrijving="voorliggende voorzieningen bekeken",
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        peildatum = timezone.localdate()
        context.update(
            traject=self._traject,
            peildatum=peildatum,
            resultaten=voorzieningen_check(self._traject, peildatum),
        )
        return context


class IndicatieAanvragenView(ActieView):
    actie = policy.INDICATIE_AANVRAGEN
    form_class = AanvraagForm
    titel = _("Request an indication")
    knop = _("Send request to the case manager")
    tab = "indicaties"
    succes = _("The indication has been requested from the municipality.")

    def get(self, request, *args, **kwargs):
        return self._al_aangevraagd() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._al_aangevraagd() or super().post(request, *args, **kwargs)

    def _al_aangevraagd(self):
        """A request is already waiting (a second tab, the back button): say so instead of a form that
        the state machine would refuse."""
        open_aanvraag = IndicatieAanvraag.objects.filter(
            traject=self.traject, status=AanvraagStatus.OPEN
        ).first()
        if open_aanvraag is None:
            return None
        messages.info(
            self.request,
            _("An indication was already requested on %(datum)s: wait for the case manager's decision.")
            % {"datum": date_format(timezone.localtime(open_aanvraag.aangevraagd_op).date())},
        )
        return redirect(self.detail_url("indicaties"))

    def get_context_data(self, **kwargs):
        # BabythuisZorg is for babies up to one year: say up to when an indication can run.
        context = super().get_context_data(**kwargs)
        grens = indicatie_services.eerste_verjaardag(self.traject)
        if grens:
            context["uitleg"] = _(
                "The first birthday is on %(datum)s: an indication beyond that day needs a written reason "
                "from the case manager."
            ) % {"datum": date_format(grens)}
        return context

    def uitvoeren(self, form):
        indicatiebesluiten.indicatie_aanvragen(
            request=self.request,
            traject=self.traject,
            aanvraag=form.save(commit=False),
            versie=form.cleaned_data["versie"],
        )


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
