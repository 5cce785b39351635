import threading
from collections import OrderedDict

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

# Django renders every <option> of a select through two template includes; the social map's
# municipality list alone is 342 of them, which made rendering the form most of the page's time
# (docs/benchmark.md). Selects, inputs, checkbox and radio lists are rendered here in Python instead,
# to exactly the markup of Django's templates (tests/core/test_widgetrendering.py compares them).
_W = "django/forms/widgets/"
SELECT = _W + "select.html"
OPTION = _W + "select_option.html"
# Django's input widgets are one-line templates that include input.html.
INPUTS = {_W + f"{naam}.html" for naam in ("input", "checkbox", "color", "date", "datetime", "email", "file",
                                            "hidden", "number", "password", "search", "tel", "text", "time", "url")}  # fmt: skip
KEUZELIJSTEN = {_W + "multiple_input.html", _W + "checkbox_select.html", _W + "radio.html"}
KEUZE_OPTIES = {_W + "input_option.html", _W + "checkbox_option.html", _W + "radio_option.html"}


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: True is a bare attribute, False leaves it out."""
    return "".join(
        f" {conditional_escape(naam)}"
        if waarde is True
        else f' {conditional_escape(naam)}="{conditional_escape(waarde)}"'
        for naam, waarde in attrs.items()
        if waarde is not False
    )


def _select(widget: dict) -> str:
    delen = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for groep, opties, _index in widget["optgroups"]:
        if groep:
            delen.append(f'\n  <optgroup label="{conditional_escape(groep)}">')
        for optie in opties:
            delen.append(
                f'\n  <option value="{conditional_escape(optie["value"])}"{_attrs(optie["attrs"])}>'
                f"{conditional_escape(optie['label'])}</option>\n"
            )
        if groep:
            delen.append("\n  </optgroup>")
    delen.append("\n</select>")
    return "".join(delen)


def _input(widget: dict) -> str:
    waarde = "" if widget["value"] is None else f' value="{conditional_escape(widget["value"])}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
        f"{waarde}{_attrs(widget['attrs'])}>"
    )


def _keuzelijst(widget: dict) -> str:
    """As multiple_input.html with input_option.html: checkboxes or radio buttons, each in its label."""
    id_ = widget["attrs"].get("id")
    klasse = widget["attrs"].get("class")
    delen = [
        "<div",
        f' id="{conditional_escape(id_)}"' if id_ else "",
        f' class="{conditional_escape(klasse)}"' if klasse else "",
        ">",
    ]
    for groep, opties, _index in widget["optgroups"]:
        if groep:
            delen.append(f"\n  <div><label>{conditional_escape(groep)}</label>")
        for optie in opties:
            delen.append("<div>\n    ")
            if optie["wrap_label"]:
                optie_id = optie["attrs"].get("id")
                delen.append(f'<label for="{conditional_escape(optie_id)}">' if optie_id else "<label>")
            delen.append(_input(optie) + "\n")
            if optie["wrap_label"]:
                delen.append(f" {conditional_escape(optie['label'])}</label>")
            # checkbox_option.html and radio_option.html include input_option.html: one newline more.
            delen.append("\n</div>" if optie["template_name"] == _W + "input_option.html" else "\n\n</div>")
        if groep:
            delen.append("\n  </div>")
    delen.append("\n</div>")
    return "".join(delen)


def _eigen_opties(widget: dict, templates: set[str]) -> bool:
    return all(
        optie["template_name"] in templates for _g, opties, _i in widget["optgroups"] for optie in opties
    )


class FormRenderer(TemplatesSetting):
    """Every form renders with the NL Design System field markup (label, help, error beside the field)."""

    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None:
            if template_name == SELECT and _eigen_opties(widget, {OPTION}):
                return _select(widget)
            if template_name in INPUTS:
                return _input(widget)
            if template_name in KEUZELIJSTEN and _eigen_opties(widget, KEUZE_OPTIES):
                return _keuzelijst(widget)
        return super().render(template_name, context, request)


class VasteKeuzelijst(forms.Select):
    """A select over reference data that is the same for everyone and changes seldom (the social map's 342
    municipalities): rendered once per list, chosen value, attributes and language in this process, not
    on every request. ``sleutel`` names the list's content; the form sets it with the choices."""

    MAX = 2000
    _bewaard: OrderedDict = OrderedDict()
    _slot = threading.Lock()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sleutel = None

    def render(self, name, value, attrs=None, renderer=None):
        if self.sleutel is None:
            return super().render(name, value, attrs, renderer)
        sleutel = (self.sleutel, name, str(value), tuple(sorted((attrs or {}).items())),
                   tuple(sorted(self.attrs.items())), get_language())  # fmt: skip
        with self._slot:
            html = self._bewaard.get(sleutel)
        if html is None:
            html = super().render(name, value, attrs, renderer)
            with self._slot:
                self._bewaard[sleutel] = html
                while len(self._bewaard) > self.MAX:
                    self._bewaard.popitem(last=False)
        return mark_safe(html)  # noqa: S308 - rendered by Django's own widget code above
