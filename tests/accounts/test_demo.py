"""The demo world is coherent, varied and can be loaded twice."""

from django.utils.timezone import localdate

from accounts.constants import Rol
from accounts.demo import laad_demo_wereld
from accounts.models import Lidmaatschap, MedewerkerProfiel, Organisatie, User


def test_demo_world_has_every_role_and_varied_credentials(db):
    logins = laad_demo_wereld()
    assert all(logins[rol] for rol in Rol.values)
    assert Organisatie.objects.filter(soort="gemeente").count() == 3
    assert Organisatie.objects.filter(soort="zorgaanbieder").count() == 2
    assert Organisatie.objects.filter(soort="ketenpartner").count() >= 4

    vandaag = localdate()
    profielen = list(MedewerkerProfiel.objects.select_related("user"))
    assert any(not p.kckz_geldig(vandaag) for p in profielen)
    assert any(not p.vog_geldig(vandaag, 36) for p in profielen)
    assert any(not p.basistraining_afgerond for p in profielen)
    assert sum(p.nachtbeschikbaar for p in profielen) == 2
    assert any("ar" in p.talen for p in profielen)
    assert any("pl" in p.talen for p in profielen)
    # Every demo user can pass both factors.
    assert not User.objects.filter(totpdevice__isnull=True).exists()


def test_loading_twice_changes_nothing(db):
    laad_demo_wereld()
    aantallen = (User.objects.count(), Lidmaatschap.objects.count(), MedewerkerProfiel.objects.count())
    laad_demo_wereld()
    assert (
        User.objects.count(),
        Lidmaatschap.objects.count(),
        MedewerkerProfiel.objects.count(),
    ) == aantallen
