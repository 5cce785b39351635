"""The family-network plan: members, the agreement with the parents, the print view, and who may do what."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from core.models import Toegangslog
from tests.factories import IndicatieFactory, ToewijzingFactory
from trajecten import netwerk
from trajecten.models import NetwerkLid, Netwerkplan


@pytest.fixture
def actief(traject, gebruikers):
    traject.status = "actief"
    traject.regie_casemanager = gebruikers["casemanager"]
    traject.gestart_op = timezone.localdate() - timedelta(days=30)
    traject.save()
    vandaag = timezone.localdate()
    IndicatieFactory(
        traject=traject,
        van=vandaag - timedelta(days=30),
        tot=vandaag + timedelta(days=90),
        uren_per_week=Decimal(12),
    )
    mw = gebruikers["toegewezen_medewerker"]
    ToewijzingFactory(
        traject=traject, medewerker=mw, van=vandaag - timedelta(days=30), eerste_aanspreekpunt=True
    )
    assign_perm("trajecten.view_traject", mw, traject)
    return traject


def oma(als, user, traject, **kwargs):
    velden = {
        "naam": "Oma Ria",
        "relatie": "familie",
        "steun": ["slaap_waakritme", "organiseren"],
        "wanneer": ["middag", "weekend"],
        "toelichting": "Past op de baby zodat moeder kan slapen.",
        "bereikbaar": "06-12345678",
        "afgesproken": True,
    }
    velden.update(kwargs)
    return netwerk.netwerklid_toevoegen(request=als(user), traject=traject, **velden)


# --- members ---


def test_coordinator_adds_a_member_with_themes_and_day_parts(actief, gebruikers, als):
    lid = oma(als, gebruikers["coordinator"], actief)
    lid.refresh_from_db()
    assert (lid.naam, lid.relatie, lid.steun, lid.wanneer, lid.afgesproken) == (
        "Oma Ria", "familie", ["slaap_waakritme", "organiseren"], ["middag", "weekend"], True,
    )  # fmt: skip
    log = Toegangslog.objects.get(gebeurtenis="aanmaken", object_type="trajecten.netwerklid")
    assert (log.traject_id, log.gezin_id, log.object_id) == (actief.pk, actief.gezin_id, str(lid.pk))


def test_assigned_medewerker_adds_a_neighbour(actief, gebruikers, als):
    lid = oma(als, gebruikers["toegewezen_medewerker"], actief, naam="Buurvrouw Fatima", relatie="buren")
    assert NetwerkLid.objects.get(pk=lid.pk).relatie == "buren"


def test_member_without_a_name_is_refused_and_nothing_saved(actief, gebruikers, als):
    with pytest.raises(ValidationError) as fout:
        oma(als, gebruikers["coordinator"], actief, naam="   ")
    assert "naam" in fout.value.error_dict
    assert "Geef de naam" in str(fout.value)
    assert not NetwerkLid.objects.exists()


def test_member_must_say_what_they_help_with(actief, gebruikers, als):
    with pytest.raises(ValidationError) as fout:
        oma(als, gebruikers["coordinator"], actief, steun=[], toelichting="")
    assert "steun" in fout.value.error_dict
    assert not NetwerkLid.objects.exists()


@pytest.mark.parametrize(
    ("veld", "waarde"), [("relatie", "collega"), ("steun", ["koken"]), ("wanneer", ["middernacht"])]
)
def test_unknown_choices_are_refused(actief, gebruikers, als, veld, waarde):
    with pytest.raises(ValidationError) as fout:
        oma(als, gebruikers["coordinator"], actief, **{veld: waarde})
    assert veld in fout.value.error_dict
    assert not NetwerkLid.objects.exists()


def test_a_member_only_with_a_description_is_fine(actief, gebruikers, als):
    lid = oma(
        als, gebruikers["coordinator"], actief, steun=[], wanneer=[], toelichting="Belt elke avond even."
    )
    assert lid.steun == []


def test_change_and_remove_a_member(actief, gebruikers, als):
    coord = gebruikers["coordinator"]
    lid = oma(als, coord, actief, afgesproken=False)
    netwerk.netwerklid_wijzigen(
        request=als(coord), lid=lid, naam="Oma Ria de Vries", relatie="familie", steun=["dagstructuur"],
        wanneer=["ochtend"], toelichting="", bereikbaar="050-1234567", afgesproken=True,
    )  # fmt: skip
    lid.refresh_from_db()
    assert (lid.naam, lid.steun, lid.bereikbaar, lid.afgesproken) == (
        "Oma Ria de Vries", ["dagstructuur"], "050-1234567", True,
    )  # fmt: skip
    netwerk.netwerklid_verwijderen(request=als(coord), lid=lid)
    assert not NetwerkLid.objects.exists()
    assert Toegangslog.objects.filter(
        gebeurtenis="verwijderen", object_id=str(lid.pk), traject_id=actief.pk
    ).exists()


def test_a_closed_trajectory_network_cannot_change(actief, gebruikers, als):
    lid = oma(als, gebruikers["coordinator"], actief)
    actief.status = "afgesloten"
    actief.save()
    with pytest.raises(ValidationError, match="afgelopen"):
        oma(als, gebruikers["coordinator"], actief, naam="Tante Joke")
    with pytest.raises(ValidationError):
        netwerk.netwerklid_verwijderen(request=als(gebruikers["coordinator"]), lid=lid)
    assert list(NetwerkLid.objects.values_list("naam", flat=True)) == ["Oma Ria"]


@pytest.mark.parametrize(
    "wie", ["andere_coordinator", "andere_casemanager", "medewerker", "casemanager", "rapportage"]
)
def test_who_may_not_manage_the_network(actief, gebruikers, als, wie):
    with pytest.raises(PermissionDenied):
        oma(als, gebruikers[wie], actief)
    assert not NetwerkLid.objects.exists()


# --- agreement with the parents ---


def test_agreement_today_with_the_parents_words(actief, gebruikers, als):
    oma(als, gebruikers["coordinator"], actief)
    plan = netwerk.netwerkplan_afspreken(
        request=als(gebruikers["coordinator"]), traject=actief, afgesproken_op=timezone.localdate(),
        woorden_ouders="  Fijn dat mijn moeder vaker komt.  ",
    )  # fmt: skip
    assert (plan.afgesproken_op, plan.woorden_ouders) == (
        timezone.localdate(),
        "Fijn dat mijn moeder vaker komt.",
    )
    # A second agreement replaces the first: one plan per trajectory.
    netwerk.netwerkplan_afspreken(
        request=als(gebruikers["toegewezen_medewerker"]), traject=actief,
        afgesproken_op=timezone.localdate() - timedelta(days=1), woorden_ouders="Zo is het goed.",
    )  # fmt: skip
    assert Netwerkplan.objects.get().woorden_ouders == "Zo is het goed."


def test_agreement_in_the_future_is_refused(actief, gebruikers, als):
    oma(als, gebruikers["coordinator"], actief)
    with pytest.raises(ValidationError) as fout:
        netwerk.netwerkplan_afspreken(
            request=als(gebruikers["coordinator"]), traject=actief,
            afgesproken_op=timezone.localdate() + timedelta(days=1), woorden_ouders="Goed zo.",
        )  # fmt: skip
    assert "afgesproken_op" in fout.value.error_dict
    assert "toekomst" in str(fout.value)
    assert not Netwerkplan.objects.exists()


def test_agreement_needs_the_parents_words_and_a_member(actief, gebruikers, als):
    coord = gebruikers["coordinator"]
    with pytest.raises(ValidationError) as fout:
        netwerk.netwerkplan_afspreken(
            request=als(coord), traject=actief, afgesproken_op=None, woorden_ouders=" "
        )
    assert set(fout.value.error_dict) == {"afgesproken_op", "woorden_ouders"}
    with pytest.raises(ValidationError, match="netwerklid"):
        netwerk.netwerkplan_afspreken(
            request=als(coord), traject=actief, afgesproken_op=timezone.localdate(), woorden_ouders="Goed."
        )
    assert not Netwerkplan.objects.exists()


# --- pages ---


def test_network_tab_and_add_page(client, login, actief, gebruikers):
    login(client, gebruikers["toegewezen_medewerker"])
    antwoord = client.post(
        reverse("trajecten:netwerk_lid_nieuw", args=[actief.pk]),
        {"naam": "Buurman Kees", "relatie": "buren", "steun": ["organiseren"], "wanneer": ["avond"],
         "bereikbaar": "06-87654321", "afgesproken": "on"},
    )  # fmt: skip
    assert antwoord.status_code == 302
    tab = client.get(reverse("trajecten:detail", args=[actief.pk]) + "?tab=netwerk")
    html = tab.content.decode()
    assert "Buurman Kees" in html
    assert "06-87654321" in html
    assert reverse("trajecten:netwerk_afdrukken", args=[actief.pk]) in html


def test_bad_input_on_the_page_shows_the_error_and_saves_nothing(client, login, actief, gebruikers):
    login(client, gebruikers["coordinator"])
    antwoord = client.post(
        reverse("trajecten:netwerk_lid_nieuw", args=[actief.pk]), {"naam": "Tante Joke", "relatie": "familie"}
    )
    assert antwoord.status_code == 400
    assert "Zeg waarmee" in antwoord.content.decode()
    assert not NetwerkLid.objects.exists()


def test_a_member_of_another_trajectory_is_not_found(client, login, actief, gebruikers, als):
    from tests.factories import TrajectFactory

    ander = TrajectFactory(gezin__gemeente=actief.gezin.gemeente, aanbieder=actief.aanbieder, status="actief",
                           regie_casemanager=gebruikers["casemanager"])  # fmt: skip
    lid = NetwerkLid.objects.create(traject=ander, naam="Vreemde", relatie="vriend", steun=["vertrouwen"])
    login(client, gebruikers["coordinator"])
    url = reverse("trajecten:netwerk_lid_wijzigen", args=[actief.pk, lid.pk])
    assert client.post(url, {"naam": "X", "relatie": "vriend", "steun": ["vertrouwen"]}).status_code == 404
    lid.refresh_from_db()
    assert lid.naam == "Vreemde"


def test_print_view_is_clean_readable_and_logged(client, login, actief, gebruikers, als):
    oma(als, gebruikers["coordinator"], actief)
    oma(als, gebruikers["coordinator"], actief, naam="Buurvrouw Fatima", relatie="buren", afgesproken=False)
    netwerk.netwerkplan_afspreken(
        request=als(gebruikers["coordinator"]), traject=actief, afgesproken_op=timezone.localdate(),
        woorden_ouders="Fijn dat oma komt.",
    )  # fmt: skip
    login(client, gebruikers["casemanager"])  # the casemanager may print, not manage
    antwoord = client.get(reverse("trajecten:netwerk_afdrukken", args=[actief.pk]))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Oma Ria" in html
    assert "06-12345678" in html
    assert "Fijn dat oma komt." in html
    assert "@media print" in html
    assert "app-nav" not in html
    assert "app-header" not in html
    assert html.index("Oma Ria") < html.index("Buurvrouw Fatima")  # agreed first, then still to ask
    # The inline print style is allowed by this response's nonce, nothing wider.
    nonce = html.split('<style nonce="')[1].split('"')[0]
    assert f"'nonce-{nonce}'" in antwoord["Content-Security-Policy"]
    assert Toegangslog.objects.filter(
        gebeurtenis="afdrukken", traject_id=actief.pk, gebruiker=gebruikers["casemanager"]
    ).exists()


@pytest.mark.parametrize(
    ("wie", "verwacht"), [("andere_coordinator", 404), ("andere_casemanager", 404), ("medewerker", 404)]
)
def test_print_view_refused_outside_the_family(client, login, actief, gebruikers, wie, verwacht):
    oma_lid = NetwerkLid.objects.create(
        traject=actief, naam="Oma Ria", relatie="familie", steun=["vertrouwen"]
    )
    login(client, gebruikers[wie])
    antwoord = client.get(reverse("trajecten:netwerk_afdrukken", args=[actief.pk]))
    assert antwoord.status_code == verwacht
    assert oma_lid.naam not in antwoord.content.decode()
    assert Toegangslog.objects.filter(uitkomst="geweigerd", traject_id=actief.pk).exists()
    assert not Toegangslog.objects.filter(gebeurtenis="afdrukken", uitkomst="toegestaan").exists()


def test_print_view_anonymous_goes_to_login(client, actief):
    antwoord = client.get(reverse("trajecten:netwerk_afdrukken", args=[actief.pk]))
    assert antwoord.status_code == 302
    assert "login" in antwoord["Location"]


def _leden(traject, aantal):
    NetwerkLid.objects.filter(traject=traject).delete()
    for i in range(aantal):
        NetwerkLid.objects.create(
            traject=traject,
            naam=f"Lid {i}",
            relatie="vriend",
            steun=["vertrouwen"],
            wanneer=["avond"],
            afgesproken=i % 2 == 0,
        )


@pytest.mark.parametrize("pagina", ["tab", "afdrukken"])
def test_queries_do_not_grow_with_members(client, login, actief, gebruikers, pagina):
    login(client, gebruikers["toegewezen_medewerker"])
    url = (
        reverse("trajecten:detail", args=[actief.pk]) + "?tab=netwerk"
        if pagina == "tab"
        else reverse("trajecten:netwerk_afdrukken", args=[actief.pk])
    )
    tellingen = []
    for aantal in (1, 3):
        _leden(actief, aantal)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        tellingen.append(len(queries))
    assert tellingen[0] == tellingen[1]
