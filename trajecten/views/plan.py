"""The plans made with the parents: the support plan (goals) and the family-network plan. Each names its
policy action; the services in zorg.py and netwerk.py check it again, validate and write the access log."""

from csp.constants import NONCE
from csp.decorators import csp_update
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core import policy
from core.constants import Gebeurtenis
from core.toegangslog import log_toegang
from core.validators import NOTITIE, TEKST_MIDDEL, NaamFormField, TekstFormField, TelefoonFormField
from core.views import BinnenTrajectMixin, voeg_fouten_toe
from trajecten import netwerk, zorg
from trajecten.constants import Dagdeel, NetwerkRelatie, Thema
from trajecten.forms import DATUM, PlanForm, ZorgdoelFormSet
from trajecten.models import Zorgdoel

from .basis import ActieView, LegeForm, TrajectMixin


class PlanView(TrajectMixin, TemplateView):
    """A new version of the support plan, starting from the current goals."""

    actie = policy.PLAN_VASTLEGGEN
    gebeurtenis = Gebeurtenis.WIJZIGEN
    template_name = "trajecten/plan.html"

    def forms(self, data=None):
        plan = zorg.actueel_plan(self.traject)
        initial = [
            {f: getattr(d, f) for f in ("thema", "omschrijving", "betreft", "startscore", "doelscore")}
            for d in (plan.doelen.all() if plan else [])
        ]
        return (
            PlanForm(data, initial={"gebaseerd_op_versie": plan.versie if plan else 0}),
            ZorgdoelFormSet(data, initial=initial, prefix="doel"),
        )

    def get(self, request, *args, **kwargs):
        plan_form, doelen = self.forms()
        return self.render_to_response(
            self.get_context_data(form=plan_form, doelen=doelen, traject=self.traject)
        )

    def post(self, request, *args, **kwargs):
        plan_form, doelen = self.forms(request.POST)
        if plan_form.is_valid() and doelen.is_valid():
            try:
                with transaction.atomic():
                    zorg.plan_vastleggen(
                        request=request,
                        traject=self.traject,
                        doelen=[Zorgdoel(**f.cleaned_data) for f in doelen if f.cleaned_data],
                        overeengekomen_op=plan_form.cleaned_data["overeengekomen_op"],
                        woorden_ouders=plan_form.cleaned_data["woorden_ouders"],
                        gebaseerd_op_versie=plan_form.cleaned_data["gebaseerd_op_versie"],
                    )
            except ValidationError as fout:
                voeg_fouten_toe(plan_form, fout)
            else:
                messages.success(request, _("The support plan has been saved as a new version."))
                return redirect(f"{reverse('trajecten:detail', args=[self.traject.pk])}?tab=plan")
        return self.render_to_response(
            self.get_context_data(form=plan_form, doelen=doelen, traject=self.traject), status=400
        )


class NetwerkLidForm(forms.Form):
    naam = NaamFormField(label=gettext_lazy("Name"), max_length=200)
    relatie = forms.ChoiceField(label=gettext_lazy("Relation"), choices=NetwerkRelatie.choices)
    steun = forms.MultipleChoiceField(
        label=gettext_lazy("Supports with"),
        choices=Thema.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    toelichting = TekstFormField(
        label=gettext_lazy("What exactly"),
        max_length=NOTITIE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "For example: does the shopping on Saturdays, holds the baby so mother can sleep."
        ),
    )
    wanneer = forms.MultipleChoiceField(
        label=gettext_lazy("When"),
        choices=Dagdeel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    telefoon = TelefoonFormField(label=gettext_lazy("Phone"), required=False)
    bereikbaar = TekstFormField(
        label=gettext_lazy("How else to reach"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Where and when, or another way than by phone."),
    )
    afgesproken = forms.BooleanField(label=gettext_lazy("Agreed with this person"), required=False)


class NetwerkAfspraakForm(forms.Form):
    afgesproken_op = forms.DateField(label=gettext_lazy("Agreed with the parents on"), widget=DATUM)
    woorden_ouders = TekstFormField(
        label=gettext_lazy("The parents' own words"),
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("What the parents say about this network plan."),
    )


class NetwerkActieView(ActieView):
    actie = policy.NETWERK_BEHEREN
    tab = "netwerk"

    def get_initial(self):
        return {}


class NetwerkLidMixin(BinnenTrajectMixin):
    binnen_traject_naam = "lid"
    binnen_traject_relatie = "netwerkleden"


class NetwerkLidNieuwView(NetwerkActieView):
    gebeurtenis = Gebeurtenis.AANMAKEN
    form_class = NetwerkLidForm
    titel = gettext_lazy("Add someone to the network")
    knop = gettext_lazy("Add to the network")
    succes = gettext_lazy("The network member has been added.")

    def uitvoeren(self, form):
        netwerk.netwerklid_toevoegen(request=self.request, traject=self.traject, **form.cleaned_data)


class NetwerkLidWijzigenView(NetwerkLidMixin, NetwerkActieView):
    gebeurtenis = Gebeurtenis.WIJZIGEN
    form_class = NetwerkLidForm
    titel = gettext_lazy("Change network member")
    knop = gettext_lazy("Save")
    succes = gettext_lazy("The network member has been changed.")

    def get_initial(self):
        velden = (
            "naam",
            "relatie",
            "steun",
            "wanneer",
            "toelichting",
            "telefoon",
            "bereikbaar",
            "afgesproken",
        )
        return {veld: getattr(self.lid, veld) for veld in velden}

    def uitvoeren(self, form):
        netwerk.netwerklid_wijzigen(request=self.request, lid=self.lid, **form.cleaned_data)


class NetwerkLidVerwijderenView(NetwerkLidMixin, NetwerkActieView):
    gebeurtenis = Gebeurtenis.VERWIJDEREN
    form_class = LegeForm
    template_name = "trajecten/netwerk_verwijderen.html"
    titel = gettext_lazy("Remove from the network")
    knop = gettext_lazy("Remove")
    succes = gettext_lazy("The network member has been removed.")

    def uitvoeren(self, form):
        netwerk.netwerklid_verwijderen(request=self.request, lid=self.lid)


class NetwerkAfspraakView(NetwerkActieView):
    gebeurtenis = Gebeurtenis.WIJZIGEN
    form_class = NetwerkAfspraakForm
    template_name = "trajecten/netwerk_afspraak.html"
    titel = gettext_lazy("Agreement with the parents")
    knop = gettext_lazy("Record agreement")
    succes = gettext_lazy("The agreement with the parents has been recorded.")

    def get_initial(self):
        plan = netwerk.netwerk(self.traject)["netwerkplan"]
        if plan and plan.afgesproken_op:
            return {"afgesproken_op": plan.afgesproken_op, "woorden_ouders": plan.woorden_ouders}
        return {"afgesproken_op": timezone.localdate()}

    def uitvoeren(self, form):
        netwerk.netwerkplan_afspreken(request=self.request, traject=self.traject, **form.cleaned_data)


# The print page carries its own small print stylesheet (inline, allowed by a per-response nonce).
@method_decorator(csp_update({"style-src": [NONCE]}), name="dispatch")
class NetwerkAfdrukkenView(TrajectMixin, TemplateView):
    """A clean page to print and leave with the family: no navigation, big type. Printing is logged."""

    actie = policy.NETWERK_AFDRUKKEN
    gebeurtenis = Gebeurtenis.AFDRUKKEN
    template_name = "trajecten/netwerk_afdrukken.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(netwerk.afdruk_context(self.traject), traject=self.traject)
        log_toegang(
            self.request,
            gebeurtenis=Gebeurtenis.AFDRUKKEN,
            obj=self.traject,
            omschrijving="familienetwerkplan afgedrukt",
        )
        return context
