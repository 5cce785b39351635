"""get_FOO_display is replaced by a cached lookup (core.keuzeweergave); it must give what Django gives."""

from django.apps import apps
from django.conf import settings
from django.db.models import Model
from django.utils import translation

from core.constants import Gebeurtenis
from core.models import Toegangslog


def _velden_met_keuzes():
    for app_config in apps.get_app_configs():
        if app_config.name in settings.LOCAL_APPS:
            for model in app_config.get_models():
                for field in model._meta.fields:
                    if field.choices:
                        yield model, field


def test_every_choice_displays_as_django_would_in_both_languages():
    velden = list(_velden_met_keuzes())
    assert len(velden) > 20
    for taal in ("nl", "en"):
        with translation.override(taal):
            for model, field in velden:
                for waarde, _label in list(field.flatchoices) + [("geen-bestaande-keuze", "")]:
                    obj = model()
                    setattr(obj, field.attname, waarde)
                    assert getattr(obj, f"get_{field.name}_display")() == Model._get_FIELD_display(
                        obj, field
                    ), (
                        model,
                        field,
                        waarde,
                        taal,
                    )


def test_the_label_follows_the_active_language():
    waarde, label = Gebeurtenis.choices[0]
    regel = Toegangslog(gebeurtenis=waarde)
    with translation.override("en"):
        engels = regel.get_gebeurtenis_display()
        assert engels == str(label)
    with translation.override("nl"):
        nederlands = regel.get_gebeurtenis_display()
        assert nederlands == str(label)
    assert nederlands != engels
