"""Rules found in review: access ends with a move or a cancellation, no start on a future indication,
no decisions on an ended trajectory, every page about a family logged as a read (with the family)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.timezone import localdate
from guardian.shortcuts import assign_perm

from accounts.models import Lidmaatschap
from core import policy
from core.models import Toegangslog
from indicaties.models import Indicatie, IndicatieAanvraag
from tests.factories import IndicatieAanvraagFactory, IndicatieFactory, ToewijzingFactory
from trajecten import indicatiebesluiten, services
from trajecten.models import Traject

VANDAAG = localdate()


@pytest.fixture
def toegewezen(traject, gebruikers):
    mw = gebruikers["toegewezen_medewerker"]
    ToewijzingFactory(
        traject=traject, medewerker=mw, van=VANDAAG - timedelta(days=5), eerste_aanspreekpunt=True
    )
    assign_perm("trajecten.view_traject", mw, traject)
    return mw


def test_medewerker_moved_to_another_provider_loses_access(traject, toegewezen, gebruikers, als):
    assert policy.may(als(toegewezen).user, policy.TRAJECT_BEKIJKEN, traject)
    Lidmaatschap.objects.filter(user=toegewezen).update(
        organisatie=gebruikers["andere_coordinator"].organisatie
    )
    verhuisd = type(toegewezen).objects.get(pk=toegewezen.pk)
    assert not policy.may(als(verhuisd).user, policy.TRAJECT_BEKIJKEN, traject)
    assert not policy.zichtbaar(als(verhuisd).user, Traject.objects.all()).exists()


def test_cancelling_withdraws_the_request_and_everyones_access(traject, toegewezen, gebruikers, als):
    traject.status = "indicatie_aangevraagd"
    traject.save()
    aanvraag = IndicatieAanvraagFactory(traject=traject, aangevraagd_door=gebruikers["coordinator"])
    services.traject_annuleren(
        request=als(gebruikers["coordinator"]), traject=traject, reden="Verhuisd", versie=None
    )
    aanvraag.refresh_from_db()
    assert aanvraag.status == "afgewezen"
    assert not type(toegewezen).objects.get(pk=toegewezen.pk).has_perm("trajecten.view_traject", traject)
    traject.refresh_from_db()
    with pytest.raises(ValidationError):
        indicatiebesluiten.indicatie_afgeven(
            request=als(gebruikers["casemanager"]), aanvraag=aanvraag, beschikkingsnummer="X", product="regulier",
            van=VANDAAG, tot=VANDAAG + timedelta(days=30), uren_per_week=12,
        )  # fmt: skip
    assert not Indicatie.objects.exists()


def test_no_indication_decision_on_a_cancelled_trajectory(traject, gebruikers, als):
    traject.status = "geannuleerd"
    traject.save()
    aanvraag = IndicatieAanvraag.objects.create(
        traject=traject, gewenste_start=VANDAAG, gewenste_eind=VANDAAG + timedelta(days=30), uren_per_week=10,
        toelichting="x", aangevraagd_door=gebruikers["coordinator"],
    )  # fmt: skip
    with pytest.raises(ValidationError) as fout:
        indicatiebesluiten.indicatie_afgeven(
            request=als(gebruikers["casemanager"]), aanvraag=aanvraag, beschikkingsnummer="X", product="regulier",
            van=VANDAAG, tot=VANDAAG + timedelta(days=30), uren_per_week=12,
        )  # fmt: skip
    assert "Geannuleerd" in str(fout.value)


def test_a_trajectory_cannot_start_on_an_indication_that_begins_later(traject, toegewezen, gebruikers, als):
    traject.status = "indicatie_aangevraagd"
    traject.regie_casemanager = gebruikers["casemanager"]
    traject.save()
    IndicatieFactory(traject=traject, van=VANDAAG + timedelta(days=90), tot=VANDAAG + timedelta(days=180))
    with pytest.raises(ValidationError) as fout:
        services.traject_starten(request=als(gebruikers["coordinator"]), traject=traject, versie=None)
    assert "kan vanaf die dag worden gestart" in str(fout.value)  # and says from when (issue 12)


def test_an_action_page_is_logged_as_a_read_of_that_family(client, login, traject, gebruikers):
    login(client, gebruikers["coordinator"])
    client.get(reverse("trajecten:team", args=[traject.pk]))
    regel = Toegangslog.objects.get(gebruiker=gebruikers["coordinator"], gebeurtenis="lezen")
    assert (regel.traject_id, regel.gezin_id, regel.uitkomst) == (traject.pk, traject.gezin_id, "toegestaan")


def test_a_refusal_names_the_family_so_it_can_be_found_by_family(client, login, traject, gebruikers):
    login(client, gebruikers["andere_coordinator"])
    assert client.get(reverse("trajecten:detail", args=[traject.pk])).status_code == 404
    regel = Toegangslog.objects.get(uitkomst="geweigerd")
    assert regel.gezin_id == traject.gezin_id


def test_first_contact_of_an_active_trajectory_is_handed_over_not_dropped(
    traject, toegewezen, gebruikers, als
):
    from tests.factories import lid
    from trajecten.models import Toewijzing

    traject.status = "actief"
    traject.regie_casemanager = gebruikers["casemanager"]
    traject.save()
    eerste = Toewijzing.objects.get(traject=traject)
    with pytest.raises(ValidationError) as fout:
        services.toewijzing_beeindigen(
            request=als(gebruikers["coordinator"]),
            toewijzing=eerste,
            tot=VANDAAG - timedelta(days=1),
            versie=None,
        )
    assert "eerste aanspreekpunt" in str(fout.value)

    collega = lid("medewerker", gebruikers["coordinator"].organisatie, username="collega")
    ToewijzingFactory(traject=traject, medewerker=collega, van=VANDAAG - timedelta(days=3))
    services.eerste_aanspreekpunt_overdragen(
        request=als(gebruikers["coordinator"]), traject=traject, opvolger=collega, versie=None
    )

    lopend = Toewijzing.objects.filter(traject=traject).exclude(tot__lt=VANDAAG)
    assert {(t.medewerker.username, t.eerste_aanspreekpunt) for t in lopend} == {
        ("collega", True),
        ("mw.toegewezen", False),
    }
    assert Toewijzing.objects.filter(
        traject=traject, eerste_aanspreekpunt=True, tot=VANDAAG - timedelta(days=1)
    ).exists()


def test_future_birth_date_and_bad_skj_number_are_refused(traject, gebruikers, als):
    with pytest.raises(ValidationError) as fout:
        services.regie_vastleggen(
            request=als(gebruikers["casemanager"]),
            traject=traject,
            naam="J. de Groot",
            skj="abc",
            organisatie=None,
            versie=None,
        )
    assert "6 tot 10 cijfers" in str(fout.value)
