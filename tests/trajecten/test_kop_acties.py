"""Issue 12 (QA walk): what the coordinator and casemanager do with the whole trajectory is in the page
header on every tab: closure (proposed by the coordinator, done by the casemanager; the policy decides
who sees which) and the trajectory report, offered only when there is something to report."""

import pytest
from django.urls import reverse

from rapportage.models import Rapport
from tests.factories import IndicatieFactory
from tests.trajecten.test_views import nieuw_traject, toewijzen
from trajecten.constants import TrajectStatus

REGIE = {"regie_naam": "J. de Groot", "regie_skj": "1234567"}


def kop(client, traject, tab="gezin") -> str:
    html = client.get(f"{reverse('trajecten:detail', args=[traject.pk])}?tab={tab}").content.decode()
    return html.split('class="app-tabs"')[0]


@pytest.mark.parametrize("tab", ["gezin", "bezoeken", "geschiedenis"])
def test_the_coordinator_proposes_closure_from_the_header_of_every_tab(client, login, gebruikers, tab):
    traject = nieuw_traject(gebruikers, status=TrajectStatus.ACTIEF, **REGIE)
    login(client, gebruikers["coordinator"])

    html = kop(client, traject, tab)

    assert reverse("trajecten:afsluiting_voorstellen", args=[traject.pk]) in html
    assert "Afsluiting voorstellen" in html
    assert reverse("trajecten:afsluiten", args=[traject.pk]) not in html


def test_the_casemanager_closes_from_the_header_and_does_not_propose(client, login, gebruikers):
    actief = nieuw_traject(
        gebruikers, status=TrajectStatus.ACTIEF, regie_casemanager=gebruikers["casemanager"]
    )
    voorgesteld = nieuw_traject(
        gebruikers, status=TrajectStatus.AFSLUITEN, regie_casemanager=gebruikers["casemanager"]
    )
    login(client, gebruikers["casemanager"])

    assert reverse("trajecten:afsluiting_voorstellen", args=[actief.pk]) not in kop(client, actief)
    html = kop(client, voorgesteld)
    assert reverse("trajecten:afsluiten", args=[voorgesteld.pk]) in html
    assert "Traject afsluiten" in html


def test_the_coordinator_is_not_offered_closing_and_the_medewerker_neither(client, login, gebruikers):
    voorgesteld = nieuw_traject(gebruikers, status=TrajectStatus.AFSLUITEN, **REGIE)
    toewijzen(voorgesteld, gebruikers["toegewezen_medewerker"], gebruikers["coordinator"])
    login(client, gebruikers["coordinator"])
    assert reverse("trajecten:afsluiten", args=[voorgesteld.pk]) not in kop(client, voorgesteld)

    login(client, gebruikers["toegewezen_medewerker"])
    html = kop(client, voorgesteld)
    assert reverse("trajecten:afsluiten", args=[voorgesteld.pk]) not in html
    assert reverse("trajecten:afsluiting_voorstellen", args=[voorgesteld.pk]) not in html


def test_a_trajectory_just_referred_offers_no_report_and_says_why(client, login, gebruikers):
    aangemeld = nieuw_traject(gebruikers)
    login(client, gebruikers["coordinator"])

    html = kop(client, aangemeld)

    assert reverse("rapportage:trajectrapport", args=[aangemeld.pk]) not in html
    assert "Nog geen trajectrapport" in html
    assert "nog geen indicatie" in html


def test_requesting_a_report_without_an_indication_is_refused_with_the_reason(client, login, gebruikers):
    aangemeld = nieuw_traject(gebruikers)
    login(client, gebruikers["coordinator"])

    response = client.post(reverse("rapportage:trajectrapport", args=[aangemeld.pk]), follow=True)

    assert not Rapport.objects.exists()
    assert "Nog geen trajectrapport" in response.content.decode()


def test_a_trajectory_with_an_indication_offers_the_report(client, login, gebruikers):
    traject = nieuw_traject(gebruikers, status=TrajectStatus.ACTIEF, **REGIE)
    IndicatieFactory(traject=traject, afgegeven_door=gebruikers["casemanager"])
    login(client, gebruikers["casemanager"])

    html = kop(client, traject)

    assert reverse("rapportage:trajectrapport", args=[traject.pk]) in html
    assert "Nog geen trajectrapport" not in html


def test_gemeente_rapportage_list_offers_reports_only_where_there_is_something(client, login, gebruikers):
    met = nieuw_traject(gebruikers, status=TrajectStatus.ACTIEF, **REGIE)
    IndicatieFactory(traject=met, afgegeven_door=gebruikers["casemanager"])
    zonder = nieuw_traject(gebruikers)
    login(client, gebruikers["rapportage"])

    html = client.get(reverse("rapportage:trajecten")).content.decode()

    assert reverse("rapportage:trajectrapport", args=[met.pk]) in html
    assert reverse("rapportage:trajectrapport", args=[zonder.pk]) not in html
    assert "Nog niets te rapporteren (geen indicatie)" in html


def test_gemeente_rapportage_hears_why_on_her_own_list(client, login, gebruikers):
    zonder = nieuw_traject(gebruikers)
    login(client, gebruikers["rapportage"])

    response = client.post(reverse("rapportage:trajectrapport", args=[zonder.pk]))

    assert response["Location"] == reverse("rapportage:trajecten")
    assert not Rapport.objects.exists()
