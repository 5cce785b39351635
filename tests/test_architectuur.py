"""The floors of the building: a lower app never imports a higher one, and no two apps import each
other (directly or round a loop). Walks every module of our apps with ast, imports inside functions
included. The order is ``LAGEN`` below (docs/architecture.md draws it)."""

import ast
from pathlib import Path

# Bottom to top. An app may import from its own floor and the floors below it, never from above.
LAGEN = [
    ("core",),  # mechanism: policy, access log, storage, base views
    ("accounts",),  # organisations, people, roles
    ("indicaties", "trajecten", "ketenpartners", "herinneringen"),  # the domain
    ("rapportage",),  # reports about the domain
    ("bewaring",),  # retention and client rights: reaches into every app's data and the reports
    ("werkplek",),  # the role homes, composed of the panels of the apps below
]
VERDIEPING = {app: nummer for nummer, laag in enumerate(LAGEN) for app in laag}
ROOT = Path(__file__).resolve().parent.parent


def _imports():
    """(importing module, imported module, line) for every absolute import of one of our apps."""
    for app in VERDIEPING:
        for bestand in sorted((ROOT / app).rglob("*.py")):
            module = ".".join(bestand.relative_to(ROOT).with_suffix("").parts)
            for node in ast.walk(ast.parse(bestand.read_text(), str(bestand))):
                if isinstance(node, ast.Import):
                    namen = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    namen = [node.module]
                else:
                    continue
                for naam in namen:
                    if naam.split(".")[0] in VERDIEPING:
                        yield module, naam, node.lineno


def _app(module: str) -> str:
    return module.split(".")[0]


def test_every_app_of_ours_has_a_floor():
    from django.conf import settings

    assert set(settings.LOCAL_APPS) == set(VERDIEPING)


def test_no_app_imports_from_a_floor_above_it():
    omhoog = [
        f"{module}:{regel} imports {naam}"
        for module, naam, regel in _imports()
        if VERDIEPING[_app(naam)] > VERDIEPING[_app(module)]
    ]
    assert omhoog == [], "imports from a higher floor:\n" + "\n".join(omhoog)


def _lussen():
    """Every loop in the graph of apps, as the apps on it (each loop once)."""
    graaf: dict[str, set[str]] = {app: set() for app in VERDIEPING}
    for module, naam, _regel in _imports():
        if _app(naam) != _app(module):
            graaf[_app(module)].add(_app(naam))
    lussen = set()

    def zoek(pad):
        for volgende in graaf[pad[-1]]:
            if volgende == pad[0]:
                lussen.add(tuple(sorted(pad)))
            elif volgende not in pad and volgende > pad[0]:  # each loop from its smallest app only
                zoek([*pad, volgende])

    for app in sorted(graaf):
        zoek([app])
    return sorted(lussen)


def test_no_loop_between_apps_on_different_floors():
    # Implied by the floors (a loop across floors needs an import upwards); kept as its own check so
    # that a change to LAGEN cannot hide one.
    over_verdiepingen = [lus for lus in _lussen() if len({VERDIEPING[app] for app in lus}) > 1]
    assert over_verdiepingen == []


def test_no_loop_between_apps():
    assert _lussen() == []
