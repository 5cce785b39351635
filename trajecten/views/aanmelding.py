"""The start of a trajectory: the referral on one page, triage (accept or decline) and the intake (GIZ)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core import policy
from core.constants import Gebeurtenis
from core.views import PolicyMixin, voeg_fouten_toe
from trajecten import gezin as gezin_services
from trajecten import services
from trajecten.forms import (
    AanmeldingForm,
    AfwijzenForm,
    BabyForm,
    GezinForm,
    IntakeForm,
    OuderForm,
    PartnerForm,
    TweedeBabyForm,
    VersieForm,
)
from trajecten.models import IntakeFactor

from .basis import ActieView


class AanmeldingNieuwView(PolicyMixin, TemplateView):
    """One page for the whole referral: family, mother, optional partner, baby and the referral."""

    actie = policy.AANMELDING_REGISTREREN
    template_name = "trajecten/aanmelding_nieuw.html"
    gebeurtenis = Gebeurtenis.AANMAKEN

    def forms(self, data=None):
        return {
            "aanmelding": AanmeldingForm(
                data,
                prefix="aanmelding",
                initial={"ontvangen_op": timezone.localdate()},
                aanbieder_id=policy.lidmaatschap_van(self.request.user).organisatie_id,
            ),
            "gezin": GezinForm(data, prefix="gezin"),
            "moeder": OuderForm(data, prefix="moeder", initial={"rol": "moeder"}),
            "partner": PartnerForm(data, prefix="partner"),
            "baby": BabyForm(data, prefix="baby"),
            "baby2": TweedeBabyForm(data, prefix="baby2"),
        }

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(forms=self.forms()))

    def post(self, request, *args, **kwargs):
        forms = self.forms(request.POST)
        if all(form.is_valid() for form in forms.values()):
            ouders = [forms["moeder"].save(commit=False)]
            if forms["partner"].has_changed():
                ouders.append(forms["partner"].save(commit=False))
            babys = {"baby": forms["baby"].instance}
            if forms["baby2"].has_changed():
                babys["baby2"] = forms["baby2"].instance
            for sleutel, baby in babys.items():
                datumfouten = services.aanmelding_datumfouten(
                    ouders=ouders if sleutel == "baby" else [],
                    baby=baby,
                    ontvangen_op=forms["aanmelding"].cleaned_data.get("ontvangen_op"),
                )
                for form, veld, bericht in datumfouten:
                    if form == "aanmelding" and sleutel != "baby":
                        continue  # said once
                    forms[sleutel if form == "baby" else form].add_error(veld, bericht)
        # In the same round as the other fields: a referrer outside the family's municipality.
        if forms["aanmelding"].is_valid() and forms["gezin"].is_valid():
            if verwijzer := services.verwijzerfout(forms["aanmelding"].instance, forms["gezin"].instance):
                forms["aanmelding"].add_error("verwijzer_organisatie", verwijzer)
        bekend = []
        if all(form.is_valid() for form in forms.values()) and not request.POST.get("bekend_bevestigd"):
            # A family already known to her organisation: shown before saving (issue 16).
            bekend = gezin_services.overeenkomsten(request.user, ouders)
            if bekend:
                gezin_services.log_overeenkomsten(request, bekend)
                # Not saved until she confirms: answered like any other referral that was not accepted.
                return self.render_to_response(self.get_context_data(forms=forms, bekend=bekend), status=400)
        if all(form.is_valid() for form in forms.values()):
            try:
                with transaction.atomic():
                    traject = services.aanmelding_registreren(
                        request=request,
                        gezin=forms["gezin"].save(commit=False),
                        ouders=ouders,
                        baby=forms["baby"].save(commit=False),
                        aanmelding=forms["aanmelding"].save(commit=False),
                        meer_babys=[forms["baby2"].save(commit=False)] if "baby2" in babys else [],
                    )
            except ValidationError as fout:
                if hasattr(fout, "error_dict") and "bsn" in fout.error_dict:
                    forms["moeder"].add_error("bsn", fout.error_dict["bsn"])
                else:
                    voeg_fouten_toe(forms["aanmelding"], fout)
            else:
                gezin_services.elders_bekend_melden(traject, ouders)
                messages.success(request, _("Referral %(nummer)s registered.") % {"nummer": traject.nummer})
                return redirect("trajecten:detail", traject.pk)
        messages.error(request, _("The referral has not been saved: correct the fields marked below."))
        return self.render_to_response(self.get_context_data(forms=forms), status=400)


class AccepterenView(ActieView):
    actie = policy.TRAJECT_TRIEREN
    form_class = VersieForm
    titel = _("Accept for intake")
    knop = _("Accept for intake")
    tab = "intake"
    succes = _("The referral has been accepted for intake.")

    def uitvoeren(self, form):
        services.aanmelding_accepteren(
            request=self.request, traject=self.traject, versie=form.cleaned_data["versie"]
        )


class AfwijzenView(ActieView):
    formulier_met_traject = True
    actie = policy.TRAJECT_TRIEREN
    form_class = AfwijzenForm
    titel = _("Decline the referral")
    knop = _("Decline")
    succes = _("The referral has been declined.")

    def uitvoeren(self, form):
        services.aanmelding_afwijzen(
            request=self.request,
            traject=self.traject,
            reden=form.cleaned_data["reden"],
            advies=form.cleaned_data["advies"],
            doorverwezen_naar=form.cleaned_data["doorverwezen_naar"],
            versie=form.cleaned_data["versie"],
        )


class IntakeView(ActieView):
    actie = policy.INTAKE_VASTLEGGEN
    form_class = IntakeForm
    template_name = "trajecten/intake.html"
    titel = _("Intake (GIZ)")
    knop = _("Save intake")
    tab = "intake"
    succes = _("The intake has been saved.")

    def get_initial(self):
        return {"versie": self.traject.versie, "datum": timezone.localdate()}

    def uitvoeren(self, form):
        intake = form.save(commit=False)
        factoren = [
            IntakeFactor(factor=f, inschatting=i, ernst=e, urgentie=form.urgentie(f))
            for f, i, e in form.factoren()
        ]
        services.intake_vastleggen(
            request=self.request,
            traject=self.traject,
            intake=intake,
            factoren=factoren,
            versie=form.cleaned_data["versie"],
        )
