from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.constants import OrganisatieSoort
from accounts.models import Organisatie, User
from core.validators import (
    AANMELDING_MAX_JAREN_TERUG,
    DOELEN_PER_PLAN_MAX,
    HUISLETTER_FOUT,
    HUISNUMMER_FOUT,
    TEKST_KORT,
    TEKST_LANG,
    TEKST_MIDDEL,
    TOEVOEGING_FOUT,
    NaamFormField,
    TekstFormField,
    ouder_geboortedatum_valideren,
    werkdatum_valideren,
)

from .constants import (
    GIZ_ZIJDE_VAN,
    BezoekSoort,
    Ernst,
    GizFactor,
    Inschatting,
    Kwetsbaarheid,
    MeldcodeStap,
    SignaalCategorie,
    Thema,
    Uitkomst,
    Urgentie,
)
from .models import Aanmelding, Afsluiting, Baby, Gezin, Intake, Ouder, Zorgdoel
from .services import laatste_dag_fout

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersieForm(forms.Form):
    """Carries the trajectory version the page showed, so a concurrent change is detected."""

    versie = forms.IntegerField(widget=forms.HiddenInput)


class ToewijzingBeeindigenForm(VersieForm):
    """Ending an assignment is a step with a date and a reason, not one click on the team tab."""

    laatste_dag = forms.DateField(
        label=_("Her last working day with this family"),
        widget=DATUM,
        help_text=_(
            "From the day after, she no longer has the family's file. A planned assignment that "
            "has not started by then is withdrawn."
        ),  # fmt: skip
    )
    reden = TekstFormField(label=_("Reason"), max_length=255)

    def clean_laatste_dag(self):
        # The rule lives in the service (which refuses it too); asked here so that it shows in the same
        # round as the reason.
        dag = self.cleaned_data["laatste_dag"]
        if fout := laatste_dag_fout(dag):
            raise forms.ValidationError(fout)
        return dag


class GeboorteForm(VersieForm):
    # Twins are born the same day: tick each (issue 16). One expected baby is ticked already.
    baby = forms.ModelMultipleChoiceField(
        label=_("Baby"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Twins: tick both babies born on this day."),
    )
    geboortedatum = forms.DateField(label=_("Date of birth"), widget=DATUM)
    prematuur = forms.BooleanField(label=_("Born prematurely (before 37 weeks)"), required=False)

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["baby"].queryset = Baby.objects.filter(
            gezin_id=traject.gezin_id, geboortedatum__isnull=True
        ).order_by("pk")
        if not self.is_bound:
            # The expected babies of the earliest due date: one baby, or twins.
            verwacht = list(self.fields["baby"].queryset)
            eerste = min((b.uitgerekende_datum for b in verwacht if b.uitgerekende_datum), default=None)
            self.initial["baby"] = [b.pk for b in verwacht if b.uitgerekende_datum == eerste] or [
                b.pk for b in verwacht[:1]
            ]
        self.fields["baby"].label_from_instance = lambda b: (
            _("%(naam)s, due on %(datum)s")
            % {"naam": b.voornaam or _("baby"), "datum": date_format(b.uitgerekende_datum)}
            if b.uitgerekende_datum
            else b.voornaam or _("baby")
        )


class GezinForm(forms.ModelForm):
    class Meta:
        model = Gezin
        fields = [
            "gemeente",
            "straat",
            "huisnummer",
            "huisletter",
            "huisnummertoevoeging",
            "postcode",
            "woonplaats",
            "taal",
            "eerste_kind",
        ]
        widgets = {"eerste_kind": forms.NullBooleanSelect}
        error_messages = {
            "huisnummer": {"invalid": HUISNUMMER_FOUT},
            "huisletter": {"max_length": HUISLETTER_FOUT},
            "huisnummertoevoeging": {"max_length": TOEVOEGING_FOUT},
        }
        help_texts = {
            "huisletter": _("One letter, as in 12A. Optional."),
            "huisnummertoevoeging": _("Up to four letters or digits, as in 12-2 or 12 bis. Optional."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = Organisatie.objects.filter(
            soort=OrganisatieSoort.GEMEENTE, actief=True
        )
        self.fields["gemeente"].help_text = _(
            "The municipality of residence: it decides and pays the indication."
        )

    def clean_huisletter(self):
        return self.cleaned_data["huisletter"].strip().upper()

    def clean_huisnummertoevoeging(self):
        return self.cleaned_data["huisnummertoevoeging"].strip().upper()


class OuderForm(forms.ModelForm):
    class Meta:
        model = Ouder
        fields = ["rol", "voornaam", "achternaam", "geboortedatum", "bsn", "opleidingsniveau", "telefoon"]
        widgets = {"geboortedatum": DATUM}
        help_texts = {
            "bsn": _("Nine digits; checked with the eleven test. Stored encrypted and shown masked.")
        }

    def clean_geboortedatum(self):
        geboortedatum = self.cleaned_data["geboortedatum"]
        ouder_geboortedatum_valideren(geboortedatum, timezone.localdate())
        return geboortedatum

    def clean_bsn(self):
        # The service checks again; here the message lands beside the right parent's field.
        from .services import bsn_valideren

        try:
            return bsn_valideren(self.cleaned_data.get("bsn", ""))
        except forms.ValidationError as fout:
            raise forms.ValidationError(fout.message_dict["bsn"]) from fout


class PartnerForm(OuderForm):
    """The second parent is optional: an empty form is skipped."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_permitted = True
        self.use_required_attribute = False
        self.fields["rol"].initial = "partner"


class BabyForm(forms.ModelForm):
    class Meta:
        model = Baby
        fields = ["voornaam", "geboortedatum", "uitgerekende_datum", "prematuur", "kindfactoren"]
        widgets = {
            "geboortedatum": DATUM,
            "uitgerekende_datum": DATUM,
            "kindfactoren": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("geboortedatum") and not cleaned.get("uitgerekende_datum"):
            raise forms.ValidationError(
                _("Enter the date of birth, or the due date if the baby is not born yet.")
            )
        return cleaned


class TweedeBabyForm(BabyForm):
    """A twin (or more): optional, an empty form is skipped."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_permitted = True
        self.use_required_attribute = False


class AanmeldingForm(forms.ModelForm):
    kwetsbaarheden = forms.MultipleChoiceField(
        label=_("Vulnerability factors"),
        choices=Kwetsbaarheid.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Aanmelding
        fields = [
            "verwijzer_soort",
            "verwijzer_organisatie",
            "verwijzer_naam",
            "verwijzer_contact",
            "hulpvraag",
            "kwetsbaarheden",
            "urgentie",
            "ontvangen_op",
            "toestemming_client",
        ]
        widgets = {"ontvangen_op": DATUM, "hulpvraag": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, aanbieder_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The provider's region: the municipalities it has a contract with (all, for a provider without
        # one yet) and the chain partners serving them. The service checks the family's own municipality.
        gemeenten = Organisatie.objects.filter(soort=OrganisatieSoort.GEMEENTE, actief=True)
        gecontracteerd = gemeenten.filter(contracten_als_gemeente__aanbieder_id=aanbieder_id)
        if aanbieder_id is not None and gecontracteerd.exists():
            gemeenten = gecontracteerd
        self.fields["verwijzer_organisatie"].queryset = (
            Organisatie.objects.filter(
                Q(pk__in=gemeenten.values("pk"))
                | Q(
                    soort=OrganisatieSoort.KETENPARTNER,
                    ketenpartner__gemeenten__in=gemeenten.values("pk"),
                ),
                actief=True,
            )
            .distinct()
            .order_by("naam")
        )
        self.fields["verwijzer_organisatie"].help_text = _(
            "The family's municipality or a chain partner that serves it (social map)."
        )
        self.fields["toestemming_client"].required = True
        self.fields["toestemming_client"].error_messages["required"] = _(
            "Without the client's consent the referral cannot be registered."
        )

    def clean_ontvangen_op(self):
        datum = self.cleaned_data["ontvangen_op"]
        werkdatum_valideren(datum, timezone.localdate(), AANMELDING_MAX_JAREN_TERUG)
        return datum


class AfwijzenForm(VersieForm):
    reden = TekstFormField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEKST_MIDDEL
    )
    advies = TekstFormField(
        label=_("Advice where to go instead"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEKST_MIDDEL,
    )
    # Issue 13: the partner on the social map she was sent to, so reports can count it.
    doorverwezen_naar = forms.ModelChoiceField(
        label=_("Sent to a partner on the social map"),
        queryset=None,
        required=False,
        empty_label=_("— not on the social map —"),
    )

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        # The social map is an app above this one: its model through the referral's foreign key.
        ketenpartner = Aanmelding._meta.get_field("doorverwezen_naar").related_model
        self.fields["doorverwezen_naar"].queryset = (
            ketenpartner.objects.filter(organisatie__actief=True, gemeenten=traject.gemeente_id)
            .select_related("organisatie")
            .order_by("organisatie__naam")
        )


class AnnulerenForm(VersieForm):
    reden = TekstFormField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEKST_MIDDEL
    )


class IntakeForm(forms.ModelForm):
    componenten = forms.MultipleChoiceField(
        label=_("Components needed"), choices=Intake._meta.get_field("componenten").base_field.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    versie = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Intake
        fields = ["datum", "client_visie", "risiconiveau", "conclusie", "componenten"]
        widgets = {
            "datum": DATUM,
            "client_visie": forms.Textarea(attrs={"rows": 3}),
            "conclusie": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One pair of fields per GIZ factor: assessment (optional) and weight.
        for factor in GizFactor:
            self.fields[f"factor_{factor.value}"] = forms.ChoiceField(
                label=factor.label,
                choices=[("", _("not discussed"))] + list(Inschatting.choices),
                required=False,
                help_text=GIZ_ZIJDE_VAN[factor].label,
            )
            self.fields[f"ernst_{factor.value}"] = forms.TypedChoiceField(
                label=_("Weight"),
                choices=[(1, "1"), (2, "2"), (3, "3")],
                coerce=int,
                initial=1,
                required=False,
            )
            self.fields[f"urgentie_{factor.value}"] = forms.ChoiceField(
                label=_("Urgency"),
                choices=[("", _("not urgent"))] + list(Urgentie.choices),
                required=False,
            )

    def factoren(self):
        """(factor, inschatting, ernst) for the factors discussed."""
        return [
            (
                factor.value,
                self.cleaned_data[f"factor_{factor.value}"],
                self.cleaned_data.get(f"ernst_{factor.value}") or 1,
            )
            for factor in GizFactor
            if self.cleaned_data.get(f"factor_{factor.value}")
        ]

    def factorvelden(self):
        return [
            (self[f"factor_{f.value}"], self[f"ernst_{f.value}"], self[f"urgentie_{f.value}"])
            for f in GizFactor
        ]

    def urgentie(self, factor: str) -> str:
        return self.cleaned_data.get(f"urgentie_{factor}") or ""

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        werkdatum_valideren(datum, timezone.localdate())
        return datum

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"factor_{f.value}") for f in GizFactor):
            raise forms.ValidationError(_("Assess at least one factor with the client."))
        for f in GizFactor:
            if cleaned.get(f"urgentie_{f.value}") and cleaned.get(f"factor_{f.value}") not in {
                "zorg",
                "risico",
            }:
                self.add_error(
                    f"urgentie_{f.value}", _("Urgency applies to a concern or a risk, not to a strength.")
                )
        return cleaned


class RegieForm(VersieForm):
    casemanager = forms.ModelChoiceField(
        label=_("Case manager"), queryset=User.objects.none(), required=False
    )
    naam = NaamFormField(
        label=_("Or: name of the SKJ-registered professional"), required=False, max_length=200
    )
    skj = forms.CharField(label=_("SKJ registration number"), required=False, max_length=20)
    organisatie = forms.ModelChoiceField(
        label=_("Chain partner"),
        queryset=Organisatie.objects.filter(soort=OrganisatieSoort.KETENPARTNER, actief=True),
        required=False,
    )

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        gemeente = traject.gezin.gemeente
        self.fields["casemanager"].queryset = User.objects.filter(
            lidmaatschap__rol="casemanager",
            lidmaatschap__organisatie=traject.gezin.gemeente_id,
            is_active=True,
        ).order_by("first_name", "last_name")
        self.fields["casemanager"].help_text = _("Case managers of %(gemeente)s.") % {"gemeente": gemeente}
        # Only partners that serve the family's municipality (the service refuses any other).
        self.fields["organisatie"].queryset = Organisatie.objects.filter(
            soort=OrganisatieSoort.KETENPARTNER,
            actief=True,
            ketenpartner__gemeenten=traject.gezin.gemeente_id,
        ).order_by("naam")
        self.fields["organisatie"].help_text = _("Chain partners that serve %(gemeente)s.") % {
            "gemeente": gemeente
        }


class ToewijzingForm(VersieForm):
    medewerker = forms.ModelChoiceField(label=_("Care worker"), queryset=User.objects.none())
    van = forms.DateField(label=_("From"), widget=DATUM)
    tot = forms.DateField(label=_("Up to and including"), widget=DATUM, required=False)
    eerste_aanspreekpunt = forms.BooleanField(label=_("First contact"), required=False)

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medewerker"].queryset = User.objects.filter(
            lidmaatschap__rol="medewerker", lidmaatschap__organisatie=traject.aanbieder_id, is_active=True
        ).order_by("first_name", "last_name")
        self.fields["medewerker"].empty_label = _("Choose a care worker")


TIJD = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class HuisbezoekForm(forms.Form):
    """Phone first: a date, two times, what was worked on, a score per goal, a few words."""

    soort = forms.ChoiceField(label=_("Kind"), choices=BezoekSoort.choices, initial=BezoekSoort.HUISBEZOEK)
    datum = forms.DateField(label=_("Date"), widget=DATUM)
    begin = forms.TimeField(label=_("Start"), widget=TIJD)
    einde = forms.TimeField(
        label=pgettext_lazy("end time of a visit", "End"),
        widget=TIJD,
        help_text=_("An end at or before the start is on the next day (night shift)."),
    )
    themas = forms.MultipleChoiceField(
        label=_("Themes worked on"),
        choices=Thema.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The themes of the goals you score below count as worked on without ticking them."),
    )
    verslag = TekstFormField(
        label=_("Short report"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEKST_LANG
    )

    def __init__(self, *args, doelen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.doelen = list(doelen)
        for doel in self.doelen:
            # One tap per goal: a row of buttons 1–10 rather than a picker wheel.
            self.fields[f"doel_{doel.pk}"] = forms.TypedChoiceField(
                label=str(doel),
                choices=[("", _("none"))] + [(i, str(i)) for i in range(1, 11)],
                widget=forms.RadioSelect(attrs={"class": "app-scores"}),
                coerce=int,
                empty_value=None,
                required=False,
                help_text=_("Start %(start)s, target %(doel)s")
                % {"start": doel.startscore, "doel": doel.doelscore},
            )

    def clean(self):
        # A goal scored is a theme worked on: its theme need not be ticked as well.
        data = super().clean()
        themas = list(data.get("themas") or [])
        for doel, _score, _notitie in self.voortgang():
            if doel.thema not in themas:
                themas.append(doel.thema)
        data["themas"] = themas
        return data

    def voortgang(self):
        return [
            (doel, self.cleaned_data[f"doel_{doel.pk}"], "")
            for doel in self.doelen
            if self.cleaned_data.get(f"doel_{doel.pk}") is not None
        ]

    def doelvelden(self):
        return [self[f"doel_{doel.pk}"] for doel in self.doelen]


class ZorgdoelForm(forms.ModelForm):
    class Meta:
        model = Zorgdoel
        fields = ["thema", "omschrijving", "betreft", "startscore", "doelscore"]
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 2})}


ZorgdoelFormSet = forms.formset_factory(
    ZorgdoelForm,
    extra=1,
    min_num=1,
    validate_min=True,
    max_num=DOELEN_PER_PLAN_MAX,
    validate_max=True,
    absolute_max=DOELEN_PER_PLAN_MAX + 10,
)


class PlanForm(forms.Form):
    overeengekomen_op = forms.DateField(label=_("Agreed with the parents on"), widget=DATUM, required=False)
    woorden_ouders = TekstFormField(
        label=_("In the parents' own words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=TEKST_MIDDEL,
    )
    gebaseerd_op_versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_overeengekomen_op(self):
        datum = self.cleaned_data["overeengekomen_op"]
        werkdatum_valideren(datum, timezone.localdate())
        return datum


class SignaalForm(forms.Form):
    categorie = forms.ChoiceField(label=_("Category"), choices=SignaalCategorie.choices)
    ernst = forms.ChoiceField(
        label=_("Severity"),
        choices=Ernst.choices,
        help_text=_("Serious and acute signals notify the coordinator and case manager at once."),
    )
    beschrijving = TekstFormField(
        label=_("What did you see or hear?"), widget=forms.Textarea(attrs={"rows": 4}), max_length=TEKST_LANG
    )
    acties = TekstFormField(
        label=_("What has been done already?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=TEKST_LANG,
    )


JA_NEE = [("", _("not answered")), ("ja", _("yes")), ("nee", _("no"))]


class MeldcodeForm(forms.Form):
    stap = forms.TypedChoiceField(label=_("Step"), choices=MeldcodeStap.choices, coerce=int)
    datum = forms.DateField(label=_("Date"), widget=DATUM)
    notitie = TekstFormField(
        label=_("What was done or found"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEKST_LANG
    )
    vermoeden = forms.TypedChoiceField(
        label=_("Weighing 1: is there a suspicion of domestic violence or child abuse?"),
        choices=JA_NEE, coerce=lambda v: v == "ja", empty_value=None, required=False,
        help_text=_("Step 4 only."),
    )  # fmt: skip
    onveilig = forms.TypedChoiceField(
        label=_("Weighing 2: is there acute or structural unsafety?"),
        choices=JA_NEE, coerce=lambda v: v == "ja", empty_value=None, required=False,
        help_text=_("Step 4 only."),
    )  # fmt: skip
    hulp_organiseren = forms.BooleanField(label=_("Decision: organise help"), required=False)
    melden_veilig_thuis = forms.BooleanField(label=_("Decision: report to Veilig Thuis"), required=False)

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        werkdatum_valideren(datum, timezone.localdate())
        return datum


class SignaalAfrondenForm(forms.Form):
    acties = TekstFormField(
        label=_("What was done about this signal"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEKST_LANG,
    )


class AfsluitingVoorstelForm(VersieForm):
    uitkomst = forms.ChoiceField(label=_("Outcome"), choices=Uitkomst.choices)
    overgedragen_aan_partner = forms.ModelChoiceField(
        label=_("Handed over to a partner on the social map"),
        queryset=None,
        required=False,
        empty_label=_("— not on the social map —"),
        help_text=_("Choose the partner, so that the chain overview counts the handover."),
    )
    overgedragen_aan = TekstFormField(
        label=_("Handed over to (not on the social map)"),
        required=False,
        max_length=200,
        help_text=_("Only when the partner is not on the social map: its name."),
    )

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        # The active partners that serve the family's municipality (the model the closure's foreign key
        # names: the social map, an app above this one).
        ketenpartner = Afsluiting._meta.get_field("overgedragen_aan_partner").related_model
        self.fields["overgedragen_aan_partner"].queryset = (
            ketenpartner.objects.filter(organisatie__actief=True, gemeenten=traject.gemeente_id)
            .select_related("organisatie")
            .order_by("organisatie__naam")
        )

    toelichting = TekstFormField(
        label=_("Explanation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=TEKST_LANG,
    )
    # Issue 13: staff satisfaction, the third result measure of seed 002.
    tevredenheid_medewerker = forms.TypedChoiceField(
        label=_("Staff satisfaction (1–10)"),
        choices=[("", _("not asked"))] + [(i, str(i)) for i in range(1, 11)],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("How satisfied the care workers of this family are with how the trajectory went."),
    )


SCORE_KEUZE = [("", _("not asked"))] + [(i, str(i)) for i in range(1, 11)]


class AfsluitenForm(VersieForm):
    tevredenheid_client = forms.TypedChoiceField(
        label=_("Client satisfaction (1–10)"),
        choices=SCORE_KEUZE,
        coerce=int,
        empty_value=None,
        required=False,
    )
    tevredenheid_partner = forms.TypedChoiceField(
        label=_("Chain partner satisfaction (1–10)"),
        choices=SCORE_KEUZE,
        coerce=int,
        empty_value=None,
        required=False,
    )


class HuisbezoekCorrectieForm(HuisbezoekForm):
    correctiereden = TekstFormField(
        label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2}), max_length=TEKST_KORT
    )


class BudgetUitzonderingForm(forms.Form):
    reden = TekstFormField(
        label=_("Reason to continue beyond the budget"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEKST_MIDDEL,
        help_text=_("Shown in the reports to the municipality."),
    )
