"""The trajectory pages through the test client, as a logged-in user with both factors: fixed query
counts, filtering and scope, the referral form, optimistic concurrency, the access log, indication
decisions and assignments."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.timezone import localdate
from guardian.shortcuts import assign_perm
from pytest_django.asserts import assertContains

from accounts.constants import Rol
from accounts.models import User
from core.constants import Gebeurtenis, Uitkomst
from core.models import Toegangslog
from indicaties.constants import AanvraagStatus
from indicaties.models import Contract, Indicatie
from indicaties.services import standaardbudget
from tests.factories import (
    AanmeldingFactory,
    IndicatieAanvraagFactory,
    IndicatieFactory,
    OuderFactory,
    ToewijzingFactory,
    TrajectFactory,
    geldig_bsn,
    lid,
)
from trajecten.constants import TrajectStatus
from trajecten.models import (
    Aanmelding,
    Baby,
    Gezin,
    Intake,
    IntakeFactor,
    Ouder,
    StatusOvergang,
    Toewijzing,
    Traject,
)

VANDAAG = localdate()
TABS = ["gezin", "intake", "indicaties", "team", "geschiedenis"]
# Issue 10: no page runs more than this many SQL statements (BEGIN and COMMIT included), whatever the data.
MAX_QUERIES_PER_PAGINA = 12


# --- helpers ------------------------------------------------------------------------------------


def queries(client, url, data=None):
    """The number of queries one GET runs, and its response."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, data or {})
    assert response.status_code == 200, response.status_code
    return len(context.captured_queries), response


def nieuw_traject(gebruikers, *, aanbieder=None, gemeente=None, **kwargs):
    """A trajectory with its referral; by default of Kraamzorg Noord for a family in Groningen."""
    traject = TrajectFactory(
        gezin__gemeente=gemeente or gebruikers["casemanager"].organisatie,
        aanbieder=aanbieder or gebruikers["coordinator"].organisatie,
        **kwargs,
    )
    AanmeldingFactory(traject=traject, ingediend_door=gebruikers["coordinator"])
    return traject


def toewijzen(traject, medewerker, toegewezen_door, **kwargs):
    """An assignment (from today unless given) plus the guardian grant, as toewijzing_maken gives them."""
    toewijzing = ToewijzingFactory(
        traject=traject, medewerker=medewerker, toegewezen_door=toegewezen_door, **kwargs
    )
    assign_perm("trajecten.view_traject", medewerker, traject)
    return toewijzing


def aantallen():
    return {model.__name__: model.objects.count() for model in (Gezin, Ouder, Baby, Traject, Aanmelding)}


def foutmelding_bij(response, veld_id: str) -> str:
    """The error message rendered beside the field with this id (templates/forms/field.html)."""
    gevonden = re.search(rf'id="{veld_id}_error">([^<]*)<', response.content.decode())
    return gevonden.group(1) if gevonden else ""


# --- 1. query counts do not grow with rows --------------------------------------------------------


def test_list_page_query_count_does_not_grow_with_rows(client, login, gebruikers):
    nieuw_traject(gebruikers)
    login(client, gebruikers["coordinator"])
    url = reverse("trajecten:lijst")
    client.get(url)  # warm the caches (content types, permissions)

    een, response = queries(client, url)
    assert len(response.context["page"].object_list) == 1
    for _ in range(2):
        traject = nieuw_traject(gebruikers)
        OuderFactory(gezin=traject.gezin, rol="partner")
    drie, response = queries(client, url)

    assert len(response.context["page"].object_list) == 3
    assert drie == een


def werklijsten_vullen(gebruikers, aantal):
    """``aantal`` trajectories in every worklist of the coordinator."""
    coordinator, mw = gebruikers["coordinator"], gebruikers["toegewezen_medewerker"]
    for _ in range(aantal):
        nieuw_traject(gebruikers)
        nieuw_traject(gebruikers, status=TrajectStatus.INTAKE)
        wacht = nieuw_traject(gebruikers, status=TrajectStatus.INDICATIE_AANGEVRAAGD)
        IndicatieAanvraagFactory(traject=wacht, aangevraagd_door=coordinator)
        team = nieuw_traject(gebruikers, status=TrajectStatus.INDICATIE_AANGEVRAAGD)
        IndicatieFactory(traject=team, afgegeven_door=gebruikers["casemanager"])
        klaar = nieuw_traject(gebruikers, status=TrajectStatus.INDICATIE_AANGEVRAAGD)
        IndicatieFactory(traject=klaar, afgegeven_door=gebruikers["casemanager"])
        toewijzen(klaar, mw, coordinator, eerste_aanspreekpunt=True)


WERKLIJSTEN = ["te_trieren", "in_intake", "wacht_op_indicatie", "wacht_op_medewerkers", "klaar_om_te_starten"]


def test_coordinator_home_query_count_does_not_grow_with_rows(client, login, gebruikers):
    werklijsten_vullen(gebruikers, 1)
    login(client, gebruikers["coordinator"])
    url = reverse("core:home")
    client.get(url)

    een, response = queries(client, url)
    assert {lijst: len(response.context[lijst]) for lijst in WERKLIJSTEN} == dict.fromkeys(WERKLIJSTEN, 1)
    werklijsten_vullen(gebruikers, 2)
    drie, response = queries(client, url)

    assert {lijst: len(response.context[lijst]) for lijst in WERKLIJSTEN} == dict.fromkeys(WERKLIJSTEN, 3)
    assert drie == een


def open_aanvragen(gebruikers, aantal):
    for _ in range(aantal):
        traject = nieuw_traject(
            gebruikers,
            status=TrajectStatus.INDICATIE_AANGEVRAAGD,
            regie_casemanager=gebruikers["casemanager"],
        )
        IndicatieAanvraagFactory(traject=traject, aangevraagd_door=gebruikers["coordinator"])


def test_casemanager_home_query_count_does_not_grow_with_open_requests(client, login, gebruikers):
    open_aanvragen(gebruikers, 1)
    login(client, gebruikers["casemanager"])
    url = reverse("core:home")
    client.get(url)

    een, response = queries(client, url)
    assert (len(response.context["te_beslissen"]), len(response.context["eigen_trajecten"])) == (1, 1)
    open_aanvragen(gebruikers, 2)
    drie, response = queries(client, url)

    assert (len(response.context["te_beslissen"]), len(response.context["eigen_trajecten"])) == (3, 3)
    assert drie == een


def test_medewerker_home_query_count_does_not_grow_with_families(client, login, gebruikers):
    mw = gebruikers["toegewezen_medewerker"]
    toewijzen(nieuw_traject(gebruikers), mw, gebruikers["coordinator"])
    login(client, mw)
    url = reverse("core:home")
    client.get(url)

    een, response = queries(client, url)
    assert len(response.context["gezinnen"]) == 1
    for _ in range(2):
        toewijzen(nieuw_traject(gebruikers), mw, gebruikers["coordinator"])
    drie, response = queries(client, url)

    assert len(response.context["gezinnen"]) == 3
    assert drie == een


def test_medewerker_home_shows_only_families_she_is_assigned_to_today(client, login, gebruikers):
    mw = gebruikers["toegewezen_medewerker"]
    eigen = nieuw_traject(gebruikers)
    toewijzen(eigen, mw, gebruikers["coordinator"])
    nieuw_traject(gebruikers)  # same provider, not assigned
    verlopen = nieuw_traject(gebruikers)
    toewijzen(
        verlopen,
        mw,
        gebruikers["coordinator"],
        van=VANDAAG - timedelta(days=20),
        tot=VANDAAG - timedelta(days=1),
    )
    zonder_grant = nieuw_traject(gebruikers)
    ToewijzingFactory(traject=zonder_grant, medewerker=mw, toegewezen_door=gebruikers["coordinator"])
    login(client, mw)

    response = client.get(reverse("core:home"))

    assert list(response.context["gezinnen"]) == [eigen]


def dossier_aanvullen(traject, gebruikers, tot_aantal):
    """Make the file hold ``tot_aantal`` parents, intakes, indications, requests, assignments and
    status changes (on top of what it has)."""
    coordinator, casemanager = gebruikers["coordinator"], gebruikers["casemanager"]
    bestaand = traject.intakes.count()
    for i in range(bestaand, tot_aantal):
        if i:
            OuderFactory(gezin=traject.gezin, rol="partner")
        intake = Intake.objects.create(
            traject=traject,
            datum=VANDAAG - timedelta(days=i),
            uitgevoerd_door=coordinator,
            client_visie="Ik wil het zelf leren.",
            risiconiveau="midden",
            conclusie="Steun nodig",
            componenten=["aanvullen", "eigen_kracht"],
        )
        IntakeFactor.objects.create(intake=intake, factor="netwerk", inschatting="risico", ernst=3)
        IntakeFactor.objects.create(intake=intake, factor="hechting", inschatting="kracht", ernst=1)
        van = VANDAAG + timedelta(days=30 * i)
        IndicatieFactory(traject=traject, van=van, tot=van + timedelta(days=29), afgegeven_door=casemanager)
        IndicatieAanvraagFactory(
            traject=traject,
            aangevraagd_door=coordinator,
            status=AanvraagStatus.OPEN if i == 0 else AanvraagStatus.AFGEWEZEN,
            beslist_door=None if i == 0 else casemanager,
            beslist_op=None if i == 0 else timezone.now(),
            afwijzingsreden="" if i == 0 else "Eerst VoorZorg",
        )
        medewerker = lid(Rol.MEDEWERKER, coordinator.organisatie, username=f"mw.dossier{i}")
        if i == 1:  # an earlier assignment, listed under "Earlier"
            ToewijzingFactory(
                traject=traject,
                medewerker=medewerker,
                toegewezen_door=coordinator,
                van=VANDAAG - timedelta(days=30),
                tot=VANDAAG - timedelta(days=10),
            )
        else:
            ToewijzingFactory(
                traject=traject,
                medewerker=medewerker,
                toegewezen_door=coordinator,
                eerste_aanspreekpunt=i == 0,
            )
        StatusOvergang.objects.create(traject=traject, van="aangemeld", naar="intake", door=coordinator)


# What each tab lists, to show that the tab read the new rows without reading more queries.
TAB_RIJEN = {
    "gezin": lambda c: [len(c["ouders"])],
    "intake": lambda c: [len(c["intakes"])],
    "indicaties": lambda c: [len(c["indicaties"]), len(c["aanvragen"])],
    "team": lambda c: [len(c["lopende_toewijzingen"]) + len(c["eerdere_toewijzingen"])],
    "geschiedenis": lambda c: [len(c["overgangen"])],
}


@pytest.mark.parametrize("tab", TABS)
@pytest.mark.parametrize("rol", ["coordinator", "toegewezen_medewerker"])
def test_detail_query_count_does_not_grow_with_rows(client, login, gebruikers, traject, tab, rol):
    Traject.objects.filter(pk=traject.pk).update(status=TrajectStatus.INDICATIE_AANGEVRAAGD)
    dossier_aanvullen(traject, gebruikers, 1)
    if rol == "toegewezen_medewerker":
        toewijzen(traject, gebruikers[rol], gebruikers["coordinator"], van=VANDAAG - timedelta(days=40))
    login(client, gebruikers[rol])
    url = reverse("trajecten:detail", args=[traject.pk])
    client.get(url, {"tab": tab})

    een, response = queries(client, url, {"tab": tab})
    voor = TAB_RIJEN[tab](response.context)
    dossier_aanvullen(traject, gebruikers, 3)
    drie, response = queries(client, url, {"tab": tab})

    assert all(na > v for v, na in zip(voor, TAB_RIJEN[tab](response.context), strict=True))
    assert drie == een <= MAX_QUERIES_PER_PAGINA


# --- 2. the list: filters, pages, scope -------------------------------------------------------------


def nummers(response):
    return {t.nummer for t in response.context["page"].object_list}


def test_list_filters_on_status(client, login, gebruikers):
    aangemeld = nieuw_traject(gebruikers)
    intake = nieuw_traject(gebruikers, status=TrajectStatus.INTAKE)
    login(client, gebruikers["coordinator"])

    assert nummers(client.get(reverse("trajecten:lijst"), {"status": "intake"})) == {intake.nummer}
    assert nummers(client.get(reverse("trajecten:lijst"), {"status": "aangemeld"})) == {aangemeld.nummer}
    assert nummers(client.get(reverse("trajecten:lijst"))) == {aangemeld.nummer, intake.nummer}


def test_an_invalid_filter_shows_its_error_and_no_rows(client, login, gebruikers):
    nieuw_traject(gebruikers)
    login(client, gebruikers["coordinator"])
    response = client.get(reverse("trajecten:lijst"), {"status": "bestaat-niet"})
    assert nummers(response) == set()
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_list_filters_on_a_parents_surname_once_per_family(client, login, gebruikers):
    haddad = nieuw_traject(gebruikers)
    haddad.gezin.ouders.update(achternaam="Haddad")
    OuderFactory(gezin=haddad.gezin, rol="vader", achternaam="El Haddad")  # two matching parents
    ander = nieuw_traject(gebruikers)
    ander.gezin.ouders.update(achternaam="Jansen")
    login(client, gebruikers["coordinator"])

    response = client.get(reverse("trajecten:lijst"), {"achternaam": "hADDad"})

    assert [t.pk for t in response.context["page"].object_list] == [haddad.pk]
    assert ander.nummer not in response.content.decode()


def test_list_has_25_per_page(client, login, gebruikers):
    trajecten = [nieuw_traject(gebruikers) for _ in range(26)]
    login(client, gebruikers["coordinator"])

    eerste = client.get(reverse("trajecten:lijst"))
    tweede = client.get(reverse("trajecten:lijst"), {"pagina": 2})

    assert len(eerste.context["page"].object_list) == 25
    assert eerste.context["page"].has_next
    assert not tweede.context["page"].has_next
    # Newest first: the first one registered is alone on page 2.
    assert [t.pk for t in tweede.context["page"].object_list] == [trajecten[0].pk]
    assert "pagina=2" in eerste.content.decode()


def test_list_keeps_the_filter_in_the_page_links(client, login, gebruikers):
    for _ in range(26):
        nieuw_traject(gebruikers, status=TrajectStatus.INTAKE)
    nieuw_traject(gebruikers)
    login(client, gebruikers["coordinator"])

    response = client.get(reverse("trajecten:lijst"), {"status": "intake"})

    assert response.context["page"].has_next
    assert "?status=intake&amp;pagina=2" in response.content.decode()
    tweede = client.get(reverse("trajecten:lijst"), {"status": "intake", "pagina": 2})
    assert [t.status for t in tweede.context["page"].object_list] == ["intake"]


def test_coordinator_never_sees_another_providers_trajectory(client, login, gebruikers):
    eigen = nieuw_traject(gebruikers)
    vreemd = nieuw_traject(gebruikers, aanbieder=gebruikers["andere_coordinator"].organisatie)
    vreemd.gezin.ouders.update(achternaam="Vreemdeling")
    login(client, gebruikers["coordinator"])

    assert nummers(client.get(reverse("trajecten:lijst"))) == {eigen.nummer}
    gezocht = client.get(reverse("trajecten:lijst"), {"achternaam": "Vreemdeling"})
    assert nummers(gezocht) == set()
    assert vreemd.nummer not in gezocht.content.decode()


def test_casemanager_never_sees_another_municipalitys_trajectory(client, login, gebruikers):
    eigen = nieuw_traject(gebruikers)
    assen = nieuw_traject(gebruikers, gemeente=gebruikers["andere_casemanager"].organisatie)
    login(client, gebruikers["casemanager"])

    assert nummers(client.get(reverse("trajecten:lijst"))) == {eigen.nummer}

    andere = Client()
    login(andere, gebruikers["andere_casemanager"])
    assert nummers(andere.get(reverse("trajecten:lijst"))) == {assen.nummer}


def test_opening_the_list_is_logged_as_a_search(client, login, gebruikers):
    nieuw_traject(gebruikers)
    login(client, gebruikers["coordinator"])

    client.get(reverse("trajecten:lijst"), {"status": "aangemeld"})

    regel = Toegangslog.objects.get(gebruiker=gebruikers["coordinator"])
    assert (regel.gebeurtenis, regel.uitkomst) == (Gebeurtenis.ZOEKEN, Uitkomst.TOEGESTAAN)


# --- 3. registering a referral -----------------------------------------------------------------------


@pytest.fixture
def aanmelding_data(gebruikers):
    """What the browser posts for a complete referral (the empty partner form keeps its role)."""
    return {
        "aanmelding-verwijzer_soort": "verloskundige",
        "aanmelding-verwijzer_naam": "Verloskundigenpraktijk De Wieg",
        "aanmelding-verwijzer_contact": "050-1234567",
        "aanmelding-hulpvraag": "Moeder is alleen en heeft weinig netwerk.",
        "aanmelding-kwetsbaarheden": ["geen_netwerk", "huilbaby"],
        "aanmelding-urgentie": "hoog",
        "aanmelding-ontvangen_op": VANDAAG.isoformat(),
        "aanmelding-toestemming_client": "on",
        "gezin-gemeente": gebruikers["casemanager"].organisatie.pk,
        "gezin-straat": "Oosterstraat",
        "gezin-huisnummer": "12",
        "gezin-postcode": "9711 NP",
        "gezin-woonplaats": "Groningen",
        "gezin-taal": "nl",
        "gezin-eerste_kind": "true",
        "moeder-rol": "moeder",
        "moeder-voornaam": "Amira",
        "moeder-achternaam": "Haddad",
        "moeder-geboortedatum": "2003-05-01",
        "moeder-bsn": "111222333",
        "moeder-opleidingsniveau": "mbo",
        "moeder-telefoon": "0612345678",
        "partner-rol": "partner",
        "partner-voornaam": "",
        "partner-achternaam": "",
        "partner-geboortedatum": "",
        "partner-bsn": "",
        "partner-opleidingsniveau": "",
        "partner-telefoon": "",
        "baby-voornaam": "",
        "baby-geboortedatum": "",
        "baby-uitgerekende_datum": (VANDAAG + timedelta(days=60)).isoformat(),
        "baby-kindfactoren": "",
    }


URL_AANMELDING = reverse("trajecten:aanmelding_nieuw")


def test_valid_referral_creates_the_family_and_trajectory(client, login, gebruikers, aanmelding_data):
    voor = aantallen()
    login(client, gebruikers["coordinator"])

    response = client.post(URL_AANMELDING, aanmelding_data)

    assert {k: v - voor[k] for k, v in aantallen().items()} == dict.fromkeys(voor, 1)
    traject = Traject.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("trajecten:detail", args=[traject.pk])
    assert (traject.status, traject.aanbieder) == (
        TrajectStatus.AANGEMELD,
        gebruikers["coordinator"].organisatie,
    )
    moeder = traject.gezin.ouders.get()
    assert (moeder.achternaam, moeder.bsn, moeder.rol) == ("Haddad", "111222333", "moeder")
    aanmelding = traject.aanmelding
    assert aanmelding.ingediend_door == gebruikers["coordinator"]
    assert (aanmelding.kwetsbaarheden, aanmelding.urgentie) == (["geen_netwerk", "huilbaby"], "hoog")
    assert traject.gezin.babys.get().uitgerekende_datum == VANDAAG + timedelta(days=60)
    assert traject.overgangen.get().naar == TrajectStatus.AANGEMELD
    assert Toegangslog.objects.filter(traject_id=traject.pk, gebeurtenis=Gebeurtenis.AANMAKEN).exists()


def test_a_homeless_family_can_be_referred_without_an_address(client, login, gebruikers, aanmelding_data):
    """Issue 12: 'Dakloosheid' is one of the referral's vulnerabilities; an address cannot be required."""
    from trajecten.models import Gezin

    login(client, gebruikers["coordinator"])
    half = {**aanmelding_data, "gezin-straat": "", "gezin-postcode": ""}  # a number without a street
    response = client.post(reverse("trajecten:aanmelding_nieuw"), half)
    assert response.status_code == 400
    assert "alle drie in, of laat ze alle drie leeg" in response.content.decode()
    assert not Gezin.objects.exists()

    zonder = {**aanmelding_data, "gezin-straat": "", "gezin-huisnummer": "", "gezin-postcode": ""}
    response = client.post(reverse("trajecten:aanmelding_nieuw"), zonder)
    assert response.status_code == 302
    gezin = Gezin.objects.get()
    assert (gezin.straat, gezin.huisnummer, gezin.postcode, gezin.woonplaats) == ("", None, "", "Groningen")
    pagina = client.get(response["Location"]).content.decode()
    assert "Geen vast adres" in pagina


def test_a_family_without_a_bsn_can_be_referred(client, login, gebruikers, aanmelding_data):
    # Newcomers, statushouders: no BSN yet. Empty or only spaces is "no BSN", never nine zeros.
    aanmelding_data.update(
        {
            "moeder-bsn": "  ",
            "partner-voornaam": "Youssef",
            "partner-achternaam": "Haddad",
            "partner-geboortedatum": "2001-02-03",
        }
    )
    aanmelding_data["partner-rol"] = "vader"
    login(client, gebruikers["coordinator"])

    response = client.post(URL_AANMELDING, aanmelding_data)

    assert response.status_code == 302, response.context and response.context["forms"]["moeder"].errors
    ouders = sorted((o.rol, o.bsn or "", o.bsn_hash, o.bsn_gemaskeerd) for o in Ouder.objects.all())
    assert ouders == [("moeder", "", "", ""), ("vader", "", "", "")]


def test_referral_with_a_partner_saves_both_parents(client, login, gebruikers, aanmelding_data):
    aanmelding_data.update(
        {
            "partner-rol": "vader",
            "partner-voornaam": "Youssef",
            "partner-achternaam": "Haddad",
            "partner-geboortedatum": "2001-02-03",
            "partner-bsn": geldig_bsn(7),
        }
    )
    login(client, gebruikers["coordinator"])

    response = client.post(URL_AANMELDING, aanmelding_data)

    assert response.status_code == 302
    assert sorted(Ouder.objects.values_list("rol", "voornaam")) == [("moeder", "Amira"), ("vader", "Youssef")]


def test_invalid_bsn_gives_400_beside_the_field_and_saves_nothing(client, login, gebruikers, aanmelding_data):
    aanmelding_data["moeder-bsn"] = "123456789"
    voor = aantallen()
    login(client, gebruikers["coordinator"])

    response = client.post(URL_AANMELDING, aanmelding_data)

    assert response.status_code == 400
    assert "de elfproef klopt niet" in foutmelding_bij(response, "id_moeder-bsn")
    assert "de elfproef klopt niet" in " ".join(response.context["forms"]["moeder"].errors["bsn"])
    assert aantallen() == voor


def test_invalid_partner_bsn_is_shown_beside_the_partners_field(client, login, gebruikers, aanmelding_data):
    aanmelding_data.update(
        {
            "partner-rol": "vader",
            "partner-voornaam": "Youssef",
            "partner-achternaam": "Haddad",
            "partner-geboortedatum": "2001-02-03",
            "partner-bsn": "123456789",
        }
    )
    voor = aantallen()
    login(client, gebruikers["coordinator"])

    response = client.post(URL_AANMELDING, aanmelding_data)

    assert response.status_code == 400
    assert aantallen() == voor
    assert "de elfproef klopt niet" in foutmelding_bij(response, "id_partner-bsn")
    assert foutmelding_bij(response, "id_moeder-bsn") == ""


def test_referral_without_consent_gives_400_and_saves_nothing(client, login, gebruikers, aanmelding_data):
    del aanmelding_data["aanmelding-toestemming_client"]
    voor = aantallen()
    login(client, gebruikers["coordinator"])

    response = client.post(URL_AANMELDING, aanmelding_data)

    assertContains(response, "Zonder toestemming van de cliënt", status_code=400)
    assert "Zonder toestemming van de cliënt" in foutmelding_bij(response, "id_aanmelding-toestemming_client")
    assert aantallen() == voor


def test_baby_without_birth_or_due_date_gives_400(client, login, gebruikers, aanmelding_data):
    aanmelding_data["baby-uitgerekende_datum"] = ""
    voor = aantallen()
    login(client, gebruikers["coordinator"])

    response = client.post(URL_AANMELDING, aanmelding_data)

    assertContains(response, "Vul de geboortedatum in, of de uitgerekende datum", status_code=400)
    assert response.context["forms"]["baby"].non_field_errors()
    assert aantallen() == voor


def test_casemanager_cannot_register_a_referral(client, login, gebruikers, aanmelding_data):
    voor = aantallen()
    login(client, gebruikers["casemanager"])

    response = client.post(URL_AANMELDING, aanmelding_data)

    assert response.status_code == 403
    assert aantallen() == voor


# --- 4. concurrency ----------------------------------------------------------------------------------


def test_second_coordinator_with_a_stale_form_gets_a_conflict(client, login, gebruikers, traject):
    tweede = lid(Rol.COORDINATOR, gebruikers["coordinator"].organisatie, username="coord.twee")
    andere = Client()
    login(client, gebruikers["coordinator"])
    login(andere, tweede)
    versie_een = (
        client.get(reverse("trajecten:accepteren", args=[traject.pk])).context["form"].initial["versie"]
    )
    versie_twee = (
        andere.get(reverse("trajecten:afwijzen", args=[traject.pk])).context["form"].initial["versie"]
    )
    assert versie_een == versie_twee == traject.versie

    eerst = client.post(reverse("trajecten:accepteren", args=[traject.pk]), {"versie": versie_een})
    daarna = andere.post(
        reverse("trajecten:afwijzen", args=[traject.pk]),
        {"versie": versie_twee, "reden": "Geen kwetsbare situatie", "advies": "Reguliere kraamzorg"},
    )

    assert eerst.status_code == 302
    assertContains(daarna, "Iemand anders heeft dit traject intussen gewijzigd", status_code=400)
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.INTAKE
    assert traject.versie == versie_een + 1
    assert list(traject.overgangen.values_list("naar", flat=True)) == [TrajectStatus.INTAKE]
    assert Aanmelding.objects.get(traject=traject).afwijzingsreden == ""


def test_action_without_versie_is_refused(client, login, gebruikers, traject):
    login(client, gebruikers["coordinator"])

    response = client.post(reverse("trajecten:accepteren", args=[traject.pk]), {})

    assert response.status_code == 400
    assert "versie" in response.context["form"].errors
    traject.refresh_from_db()
    assert (traject.status, traject.versie) == (TrajectStatus.AANGEMELD, 1)


# --- 5. access log ----------------------------------------------------------------------------------


def test_opening_the_file_is_logged(client, login, gebruikers, traject):
    login(client, gebruikers["coordinator"])

    response = client.get(reverse("trajecten:detail", args=[traject.pk]), {"tab": "intake"})

    assert response.status_code == 200
    regel = Toegangslog.objects.get(gebruiker=gebruikers["coordinator"])
    assert (regel.gebeurtenis, regel.uitkomst, regel.traject_id, regel.gezin_id) == (
        Gebeurtenis.LEZEN,
        Uitkomst.TOEGESTAAN,
        traject.pk,
        traject.gezin_id,
    )
    assert regel.omschrijving == "trajectdossier, tab intake"


@pytest.mark.parametrize("wie", ["andere_coordinator", "medewerker", "andere_casemanager"])
def test_outsider_gets_404_and_a_refused_log_row(client, login, gebruikers, traject, wie):
    login(client, gebruikers[wie])
    achternaam = traject.gezin.ouders.get().achternaam

    response = client.get(reverse("trajecten:detail", args=[traject.pk]))

    assert response.status_code == 404
    assert achternaam not in response.content.decode()
    regel = Toegangslog.objects.get(gebruiker=gebruikers[wie])
    assert (regel.gebeurtenis, regel.uitkomst, regel.traject_id) == (
        Gebeurtenis.LEZEN,
        Uitkomst.GEWEIGERD,
        traject.pk,
    )


def test_assigned_medewerker_opens_the_file_and_it_is_logged(client, login, gebruikers, traject):
    mw = gebruikers["toegewezen_medewerker"]
    toewijzen(traject, mw, gebruikers["coordinator"])
    login(client, mw)

    response = client.get(reverse("trajecten:detail", args=[traject.pk]))

    assertContains(response, traject.gezin.ouders.get().achternaam)
    regel = Toegangslog.objects.get(gebruiker=mw)
    assert (regel.uitkomst, regel.traject_id, regel.gezin_id) == (
        Uitkomst.TOEGESTAAN,
        traject.pk,
        traject.gezin_id,
    )


# --- 6. indication decisions ----------------------------------------------------------------------------


@pytest.fixture
def aanvraag(traject, gebruikers):
    """An open request of the trajectory in Groningen, waiting for the casemanager."""
    Traject.objects.filter(pk=traject.pk).update(status=TrajectStatus.INDICATIE_AANGEVRAAGD)
    return IndicatieAanvraagFactory(traject=traject, aangevraagd_door=gebruikers["coordinator"])


def besluit(**kwargs):
    data = {
        "besluit": "toekennen",
        "beschikkingsnummer": "WMO-2026-00042",
        "product": "regulier",
        "van": VANDAAG.isoformat(),
        "tot": (VANDAAG + timedelta(weeks=12)).isoformat(),
        "uren_per_week": "12",
        "budget": "",
        "motivatie": "",
        "afwijzingsreden": "",
    }
    data.update(kwargs)
    return data


def test_more_than_168_hours_is_refused(client, login, gebruikers, aanvraag):
    login(client, gebruikers["casemanager"])

    response = client.post(reverse("indicaties:beslissen", args=[aanvraag.pk]), besluit(uren_per_week="169"))

    assertContains(
        response, "Het aantal uren per week moet meer dan 0 en ten hoogste 168 zijn", status_code=400
    )
    assert "ten hoogste 168" in foutmelding_bij(response, "id_uren_per_week")
    assert not Indicatie.objects.exists()
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.OPEN


def test_grant_creates_an_indication_with_the_contract_tariff(client, login, gebruikers, aanvraag):
    Contract.objects.update(uurtarief=Decimal("61.25"))
    login(client, gebruikers["casemanager"])

    response = client.post(reverse("indicaties:beslissen", args=[aanvraag.pk]), besluit())

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('trajecten:detail', args=[aanvraag.traject_id])}?tab=indicaties"
    indicatie = Indicatie.objects.get()
    tot = VANDAAG + timedelta(weeks=12)
    assert (indicatie.traject_id, indicatie.aanvraag, indicatie.uren_per_week) == (
        aanvraag.traject_id,
        aanvraag,
        Decimal("12"),
    )
    assert indicatie.uurtarief == Decimal("61.25")
    assert indicatie.budget == standaardbudget(Decimal("12"), VANDAAG, tot, Decimal("61.25"))
    assert indicatie.afgegeven_door == gebruikers["casemanager"]
    aanvraag.refresh_from_db()
    assert (aanvraag.status, aanvraag.beslist_door) == (AanvraagStatus.TOEGEKEND, gebruikers["casemanager"])
    # Copied, not linked: a later tariff change leaves the decision alone.
    Contract.objects.update(uurtarief=Decimal("70.00"))
    indicatie.refresh_from_db()
    assert indicatie.uurtarief == Decimal("61.25")


def test_the_decision_page_shows_budget_risk_level_and_preceding_provisions(
    client, login, gebruikers, aanvraag
):
    from indicaties.models import Voorziening
    from tests.factories import IntakeFactory, VoorzieningFactory

    Contract.objects.update(uurtarief=Decimal("60.00"))
    IntakeFactory(traject=aanvraag.traject, risiconiveau="hoog")
    VoorzieningFactory(naam="VoorZorg")
    login(client, gebruikers["casemanager"])

    response = client.get(reverse("indicaties:beslissen", args=[aanvraag.pk]))

    html = response.content.decode()
    verwacht = standaardbudget(
        aanvraag.uren_per_week, aanvraag.gewenste_start, aanvraag.gewenste_eind, Decimal("60")
    )
    assert response.context["budget_voorbeeld"] == verwacht
    assert "Budget bij dit verzoek" in html
    assert "× € 60,00" in html
    assert "Risiconiveau bij de intake" in html
    assert response.context["intake"].get_risiconiveau_display() in html
    assert [r.voorziening.naam for r in response.context["voorzieningen"]] == list(
        Voorziening.objects.filter(actief=True).values_list("naam", flat=True)
    )
    assert "De toetsing per criterium" in html
    assert reverse("indicaties:voorzieningen", args=[aanvraag.traject_id]) in html


def test_deciding_twice_is_refused(client, login, gebruikers, aanvraag):
    login(client, gebruikers["casemanager"])
    url = reverse("indicaties:beslissen", args=[aanvraag.pk])
    assert client.post(url, besluit()).status_code == 302

    response = client.post(url, besluit(beschikkingsnummer="WMO-2026-00043"))

    assertContains(response, "Over deze aanvraag is intussen al door iemand anders besloten", status_code=400)
    assert Indicatie.objects.get().beschikkingsnummer == "WMO-2026-00042"


def test_casemanager_of_another_municipality_gets_404_and_nothing_is_created(
    client, login, gebruikers, aanvraag
):
    login(client, gebruikers["andere_casemanager"])

    response = client.post(reverse("indicaties:beslissen", args=[aanvraag.pk]), besluit())

    assert response.status_code == 404
    assert not Indicatie.objects.exists()
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.OPEN
    regel = Toegangslog.objects.get(gebruiker=gebruikers["andere_casemanager"])
    assert (regel.uitkomst, regel.traject_id) == (Uitkomst.GEWEIGERD, aanvraag.traject_id)


def test_coordinator_cannot_decide(client, login, gebruikers, aanvraag):
    login(client, gebruikers["coordinator"])

    response = client.post(reverse("indicaties:beslissen", args=[aanvraag.pk]), besluit())

    assert response.status_code == 403
    assert not Indicatie.objects.exists()


def test_decline_with_reason_sends_the_trajectory_back_to_intake(client, login, gebruikers, aanvraag):
    login(client, gebruikers["casemanager"])

    response = client.post(
        reverse("indicaties:beslissen", args=[aanvraag.pk]),
        besluit(besluit="afwijzen", beschikkingsnummer="", afwijzingsreden="Eerst VoorZorg proberen"),
    )

    assert response.status_code == 302
    aanvraag.refresh_from_db()
    assert (aanvraag.status, aanvraag.afwijzingsreden, aanvraag.beslist_door) == (
        AanvraagStatus.AFGEWEZEN,
        "Eerst VoorZorg proberen",
        gebruikers["casemanager"],
    )
    traject = Traject.objects.get(pk=aanvraag.traject_id)
    assert traject.status == TrajectStatus.INTAKE
    overgang = traject.overgangen.get()
    assert (overgang.van, overgang.naar, overgang.door) == (
        TrajectStatus.INDICATIE_AANGEVRAAGD,
        TrajectStatus.INTAKE,
        gebruikers["casemanager"],
    )
    assert not Indicatie.objects.exists()


def test_decline_without_reason_is_refused(client, login, gebruikers, aanvraag):
    login(client, gebruikers["casemanager"])

    response = client.post(
        reverse("indicaties:beslissen", args=[aanvraag.pk]),
        besluit(besluit="afwijzen", beschikkingsnummer="", afwijzingsreden="  "),
    )

    assertContains(response, "Geef de reden van afwijzing", status_code=400)
    assert "Geef de reden van afwijzing" in foutmelding_bij(response, "id_afwijzingsreden")
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.OPEN
    assert Traject.objects.get(pk=aanvraag.traject_id).status == TrajectStatus.INDICATIE_AANGEVRAAGD


def test_decision_form_shows_every_refusal_in_one_round(client, login, gebruikers, aanvraag):
    """Issue 12: the decision form refused first the missing decision number, and after that was fixed,
    the period past the first birthday; now both appear at once."""
    from indicaties.services import eerste_verjaardag

    login(client, gebruikers["casemanager"])
    traject = Traject.objects.get(pk=aanvraag.traject_id)
    grens = eerste_verjaardag(traject)

    response = client.post(
        reverse("indicaties:beslissen", args=[aanvraag.pk]),
        besluit(beschikkingsnummer="", tot=(grens + timedelta(days=10)).isoformat()),
    )

    assert response.status_code == 400
    assert "Vul het beschikkingsnummer in" in foutmelding_bij(response, "id_beschikkingsnummer")
    assert "eerste verjaardag" in foutmelding_bij(response, "id_motivatie")
    assert not Indicatie.objects.exists()
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.OPEN


def test_decision_form_names_the_overlapping_indication_with_the_other_refusals(
    client, login, gebruikers, aanvraag
):
    login(client, gebruikers["casemanager"])
    url = reverse("indicaties:beslissen", args=[aanvraag.pk])
    assert client.post(url, besluit()).status_code == 302
    tweede = IndicatieAanvraagFactory(traject=aanvraag.traject, aangevraagd_door=gebruikers["coordinator"])

    response = client.post(
        reverse("indicaties:beslissen", args=[tweede.pk]),
        besluit(beschikkingsnummer=" ", van=(VANDAAG - timedelta(days=1)).isoformat()),
    )

    assert response.status_code == 400
    assert "Vul het beschikkingsnummer in" in foutmelding_bij(response, "id_beschikkingsnummer")
    assert "WMO-2026-00042" in foutmelding_bij(response, "id_van")
    assert Indicatie.objects.count() == 1


# --- 7. assignments ------------------------------------------------------------------------------------


def toewijzing_data(traject, medewerker, *, eerste=False, van=VANDAAG):
    traject.refresh_from_db()
    data = {"versie": traject.versie, "medewerker": medewerker.pk, "van": van.isoformat(), "tot": ""}
    if eerste:
        data["eerste_aanspreekpunt"] = "on"
    return data


def test_unqualified_medewerker_cannot_be_assigned(client, login, gebruikers, traject):
    marieke = lid(Rol.MEDEWERKER, gebruikers["coordinator"].organisatie, username="marieke")
    marieke.medewerkerprofiel.kckz_geldig_tot = VANDAAG - timedelta(days=1)
    marieke.medewerkerprofiel.save()
    login(client, gebruikers["coordinator"])

    response = client.post(
        reverse("trajecten:team", args=[traject.pk]), toewijzing_data(traject, marieke, eerste=True)
    )

    assertContains(response, "KCKZ", status_code=400)
    assert any("KCKZ" in fout for fout in response.context["form"].non_field_errors())
    assert not Toewijzing.objects.exists()
    assert not User.objects.get(pk=marieke.pk).has_perm("trajecten.view_traject", traject)
    traject.refresh_from_db()
    assert traject.versie == 1


def test_assignment_through_the_team_page_opens_the_file_to_her(client, login, gebruikers, traject):
    mw = gebruikers["toegewezen_medewerker"]
    login(client, gebruikers["coordinator"])

    response = client.post(
        reverse("trajecten:team", args=[traject.pk]), toewijzing_data(traject, mw, eerste=True)
    )

    assert response.status_code == 302
    toewijzing = Toewijzing.objects.get()
    assert (toewijzing.medewerker, toewijzing.eerste_aanspreekpunt, toewijzing.van) == (mw, True, VANDAAG)
    haar = Client()
    login(haar, mw)
    assert haar.get(reverse("trajecten:detail", args=[traject.pk])).status_code == 200


def test_a_second_first_contact_is_refused(client, login, gebruikers, traject):
    tweede = lid(Rol.MEDEWERKER, gebruikers["coordinator"].organisatie, username="hilde")
    login(client, gebruikers["coordinator"])
    url = reverse("trajecten:team", args=[traject.pk])
    eerste = client.post(url, toewijzing_data(traject, gebruikers["toegewezen_medewerker"], eerste=True))
    assert eerste.status_code == 302

    response = client.post(url, toewijzing_data(traject, tweede, eerste=True))

    assertContains(response, "al een eerste aanspreekpunt", status_code=400)
    assert list(Toewijzing.objects.values_list("medewerker", flat=True)) == [
        gebruikers["toegewezen_medewerker"].pk
    ]
    assert not User.objects.get(pk=tweede.pk).has_perm("trajecten.view_traject", traject)


def beeindigen(client, login, gebruikers, traject):
    """Assign her through the team page, check she sees the file, then end the assignment."""
    mw = gebruikers["toegewezen_medewerker"]
    login(client, gebruikers["coordinator"])
    client.post(
        reverse("trajecten:team", args=[traject.pk]),
        toewijzing_data(traject, mw, eerste=True, van=VANDAAG - timedelta(days=7)),
    )
    toewijzing = Toewijzing.objects.get()
    haar = Client()
    login(haar, mw)
    assert haar.get(reverse("trajecten:detail", args=[traject.pk])).status_code == 200
    traject.refresh_from_db()
    response = client.post(
        reverse("trajecten:toewijzing_beeindigen", args=[traject.pk, toewijzing.pk]),
        einde(traject),
    )
    assert response.status_code == 302
    toewijzing.refresh_from_db()
    return mw, haar, toewijzing


def einde(traject, **kwargs):
    return {"versie": traject.versie, "laatste_dag": (VANDAAG - timedelta(days=1)).isoformat(),
            "reden": "Ander rooster", **kwargs}  # fmt: skip


def test_ending_an_assignment_asks_a_date_and_a_reason_first(client, login, gebruikers, traject):
    mw = gebruikers["toegewezen_medewerker"]
    toewijzing = toewijzen(traject, mw, gebruikers["coordinator"], van=VANDAAG - timedelta(days=20))
    login(client, gebruikers["coordinator"])
    url = reverse("trajecten:toewijzing_beeindigen", args=[traject.pk, toewijzing.pk])
    team = client.get(reverse("trajecten:detail", args=[traject.pk]), {"tab": "team"}).content.decode()
    assert f'href="{url}"' in team  # a link to the step, not a button that ends it at once
    assert f'action="{url}"' not in team
    pagina = client.get(url)
    assert pagina.context["form"].initial["laatste_dag"] == VANDAAG

    for data, fout in (
        (einde(traject, reden=""), "reden"),
        (einde(traject, laatste_dag=(VANDAAG - timedelta(days=5)).isoformat()), "laatste_dag"),
    ):
        response = client.post(url, data)
        assert response.status_code == 400
        assert fout in response.context["form"].errors
    toewijzing.refresh_from_db()
    assert toewijzing.tot is None
    assert "kan niet vóór gisteren liggen" in " ".join(
        client.post(url, einde(traject, laatste_dag=(VANDAAG - timedelta(days=5)).isoformat()))
        .context["form"]
        .errors["laatste_dag"]
    )

    over_een_week = VANDAAG + timedelta(days=7)
    assert client.post(url, einde(traject, laatste_dag=over_een_week.isoformat())).status_code == 302
    toewijzing.refresh_from_db()
    assert toewijzing.tot == over_een_week
    regel = Toegangslog.objects.filter(traject_id=traject.pk, gebeurtenis="wijzigen").latest("tijdstip")
    assert regel.omschrijving.endswith(f"beëindigd per {over_een_week:%Y-%m-%d}: Ander rooster")


def test_ending_an_assignment_records_the_end_date(client, login, gebruikers, traject):
    _mw, _haar, toewijzing = beeindigen(client, login, gebruikers, traject)

    assert toewijzing.tot == VANDAAG - timedelta(days=1)  # her last day was yesterday
    traject.refresh_from_db()
    assert traject.versie == 3  # assigned, ended


def test_ending_an_assignment_with_a_stale_form_is_refused(client, login, gebruikers, traject):
    mw = gebruikers["toegewezen_medewerker"]
    toewijzing = toewijzen(traject, mw, gebruikers["coordinator"])
    login(client, gebruikers["coordinator"])

    response = client.post(
        reverse("trajecten:toewijzing_beeindigen", args=[traject.pk, toewijzing.pk]),
        einde(traject, versie=traject.versie + 5),
    )

    assertContains(response, "Iemand anders heeft dit traject intussen gewijzigd", status_code=400)
    toewijzing.refresh_from_db()
    assert toewijzing.tot is None


def test_ending_an_assignment_removes_her_access(client, login, gebruikers, traject):
    mw, haar, _toewijzing = beeindigen(client, login, gebruikers, traject)

    assert not User.objects.get(pk=mw.pk).has_perm("trajecten.view_traject", traject)
    assert haar.get(reverse("trajecten:detail", args=[traject.pk])).status_code == 404
    assert traject.nummer not in haar.get(reverse("core:home")).content.decode()


def test_medewerker_of_another_provider_is_not_offered_and_not_assigned(client, login, gebruikers, traject):
    vreemd = lid(Rol.MEDEWERKER, gebruikers["andere_coordinator"].organisatie, username="mw.wadden")
    login(client, gebruikers["coordinator"])

    response = client.post(reverse("trajecten:team", args=[traject.pk]), toewijzing_data(traject, vreemd))

    assert response.status_code == 400
    assert "medewerker" in response.context["form"].errors
    assert vreemd not in response.context["form"].fields["medewerker"].queryset
    assert not Toewijzing.objects.exists()


def test_a_planned_assignment_can_be_withdrawn(client, login, gebruikers, traject):
    mw = gebruikers["toegewezen_medewerker"]
    gepland = toewijzen(traject, mw, gebruikers["coordinator"], van=VANDAAG + timedelta(days=7))
    login(client, gebruikers["coordinator"])
    team = client.get(reverse("trajecten:detail", args=[traject.pk]), {"tab": "team"})
    assert gepland in team.context["lopende_toewijzingen"]  # the end button is offered for it
    url = reverse("trajecten:toewijzing_beeindigen", args=[traject.pk, gepland.pk])
    assert f'href="{url}"' in team.content.decode()

    response = client.post(url, einde(traject))

    assert response.status_code == 302
    team = client.get(reverse("trajecten:detail", args=[traject.pk]), {"tab": "team"})
    assert team.context["lopende_toewijzingen"] == []


def test_an_ended_assignment_cannot_be_reopened_by_ending_it_again(client, login, gebruikers, traject):
    mw = gebruikers["toegewezen_medewerker"]
    eerder = toewijzen(
        traject,
        mw,
        gebruikers["coordinator"],
        van=VANDAAG - timedelta(days=30),
        tot=VANDAAG - timedelta(days=10),
    )
    haar = Client()
    login(haar, mw)
    assert haar.get(reverse("trajecten:detail", args=[traject.pk])).status_code == 404
    login(client, gebruikers["coordinator"])

    response = client.post(
        reverse("trajecten:toewijzing_beeindigen", args=[traject.pk, eerder.pk]), einde(traject)
    )

    eerder.refresh_from_db()
    assert eerder.tot == VANDAAG - timedelta(days=10)
    assert response.status_code in {400, 404}
    assert haar.get(reverse("trajecten:detail", args=[traject.pk])).status_code == 404


def test_the_team_tab_says_what_is_missing_instead_of_offering_a_start_that_is_refused(
    client, login, gebruikers, aanvraag
):
    traject = aanvraag.traject
    login(client, gebruikers["coordinator"])
    response = client.get(reverse("trajecten:detail", args=[traject.pk]), {"tab": "team"})
    html = response.content.decode()
    assert reverse("trajecten:starten", args=[traject.pk]) not in html
    assert "Nog nodig voordat het traject kan starten" in html
    assert "Er is nog geen regievoerder." in html
    assert response.context["startbezwaren"]


def test_a_second_indication_request_says_one_is_waiting_instead_of_a_state_machine_error(
    client, login, gebruikers, aanvraag
):
    login(client, gebruikers["coordinator"])
    url = reverse("trajecten:indicatie_aanvragen", args=[aanvraag.traject_id])

    for response in (client.get(url, follow=True), client.post(url, {"versie": 1}, follow=True)):
        html = response.content.decode()
        assert "Er is al een indicatie aangevraagd op" in html
        assert "wacht op het besluit van de casemanager" in html
        assert "kan niet naar" not in html
    assert aanvraag.traject.indicatieaanvragen.count() == 1


def test_the_request_form_says_until_when_an_indication_can_run(client, login, gebruikers, traject):
    from indicaties.services import eerste_verjaardag

    login(client, gebruikers["coordinator"])
    html = client.get(reverse("trajecten:indicatie_aanvragen", args=[traject.pk])).content.decode()

    assert "De eerste verjaardag is op" in html
    from django.utils.formats import date_format

    assert date_format(eerste_verjaardag(traject)) in html
