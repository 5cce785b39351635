"""Issue 13: a chain meeting (ketenzorgoverleg) about a family is recorded with the partners on the social
map that took part, and the programme evaluation counts the meetings."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone, translation

from core.models import Toegangslog
from ketenpartners.models import Ketenoverleg
from rapportage.evaluatie import evaluatie_cijfers
from rapportage.evaluatie_basis import Scope
from tests.conftest import login_with_two_factors


def test_the_casemanager_records_a_chain_meeting_with_partners_from_the_social_map(
    client, traject, gebruikers, partner, verre_partner
):
    login_with_two_factors(client, gebruikers["casemanager"])
    url = reverse("ketenpartners:ketenoverleg_nieuw", args=[traject.pk])
    # Only the partners that work in the family's municipality are offered.
    assert list(client.get(url).context["form"].fields["deelnemers"].queryset) == [partner]
    morgen = timezone.localdate() + timedelta(days=1)
    response = client.post(url, {"datum": morgen.isoformat(), "besluiten": "Afspraken gemaakt."})
    assert response.status_code == 400
    inhoud = response.content.decode()
    assert "kan niet in de toekomst" in inhoud
    assert "Noem wie er deelnamen" in inhoud
    assert not Ketenoverleg.objects.exists()
    vandaag = timezone.localdate()
    response = client.post(
        url,
        {
            "datum": vandaag.isoformat(),
            "deelnemers": [partner.pk],
            "overige_deelnemers": "moeder, casemanager",
            "besluiten": "JGZ neemt het huilspreekuur over; over zes weken opnieuw.",
        },
    )
    assert response.status_code == 302
    overleg = Ketenoverleg.objects.get()
    assert list(overleg.deelnemers.all()) == [partner]
    assert Toegangslog.objects.filter(omschrijving="ketenoverleg vastgelegd", traject_id=traject.pk).exists()
    pagina = client.get(reverse("ketenpartners:traject", args=[traject.pk])).content.decode()
    assert "JGZ neemt het huilspreekuur over" in pagina
    # The programme evaluation counts it; one meeting is a small number.
    with translation.override("nl"):
        c = evaluatie_cijfers(
            scope=Scope(soort="programma", naam="programma"), van=date(2000, 1, 1), tot=vandaag
        )
    assert str(c["ketenoverleg"]["overleggen"]) == "< 5"


def test_another_municipalitys_casemanager_cannot_record_one(client, traject, gebruikers):
    login_with_two_factors(client, gebruikers["andere_casemanager"])
    url = reverse("ketenpartners:ketenoverleg_nieuw", args=[traject.pk])
    response = client.post(
        url, {"datum": timezone.localdate().isoformat(), "besluiten": "x", "overige_deelnemers": "x"}
    )
    assert response.status_code == 404
    assert not Ketenoverleg.objects.exists()
