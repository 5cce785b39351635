"""The chain pages through the test client, as logged-in users with both factors: bad input with Dutch
messages beside the fields and nothing changed, who may and may not, the access log, and query
counts that do not grow with the rows."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import localdate
from guardian.shortcuts import assign_perm
from pytest_django.asserts import assertContains, assertNotContains

from core.constants import Gebeurtenis, Uitkomst
from core.models import Toegangslog
from ketenpartners.constants import BetrokkenheidRol, Reikwijdte
from ketenpartners.models import (
    Betrokkenheid,
    Convenant,
    Ketenpartner,
    Ondertekening,
    Toestemming,
    Verstrekking,
)
from tests.factories import AanmeldingFactory, ToewijzingFactory, TrajectFactory
from trajecten.models import Traject

from .conftest import contact
from .factories import (
    BetrokkenheidFactory,
    ContactpersoonFactory,
    KetenpartnerFactory,
    OverdrachtFactory,
    ToestemmingFactory,
)

VANDAAG = localdate()


def queries(client, url, data=None):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, data or {})
    assert response.status_code == 200, response.status_code
    return len(context.captured_queries), response


def fout_bij(response, veld_id: str) -> str:
    gevonden = re.search(rf'id="{veld_id}_error">([^<]*)<', response.content.decode())
    return gevonden.group(1) if gevonden else ""


def keten(traject):
    return reverse("ketenpartners:traject", args=[traject.pk])


def toegewezen(gebruikers, traject):
    mw = gebruikers["toegewezen_medewerker"]
    ToewijzingFactory(traject=traject, medewerker=mw, toegewezen_door=gebruikers["coordinator"])
    assign_perm("trajecten.view_traject", mw, traject)
    return mw


# --- the social map ------------------------------------------------------------------------------


def test_search_shows_the_shortest_wait_first_and_marks_stale_ones(
    client, login, gebruikers, gemeente, huilbaby
):
    KetenpartnerFactory(
        organisatie__naam="Praktijk Rustig Slapen",
        wachttijd_dagen=3,
        verouderd=True,
        gemeenten=[gemeente],
        diensten=[huilbaby],
    )
    KetenpartnerFactory(
        organisatie__naam="De Kleine Stap", wachttijd_dagen=5, gemeenten=[gemeente], diensten=[huilbaby]
    )
    KetenpartnerFactory(
        organisatie__naam="Kinderpoli", wachttijd_dagen=21, gemeenten=[gemeente], diensten=[huilbaby]
    )
    login(client, gebruikers["coordinator"])

    response = client.get(reverse("ketenpartners:zoeken"), {"dienst": huilbaby.pk, "gemeente": gemeente.pk})

    namen = [p.naam for p in response.context["page"].object_list]
    assert namen == ["Praktijk Rustig Slapen", "De Kleine Stap", "Kinderpoli"]
    assert [p.verouderd for p in response.context["page"].object_list] == [True, False, False]
    assertContains(response, "verouderd")
    assertNotContains(response, "Toevoegen aan het traject")  # no trajectory to add to


def test_a_casemanager_searches_her_own_municipality_by_default(
    client, login, gebruikers, partner, verre_partner
):
    login(client, gebruikers["casemanager"])
    response = client.get(reverse("ketenpartners:zoeken"))
    assert list(response.context["page"].object_list) == [partner]


def test_search_for_a_trajectory_offers_to_add_the_partner_and_is_logged(
    client, login, gebruikers, traject, partner
):
    login(client, gebruikers["coordinator"])

    response = client.get(reverse("ketenpartners:zoeken"), {"traject": traject.pk})

    assertContains(
        response, f"{reverse('ketenpartners:betrokkenheid_nieuw', args=[traject.pk])}?partner={partner.pk}"
    )
    regel = Toegangslog.objects.get(gebruiker=gebruikers["coordinator"])
    assert (regel.traject_id, regel.gezin_id, regel.omschrijving) == (
        traject.pk,
        traject.gezin_id,
        "sociale kaart voor traject",
    )


@pytest.mark.parametrize("wie", ["andere_coordinator", "toegewezen_medewerker", "rapportage"])
def test_search_ignores_a_trajectory_the_user_may_not_add_to(
    client, login, gebruikers, traject, partner, wie
):
    toegewezen(gebruikers, traject)
    login(client, gebruikers[wie])
    response = client.get(reverse("ketenpartners:zoeken"), {"traject": traject.pk})
    assert response.status_code == 200
    assert response.context["traject"] is None
    assertNotContains(response, traject.nummer)


def test_bad_search_criteria_show_their_error_and_no_rows(client, login, gebruikers, partner):
    login(client, gebruikers["coordinator"])
    response = client.get(reverse("ketenpartners:zoeken"), {"dienst": "999999"})
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []
    assert response.context["form"].errors["dienst"]


def kaart_vullen(gemeente, huilbaby, aantal):
    convenant, _ = Convenant.objects.get_or_create(naam="Convenant Test", defaults={"ingangsdatum": VANDAAG})
    for _ in range(aantal):
        partner = KetenpartnerFactory(gemeenten=[gemeente], diensten=[huilbaby])
        ContactpersoonFactory(ketenpartner=partner, skj=True)
        ContactpersoonFactory(ketenpartner=partner)
        Ondertekening.objects.create(convenant=convenant, ketenpartner=partner, getekend_op=VANDAAG)


def test_search_query_count_does_not_grow_with_partners(client, login, gebruikers, gemeente, huilbaby):
    kaart_vullen(gemeente, huilbaby, 1)
    login(client, gebruikers["coordinator"])
    url = reverse("ketenpartners:zoeken")
    client.get(url)

    een, response = queries(client, url, {"dienst": huilbaby.pk})
    assert len(response.context["page"].object_list) == 1
    kaart_vullen(gemeente, huilbaby, 2)
    drie, response = queries(client, url, {"dienst": huilbaby.pk})

    assert len(response.context["page"].object_list) == 3
    assert drie == een


def test_partner_page_shows_contacts_with_skj(client, login, gebruikers, verre_partner):
    login(client, gebruikers["medewerker"])
    response = client.get(reverse("ketenpartners:detail", args=[verre_partner.pk]))
    assertContains(response, "Gerda Smit")
    assertContains(response, f"SKJ {contact(verre_partner, 'Gerda Smit').skj_nummer}")
    assertNotContains(response, reverse("ketenpartners:bijwerken", args=[verre_partner.pk]))


@pytest.mark.parametrize(
    ("velden", "veld", "bericht"),
    [
        ({"wachttijd_dagen": "-2"}, "wachttijd_dagen", "Een wachttijd kan niet onder nul zijn."),
        ({"telefoon": "12345"}, "telefoon", "Vul een geldig telefoonnummer in"),
        ({"email": "info(at)partner.nl"}, "email", "Vul een geldig e-mailadres in"),
    ],
)
def test_bad_partner_details_are_answered_in_dutch_and_nothing_changes(
    client, login, gebruikers, partner, velden, veld, bericht
):
    login(client, gebruikers["globale_beheerder"])
    voor = Ketenpartner.objects.values().get(pk=partner.pk)
    data = {"telefoon": "050-3674000", "email": "jgz@ggd.example", "wachttijd_dagen": "4", **velden}

    response = client.post(reverse("ketenpartners:bijwerken", args=[partner.pk]), data)

    assert response.status_code == 400
    assert fout_bij(response, f"id_{veld}").startswith(bericht)
    assert Ketenpartner.objects.values().get(pk=partner.pk) == voor


def test_global_beheerder_updates_the_waiting_time(client, login, gebruikers, partner):
    login(client, gebruikers["globale_beheerder"])
    response = client.post(
        reverse("ketenpartners:bijwerken", args=[partner.pk]),
        {"telefoon": "+31 6 12345678", "email": "jgz@ggd.example", "wachttijd_dagen": "12"},
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.wachttijd_dagen, partner.wachttijd_bijgewerkt_op) == (12, VANDAAG)


@pytest.mark.parametrize(
    ("wie", "verwacht"), [("beheerder", 404), ("coordinator", 403), ("casemanager", 403)]
)
def test_others_cannot_update_the_partner(client, login, gebruikers, partner, wie, verwacht):
    login(client, gebruikers[wie])
    response = client.post(
        reverse("ketenpartners:bijwerken", args=[partner.pk]),
        {"telefoon": "", "email": "", "wachttijd_dagen": "0"},
    )
    assert response.status_code == verwacht
    partner.refresh_from_db()
    assert partner.wachttijd_dagen == 7


# --- the trajectory's chain ----------------------------------------------------------------------


def test_chain_page_is_logged_with_family_and_trajectory(client, login, gebruikers, traject, partner):
    BetrokkenheidFactory(traject=traject, ketenpartner=partner)
    login(client, gebruikers["coordinator"])

    response = client.get(keten(traject))

    assertContains(response, "GGD Groningen — JGZ")
    regel = Toegangslog.objects.get(gebruiker=gebruikers["coordinator"])
    assert (regel.gebeurtenis, regel.uitkomst, regel.traject_id, regel.gezin_id) == (
        Gebeurtenis.LEZEN,
        Uitkomst.TOEGESTAAN,
        traject.pk,
        traject.gezin_id,
    )


def test_assigned_medewerker_reads_the_chain_but_cannot_change_it(
    client, login, gebruikers, traject, partner
):
    mw = toegewezen(gebruikers, traject)
    login(client, mw)
    assert client.get(keten(traject)).status_code == 200
    response = client.post(
        reverse("ketenpartners:betrokkenheid_nieuw", args=[traject.pk]),
        {
            "ketenpartner": partner.pk,
            "rol": "medebehandelaar",
            "verantwoordelijkheden": "x",
            "van": VANDAAG,
            "versie": traject.versie,
        },
    )
    assert response.status_code == 403
    assert not Betrokkenheid.objects.exists()


@pytest.mark.parametrize("wie", ["andere_casemanager", "andere_coordinator", "medewerker", "rapportage"])
def test_outsiders_get_404_a_refused_log_row_and_change_nothing(
    client, login, gebruikers, traject, partner, wie
):
    betrokkenheid = BetrokkenheidFactory(traject=traject, ketenpartner=partner)
    toestemming = ToestemmingFactory(traject=traject, ketenpartner=partner)
    overdracht = OverdrachtFactory(traject=traject, ketenpartner=partner)
    login(client, gebruikers[wie])
    achternaam = traject.gezin.ouders.get().achternaam

    for url in (
        keten(traject),
        reverse("ketenpartners:overdracht", args=[traject.pk, overdracht.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert achternaam not in response.content.decode()
    for url, data in (
        (
            reverse("ketenpartners:betrokkenheid_nieuw", args=[traject.pk]),
            {
                "ketenpartner": partner.pk,
                "rol": "medebehandelaar",
                "verantwoordelijkheden": "x",
                "van": VANDAAG,
                "versie": traject.versie,
            },
        ),
        (
            reverse("ketenpartners:betrokkenheid_beeindigen", args=[traject.pk, betrokkenheid.pk]),
            {"tot": VANDAAG, "versie": traject.versie},
        ),
        (reverse("ketenpartners:toestemming_intrekken", args=[traject.pk, toestemming.pk]), {}),
        (reverse("ketenpartners:overdracht_delen", args=[traject.pk, overdracht.pk]), {}),
    ):
        assert client.post(url, data).status_code == 404
    assert Betrokkenheid.objects.get().tot is None
    assert Toestemming.objects.get().ingetrokken_op is None
    assert not Verstrekking.objects.exists()
    regels = Toegangslog.objects.filter(gebruiker=gebruikers[wie])
    assert regels.count() == 6
    assert set(regels.values_list("uitkomst", "traject_id")) == {(Uitkomst.GEWEIGERD, traject.pk)}


def test_anonymous_is_sent_to_the_login_and_the_attempt_is_logged(client, traject):
    response = client.get(keten(traject))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"] or "login" in response["Location"]
    regel = Toegangslog.objects.get()
    assert (regel.uitkomst, regel.reden) == (Uitkomst.GEWEIGERD, "niet ingelogd")


def test_an_object_of_another_trajectory_is_not_found(client, login, gebruikers, traject, partner):
    ander = TrajectFactory(gezin__gemeente=traject.gezin.gemeente, aanbieder=traject.aanbieder)
    elders = OverdrachtFactory(traject=ander, ketenpartner=partner)
    login(client, gebruikers["coordinator"])
    assert client.get(reverse("ketenpartners:overdracht", args=[traject.pk, elders.pk])).status_code == 404


def test_add_partner_from_the_map_with_responsibilities(client, login, gebruikers, traject, partner):
    login(client, gebruikers["coordinator"])
    url = reverse("ketenpartners:betrokkenheid_nieuw", args=[traject.pk])
    formulier = client.get(url, {"partner": partner.pk}).context["form"]
    assert formulier.initial["ketenpartner"] == partner
    assert list(formulier.fields["contactpersoon"].queryset) == list(partner.contactpersonen.all())

    response = client.post(
        f"{url}?partner={partner.pk}",
        {
            "ketenpartner": partner.pk,
            "rol": "medebehandelaar",
            "contactpersoon": contact(partner, "Anouk van Dijk").pk,
            "verantwoordelijkheden": "JGZ: huilspreekuur. BabythuisZorg: oefenen met inbakeren.",
            "van": VANDAAG.isoformat(),
            "versie": traject.versie,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == keten(traject)
    assert Betrokkenheid.objects.get().verantwoordelijkheden.startswith("JGZ: huilspreekuur")


def test_regievoerder_without_skj_from_outside_is_refused_beside_the_field(
    client, login, gebruikers, traject, verre_partner
):
    login(client, gebruikers["casemanager"])
    response = client.post(
        reverse("ketenpartners:betrokkenheid_nieuw", args=[traject.pk]),
        {
            "ketenpartner": verre_partner.pk,
            "rol": BetrokkenheidRol.REGIEVOERDER,
            "contactpersoon": contact(verre_partner, "Marjolein Kuiper").pk,
            "verantwoordelijkheden": "Regie over de hulp.",
            "van": VANDAAG.isoformat(),
            "versie": traject.versie,
        },
    )
    assert response.status_code == 400
    assert "geregistreerd zijn bij het SKJ" in fout_bij(response, "id_contactpersoon")
    assert not Betrokkenheid.objects.exists()


def test_a_stale_form_gets_the_conflict_message(client, login, gebruikers, traject, partner):
    login(client, gebruikers["coordinator"])
    Traject.objects.filter(pk=traject.pk).update(versie=traject.versie + 1)
    response = client.post(
        reverse("ketenpartners:betrokkenheid_nieuw", args=[traject.pk]),
        {
            "ketenpartner": partner.pk,
            "rol": "medebehandelaar",
            "verantwoordelijkheden": "x",
            "van": VANDAAG,
            "versie": traject.versie,
        },
    )
    assert response.status_code == 400
    assertContains(response, "Iemand anders heeft dit traject", status_code=400)
    assert not Betrokkenheid.objects.exists()


def test_consent_in_the_future_is_refused_beside_the_field(client, login, gebruikers, traject, partner):
    BetrokkenheidFactory(traject=traject, ketenpartner=partner)
    login(client, gebruikers["coordinator"])
    response = client.post(
        reverse("ketenpartners:toestemming_nieuw", args=[traject.pk]),
        {
            "ketenpartner": partner.pk,
            "reikwijdte": [Reikwijdte.OVERDRACHT],
            "wijze": "mondeling",
            "gegeven_op": (VANDAAG + timedelta(days=1)).isoformat(),
            "versie": traject.versie,
        },
    )
    assert response.status_code == 400
    assert fout_bij(response, "id_gegeven_op").startswith(
        "Toestemming kan niet in de toekomst gedateerd zijn"
    )
    assert not Toestemming.objects.exists()


def test_consent_can_only_be_given_for_involved_partners(
    client, login, gebruikers, traject, partner, verre_partner
):
    BetrokkenheidFactory(traject=traject, ketenpartner=partner)
    login(client, gebruikers["coordinator"])
    formulier = client.get(reverse("ketenpartners:toestemming_nieuw", args=[traject.pk])).context["form"]
    assert list(formulier.fields["ketenpartner"].queryset) == [partner]


def test_sharing_without_consent_is_refused_logged_and_nothing_shared(
    client, login, gebruikers, traject, partner
):
    BetrokkenheidFactory(traject=traject, ketenpartner=partner)
    overdracht = OverdrachtFactory(traject=traject, ketenpartner=partner)
    login(client, gebruikers["casemanager"])

    response = client.post(reverse("ketenpartners:overdracht_delen", args=[traject.pk, overdracht.pk]))

    assert response.status_code == 400
    assertContains(response, "Niet gedeeld: er is geen geldige toestemming van de cliënt", status_code=400)
    assert not Verstrekking.objects.exists()
    regel = Toegangslog.objects.get(gebruiker=gebruikers["casemanager"], uitkomst=Uitkomst.GEWEIGERD)
    assert (regel.gebeurtenis, regel.traject_id, regel.object_type) == (
        Gebeurtenis.EXPORTEREN,
        traject.pk,
        "ketenpartners.overdracht",
    )


def test_sharing_with_consent_and_again_after_withdrawal(client, login, gebruikers, traject, partner):
    BetrokkenheidFactory(traject=traject, ketenpartner=partner)
    toestemming = ToestemmingFactory(traject=traject, ketenpartner=partner)
    overdracht = OverdrachtFactory(traject=traject, ketenpartner=partner)
    login(client, gebruikers["coordinator"])
    delen = reverse("ketenpartners:overdracht_delen", args=[traject.pk, overdracht.pk])

    response = client.post(delen)
    assert response.status_code == 302
    assert Verstrekking.objects.get().toestemming == toestemming

    client.post(
        reverse("ketenpartners:toestemming_intrekken", args=[traject.pk, toestemming.pk]), {"toelichting": ""}
    )
    assert Toestemming.objects.get().ingetrokken_op is not None
    assert client.post(delen).status_code == 400
    assert Verstrekking.objects.count() == 1


def test_opening_a_form_about_the_chain_is_logged_with_the_family(
    client, login, gebruikers, traject, partner
):
    toestemming = ToestemmingFactory(traject=traject, ketenpartner=partner)
    login(client, gebruikers["casemanager"])

    response = client.get(reverse("ketenpartners:toestemming_intrekken", args=[traject.pk, toestemming.pk]))

    assertContains(response, "GGD Groningen — JGZ")
    regel = Toegangslog.objects.get(gebruiker=gebruikers["casemanager"])
    assert (regel.gebeurtenis, regel.object_type, regel.traject_id, regel.gezin_id) == (
        Gebeurtenis.LEZEN,
        "ketenpartners.toestemming",
        traject.pk,
        traject.gezin_id,
    )


def test_reading_the_handover_is_logged(client, login, gebruikers, traject, partner):
    overdracht = OverdrachtFactory(traject=traject, ketenpartner=partner)
    mw = toegewezen(gebruikers, traject)
    login(client, mw)
    response = client.get(reverse("ketenpartners:overdracht", args=[traject.pk, overdracht.pk]))
    assertContains(response, "inbakeren")
    regel = Toegangslog.objects.get(gebruiker=mw)
    assert (regel.object_type, regel.traject_id, regel.gezin_id) == (
        "ketenpartners.overdracht",
        traject.pk,
        traject.gezin_id,
    )
    assertNotContains(response, reverse("ketenpartners:overdracht_delen", args=[traject.pk, overdracht.pk]))


def keten_vullen(traject, gebruikers, aantal):
    for _ in range(aantal):
        partner = KetenpartnerFactory()
        ContactpersoonFactory(ketenpartner=partner)
        BetrokkenheidFactory(
            traject=traject, ketenpartner=partner, contactpersoon=partner.contactpersonen.first()
        )
        toestemming = ToestemmingFactory(traject=traject, ketenpartner=partner)
        overdracht = OverdrachtFactory(traject=traject, ketenpartner=partner)
        Verstrekking.objects.create(
            overdracht=overdracht, toestemming=toestemming, gedeeld_door=gebruikers["coordinator"]
        )


def test_chain_page_query_count_does_not_grow_with_rows(client, login, gebruikers, traject):
    keten_vullen(traject, gebruikers, 1)
    login(client, gebruikers["coordinator"])
    client.get(keten(traject))

    een, response = queries(client, keten(traject))
    assert len(response.context["lopend"]) == 1
    keten_vullen(traject, gebruikers, 2)
    drie, response = queries(client, keten(traject))

    assert (len(response.context["lopend"]), len(response.context["overdrachten"])) == (3, 3)
    assert drie == een


# --- the chain view ------------------------------------------------------------------------------


def verwijzingen(gemeente, aantal):
    for _ in range(aantal):
        partner = KetenpartnerFactory(gemeenten=[gemeente])
        traject = TrajectFactory(gezin__gemeente=gemeente)
        AanmeldingFactory(traject=traject, verwijzer_organisatie=partner.organisatie)
        BetrokkenheidFactory(traject=traject, ketenpartner=partner, rol=BetrokkenheidRol.OVERDRACHT)


def test_chain_view_query_count_does_not_grow_with_partners(client, login, gebruikers, gemeente):
    verwijzingen(gemeente, 1)
    login(client, gebruikers["rapportage"])
    url = reverse("ketenpartners:ketenoverzicht")
    client.get(url)
    cache.clear()  # the figures are shared for minutes: measure their computation each time

    een, response = queries(client, url)
    assert len(response.context["partners"]) == 1
    verwijzingen(gemeente, 2)
    cache.clear()
    drie, response = queries(client, url)

    assert len(response.context["partners"]) == 3
    assert drie == een
    # Within the cache period the municipality's figures are read, not computed, and say since when.
    uit_cache, response = queries(client, url)
    assert uit_cache < een
    assert "Cijfers van " in response.content.decode()


def test_chain_view_shows_no_families(client, login, gebruikers, traject, partner):
    AanmeldingFactory._meta.model.objects.filter(traject=traject).update(
        verwijzer_organisatie=partner.organisatie
    )
    login(client, gebruikers["rapportage"])
    response = client.get(reverse("ketenpartners:ketenoverzicht"))
    assertContains(response, "GGD Groningen — JGZ")
    assertNotContains(response, traject.gezin.ouders.get().achternaam)
    assertNotContains(response, traject.nummer)


@pytest.mark.parametrize(
    ("wie", "verwacht"), [("andere_casemanager", 403), ("globale_beheerder", 200), ("coordinator", 403)]
)
def test_chain_view_of_another_municipality(client, login, gebruikers, gemeente, wie, verwacht):
    login(client, gebruikers[wie])
    response = client.get(reverse("ketenpartners:ketenoverzicht"), {"gemeente": gemeente.pk})
    assert response.status_code == verwacht
