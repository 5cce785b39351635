"""Evaluations: planning them, and recording one (planned or extra). The services in evaluaties.py check
the policy again, validate and write the access log."""

from datetime import timedelta
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import policy
from core.constants import Gebeurtenis
from core.validators import NOTITIE, TEKST_LANG, TekstFormField, werkdatum_valideren
from core.views import BinnenTrajectMixin
from trajecten import evaluaties
from trajecten.constants import EvaluatieConclusie
from trajecten.forms import DATUM
from trajecten.zorg import actueel_plan

from .basis import ActieView, LegeForm

SCORES = [("", gettext_lazy("choose a score"))] + [(i, str(i)) for i in range(1, 11)]


class EvaluatieForm(forms.Form):
    gehouden_op = forms.DateField(label=gettext_lazy("Held on"), widget=DATUM)
    deelnemers = TekstFormField(
        label=gettext_lazy("Participants"),
        max_length=NOTITIE,
        help_text=gettext_lazy("Who took part: e.g. mother, partner, case manager, care worker."),
    )
    conclusie = forms.ChoiceField(
        label=gettext_lazy("Conclusion"), choices=EvaluatieConclusie.choices, widget=forms.RadioSelect
    )
    uren_per_week = forms.DecimalField(
        label=gettext_lazy("Hours per week to ask for"),
        max_digits=5,
        decimal_places=2,
        required=False,
        min_value=Decimal("0.25"),
        max_value=168,
        help_text=gettext_lazy(
            "Only when scaling up or down: the case manager receives a request for these hours per week."
        ),
    )
    toelichting = TekstFormField(
        label=gettext_lazy("Explanation"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEKST_LANG
    )
    volgende_op = forms.DateField(
        label=gettext_lazy("Next evaluation on"),
        widget=DATUM,
        required=False,
        help_text=gettext_lazy("Not needed when closing or referring on."),
    )

    def __init__(self, *args, doelen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.doelen = list(doelen)
        for doel in self.doelen:
            self.fields[f"doel_{doel.pk}"] = forms.TypedChoiceField(
                label=gettext_lazy("Realisation (1–10)"),
                choices=SCORES,
                coerce=int,
                empty_value=None,
                help_text=_("Start %(start)s, target %(doel)s")
                % {"start": doel.startscore, "doel": doel.doelscore},
                error_messages={
                    "required": gettext_lazy("Give a realisation score for this goal."),
                    "invalid_choice": gettext_lazy("Scores lie between 1 and 10."),
                },
            )
            self.fields[f"opmerking_{doel.pk}"] = TekstFormField(
                label=gettext_lazy("Comment"), max_length=NOTITIE, required=False
            )

    def clean_gehouden_op(self):
        datum = self.cleaned_data["gehouden_op"]
        werkdatum_valideren(datum, timezone.localdate())
        return datum

    def clean_volgende_op(self):
        datum = self.cleaned_data["volgende_op"]
        if datum and not (timezone.localdate() <= datum <= timezone.localdate() + timedelta(days=366)):
            raise forms.ValidationError(_("Plan the next evaluation from today to at most a year ahead."))
        return datum

    def doelvelden(self):
        return [(doel, self[f"doel_{doel.pk}"], self[f"opmerking_{doel.pk}"]) for doel in self.doelen]

    def doelscores(self) -> dict:
        return {
            doel.pk: (
                self.cleaned_data.get(f"doel_{doel.pk}"),
                self.cleaned_data.get(f"opmerking_{doel.pk}", ""),
            )
            for doel in self.doelen
        }


class EvaluatieNieuwView(ActieView):
    """Record an evaluation: a planned one (evaluatie_vastleggen) or an extra one (evaluatie_nieuw)."""

    actie = policy.EVALUATIE_VASTLEGGEN
    gebeurtenis = Gebeurtenis.AANMAKEN
    form_class = EvaluatieForm
    template_name = "trajecten/evaluatie_vastleggen.html"
    titel = gettext_lazy("Record an evaluation")
    knop = gettext_lazy("Save evaluation")
    tab = "evaluaties"
    succes = gettext_lazy("The evaluation has been recorded.")
    evaluatie = None

    def get_form_kwargs(self):
        plan = actueel_plan(self.traject)
        self.plan = plan
        return {**super().get_form_kwargs(), "doelen": list(plan.doelen.all()) if plan else []}

    def get_initial(self):
        vandaag = timezone.localdate()
        gepland = self.evaluatie.gepland_op if self.evaluatie else vandaag
        return {"gehouden_op": min(gepland, vandaag)}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "evaluatie": self.evaluatie, "plan": self.plan}

    def uitvoeren(self, form):
        data = form.cleaned_data
        evaluatie = evaluaties.evaluatie_vastleggen(
            request=self.request,
            traject=self.traject,
            evaluatie=self.evaluatie,
            gehouden_op=data["gehouden_op"],
            deelnemers=data["deelnemers"],
            doelen=form.doelscores(),
            conclusie=data["conclusie"],
            toelichting=data["toelichting"],
            volgende_op=data["volgende_op"],
            uren_per_week=data["uren_per_week"],
        )
        if getattr(evaluatie, "aanvraag", None) is not None:
            self.succes = _(
                "The evaluation has been recorded and the case manager has been asked for %(uren)s hours per week."
            ) % {"uren": evaluatie.aanvraag.uren_per_week.normalize()}


class EvaluatieVastleggenView(BinnenTrajectMixin, EvaluatieNieuwView):
    binnen_traject_naam = "evaluatie"
    binnen_traject_relatie = "evaluaties"


class EvaluatiesPlannenView(ActieView):
    actie = policy.EVALUATIE_VASTLEGGEN
    gebeurtenis = Gebeurtenis.AANMAKEN
    form_class = LegeForm
    template_name = "trajecten/evaluatie_plannen.html"
    titel = gettext_lazy("Plan evaluations")
    knop = gettext_lazy("Plan evaluations")
    tab = "evaluaties"

    def get_initial(self):
        return {}

    def get_context_data(self, **kwargs):
        aanbieder = self.traject.aanbieder
        return {
            **super().get_context_data(**kwargs),
            "eerste_weken": aanbieder.eerste_evaluatie_na_weken,
            "interval_weken": aanbieder.evaluatie_interval_weken,
            "einddatum": evaluaties.einddatum(self.traject),
        }

    def uitvoeren(self, form):
        nieuw = evaluaties.evaluaties_plannen(self.traject, request=self.request)
        self.succes = _("Evaluations planned: %(aantal)s new.") % {"aantal": len(nieuw)}
