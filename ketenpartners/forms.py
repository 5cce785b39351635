from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import VasteKeuzelijst
from core.validators import (
    NOTITIE,
    TEKST_LANG,
    TEKST_MIDDEL,
    WACHTTIJD_MAX_DAGEN,
    TekstFormField,
    TelefoonFormField,
)
from trajecten.forms import DATUM, VersieForm

from . import selectors
from .constants import Aanleiding, BetrokkenheidRol, PartnerSoort, Reikwijdte, ToestemmingWijze
from .models import EMAIL, OVERDRACHT_DOELEN_MAX, WACHTTIJD_FOUT, Contactpersoon, Ketenpartner


class ZoekForm(forms.Form):
    """The social map's search: who helps with what, in which municipality. The services and the
    municipalities are reference data, read from a short shared cache (selectors.zoekkeuzes), not from the
    database on every search; the cleaned values are their ids."""

    dienst = forms.TypedChoiceField(
        label=_("Help with"), coerce=int, empty_value=None, required=False, widget=VasteKeuzelijst
    )
    gemeente = forms.TypedChoiceField(
        label=_("For a family in"), coerce=int, empty_value=None, required=False, widget=VasteKeuzelijst
    )
    soort = forms.ChoiceField(
        label=_("Type of organisation"), choices=[("", _("Any type"))] + PartnerSoort.choices, required=False
    )
    tekst = forms.CharField(label=_("Name contains"), required=False, max_length=100)
    traject = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keuzes = selectors.zoekkeuzes()
        for veld, lijst, leeg in (
            ("dienst", "diensten", _("Any service")),
            ("gemeente", "gemeenten", _("Any municipality")),
        ):
            self.fields[veld].choices = [("", leeg), *keuzes[lijst]]
            # The list's content names its rendering (core.forms.VasteKeuzelijst): a changed list is new.
            self.fields[veld].widget.sleutel = hash(tuple(keuzes[lijst]))


class KetenpartnerForm(forms.Form):
    """What a beheerder keeps current on the partner's page: contact details and the waiting time."""

    telefoon = TelefoonFormField(label=_("Phone"), required=False)
    email = forms.CharField(label=_("E-mail"), required=False, max_length=254, validators=[EMAIL])
    wachttijd_dagen = forms.IntegerField(
        label=_("Current waiting time (days)"),
        required=False,
        min_value=0,
        max_value=WACHTTIJD_MAX_DAGEN,
        help_text=_("From request to first contact. Saving confirms the waiting time as of today."),
        error_messages={"min_value": _("A waiting time cannot be below zero."), "max_value": WACHTTIJD_FOUT},
    )


class ContactpersoonKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        skj = f" — SKJ {obj.skj_nummer}" if obj.skj_nummer else ""
        return f"{obj.naam}, {obj.functie} ({obj.ketenpartner}){skj}"


class BetrokkenheidForm(VersieForm):
    ketenpartner = forms.ModelChoiceField(label=_("Chain partner"), queryset=Ketenpartner.objects.none())
    rol = forms.ChoiceField(label=_("Role"), choices=BetrokkenheidRol.choices)
    contactpersoon = ContactpersoonKeuze(
        label=_("Contact person"),
        queryset=Contactpersoon.objects.none(),
        required=False,
        help_text=_("Required for a regievoerder: a named professional."),
    )
    verantwoordelijkheden = TekstFormField(
        label=_("Agreed responsibilities (who does what)"),
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What this partner does for the family, and what BabythuisZorg does."),
    )
    van = forms.DateField(label=_("From"), widget=DATUM)
    tot = forms.DateField(label=_("Up to and including"), widget=DATUM, required=False)

    def __init__(self, *args, partner: Ketenpartner | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        partners = selectors.actieve_ketenpartners()
        self.fields["ketenpartner"].queryset = partners
        # With a partner chosen on the social map, only its people; otherwise everyone, by partner.
        self.fields["contactpersoon"].queryset = selectors.contactpersonen_van(
            partners.filter(pk=partner.pk) if partner else partners
        )


class EindeForm(VersieForm):
    tot = forms.DateField(label=_("Last day"), widget=DATUM)


class ToestemmingForm(VersieForm):
    ketenpartner = forms.ModelChoiceField(label=_("Chain partner"), queryset=Ketenpartner.objects.none())
    reikwijdte = forms.MultipleChoiceField(
        label=_("What may be shared"), choices=Reikwijdte.choices, widget=forms.CheckboxSelectMultiple
    )
    wijze = forms.ChoiceField(label=_("Given how"), choices=ToestemmingWijze.choices)
    gegeven_op = forms.DateField(label=_("Given on"), widget=DATUM)
    toelichting = TekstFormField(label=_("Conditions or note"), required=False, max_length=NOTITIE)

    def __init__(self, *args, traject=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ketenpartner"].queryset = selectors.betrokken_partners(traject)

    def clean_gegeven_op(self):
        # The service checks again; here the message lands beside the field at once.
        gegeven_op = self.cleaned_data["gegeven_op"]
        if gegeven_op > timezone.localdate():
            raise forms.ValidationError(
                _("Consent cannot be dated in the future: record it once the client has given it.")
            )
        return gegeven_op


class IntrekkenForm(forms.Form):
    toelichting = TekstFormField(
        label=_("Note (optional)"),
        required=False,
        max_length=NOTITIE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OverdrachtForm(VersieForm):
    ketenpartner = forms.ModelChoiceField(label=_("Receiving partner"), queryset=Ketenpartner.objects.none())
    contactpersoon = ContactpersoonKeuze(
        label=_("Contact person"), queryset=Contactpersoon.objects.none(), required=False
    )
    aanleiding = forms.ChoiceField(label=_("Occasion"), choices=Aanleiding.choices)
    doelen = TekstFormField(
        label=_("Goals and where they stand"),
        max_length=OVERDRACHT_DOELEN_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Taken from the current support plan; adjust where needed."),
    )
    netwerk = TekstFormField(
        label=_("Family-network plan"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=TEKST_LANG,
    )
    wens_gezin = TekstFormField(
        label=_("What the family asked to pass on"),
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In the parents' own words."),
    )
    aandachtspunten = TekstFormField(
        label=_("Points of attention from the professional"),
        max_length=TEKST_LANG,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, traject=None, **kwargs):
        super().__init__(*args, **kwargs)
        partners = selectors.betrokken_partners(traject)
        self.fields["ketenpartner"].queryset = partners
        self.fields["contactpersoon"].queryset = selectors.contactpersonen_van(partners)


class LeegForm(forms.Form):
    """A confirmation: the button is the whole form."""


class KetenoverzichtForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        label=_("Municipality"), queryset=selectors.gemeenten(), empty_label=None
    )
