"""WCAG 2.1 A/AA checks with axe-core (npm, installed by scripts/setup) on the pages of issue 6: the role
homes with their dashboards and charts, the report list, a ready report's status page, the period
form with an error, and the pseudonymised trajectory list. axe is injected into a context that
bypasses our CSP (the pages themselves allow no inline script)."""

from pathlib import Path

import pytest
from django.db.models import Q
from django.utils import timezone

from accounts.demo import laad_demo_wereld
from accounts.models import User
from ketenpartners.demo import laad_demo_ketenpartners
from rapportage import maken
from rapportage.models import Rapport, RapportSoort
from tests.e2e.conftest import CHROMIUM  # noqa: F401 - the same browser
from tests.e2e.test_login_per_role import inloggen
from trajecten.demo import laad_demo_trajecten
from trajecten.models import Traject

pytestmark = [pytest.mark.browser]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def demo(transactional_db):
    vandaag = timezone.localdate()
    laad_demo_wereld()
    laad_demo_trajecten(vandaag)
    laad_demo_ketenpartners(vandaag)


@pytest.fixture
def pagina(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", bypass_csp=True)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def overtredingen(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    uitslag = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations", WCAG
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in uitslag
    ]


@pytest.mark.parametrize(
    ("username", "paden"),
    [
        ("casemanager.groningen", ["/", "/rapporten/", "{rapport}"]),
        ("coordinator.noord", ["/"]),
        ("rapportage.groningen", ["/", "/rapporten/periode/", "/rapporten/trajecten/"]),
    ],
)
def test_report_pages_and_dashboards_pass_axe(pagina, live_server, demo, username, paden):
    user = User.objects.get(username=username)
    org = user.lidmaatschap.organisatie
    traject = Traject.objects.filter(Q(gezin__gemeente=org) | Q(aanbieder=org), status="actief").first()
    rapport = Rapport.objects.create(
        soort=RapportSoort.TRAJECT,
        traject=traject,
        aangevraagd_door=user,
        pseudoniem=username.startswith("rapportage."),
    )
    assert maken.rapport_maken(rapport.pk) == "gereed"
    inloggen(pagina, live_server.url, username)
    gevonden = {}
    for pad in paden:
        pagina.goto(live_server.url + pad.format(rapport=f"/rapporten/{rapport.sleutel}/"))
        gevonden[pad] = overtredingen(pagina)
    if "/rapporten/periode/" in paden:  # the form with its errors shown
        pagina.goto(live_server.url + "/rapporten/periode/")
        pagina.get_by_label("Van").fill("2026-10-31")
        pagina.get_by_label("Tot en met").fill("2026-10-01")
        pagina.get_by_role("button", name="Rapport aanvragen").click()
        gevonden["periode met fout"] = overtredingen(pagina)
    assert {pad: v for pad, v in gevonden.items() if v} == {}


@pytest.mark.parametrize("username", ["coordinator.noord", "sanne", "casemanager.groningen", "beheer.noord"])
def test_the_pages_of_the_earlier_issues_pass_axe_too(pagina, live_server, demo, username):
    traject = Traject.objects.get(gezin__ouders__achternaam="Dijkstra")
    tabs = ("gezin", "intake", "indicaties", "team", "plan", "bezoeken", "netwerk", "evaluaties", "signalen")
    paden = {
        "coordinator.noord": [
            "/",
            "/trajecten/",
            "/aanmeldingen/nieuw/",
            f"/trajecten/{traject.pk}/ketenpartners/",
        ]
        + [f"/trajecten/{traject.pk}/?tab={tab}" for tab in (*tabs, "geschiedenis")],
        "sanne": ["/", f"/trajecten/{traject.pk}/bezoeken/nieuw/", "/sociale-kaart/"]
        + [f"/trajecten/{traject.pk}/?tab={tab}" for tab in tabs],
        "casemanager.groningen": ["/trajecten/", "/ketenoverzicht/"]
        + [f"/trajecten/{traject.pk}/?tab={tab}" for tab in ("gezin", "indicaties", "bezoeken")],
        "beheer.noord": ["/", "/beheer/toegangslog/", "/beheer/admin/"],
    }[username]
    inloggen(pagina, live_server.url, username)
    gevonden = {}
    for pad in paden:
        assert pagina.goto(live_server.url + pad).status == 200, pad  # the page itself, not an error page
        gevonden[pad] = overtredingen(pagina)
    assert {pad: v for pad, v in gevonden.items() if v} == {}
