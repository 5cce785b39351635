"""A family's life changes (issue 16): the birth, a move to another municipality, a second baby, a BSN
that arrives later."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.constants import Rol
from core import policy
from trajecten import gezin, services, verhuizing
from trajecten.forms import DATUM, BabyForm, GeboorteForm, VersieForm
from trajecten.models import Gezin

from .basis import ActieView


class GeboorteView(ActieView):
    """The baby expected at the referral is born: record the date, and hear what no longer fits."""

    formulier_met_traject = True
    actie = policy.GEBOORTE_VASTLEGGEN
    form_class = GeboorteForm
    titel = _("Record the birth")
    knop = _("Record the birth")
    tab = "gezin"
    succes = _("The birth has been recorded; the first birthday now follows the date of birth.")

    def uitvoeren(self, form):
        data = form.cleaned_data
        babys = list(data["baby"])
        grens, te_lang = services.geboorte_vastleggen(
            request=self.request, traject=self.traject, baby=babys[0], geboortedatum=data["geboortedatum"],
            prematuur=data["prematuur"], versie=data["versie"], meer_babys=babys[1:],
        )  # fmt: skip
        for indicatie in te_lang:
            messages.warning(self.request, te_lang_tekst(indicatie, grens))


def te_lang_tekst(indicatie, grens) -> str:
    return _(
        "The indication runs until %(tot)s, past the first birthday on %(grens)s: BabythuisZorg ends at one "
        "year. Ask the case manager to end or change the indication."
    ) % {"tot": date_format(indicatie.tot), "grens": date_format(grens)}


class VerhuizingForm(forms.ModelForm):
    versie = forms.IntegerField(widget=forms.HiddenInput)
    datum = forms.DateField(
        label=_("Moving date"),
        widget=DATUM,
        help_text=_("From this day the new municipality pays and decides (woonplaatsbeginsel)."),
    )
    casemanager = forms.ModelChoiceField(
        label=_("Casemanager of the new municipality"),
        queryset=None,
        help_text=_("Takes over the regie and the indication decisions; agree this with her municipality."),
    )

    class Meta:
        model = Gezin
        fields = verhuizing.ADRESVELDEN

    field_order = ["versie", "datum", "casemanager", *verhuizing.ADRESVELDEN]

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["casemanager"].queryset = verhuizing.casemanagers_elders(traject)
        self.fields["casemanager"].label_from_instance = lambda u: (
            f"{u.lidmaatschap.organisatie.naam} — {u.get_full_name() or u.username}"
        )
        self.fields["woonplaats"].label = _("New place of residence")


class VerhuizingView(ActieView):
    """Record a move to another municipality: the file passes to it from the moving date."""

    actie = policy.VERHUIZING_VASTLEGGEN
    form_class = VerhuizingForm
    formulier_met_traject = True
    titel = _("Record a move to another municipality")
    knop = _("Record the move")
    tab = "geschiedenis"

    def get_initial(self):
        return {"versie": self.traject.versie, "datum": timezone.localdate()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["uitleg"] = _(
            "From the moving date the new municipality pays and decides. Its casemanager takes over the "
            "regie; the running indication continues at the tariff of its contract until she decides. The "
            "present municipality keeps the care before the move in its reports, and loses access to the file."
        )
        return context

    def uitvoeren(self, form):
        data = form.cleaned_data
        self.verhuizing = verhuizing.verhuizing_vastleggen(
            request=self.request,
            traject=self.traject,
            datum=data["datum"],
            casemanager=data["casemanager"],
            adres={veld: data.get(veld) for veld in verhuizing.ADRESVELDEN},
            versie=data["versie"],
        )

    def form_valid(self, form):
        antwoord = super().form_valid(form)
        if antwoord.status_code != 302 or policy.rol_van(self.request.user) != Rol.CASEMANAGER:
            return antwoord
        # The casemanager of the old municipality no longer sees the file: back to her home page.
        messages.info(
            self.request,
            _("The file of %(nummer)s has passed to %(gemeente)s; you no longer have access to it.")
            % {"nummer": self.traject.nummer, "gemeente": self.verhuizing.nieuwe_gemeente.naam},
        )
        return redirect("core:home")

    @property
    def succes(self):
        return _("The move has been recorded; %(gemeente)s holds the regie from %(datum)s.") % {
            "gemeente": self.verhuizing.nieuwe_gemeente.naam,
            "datum": date_format(self.verhuizing.datum, "j F Y"),
        }


class BabyToevoegenForm(BabyForm):
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)


class BabyToevoegenView(ActieView):
    """Another baby: a twin recorded later, or a sibling. The first-birthday bound follows the earliest."""

    actie = policy.GEBOORTE_VASTLEGGEN
    form_class = BabyToevoegenForm
    formulier_met_traject = True
    titel = _("Add a baby")
    knop = _("Add the baby")
    succes = _("The baby has been added; the indication ends at the earliest first birthday.")

    def uitvoeren(self, form):
        grens, te_lang = gezin.baby_toevoegen(
            request=self.request, traject=self.traject, baby=form.save(commit=False),
            versie=form.cleaned_data["versie"],
        )  # fmt: skip
        for indicatie in te_lang:
            messages.warning(self.request, te_lang_tekst(indicatie, grens))


class BsnForm(VersieForm):
    persoon = forms.ChoiceField(label=_("For"))
    bsn = forms.CharField(
        label=_("Citizen service number (BSN)"),
        max_length=11,
        help_text=_("Nine digits; checked with the eleven test. Stored encrypted and shown masked."),
    )

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].choices = gezin.personen_zonder_bsn(traject)


class BsnToevoegenView(ActieView):
    """A BSN that arrived after the referral, for a parent or baby that has none on file."""

    actie = policy.BSN_TOEVOEGEN
    form_class = BsnForm
    formulier_met_traject = True
    titel = _("Add a BSN")
    knop = _("Add the BSN")
    succes = _("The BSN has been added.")

    def uitvoeren(self, form):
        data = form.cleaned_data
        andere = gezin.bsn_toevoegen(
            request=self.request, traject=self.traject, persoon=data["persoon"], bsn=data["bsn"],
            versie=data["versie"],
        )  # fmt: skip
        if andere:
            messages.warning(
                self.request,
                _(
                    "This BSN is also on file in %(nummers)s: check whether it is the same family, and whether "
                    "the care overlaps."
                )
                % {"nummers": ", ".join(t.nummer for t in andere)},
            )


__all__ = ["BabyToevoegenView", "BsnToevoegenView", "VerhuizingForm", "VerhuizingView", "VersieForm"]
