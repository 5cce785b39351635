"""The one policy: no second factor, no access; roles decide actions; beheerders see their own org."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.models import Organisatie, User
from core import policy
from core.models import Toegangslog
from tests.factories import ToegangslogFactory


def geverifieerd(user):
    user.is_verified = lambda: True  # what django-otp's middleware sets after the second factor
    return user


def test_nobody_may_do_anything_without_the_second_factor(gebruikers):
    beheerder = gebruikers["beheerder"]
    beheerder.is_verified = lambda: False
    assert not policy.may(beheerder, policy.HOME)
    assert not policy.may(beheerder, policy.TOEGANGSLOG_ZOEKEN)
    assert policy.zichtbaar(beheerder, Toegangslog.objects.all()).query.is_empty()


def test_anonymous_may_do_nothing(db):
    anoniem = AnonymousUser()
    assert not any(policy.may(anoniem, actie) for actie in policy.RULES)


@pytest.mark.parametrize(
    ("rol", "mag_toegangslog"),
    [
        ("casemanager", False),
        ("rapportage", False),
        ("coordinator", False),
        ("medewerker", False),
        ("beheerder", True),
    ],
)
def test_only_beheerders_search_the_access_log(gebruikers, rol, mag_toegangslog):
    user = geverifieerd(gebruikers[rol])
    assert policy.may(user, policy.HOME)
    assert policy.may(user, policy.TOEGANGSLOG_ZOEKEN) is mag_toegangslog
    assert policy.may(user, policy.BEHEER) is mag_toegangslog


def test_a_user_without_membership_has_no_home(db):
    from tests.factories import UserFactory

    assert not policy.may(geverifieerd(UserFactory()), policy.HOME)


def test_unknown_action_is_a_programming_error(gebruikers):
    with pytest.raises(KeyError):
        policy.may(geverifieerd(gebruikers["beheerder"]), "gezin.verwijderen")


def test_beheerder_sees_only_her_own_organisation(gebruikers):
    beheerder = geverifieerd(gebruikers["beheerder"])
    eigen = ToegangslogFactory(organisatie=beheerder.organisatie)
    ToegangslogFactory(organisatie=gebruikers["andere_beheerder"].organisatie)

    assert list(policy.zichtbaar(beheerder, Toegangslog.objects.all())) == [eigen]
    assert list(policy.zichtbaar(beheerder, Organisatie.objects.all())) == [beheerder.organisatie]
    zichtbare_users = set(policy.zichtbaar(beheerder, User.objects.all()).values_list("username", flat=True))
    assert zichtbare_users == {"coord", "mw", "mw.toegewezen", "beheer"}


def test_global_beheerder_sees_every_organisation(gebruikers):
    globaal = geverifieerd(gebruikers["globale_beheerder"])
    ToegangslogFactory(organisatie=gebruikers["beheerder"].organisatie)
    ToegangslogFactory(organisatie=gebruikers["andere_beheerder"].organisatie)
    assert policy.zichtbaar(globaal, Toegangslog.objects.all()).count() == 2
    assert policy.zichtbaar(globaal, Organisatie.objects.all()).count() == Organisatie.objects.count()


def test_other_roles_see_no_management_rows(gebruikers):
    coordinator = geverifieerd(gebruikers["coordinator"])
    ToegangslogFactory(organisatie=coordinator.organisatie)
    assert not policy.zichtbaar(coordinator, Toegangslog.objects.all()).exists()
    assert not policy.zichtbaar(coordinator, User.objects.all()).exists()
