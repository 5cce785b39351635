"""Issue 13: what the programme evaluation counts is recorded where people record it — staff satisfaction
with the coordinator's closure proposal; the GIZ assessment repeated during an active trajectory."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login_with_two_factors
from tests.factories import IntakeFactory
from trajecten.models import Afsluiting, Intake, IntakeFactor


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


def test_urgency_is_recorded_per_concern_and_refused_for_a_strength(client, traject, gebruikers):
    traject.status = "intake"
    traject.save()
    login_with_two_factors(client, gebruikers["coordinator"])
    url = reverse("trajecten:intake", args=[traject.pk])
    basis = {
        "datum": timezone.localdate().isoformat(),
        "client_visie": "Ik wil rust.",
        "risiconiveau": "hoog",
        "conclusie": "Steun nodig.",
        "componenten": ["aanvullen"],
        "factor_hechting": "kracht",
        "factor_netwerk": "risico",
        "ernst_netwerk": "3",
        "urgentie_netwerk": "spoed",
    }
    response = client.post(url, {**basis, "versie": traject.versie, "urgentie_hechting": "hoog"})
    assert response.status_code == 400
    assert "Urgentie hoort bij een zorg of een risico" in response.content.decode()
    assert not Intake.objects.filter(traject=traject).exists()
    response = client.post(url, {**basis, "versie": traject.versie})
    assert response.status_code == 302
    factoren = dict(IntakeFactor.objects.filter(intake__traject=traject).values_list("factor", "urgentie"))
    assert factoren == {"hechting": "", "netwerk": "spoed"}
    # The database refuses an urgent strength whatever the code does.
    intake = Intake.objects.get(traject=traject)
    with pytest.raises(IntegrityError), transaction.atomic():
        IntakeFactor.objects.create(intake=intake, factor="basiszorg", inschatting="kracht", urgentie="spoed")


def test_a_declined_family_is_sent_to_a_partner_on_the_social_map(
    client, als, traject, gebruikers, gemeente, andere_gemeente
):
    from ketenpartners.models import Ketenpartner
    from tests.ketenpartners.factories import KetenpartnerFactory
    from trajecten import services

    haven = KetenpartnerFactory(organisatie__naam="Moeder-kindhuis De Haven", gemeenten=[gemeente])
    elders = KetenpartnerFactory(organisatie__naam="Schuldhulp Drenthe", gemeenten=[andere_gemeente])
    login_with_two_factors(client, gebruikers["coordinator"])
    url = reverse("trajecten:afwijzen", args=[traject.pk])
    assert list(client.get(url).context["form"].fields["doorverwezen_naar"].queryset) == [haven]
    with pytest.raises(ValidationError):
        services.aanmelding_afwijzen(
            request=als(gebruikers["coordinator"]), traject=traject, reden="Past niet", advies="Elders",
            versie=None, doorverwezen_naar=elders,
        )  # fmt: skip
    response = client.post(
        url,
        {
            "versie": traject.versie,
            "reden": "Te zware zorg",
            "advies": "Moeder-kindhuis",
            "doorverwezen_naar": haven.pk,
        },
    )
    assert response.status_code == 302
    traject.refresh_from_db()
    assert traject.status == "afgewezen"
    assert traject.aanmelding.doorverwezen_naar == Ketenpartner.objects.get(pk=haven.pk)
    assert (
        "Moeder-kindhuis De Haven"
        in client.get(reverse("trajecten:detail", args=[traject.pk])).content.decode()
    )


def test_a_beheerder_records_mbo_level_training_modules_and_certifications(client, gebruikers, aanbieder):
    from accounts.models import MedewerkerProfiel

    profiel = gebruikers["medewerker"].medewerkerprofiel
    login_with_two_factors(client, gebruikers["globale_beheerder"])
    url = reverse("admin:accounts_medewerkerprofiel_change", args=[profiel.pk])
    formulier = client.get(url).content.decode()
    assert "Motiverende gespreksvoering" in formulier  # checkboxes, not a list of codes
    data = {
        "user": profiel.user_id,
        "kckz_nummer": "KCKZ-1",
        "jaren_ervaring": 3,
        "contracturen_per_week": "24",
        "mbo_niveau": 4,
        "trainingsmodules": ["hechting_ouderschap", "ketensamenwerking"],
        "expertises": "",
        "talen": "nl",
        "regio": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    profiel = MedewerkerProfiel.objects.get(pk=profiel.pk)
    assert (profiel.mbo_niveau, profiel.trainingsmodules) == (4, ["hechting_ouderschap", "ketensamenwerking"])
    url = reverse("admin:accounts_organisatie_change", args=[aanbieder.pk])
    assert "ISO 9001" in client.get(url).content.decode()
