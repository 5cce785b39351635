"""Issue 12: worklists and actions that match the state of the trajectory."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localdate

from tests.factories import IndicatieAanvraagFactory, IndicatieFactory
from tests.trajecten.test_views import nieuw_traject, toewijzen
from trajecten import services
from trajecten.constants import TrajectStatus

VANDAAG = localdate()


def klaar_met_indicatie(gebruikers, van):
    """Granted, regie and a first contact: only the indication's first day decides whether it can start."""
    traject = nieuw_traject(
        gebruikers, status=TrajectStatus.INDICATIE_AANGEVRAAGD, regie_casemanager=gebruikers["casemanager"]
    )
    IndicatieFactory(
        traject=traject, afgegeven_door=gebruikers["casemanager"], van=van, tot=van + timedelta(weeks=12)
    )
    toewijzen(
        traject, gebruikers["toegewezen_medewerker"], gebruikers["coordinator"], eerste_aanspreekpunt=True
    )
    return traject


def test_a_trajectory_whose_indication_starts_later_is_not_ready_to_start(client, login, gebruikers):
    later = klaar_met_indicatie(gebruikers, VANDAAG + timedelta(days=7))
    nu = klaar_met_indicatie(gebruikers, VANDAAG)
    login(client, gebruikers["coordinator"])

    response = client.get(reverse("core:home"))

    assert [t.pk for t in response.context["klaar_om_te_starten"]] == [nu.pk]
    assert [t.pk for t in response.context["start_later"]] == [later.pk]
    html = response.content.decode()
    assert "Indicatie gaat later in" in html
    assert f"kan starten op {date_format(VANDAAG + timedelta(days=7), 'j F Y')}" in html


def test_starting_before_the_indication_says_from_when_it_can_start(gebruikers, als):
    later = klaar_met_indicatie(gebruikers, VANDAAG + timedelta(days=7))

    with pytest.raises(ValidationError) as fout:
        services.traject_starten(request=als(gebruikers["coordinator"]), traject=later, versie=None)

    later.refresh_from_db()
    assert later.status == TrajectStatus.INDICATIE_AANGEVRAAGD
    assert date_format(VANDAAG + timedelta(days=7), "j F Y") in " ".join(fout.value.messages)


def test_after_the_grant_the_trajectory_reads_indication_granted(client, login, gebruikers):
    gevraagd = nieuw_traject(gebruikers, status=TrajectStatus.INDICATIE_AANGEVRAAGD)
    IndicatieAanvraagFactory(traject=gevraagd, aangevraagd_door=gebruikers["coordinator"])
    toegekend = klaar_met_indicatie(gebruikers, VANDAAG)
    login(client, gebruikers["coordinator"])

    kop = client.get(reverse("trajecten:detail", args=[toegekend.pk])).content.decode()
    nog_open = client.get(reverse("trajecten:detail", args=[gevraagd.pk])).content.decode()
    lijst = client.get(reverse("trajecten:lijst")).content.decode()

    assert "Indicatie afgegeven" in kop
    assert "Indicatie aangevraagd" not in kop
    assert "Indicatie aangevraagd" in nog_open
    assert "Indicatie afgegeven" in lijst


def test_the_casemanager_sees_the_trajectories_proposed_for_closure(client, login, gebruikers):
    regie = {"regie_naam": "J. de Groot", "regie_skj": "1234567"}
    voorgesteld = nieuw_traject(gebruikers, status=TrajectStatus.AFSLUITEN, **regie)
    nieuw_traject(gebruikers, status=TrajectStatus.ACTIEF, **regie)
    elders = nieuw_traject(
        gebruikers,
        status=TrajectStatus.AFSLUITEN,
        gemeente=gebruikers["andere_casemanager"].organisatie,
        **regie,
    )
    login(client, gebruikers["casemanager"])

    response = client.get(reverse("core:home"))

    assert [t.pk for t in response.context["af_te_sluiten"]] == [voorgesteld.pk]
    html = response.content.decode()
    assert "Voorgesteld om af te sluiten" in html
    assert reverse("trajecten:afsluiten", args=[voorgesteld.pk]) in html
    assert reverse("trajecten:afsluiten", args=[elders.pk]) not in html


@pytest.mark.parametrize("status", [TrajectStatus.AFGESLOTEN, TrajectStatus.ACTIEF])
def test_a_closed_trajectory_offers_no_change_or_end_of_its_indication(client, login, gebruikers, status):
    traject = nieuw_traject(gebruikers, status=status, regie_casemanager=gebruikers["casemanager"])
    indicatie = IndicatieFactory(traject=traject, afgegeven_door=gebruikers["casemanager"])
    login(client, gebruikers["casemanager"])

    html = client.get(reverse("trajecten:detail", args=[traject.pk]) + "?tab=indicaties").content.decode()

    aangeboden = reverse("indicaties:wijzigen", args=[indicatie.pk]) in html
    assert aangeboden == (status == TrajectStatus.ACTIEF)
    assert (reverse("indicaties:beeindigen", args=[indicatie.pk]) in html) == aangeboden


def test_each_worklist_shows_its_newest_twenty_whatever_the_others_hold(client, login, gebruikers):
    # One query fills all lists (issue 10): a full list must not push another list's rows out.
    oud_in_intake = nieuw_traject(gebruikers, status=TrajectStatus.INTAKE)
    aangemeld = [nieuw_traject(gebruikers) for _ in range(21)]
    login(client, gebruikers["coordinator"])

    response = client.get(reverse("core:home"))

    assert [t.pk for t in response.context["te_trieren"]] == [t.pk for t in reversed(aangemeld[1:])]
    assert [t.pk for t in response.context["in_intake"]] == [oud_in_intake.pk]
