"""The template builtin `url` (core.templatetags.urlweergave) must give exactly Django's output, also when
it answers from its memory, and behave like Django's tag on errors."""

import pytest
from django.template import Context, Engine, engines
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix

from core.templatetags import urlweergave

pytestmark = pytest.mark.django_db


def render(bron: str, **context) -> str:
    return engines["django"].from_string(bron).render(context)


def test_the_url_tag_of_the_templates_is_the_remembering_one():
    template = engines["django"].from_string("{% url 'trajecten:detail' 5 %}")
    knopen = [n for n in template.template.nodelist if type(n).__name__.endswith("URLNode")]
    assert [type(n) for n in knopen] == [urlweergave.SnelleURLNode]


@pytest.mark.parametrize(
    ("bron", "naam", "args", "kwargs"),
    [
        ("{% url 'core:home' %}", "core:home", [], {}),
        ("{% url 'trajecten:detail' pk %}", "trajecten:detail", [17], {}),
        ("{% url 'trajecten:detail' pk=pk %}", "trajecten:detail", [], {"pk": 17}),
        ("{% url naam pk %}", "trajecten:detail", [17], {}),
        ("{% url 'trajecten:detail' '17' %}", "trajecten:detail", ["17"], {}),
    ],
)
def test_same_url_as_django_first_and_from_memory(bron, naam, args, kwargs):
    urlweergave._urls.clear()
    verwacht = reverse(naam, args=args, kwargs=kwargs)
    assert render(bron, pk=17, naam="trajecten:detail") == verwacht
    assert render(bron, pk=17, naam="trajecten:detail") == verwacht  # remembered
    assert len(urlweergave._urls) == 1
    # Another argument is another URL, not the remembered one.
    if args or kwargs:
        assert render(bron.replace("'17'", "'18'"), pk=18, naam="trajecten:detail") == reverse(
            naam, args=[type(a)(18) for a in args], kwargs={k: 18 for k in kwargs}
        )


def test_as_variable_and_escaping_as_djangos_tag():
    urlweergave._urls.clear()
    assert render("{% url 'core:home' as h %}[{{ h }}]") == f"[{reverse('core:home')}]"
    zoek = reverse("trajecten:lijst")
    assert render("{% url 'trajecten:lijst' as l %}{{ l }}?a=1&amp;b=2") == f"{zoek}?a=1&amp;b=2"


def test_an_unknown_name_raises_and_with_as_leaves_it_empty():
    with pytest.raises(NoReverseMatch):
        render("{% url 'bestaat:niet' %}")
    assert render("{% url 'bestaat:niet' as x %}[{{ x }}]") == "[]"
    assert not [k for k in urlweergave._urls if k[0] == "bestaat:niet"]


def test_an_object_as_argument_is_not_remembered_but_still_reversed():
    class Pk:
        def __str__(self):
            return "23"

    urlweergave._urls.clear()
    assert render("{% url 'trajecten:detail' obj %}", obj=Pk()) == reverse("trajecten:detail", args=[23])
    assert urlweergave._urls == {}


def test_script_prefix_is_part_of_the_key():
    urlweergave._urls.clear()
    try:
        set_script_prefix("/a/")
        onder_a = render("{% url 'core:home' %}")
        set_script_prefix("/b/")
        onder_b = render("{% url 'core:home' %}")
    finally:
        set_script_prefix("/")
    assert (onder_a, onder_b) == ("/a/", "/b/")


def test_another_url_configuration_is_not_given_remembered_urls():
    engine = Engine(builtins=["core.templatetags.urlweergave"])
    lijst = engine.from_string("{% url 'trajecten:lijst' %}")
    assert lijst.render(Context()) == "/trajecten/"
    with override_settings(ROOT_URLCONF="tests.core.urls_ander"):
        assert lijst.render(Context()) == "/ergens-anders/"
    assert lijst.render(Context()) == "/trajecten/"


def test_bounded():
    urlweergave._urls.clear()
    oud = urlweergave.MAX_URLS
    urlweergave.MAX_URLS = 3
    try:
        for pk in range(1, 8):
            render("{% url 'trajecten:detail' pk %}", pk=pk)
            assert len(urlweergave._urls) <= 3
    finally:
        urlweergave.MAX_URLS = oud
