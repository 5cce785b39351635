"""Selects and inputs are rendered in Python (core.forms) for speed; the markup must stay exactly what
Django's own widget templates produce, escaping included."""

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from core.forms import FormRenderer


class Voorbeeld(forms.Form):
    soort = forms.ChoiceField(
        choices=[
            ("", gettext_lazy("Any type")),
            ("Groep <1>", [("a&b", 'Label "met" <tekens>'), ("c", mark_safe("<b>veilig</b>"))]),
            (3, "Drie"),
        ],
        required=False,
    )
    meer = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")], required=False)
    naam = forms.CharField(
        max_length=20, widget=forms.TextInput(attrs={"autocomplete": "off", "data-x": '"<>'})
    )
    getal = forms.IntegerField(min_value=0, disabled=True)
    datum = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    geheim = forms.CharField(widget=forms.HiddenInput, required=False)
    themas = forms.MultipleChoiceField(
        choices=[("a", "Voeding & slaap"), ("Groep", [("b", "<Huilen>"), ("c", "Hechting")])],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "app-keuzes"}),
        required=False,
    )
    dienst = forms.ChoiceField(choices=[("dag", "Dag"), ("nacht", "Nacht")], widget=forms.RadioSelect)
    akkoord = forms.BooleanField(required=False)
    email = forms.EmailField(required=False)
    tijd = forms.TimeField(required=False, widget=forms.TimeInput(attrs={"type": "time"}))


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "soort": "a&b",
            "meer": ["x", "y"],
            "naam": '<script>"',
            "getal": "4",
            "geheim": "&",
            "themas": ["a", "c"],
            "dienst": "nacht",
            "akkoord": "on",
            "email": "a@b",
            "tijd": "25:00",
        },
        {"soort": "3", "naam": "", "datum": "2026-13-45"},
    ],
)
def test_same_markup_as_the_django_widget_templates(data):
    snel = Voorbeeld(data=data, initial={"getal": 7}, renderer=FormRenderer())
    django = Voorbeeld(data=data, initial={"getal": 7}, renderer=TemplatesSetting())
    if data:
        snel.is_valid()
        django.is_valid()
    for naam in snel.fields:
        assert str(snel[naam].as_widget()) == str(django[naam].as_widget()), naam
    assert 'value="a&amp;b"' in str(snel["soort"].as_widget())
    assert "<b>veilig</b>" in str(snel["soort"].as_widget())
    assert "<script>" not in str(snel["naam"].as_widget())


def _zoekform(gemeenten, data):
    from core.forms import VasteKeuzelijst

    class Zoek(forms.Form):
        gemeente = forms.TypedChoiceField(coerce=int, required=False, widget=VasteKeuzelijst)

    form = Zoek(data, renderer=FormRenderer())
    form.fields["gemeente"].choices = [("", "Elke gemeente"), *gemeenten]
    form.fields["gemeente"].widget.sleutel = hash(tuple(gemeenten))
    return form


def test_a_kept_reference_list_renders_as_a_plain_select_and_follows_its_choice_and_content():
    gemeenten = [(1, "Groningen"), (2, "'s-Hertogenbosch"), (3, "Súdwest-Fryslân <test>")]
    gewoon = forms.TypedChoiceField(coerce=int, required=False)
    gewoon.choices = [("", "Elke gemeente"), *gemeenten]

    for data in ({"gemeente": "2"}, {"gemeente": "3"}, {}):
        for _ in range(2):  # the second time from what the first kept
            html = str(_zoekform(gemeenten, data)["gemeente"].as_widget())
            assert html == gewoon.widget.render("gemeente", data.get("gemeente"), attrs={"id": "id_gemeente"})
    assert 'value="3" selected' in str(_zoekform(gemeenten, {"gemeente": "3"})["gemeente"].as_widget())

    erbij = [*gemeenten, (4, "Assen")]
    assert "Assen" in str(_zoekform(erbij, {"gemeente": "2"})["gemeente"].as_widget())
