"""Issue 12 (QA walk): the regievoerder and the referrer come from the family's municipality. The choice
lists offer only those, and a choice outside it is refused with a Dutch message (form, service and, for the
regievoerder casemanager, the database)."""

# ruff: noqa: F811 - the fixture `aanmelding_data` is imported from test_views

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.factories import ContractFactory, OrganisatieFactory
from tests.ketenpartners.factories import ContactpersoonFactory, KetenpartnerFactory
from tests.trajecten.test_views import URL_AANMELDING, aanmelding_data, foutmelding_bij  # noqa: F401
from trajecten import services
from trajecten.models import Traject


@pytest.fixture
def partners(gebruikers):
    """A partner serving Groningen (the family's municipality) and one serving only Assen, each with an
    SKJ professional on the social map."""
    groningen = gebruikers["casemanager"].organisatie
    assen = gebruikers["andere_casemanager"].organisatie
    hier = KetenpartnerFactory(organisatie__naam="Wijkteam Oost Groningen", gemeenten=[groningen])
    daar = KetenpartnerFactory(organisatie__naam="Jeugdteam Assen", gemeenten=[assen])
    for partner, skj in ((hier, "7654321"), (daar, "7654322")):
        ContactpersoonFactory(ketenpartner=partner, naam="Gerda Smit", skj=True, skj_nummer=skj)
    return {"hier": hier, "daar": daar}


def test_the_regie_form_offers_only_casemanagers_and_partners_of_the_familys_municipality(
    client, login, gebruikers, traject, partners
):
    login(client, gebruikers["coordinator"])

    form = client.get(reverse("trajecten:regie", args=[traject.pk])).context["form"]

    assert list(form.fields["casemanager"].queryset) == [gebruikers["casemanager"]]
    assert list(form.fields["organisatie"].queryset) == [partners["hier"].organisatie]


def test_a_partner_outside_the_municipality_is_refused_as_regievoerder(gebruikers, traject, partners, als):
    with pytest.raises(ValidationError) as fout:
        services.regie_vastleggen(
            request=als(gebruikers["coordinator"]), traject=traject, naam="Gerda Smit", skj="7654322",
            organisatie=partners["daar"].organisatie, versie=None,
        )  # fmt: skip

    assert "werkt niet in" in " ".join(fout.value.message_dict["organisatie"])
    traject.refresh_from_db()
    assert not traject.heeft_regie


def test_a_casemanager_of_another_municipality_is_refused_by_the_service_and_the_database(
    gebruikers, traject, als
):
    with pytest.raises(ValidationError) as fout:
        services.regie_vastleggen(
            request=als(gebruikers["coordinator"]), traject=traject,
            casemanager=gebruikers["andere_casemanager"], versie=None,
        )  # fmt: skip
    assert "casemanager van" in " ".join(fout.value.message_dict["casemanager"])

    with pytest.raises(IntegrityError), transaction.atomic():
        Traject.objects.filter(pk=traject.pk).update(regie_casemanager=gebruikers["andere_casemanager"])
    Traject.objects.filter(pk=traject.pk).update(regie_casemanager=gebruikers["casemanager"])  # her own: fine


def test_the_referral_form_offers_the_providers_region_only(client, login, gebruikers, partners):
    groningen = gebruikers["casemanager"].organisatie
    ContractFactory(gemeente=groningen, aanbieder=gebruikers["coordinator"].organisatie)
    login(client, gebruikers["coordinator"])

    keuzes = set(
        client.get(URL_AANMELDING).context["forms"]["aanmelding"].fields["verwijzer_organisatie"].queryset
    )

    assert groningen in keuzes
    assert partners["hier"].organisatie in keuzes
    assert partners["daar"].organisatie not in keuzes  # Assen: no contract with this provider
    assert gebruikers["andere_casemanager"].organisatie not in keuzes


def test_a_referrer_outside_the_familys_municipality_is_refused_with_the_rest(
    client, login, gebruikers, partners, aanmelding_data
):
    login(client, gebruikers["coordinator"])
    aanmelding_data["aanmelding-verwijzer_organisatie"] = partners["daar"].organisatie.pk
    aanmelding_data["moeder-bsn"] = "123"  # a second error in the same round

    response = client.post(URL_AANMELDING, aanmelding_data)

    assert response.status_code == 400
    assert "werkt niet in" in foutmelding_bij(response, "id_aanmelding-verwijzer_organisatie")
    assert foutmelding_bij(response, "id_moeder-bsn")
    assert not Traject.objects.exists()

    aanmelding_data["moeder-bsn"] = "111222333"
    aanmelding_data["aanmelding-verwijzer_organisatie"] = partners["hier"].organisatie.pk
    assert client.post(URL_AANMELDING, aanmelding_data).status_code == 302


def test_the_service_refuses_a_referrer_outside_the_municipality(gebruikers, partners, als):
    from tests.factories import AanmeldingFactory, BabyFactory, GezinFactory, OuderFactory

    gezin = GezinFactory.build(gemeente=gebruikers["casemanager"].organisatie)
    aanmelding = AanmeldingFactory.build(verwijzer_organisatie=OrganisatieFactory(ketenpartner=True))
    with pytest.raises(ValidationError) as fout:
        services.aanmelding_registreren(
            request=als(gebruikers["coordinator"]), gezin=gezin, ouders=[OuderFactory.build()],
            baby=BabyFactory.build(), aanmelding=aanmelding,
        )  # fmt: skip
    assert "werkt niet in" in " ".join(fout.value.message_dict["verwijzer_organisatie"])
    assert not Traject.objects.exists()
