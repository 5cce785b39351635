from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Every form renders with the NL Design System field markup (label, help, error beside the field)."""

    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"
