"""The cards the role homes promise (issue 12): indications ending soon for the coordinator, evaluations
to attend for the casemanager, open signals for the medewerker; each only within the user's own scope."""

from datetime import timedelta

from django.utils import timezone
from guardian.shortcuts import assign_perm

from tests.factories import (
    EvaluatieFactory,
    IndicatieFactory,
    SignaalFactory,
    ToewijzingFactory,
    TrajectFactory,
)

VANDAAG = timezone.localdate()


def _lopend(gebruikers, aanbieder=None, gemeente=None, regie=None):
    return TrajectFactory(
        status="actief",
        aanbieder=aanbieder or gebruikers["coordinator"].organisatie,
        gezin__gemeente=gemeente or gebruikers["casemanager"].organisatie,
        regie_casemanager=regie or gebruikers["casemanager"],
    )


def test_coordinator_sees_the_indications_of_her_provider_that_end_within_two_weeks(
    client, login, gebruikers
):
    eigen = _lopend(gebruikers)
    IndicatieFactory(traject=eigen, van=VANDAAG - timedelta(days=80), tot=VANDAAG + timedelta(days=10))
    later = _lopend(gebruikers)
    IndicatieFactory(traject=later, van=VANDAAG - timedelta(days=80), tot=VANDAAG + timedelta(days=40))
    ander = _lopend(gebruikers, aanbieder=gebruikers["andere_coordinator"].organisatie)
    IndicatieFactory(traject=ander, van=VANDAAG - timedelta(days=80), tot=VANDAAG + timedelta(days=5))
    login(client, gebruikers["coordinator"])
    response = client.get("/")
    assert [i.traject for i in response.context["aflopend"]] == [eigen]
    html = response.content.decode()
    assert "Indicaties die binnenkort aflopen" in html
    assert eigen.nummer in html
    assert ander.nummer not in html
    assert later.nummer not in html
    assert "vraag tijdig verlenging aan bij de gemeente" in html


def test_casemanager_sees_the_evaluations_of_her_own_trajectories_in_the_next_two_weeks(
    client, login, gebruikers
):
    eigen = _lopend(gebruikers)
    EvaluatieFactory(traject=eigen, gepland_op=VANDAAG + timedelta(days=5))
    EvaluatieFactory(traject=eigen, gepland_op=VANDAAG + timedelta(days=30))
    collega = lid_collega(gebruikers)
    van_collega = _lopend(gebruikers, regie=collega)
    EvaluatieFactory(traject=van_collega, gepland_op=VANDAAG + timedelta(days=3))
    login(client, gebruikers["casemanager"])
    response = client.get("/")
    assert [(e.traject, e.gepland_op) for e in response.context["te_bijwonen"]] == [
        (eigen, VANDAAG + timedelta(days=5))
    ]
    assert "Evaluaties om bij te wonen" in response.content.decode()


def lid_collega(gebruikers):
    from accounts.constants import Rol
    from tests.factories import lid

    return lid(Rol.CASEMANAGER, gebruikers["casemanager"].organisatie, username="cm.collega")


def test_medewerker_sees_the_open_signals_of_her_families_on_her_home(client, login, gebruikers):
    mw = gebruikers["toegewezen_medewerker"]
    eigen = _lopend(gebruikers)
    ToewijzingFactory(traject=eigen, medewerker=mw, van=VANDAAG - timedelta(days=10))
    assign_perm("trajecten.view_traject", mw, eigen)
    SignaalFactory(traject=eigen, gemeld_door=mw)
    niet_haar = _lopend(gebruikers)
    SignaalFactory(traject=niet_haar, gemeld_door=gebruikers["medewerker"])
    login(client, mw)
    response = client.get("/")
    assert [s.traject for s in response.context["open_signalen"]] == [eigen]
    html = response.content.decode()
    assert "Open signalen" in html
    assert 'id="kop-open-signalen"' in html
    assert niet_haar.nummer not in html
