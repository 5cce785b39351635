from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.validators import BUDGET_MAX, TEKST_MIDDEL, TekstFormField

from . import services
from .constants import Product, Wijziging
from .models import IndicatieAanvraag

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
UREN_FOUT = _("Hours per week must be more than 0 and at most 168 (24 hours a day, 7 days).")
UREN_FOUTEN = {"min_value": UREN_FOUT, "max_value": UREN_FOUT}
UREN = forms.NumberInput(attrs={"step": "0.25", "min": "0.25", "max": "168", "inputmode": "decimal"})


class AanvraagForm(forms.ModelForm):
    versie = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = IndicatieAanvraag
        fields = [
            "product",
            "gewenste_start",
            "gewenste_eind",
            "uren_per_week",
            "nachten_nodig",
            "toelichting",
        ]
        widgets = {
            "gewenste_start": DATUM,
            "gewenste_eind": DATUM,
            "uren_per_week": UREN,
            "toelichting": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"uren_per_week": _("More than 0, at most 168 (24 hours a day, 7 days a week).")}

    def clean(self):
        cleaned = super().clean()
        start, eind = cleaned.get("gewenste_start"), cleaned.get("gewenste_eind")
        if start and eind and eind <= start:
            self.add_error("gewenste_eind", _("The end date must lie after the start date."))
        uren = cleaned.get("uren_per_week")
        if uren is not None and not (0 < uren <= 168):
            self.add_error(
                "uren_per_week",
                _("Hours per week must be more than 0 and at most 168 (24 hours a day, 7 days)."),
            )
        return cleaned


class BeslissenForm(forms.Form):
    besluit = forms.ChoiceField(
        label=_("Decision"),
        choices=[("toekennen", _("Grant")), ("afwijzen", _("Decline"))],
        widget=forms.RadioSelect,
        initial="toekennen",
    )
    beschikkingsnummer = TekstFormField(
        label=_("Decision number"), max_length=40, required=False, help_text=_("Required when granting.")
    )
    product = forms.ChoiceField(label=_("Product"), choices=Product.choices)
    van = forms.DateField(label=_("From"), widget=DATUM)
    tot = forms.DateField(label=_("Up to and including"), widget=DATUM)
    uren_per_week = forms.DecimalField(
        label=_("Hours per week"), max_digits=5, decimal_places=2, widget=UREN,
        min_value=Decimal("0.25"), max_value=168, error_messages=UREN_FOUTEN,
        help_text=_("More than 0, at most 168 (24 hours a day, 7 days a week)."),
    )  # fmt: skip
    nachten = forms.BooleanField(label=_("Includes nights"), required=False)
    budget = forms.DecimalField(
        label=_("Budget (€)"), max_digits=10, decimal_places=2, required=False, min_value=0,
        max_value=BUDGET_MAX,
        help_text=_("Empty: hours per week × weeks × the contract's hourly tariff."),
    )  # fmt: skip
    motivatie = TekstFormField(
        label=_("Motivation for continuing past the first birthday"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=TEKST_MIDDEL,
    )
    budgetreden = TekstFormField(
        label=_("Reason to exceed the budget"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=TEKST_MIDDEL,
        help_text=_(
            "Only needed when the care already logged in the new period costs more than its budget: "
            "records a budget exception."
        ),
    )
    afwijzingsreden = TekstFormField(
        label=_("Reason for declining"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=TEKST_MIDDEL,
    )

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.traject = traject

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("besluit") == "afwijzen" and not cleaned.get("afwijzingsreden", "").strip():
            self.add_error("afwijzingsreden", _("Give the reason for declining."))
        if cleaned.get("besluit") == "toekennen" and self.traject is not None:
            # All that the service would refuse, in this same round (not first the fields, then the rest).
            fouten = services.afgifte_fouten(
                self.traject,
                beschikkingsnummer=cleaned.get("beschikkingsnummer", ""),
                van=cleaned.get("van"),
                tot=cleaned.get("tot"),
                uren_per_week=cleaned.get("uren_per_week"),
                motivatie=cleaned.get("motivatie", ""),
            )
            for veld, lijst in fouten.items():
                veld = {"motivatie_na_eerste_verjaardag": "motivatie"}.get(veld, veld)
                for tekst in lijst:
                    if veld is None or veld not in self.errors:
                        self.add_error(veld, tekst)
        return cleaned


class WijzigenForm(forms.Form):
    wijziging = forms.ChoiceField(
        label=_("Change"),
        choices=[c for c in Wijziging.choices if c[0] not in (Wijziging.NIEUW, Wijziging.VERHUIZING)],
        widget=forms.RadioSelect,
    )
    geldig_van = forms.DateField(label=_("Valid from"), widget=DATUM)
    product = forms.ChoiceField(label=_("Product"), choices=Product.choices)
    nachten = forms.BooleanField(label=_("Includes nights"), required=False)
    uren_per_week = forms.DecimalField(
        label=_("Hours per week"),
        max_digits=5,
        decimal_places=2,
        widget=UREN,
        min_value=Decimal("0.25"),
        max_value=168,
        error_messages=UREN_FOUTEN,
    )
    tot = forms.DateField(label=_("Up to and including"), widget=DATUM)
    motivatie = TekstFormField(
        label=_("Motivation for continuing past the first birthday"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=TEKST_MIDDEL,
    )
    budgetreden = TekstFormField(
        label=_("Reason to exceed the budget"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=TEKST_MIDDEL,
        help_text=_(
            "Only needed when the care already logged in the new period costs more than its budget: "
            "records a budget exception."
        ),
    )


class BeeindigenForm(forms.Form):
    op = forms.DateField(label=_("Last day"), widget=DATUM)
    beeindigingsreden = TekstFormField(
        label=_("Reason for ending"), widget=forms.Textarea(attrs={"rows": 2}), max_length=TEKST_MIDDEL
    )
