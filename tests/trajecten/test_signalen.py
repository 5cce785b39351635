"""Signals, the Meldcode in order, notifications of serious signals, and closing a trajectory."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import Melding
from indicaties.models import Indicatie
from tests.factories import IndicatieFactory
from trajecten import signalen
from trajecten.models import Afsluiting, MeldcodeRegistratie, Signaal

VANDAAG = timezone.localdate()


@pytest.fixture
def actief(traject, gebruikers):
    from guardian.shortcuts import assign_perm

    from tests.factories import ToewijzingFactory

    traject.status = "actief"
    traject.regie_casemanager = gebruikers["casemanager"]
    traject.save()
    IndicatieFactory(traject=traject, van=VANDAAG - timedelta(days=30), tot=VANDAAG + timedelta(days=60))
    ToewijzingFactory(
        traject=traject,
        medewerker=gebruikers["toegewezen_medewerker"],
        van=VANDAAG - timedelta(days=30),
        eerste_aanspreekpunt=True,
    )
    assign_perm("trajecten.view_traject", gebruikers["toegewezen_medewerker"], traject)
    return traject


def melden(als, user, traject, ernst="ernstig"):
    return signalen.signaal_melden(
        request=als(user),
        traject=traject,
        categorie="postpartum",
        ernst=ernst,
        beschrijving="Moeder huilt veel, slaapt niet, zegt dat de baby beter af is zonder haar.",
    )


def test_serious_signal_notifies_coordinator_and_casemanager_at_once(
    actief, gebruikers, als, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        melden(als, gebruikers["toegewezen_medewerker"], actief)
    ontvangers = set(Melding.objects.values_list("gebruiker__username", flat=True))
    assert ontvangers == {"coord", "cm"}
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {gebruikers["coordinator"].email, gebruikers["casemanager"].email}
    assert "Moeder huilt" not in mail.outbox[0].body  # no medical details by e-mail


def test_the_serious_signal_email_carries_an_absolute_link(
    actief, gebruikers, als, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://babythuiszorg.example.nl/"
    with django_capture_on_commit_callbacks(execute=True):
        melden(als, gebruikers["toegewezen_medewerker"], actief)
    link = f"https://babythuiszorg.example.nl/trajecten/{actief.pk}/?tab=signalen"
    assert link in mail.outbox[0].body


def test_a_low_signal_notifies_nobody(actief, gebruikers, als, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        melden(als, gebruikers["toegewezen_medewerker"], actief, ernst="laag")
    assert not Melding.objects.exists()
    assert mail.outbox == []


def test_unassigned_medewerker_cannot_record_a_signal(actief, gebruikers, als):
    with pytest.raises(PermissionDenied):
        melden(als, gebruikers["medewerker"], actief)
    assert not Signaal.objects.exists()


def stap(als, user, signaal, nummer, **kwargs):
    return signalen.meldcode_stap_vastleggen(
        request=als(user), signaal=signaal, stap=nummer, datum=VANDAAG, notitie="Gedaan", **kwargs
    )


def test_meldcode_steps_go_in_order_and_decide_only_after_weighing(actief, gebruikers, als):
    coordinator = gebruikers["coordinator"]
    signaal = melden(als, gebruikers["toegewezen_medewerker"], actief)
    with pytest.raises(ValidationError) as fout:
        stap(als, coordinator, signaal, 2)
    assert "stap 1 ontbreekt" in str(fout.value)
    for nummer in (1, 2, 3):
        stap(als, coordinator, signaal, nummer)
    with pytest.raises(ValidationError):
        stap(als, coordinator, signaal, 5, hulp_organiseren=True)  # step 4 not recorded
    with pytest.raises(ValidationError) as fout:
        stap(als, coordinator, signaal, 4, vermoeden=True)  # second question unanswered
    assert "beide afwegingsvragen" in str(fout.value)
    stap(als, coordinator, signaal, 4, vermoeden=True, onveilig=False)
    with pytest.raises(ValidationError):
        stap(als, coordinator, signaal, 5)  # no decision
    stap(als, coordinator, signaal, 5, hulp_organiseren=True, melden_veilig_thuis=True)
    assert list(signaal.meldcode.values_list("stap", flat=True)) == [1, 2, 3, 4, 5]
    signaal.refresh_from_db()
    assert signaal.status == "in_behandeling"


def test_database_refuses_step_4_without_weighing(actief, gebruikers, als):
    signaal = melden(als, gebruikers["toegewezen_medewerker"], actief)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeldcodeRegistratie.objects.create(
            signaal=signaal, stap=4, datum=VANDAAG, door=gebruikers["coordinator"], notitie="x"
        )


def test_future_date_is_refused(actief, gebruikers, als):
    signaal = melden(als, gebruikers["toegewezen_medewerker"], actief)
    with pytest.raises(ValidationError):
        signalen.meldcode_stap_vastleggen(
            request=als(gebruikers["coordinator"]),
            signaal=signaal,
            stap=1,
            datum=VANDAAG + timedelta(days=1),
            notitie="x",
        )


def test_closure_proposed_by_coordinator_and_closed_by_casemanager(actief, gebruikers, als):
    with pytest.raises(PermissionDenied):
        signalen.afsluiting_voorstellen(
            request=als(gebruikers["casemanager"]), traject=actief, uitkomst="zelfredzaam", versie=None
        )
    with pytest.raises(ValidationError):
        signalen.afsluiting_voorstellen(
            request=als(gebruikers["coordinator"]), traject=actief, uitkomst="overgedragen", versie=None
        )
    signalen.afsluiting_voorstellen(
        request=als(gebruikers["coordinator"]),
        traject=actief,
        uitkomst="overgedragen",
        overgedragen_aan="Moeder-kindhuis De Haven",
        versie=None,
    )
    actief.refresh_from_db()
    assert actief.status == "afsluiten"
    with pytest.raises(PermissionDenied):
        signalen.traject_afsluiten(
            request=als(gebruikers["coordinator"]),
            traject=actief,
            tevredenheid_client=9,
            tevredenheid_partner=8,
            versie=None,
        )
    with pytest.raises(ValidationError):
        signalen.traject_afsluiten(
            request=als(gebruikers["casemanager"]),
            traject=actief,
            tevredenheid_client=11,
            tevredenheid_partner=8,
            versie=None,
        )
    signalen.traject_afsluiten(
        request=als(gebruikers["casemanager"]),
        traject=actief,
        tevredenheid_client=9,
        tevredenheid_partner=8,
        versie=None,
    )
    actief.refresh_from_db()
    assert actief.status == "afgesloten"
    # The family is no longer the medewerker's: assignment ended today, grant removed.
    medewerker = gebruikers["toegewezen_medewerker"]
    assert actief.toewijzingen.get(medewerker=medewerker).tot == VANDAAG
    assert not medewerker.has_perm("trajecten.view_traject", actief)
    indicatie = Indicatie.objects.get(traject=actief)
    assert (indicatie.tot, indicatie.beeindigd_op) == (VANDAAG, VANDAAG)
    afsluiting = Afsluiting.objects.get()
    assert (afsluiting.tevredenheid_client, afsluiting.tevredenheid_partner, afsluiting.afgesloten_door) == (
        9,
        8,
        gebruikers["casemanager"],
    )


def test_casemanager_cannot_close_without_a_proposal(actief, gebruikers, als):
    with pytest.raises(ValidationError):
        signalen.traject_afsluiten(
            request=als(gebruikers["casemanager"]),
            traject=actief,
            tevredenheid_client=9,
            tevredenheid_partner=8,
            versie=None,
        )


def test_database_refuses_satisfaction_outside_1_to_10(actief, gebruikers):
    with pytest.raises(IntegrityError), transaction.atomic():
        Afsluiting.objects.create(
            traject=actief,
            uitkomst="verhuisd",
            tevredenheid_client=0,
            voorgesteld_door=gebruikers["coordinator"],
        )


def test_a_handover_to_a_partner_on_the_social_map_is_counted_in_the_chain_overview(
    client, actief, gebruikers, gemeente, andere_gemeente, als
):
    from django.urls import reverse

    from ketenpartners.models import Betrokkenheid
    from ketenpartners.selectors import ketenoverzicht
    from tests.conftest import login_with_two_factors
    from tests.ketenpartners.factories import KetenpartnerFactory

    haven = KetenpartnerFactory(organisatie__naam="Moeder-kindhuis De Haven", gemeenten=[gemeente])
    elders = KetenpartnerFactory(organisatie__naam="Schuldhulp Drenthe", gemeenten=[andere_gemeente])
    coordinator, casemanager = gebruikers["coordinator"], gebruikers["casemanager"]

    # The form offers the partners that serve the family's municipality, not the others.
    login_with_two_factors(client, coordinator)
    url = reverse("trajecten:afsluiting_voorstellen", args=[actief.pk])
    keuzes = client.get(url).context["form"].fields["overgedragen_aan_partner"].queryset
    assert list(keuzes) == [haven]
    # Neither a partner nor a name: a Dutch message, nothing changes.
    response = client.post(url, {"versie": actief.versie, "uitkomst": "overgedragen", "toelichting": ""})
    assert response.status_code == 400
    assert "Kies de ketenpartner op de sociale kaart" in response.content.decode()
    actief.refresh_from_db()
    assert actief.status == "actief"
    # A partner of another municipality is refused by the service as well.
    with pytest.raises(ValidationError):
        signalen.afsluiting_voorstellen(
            request=als(coordinator), traject=actief, uitkomst="overgedragen", overgedragen_aan_partner=elders,
            versie=None,
        )  # fmt: skip
    # A partner with another outcome is not silently dropped: it is refused with what to do.
    response = client.post(url, {"versie": actief.versie, "uitkomst": "zelfredzaam",
                                 "overgedragen_aan_partner": haven.pk, "toelichting": ""})  # fmt: skip
    assert response.status_code == 400
    assert "hoort bij de uitkomst" in response.content.decode()
    assert not Afsluiting.objects.filter(traject=actief).exists()
    response = client.post(url, {"versie": actief.versie, "uitkomst": "overgedragen",
                                 "overgedragen_aan_partner": haven.pk, "toelichting": ""})  # fmt: skip
    assert response.status_code == 302
    afsluiting = Afsluiting.objects.get(traject=actief)
    assert (afsluiting.overgedragen_aan_partner, afsluiting.overgedragen_aan) == (
        haven,
        "Moeder-kindhuis De Haven",
    )
    assert ketenoverzicht(fetched_by=als(casemanager).user, gemeente=gemeente)[0].ontvangen == 0

    signalen.traject_afsluiten(
        request=als(casemanager), traject=actief, tevredenheid_client=9, tevredenheid_partner=8, versie=None
    )
    overdracht = Betrokkenheid.objects.get(traject=actief, ketenpartner=haven)
    assert (overdracht.rol, overdracht.van) == ("overdracht", VANDAAG)
    rij = next(p for p in ketenoverzicht(fetched_by=als(casemanager).user, gemeente=gemeente) if p == haven)
    assert rij.ontvangen == 1
