from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import MAX_TEKST, CorrectieBesluit, WisGrond

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CorrectieverzoekForm(forms.Form):
    ontvangen_op = forms.DateField(label=_("Received on"), widget=DATUM, initial=timezone.localdate)
    verzoek = forms.CharField(
        label=_("What the client asks to correct"),
        help_text=_("In the client's words where possible. Make the correction itself in the normal forms."),
        max_length=MAX_TEKST,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class BesluitForm(forms.Form):
    besluit = forms.ChoiceField(
        label=_("Decision"),
        choices=[(CorrectieBesluit.GEHONOREERD, _("Honoured")), (CorrectieBesluit.AFGEWEZEN, _("Refused"))],
        widget=forms.RadioSelect,
    )
    motivering = forms.CharField(
        label=_("Reason"),
        help_text=_("Required when the request is refused: the client is entitled to know why."),
        max_length=MAX_TEKST,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WissenForm(forms.Form):
    grond = forms.ChoiceField(
        label=_("Ground for erasure"), choices=WisGrond.choices, widget=forms.RadioSelect
    )
    bevestiging = forms.CharField(
        label=_("Type the trajectory number to confirm"),
        help_text=_("Erasure cannot be undone."),
        max_length=20,
    )

    def __init__(self, *args, nummer: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.nummer = nummer

    def clean_bevestiging(self):
        waarde = self.cleaned_data["bevestiging"].strip().upper()
        if waarde != self.nummer:
            raise forms.ValidationError(
                _("Type the trajectory number %(nummer)s exactly to confirm the erasure."),
                params={"nummer": self.nummer},
            )
        return waarde
