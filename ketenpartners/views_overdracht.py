"""Handovers to a chain partner: drawn up, read (logged) and shared as a document with consent."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core import policy
from core.constants import Gebeurtenis, Uitkomst
from core.toegangslog import log_toegang
from core.views import binnen_traject, voeg_fouten_toe

from . import selectors, services
from .constants import Reikwijdte
from .forms import LeegForm, OverdrachtForm
from .models import Overdracht
from .views import KetenActieView, KetenTrajectMixin, keten_url


class OverdrachtNieuwView(KetenActieView):
    actie = policy.OVERDRACHT_DELEN
    gebeurtenis = Gebeurtenis.AANMAKEN
    form_class = OverdrachtForm
    titel = _("Write a warm handover")
    knop = _("Save handover")
    uitleg = _(
        "A summary for the receiving partner: the goals and where they stand, the family-network plan, and "
        "what the family asked to pass on. Saving shares nothing yet."
    )
    succes = _("The handover has been saved. Share it once the client's consent is on file.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "traject": self.traject}

    def get_initial(self):
        partner = self.request.GET.get("partner", "")
        return {
            **super().get_initial(),
            **selectors.overdracht_voorstel(self.traject),
            "ketenpartner": partner if partner.isdigit() else None,
        }

    def uitvoeren(self, form):
        self.overdracht = services.overdracht_opstellen(
            request=self.request, traject=self.traject, **form.cleaned_data
        )

    def succes_url(self):
        return reverse("ketenpartners:overdracht", args=[self.traject.pk, self.overdracht.pk])


class OverdrachtMixin:
    """The handover is looked up inside the trajectory the user may see; otherwise 404 (logged)."""

    def get_policy_object(self):
        traject = super().get_policy_object()
        self.overdracht = binnen_traject(
            traject,
            Overdracht.objects.select_related(
                "ketenpartner__organisatie", "contactpersoon", "opgesteld_door", "traject"
            ),
            self.kwargs["overdracht_pk"],
        )
        return traject

    def overdracht_context(self):
        overdracht = self.overdracht
        return {
            "overdracht": overdracht,
            "verstrekkingen": list(overdracht.verstrekkingen.select_related("gedeeld_door", "toestemming")),
            "toestemming": selectors.geldige_toestemming(
                traject=self.traject,
                ketenpartner=overdracht.ketenpartner,
                reikwijdte=Reikwijdte.OVERDRACHT,
                op=timezone.localdate(),
            ),
        }


class OverdrachtView(OverdrachtMixin, KetenTrajectMixin, TemplateView):
    """The handover document as the partner receives it."""

    actie = policy.TRAJECT_BEKIJKEN
    template_name = "ketenpartners/overdracht.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        log_toegang(
            self.request,
            gebeurtenis=Gebeurtenis.LEZEN,
            obj=self.overdracht,
            omschrijving=f"warme overdracht {self.overdracht.pk} gelezen",
        )
        context.update(
            self.overdracht_context(),
            traject=self.traject,
            ouders=list(self.traject.gezin.ouders.all()),
            babys=list(self.traject.gezin.babys.all()),
            terug=keten_url(self.traject),
            mag_delen=policy.may(self.request.user, policy.OVERDRACHT_DELEN, self.traject),
        )
        return context


class OverdrachtDelenView(OverdrachtMixin, KetenActieView):
    """Share the handover with its partner. Refused without valid consent, and the refusal is logged."""

    actie = policy.OVERDRACHT_DELEN
    gebeurtenis = Gebeurtenis.EXPORTEREN
    form_class = LeegForm
    template_name = "ketenpartners/delen.html"
    titel = _("Share the handover")
    knop = _("Share handover")
    succes = _("The handover has been shared with the partner.")

    def gelezen(self):
        return self.overdracht

    def get_initial(self):
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.overdracht_context())
        context["terug"] = reverse("ketenpartners:overdracht", args=[self.traject.pk, self.overdracht.pk])
        return context

    def form_valid(self, form):
        try:
            with transaction.atomic():
                services.overdracht_delen(request=self.request, overdracht=self.overdracht)
        except ValidationError as fout:
            log_toegang(
                self.request,
                gebeurtenis=Gebeurtenis.EXPORTEREN,
                uitkomst=Uitkomst.GEWEIGERD,
                obj=self.overdracht,
                reden="geen geldige toestemming van de cliënt",
            )
            voeg_fouten_toe(form, fout)
            return self.form_invalid(form)
        except PermissionDenied:
            return render(self.request, "403.html", status=403)
        messages.success(
            self.request,
            _("The handover has been shared with %(partner)s.") % {"partner": self.overdracht.ketenpartner},
        )
        return redirect(reverse("ketenpartners:overdracht", args=[self.traject.pk, self.overdracht.pk]))
