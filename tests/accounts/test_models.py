"""Rules about organisations and people, in the model and in the database."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils.timezone import localdate

from accounts.constants import Rol
from accounts.models import Lidmaatschap
from tests.factories import (
    LidmaatschapFactory,
    MedewerkerProfielFactory,
    OrganisatieFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_database_refuses_a_role_without_organisation_except_beheerder():
    with pytest.raises(IntegrityError):
        Lidmaatschap.objects.create(user=UserFactory(), organisatie=None, rol=Rol.CASEMANAGER)


def test_global_beheerder_needs_no_organisation():
    lid = Lidmaatschap.objects.create(user=UserFactory(), organisatie=None, rol=Rol.BEHEERDER)
    assert lid.is_globaal


def test_a_user_has_one_membership_only():
    user = UserFactory()
    LidmaatschapFactory(user=user)
    with pytest.raises(IntegrityError):
        LidmaatschapFactory(user=user, rol=Rol.GEMEENTE_RAPPORTAGE)


def test_coordinator_cannot_belong_to_a_municipality():
    lid = Lidmaatschap(user=UserFactory(), organisatie=OrganisatieFactory(), rol=Rol.COORDINATOR)
    with pytest.raises(ValidationError) as error:
        lid.full_clean()
    assert "hoort bij een organisatie van de soort Zorgaanbieder" in str(error.value)


def test_team_must_be_of_the_members_organisation():
    gemeente = OrganisatieFactory()
    lid = Lidmaatschap(
        user=UserFactory(),
        organisatie=gemeente,
        team=TeamFactory(organisatie=OrganisatieFactory()),
        rol="casemanager",
    )
    with pytest.raises(ValidationError) as error:
        lid.full_clean()
    assert "andere organisatie" in str(error.value)


def test_only_a_municipality_has_teams():
    team = TeamFactory.build(organisatie=OrganisatieFactory(zorgaanbieder=True))
    with pytest.raises(ValidationError):
        team.full_clean()


def test_database_refuses_municipality_code_on_a_provider():
    with pytest.raises(IntegrityError):
        OrganisatieFactory(zorgaanbieder=True, gemeentecode="0014")


def test_database_refuses_contract_hours_above_60():
    with pytest.raises(IntegrityError):
        MedewerkerProfielFactory(contracturen_per_week=61)


@pytest.mark.parametrize(
    ("geldig_tot", "verwacht"),
    [(date(2026, 11, 23), True), (date(2026, 11, 22), False), (None, False)],
)
def test_kckz_registration_is_valid_through_its_last_day(geldig_tot, verwacht):
    profiel = MedewerkerProfielFactory.build(kckz_geldig_tot=geldig_tot)
    assert profiel.kckz_geldig(date(2026, 11, 23)) is verwacht


def test_vog_age_is_measured_in_calendar_months():
    profiel = MedewerkerProfielFactory.build(vog_datum=date(2023, 11, 23))
    assert profiel.vog_geldig(date(2026, 11, 23), 36)
    assert not profiel.vog_geldig(date(2026, 11, 24), 36)


def test_traits_describe_unqualified_staff():
    assert not MedewerkerProfielFactory.build(zonder_basistraining=True).basistraining_afgerond
    assert not MedewerkerProfielFactory.build(kckz_verlopen=True).kckz_geldig(localdate())
