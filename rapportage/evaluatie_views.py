"""The request form of the programme evaluation (issue 13). The report itself is followed, downloaded and
read through the generic report pages (rapportage.views)."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from accounts.models import Organisatie
from core import policy
from core.constants import Gebeurtenis, Uitkomst
from core.toegangslog import log_toegang
from core.views import PolicyMixin, voeg_fouten_toe

from . import evaluatie_services, kleine_aantallen, services
from .models import EvaluatieScope, Regio

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EvaluatieForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("What is the report about?"),
        choices=EvaluatieScope.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what the report is about."),
            "invalid_choice": _("Choose what the report is about."),
        },
    )
    # Every municipality, region and provider is a valid choice here; the service asks the policy
    # whether this user may have it (so a hand-posted id is refused and logged, not "not found").
    gemeente = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Organisatie.objects.filter(soort="gemeente"),
        required=False,
        error_messages={"invalid_choice": _("Choose a municipality from the list.")},
    )
    regio = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Regio.objects.all(),
        required=False,
        error_messages={"invalid_choice": _("Choose a region from the list.")},
    )
    aanbieder = forms.ModelChoiceField(
        label=_("Care provider"),
        queryset=Organisatie.objects.filter(soort="zorgaanbieder"),
        required=False,
        error_messages={"invalid_choice": _("Choose a care provider from the list.")},
    )
    van = forms.DateField(label=_("From"), widget=DATUM)
    tot = forms.DateField(label=_("Up to and including"), widget=DATUM)

    def __init__(self, *args, keuzes: evaluatie_services.Keuzes, **kwargs):
        super().__init__(*args, **kwargs)
        scopes = keuzes.scopes
        self.fields["scope"].widget.choices = [(s, EvaluatieScope(s).label) for s in scopes]
        if len(scopes) == 1:
            self.fields["scope"].initial = scopes[0]
        for veld, aanbod in (
            ("gemeente", keuzes.gemeenten),
            ("regio", keuzes.regios),
            ("aanbieder", keuzes.aanbieders),
        ):
            if veld not in scopes:
                del self.fields[veld]
                continue
            opties = [(o.pk, str(o)) for o in aanbod]
            self.fields[veld].widget.choices = ([("", "---------")] if len(opties) > 1 else []) + opties
            if len(opties) == 1:
                self.fields[veld].initial = opties[0][0]

    def clean(self):
        data = super().clean()
        try:
            services.controleer_periode(data.get("van"), data.get("tot"))
        except ValidationError as fout:
            voeg_fouten_toe(self, fout)
        return data


class EvaluatieAanvragenView(PolicyMixin, FormView):
    actie = policy.EVALUATIE_AANVRAGEN
    template_name = "rapportage/evaluatie.html"
    form_class = EvaluatieForm
    gebeurtenis = Gebeurtenis.EXPORTEREN

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["keuzes"] = evaluatie_services.keuzes(self.request.user)
        return kwargs

    def get_initial(self):
        vandaag = timezone.localdate()
        return {"van": vandaag.replace(month=1, day=1), "tot": vandaag}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["wat_mag"] = evaluatie_services.wat_mag(self.request.user)
        context["drempel"] = kleine_aantallen.drempel()
        return context

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            with transaction.atomic():
                rapport = evaluatie_services.evaluatie_aanvragen(
                    request=self.request,
                    scope=data["scope"],
                    van=data["van"],
                    tot=data["tot"],
                    gemeente=data.get("gemeente"),
                    regio=data.get("regio"),
                    aanbieder=data.get("aanbieder"),
                )
        except ValidationError as fout:
            if "scope" in getattr(fout, "error_dict", {}) and data.get("scope") in EvaluatieScope.values:
                # A scope outside her rights: refused, and recorded in the access log.
                log_toegang(
                    self.request,
                    gebeurtenis=Gebeurtenis.EXPORTEREN,
                    uitkomst=Uitkomst.GEWEIGERD,
                    omschrijving=f"programma-evaluatie {data.get('scope')}",
                    reden="scope buiten eigen rechten",
                )
            voeg_fouten_toe(form, fout)
            return self.form_invalid(form)
        except PermissionDenied:
            return render(self.request, "403.html", status=403)
        return redirect("rapportage:detail", sleutel=rapport.sleutel)
