"""Recording a chain meeting (ketenzorgoverleg) about a family (issue 13)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import policy
from core.constants import Gebeurtenis
from core.validators import TEKST_LANG, TekstFormField

from . import overleg, selectors
from .views import KetenActieView


class KetenoverlegForm(forms.Form):
    datum = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    deelnemers = forms.ModelMultipleChoiceField(
        label=_("Partners that took part"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The partners on the social map that work in the family's municipality."),
    )
    overige_deelnemers = TekstFormField(
        label=_("Other participants"),
        required=False,
        max_length=200,
        help_text=_("For instance: the parents, the case manager, the care worker."),
    )
    besluiten = TekstFormField(
        label=_("Decisions"), widget=forms.Textarea(attrs={"rows": 4}), max_length=TEKST_LANG
    )

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deelnemers"].queryset = (
            selectors.actieve_ketenpartners()
            .filter(gemeenten=traject.gemeente_id)
            .order_by("organisatie__naam")
        )


class KetenoverlegNieuwView(KetenActieView):
    actie = policy.BETROKKENHEID_BEHEREN
    gebeurtenis = Gebeurtenis.AANMAKEN
    form_class = KetenoverlegForm
    titel = _("Record a chain meeting")
    knop = _("Record chain meeting")
    uitleg = _(
        "A chain meeting (ketenzorgoverleg) about this family: when, who took part and what was decided. "
        "The programme evaluation counts the meetings, never their content."
    )
    succes = _("The chain meeting has been recorded.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "traject": self.traject}

    def get_initial(self):
        return {"datum": timezone.localdate()}

    def uitvoeren(self, form):
        overleg.ketenoverleg_vastleggen(request=self.request, traject=self.traject, **form.cleaned_data)
