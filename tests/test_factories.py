"""Every model of ours has a factory that makes a valid row (issue 2: factories for every model)."""

import importlib
import inspect
import pkgutil

import factory
import pytest
from django.apps import apps

import tests

EIGEN_APPS = {"accounts", "core", "trajecten", "indicaties", "ketenpartners", "rapportage", "herinneringen"}


def _factory_modules():
    """tests/factories.py and any tests/<app>/factories.py."""
    for module in pkgutil.walk_packages(tests.__path__, "tests."):
        if module.name.rsplit(".", 1)[-1] == "factories":
            yield importlib.import_module(module.name)


FACTORIES = {
    f._meta.model: f
    for module in _factory_modules()
    for _, f in inspect.getmembers(module, inspect.isclass)
    if issubclass(f, factory.django.DjangoModelFactory) and f._meta.model is not None
}


def eigen_modellen():
    return [m for m in apps.get_models() if m._meta.app_label in EIGEN_APPS]


def test_every_model_has_a_factory():
    def model_van(f):
        return apps.get_model(f) if isinstance(f, str) else f

    gedekt = {model_van(m) for m in FACTORIES}
    zonder = sorted(m._meta.label for m in eigen_modellen() if m not in gedekt)
    assert zonder == [], f"Models without a factory in tests/factories.py: {zonder}"


@pytest.mark.django_db
@pytest.mark.parametrize("factory_class", list(FACTORIES.values()), ids=lambda f: f.__name__)
def test_factory_makes_a_valid_row(factory_class):
    obj = factory_class()
    obj.full_clean(validate_constraints=False) if hasattr(obj, "full_clean") else None
    assert type(obj).objects.filter(pk=obj.pk).exists()
