"""get_FOO_display without translating every choice on every call.

Django's Model._get_FIELD_display builds a dict of all the field's choices on each call, and hashing
a lazily translated label translates it: a list of 50 access-log rows with two such columns cost some
hundreds of translation lookups per page (docs/benchmark.md). Here each field's labels are looked up
once per language and kept; the result is the same text Django would give.
"""

from functools import partialmethod

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

_labels: dict[tuple[int, str | None], dict] = {}


def _labels_van(field) -> dict:
    sleutel = (id(field), get_language())
    labels = _labels.get(sleutel)
    if labels is None:
        labels = {
            make_hashable(waarde): force_str(label, strings_only=True) for waarde, label in field.flatchoices
        }
        _labels[sleutel] = labels
    return labels


def _weergave(self, field):
    waarde = getattr(self, field.attname)
    waarde = make_hashable(waarde)
    return _labels_van(field).get(waarde, force_str(waarde, strings_only=True))


def versnellen(app_configs) -> None:
    """Replace the generated get_FOO_display of every field with choices in these apps (a model's own
    get_FOO_display, written by hand, is left alone)."""
    for app_config in app_configs:
        for model in app_config.get_models():
            for field in model._meta.fields:
                naam = f"get_{field.name}_display"
                if field.choices and isinstance(model.__dict__.get(naam), partialmethod):
                    setattr(model, naam, partialmethod(_weergave, field=field))
