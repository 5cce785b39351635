"""A family referred during pregnancy: the birth is recorded later, the first-birthday bound follows it,
and an indication that now runs past the first birthday is shown where people look (issue 12)."""

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from tests.factories import BabyFactory, IndicatieFactory, TrajectFactory
from trajecten.models import Baby

VANDAAG = timezone.localdate()


def _zwanger_verwezen(gebruikers):
    traject = TrajectFactory(
        status="actief", aanbieder=gebruikers["coordinator"].organisatie,
        gezin__gemeente=gebruikers["casemanager"].organisatie, regie_casemanager=gebruikers["casemanager"],
    )  # fmt: skip
    traject.gezin.babys.all().delete()
    baby = BabyFactory(
        gezin=traject.gezin, geboortedatum=None, uitgerekende_datum=VANDAAG + timedelta(days=20)
    )
    # Indicated up to the first birthday as it was known at the referral (due date + 1 year).
    IndicatieFactory(traject=traject, van=VANDAAG - timedelta(days=10), tot=VANDAAG + timedelta(days=380),
                     uren_per_week=Decimal(8), budget=Decimal(40000))  # fmt: skip
    return traject, baby


def test_recording_the_birth_moves_the_first_birthday_and_says_what_no_longer_fits(client, login, gebruikers):
    traject, baby = _zwanger_verwezen(gebruikers)
    login(client, gebruikers["coordinator"])
    gezin_tab = client.get(reverse("trajecten:detail", args=[traject.pk]), {"tab": "gezin"}).content.decode()
    url = reverse("trajecten:geboorte", args=[traject.pk])
    assert f'href="{url}"' in gezin_tab
    assert "app-te-lang" not in gezin_tab  # the indication fits the due date's first birthday

    geboren = VANDAAG - timedelta(days=5)  # born 25 days early
    response = client.post(url, {"versie": traject.versie, "baby": baby.pk, "geboortedatum": geboren.isoformat(),
                                 "prematuur": "on"}, follow=True)  # fmt: skip

    baby.refresh_from_db()
    assert (baby.geboortedatum, baby.prematuur) == (geboren, True)
    assert baby.eerste_verjaardag == geboren.replace(year=geboren.year + 1)
    html = response.content.decode()
    assert "De geboorte is vastgelegd" in html
    assert "na de eerste verjaardag" in html
    for tab in ("gezin", "indicaties"):
        pagina = client.get(reverse("trajecten:detail", args=[traject.pk]), {"tab": tab}).content.decode()
        assert "app-te-lang" in pagina
        assert "Vraag de casemanager de indicatie te beëindigen of te wijzigen" in pagina
    assert (
        f'href="{url}"'
        not in client.get(reverse("trajecten:detail", args=[traject.pk]), {"tab": "gezin"}).content.decode()
    )  # born: nothing left to record


def test_a_birth_date_that_cannot_be_is_refused_and_changes_nothing(client, login, gebruikers):
    traject, baby = _zwanger_verwezen(gebruikers)
    login(client, gebruikers["toegewezen_medewerker"])
    from guardian.shortcuts import assign_perm

    from tests.factories import ToewijzingFactory

    ToewijzingFactory(
        traject=traject, medewerker=gebruikers["toegewezen_medewerker"], van=VANDAAG - timedelta(days=5)
    )
    assign_perm("trajecten.view_traject", gebruikers["toegewezen_medewerker"], traject)
    url = reverse("trajecten:geboorte", args=[traject.pk])
    for dag, tekst in (
        (VANDAAG + timedelta(days=1), "kan niet in de toekomst liggen"),
        (VANDAAG - timedelta(weeks=30), "een geboorte ligt tussen"),
    ):
        response = client.post(
            url, {"versie": traject.versie, "baby": baby.pk, "geboortedatum": dag.isoformat()}
        )
        assert response.status_code == 400
        assert tekst in response.content.decode()
    assert Baby.objects.get(pk=baby.pk).geboortedatum is None
