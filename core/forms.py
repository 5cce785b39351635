from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape

# Django renders every <option> of a select through two template includes; the social map's
# municipality list alone is 342 of them, which made rendering the form most of the page's time
# (docs/benchmark.md). These widgets are rendered here in Python instead, to the same markup.
SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
INPUT = "django/forms/widgets/input.html"


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


def _eigen_opties(widget: dict) -> bool:
    return all(optie["template_name"] == OPTION for _g, opties, _i in widget["optgroups"] for optie in opties)


class FormRenderer(TemplatesSetting):
    """Every form renders with the NL Design System field markup (label, help, error beside the field)."""

    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None:
            if template_name == SELECT and _eigen_opties(widget):
                return _select(widget)
            if template_name == INPUT:
                return _input(widget)
        return super().render(template_name, context, request)
