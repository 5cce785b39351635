"""Issue 13: what the programme evaluation counts is recorded where people record it — staff satisfaction
with the coordinator's closure proposal; the GIZ assessment repeated during an active trajectory."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.conftest import login_with_two_factors
from tests.factories import IntakeFactory
from trajecten.models import Afsluiting, Intake


def test_the_coordinator_records_staff_satisfaction_with_her_closure_proposal(client, traject, gebruikers):
    traject.status = "actief"
    traject.regie_casemanager = gebruikers["casemanager"]
    traject.save()
    login_with_two_factors(client, gebruikers["coordinator"])
    url = reverse("trajecten:afsluiting_voorstellen", args=[traject.pk])
    response = client.post(
        url, {"versie": traject.versie, "uitkomst": "zelfredzaam", "tevredenheid_medewerker": "11"}
    )
    assert response.status_code == 400  # not a choice: a Dutch message, nothing saved
    assert not Afsluiting.objects.filter(traject=traject).exists()
    response = client.post(
        url, {"versie": traject.versie, "uitkomst": "zelfredzaam", "tevredenheid_medewerker": "8"}
    )
    assert response.status_code == 302
    assert Afsluiting.objects.get(traject=traject).tevredenheid_medewerker == 8
    pagina = client.get(f"{reverse('trajecten:detail', args=[traject.pk])}?tab=geschiedenis").content.decode()
    assert "Tevredenheid medewerkers" in pagina


def test_the_giz_assessment_can_be_repeated_while_the_trajectory_runs(client, traject, gebruikers):
    traject.status = "actief"
    traject.regie_casemanager = gebruikers["casemanager"]
    traject.save()
    vandaag = timezone.localdate()
    IntakeFactory(traject=traject, datum=vandaag - timedelta(days=40), risiconiveau="hoog")
    login_with_two_factors(client, gebruikers["coordinator"])
    tab = f"{reverse('trajecten:detail', args=[traject.pk])}?tab=intake"
    assert reverse("trajecten:intake", args=[traject.pk]) in client.get(tab).content.decode()
    for dag, niveau in ((vandaag, "laag"),):
        response = client.post(
            reverse("trajecten:intake", args=[traject.pk]),
            {
                "versie": traject.__class__.objects.get(pk=traject.pk).versie,
                "datum": dag.isoformat(),
                "client_visie": "Het gaat beter met slapen.",
                "risiconiveau": niveau,
                "conclusie": "Afschalen bespreken.",
                "componenten": ["eigen_kracht"],
                "factor_netwerk": "zorg",
                "ernst_netwerk": "2",
            },
        )
        assert response.status_code == 302, response.content.decode()[-1500:]
    assert list(Intake.objects.filter(traject=traject).values_list("risiconiveau", flat=True)) == [
        "laag",
        "hoog",
    ]
