"""Issue 11, item 2: a generated stream of hostile values through the real forms and views, logged in
with two factors as the role that uses each page. Whatever is sent, no answer is a 500, a refused
form changes nothing, and nothing stored breaks a rule of core/validators.py.

Hostile: arbitrary Unicode (control characters included), only invisible or zero-width characters,
bidi overrides inside a name, CRLF, javascript: URLs, 5,000–70,000 characters, extreme numbers and
dates. One field at a time, the rest of the form valid, so each value meets its own rule."""

import re
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.validators import (
    NOTITIE,
    OUDER_MAX_LEEFTIJD_JAREN,
    OUDER_MIN_LEEFTIJD_JAREN,
    POSTCODE_RE,
    TEKST_LANG,
    TELEFOON_E164_RE,
    WACHTTIJD_MAX_DAGEN,
    naam_valideren,
    normaliseer,
    tekst_valideren,
)
from ketenpartners.models import Ketenpartner
from tests.conftest import login_with_two_factors
from tests.ketenpartners.factories import KetenpartnerFactory
from trajecten.models import Aanmelding, Baby, Gezin, NetwerkLid, Ouder, Signaal

from .test_netwerk import actief  # noqa: F401 - the active trajectory fixture

VANDAAG = timezone.localdate()

ONZICHTBAAR = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u202e",
    "\u202d",
    "\u2066",
    "\u061c",
]
VIJANDIG = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from([*ONZICHTBAAR, " ", "\t", "\n"]), min_size=1, max_size=8),
    st.builds(lambda a, b: f"{a}\u202e{b}", st.text(max_size=8), st.text(max_size=8)),
    st.sampled_from(
        [
            "javascript:alert(1)",
            "javascript:0612345678",
            "0612345678\r\nSet-Cookie: x=1",
            "Jansen\r\n",
            "\x00",
            "\x1b[31mrood",
            "-1",
            "0",
            "100000",
            "123456782",
            "99999999999999999999999",
            "1e308",
            "NaN",
            "9999-12-31",
            "1800-01-01",
            "0001-01-01",
            "2024-02-30",
        ]
    ),
    st.integers(min_value=5_000, max_value=70_000).map(lambda n: "ab " * (n // 3)),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
)
ZO = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


def naam_goed(waarde: str, *, leeg_mag=False):
    if leeg_mag and waarde == "":
        return
    naam_valideren(waarde)
    assert waarde
    assert waarde == normaliseer(waarde)


def telefoon_goed(waarde: str):
    assert waarde == "" or re.match(TELEFOON_E164_RE, waarde), repr(waarde)


def tekst_goed(waarde: str, lengte: int):
    assert len(waarde) <= lengte
    tekst_valideren(waarde)


def niets_ongeldigs_opgeslagen():
    for ouder in Ouder.objects.all():
        naam_goed(ouder.voornaam)
        naam_goed(ouder.achternaam)
        telefoon_goed(ouder.telefoon)
        assert VANDAAG - relativedelta(years=OUDER_MAX_LEEFTIJD_JAREN) <= ouder.geboortedatum
        assert ouder.geboortedatum <= VANDAAG - relativedelta(years=OUDER_MIN_LEEFTIJD_JAREN)
    for gezin in Gezin.objects.all():
        assert 1 <= gezin.huisnummer <= 99999
        assert re.match(r"^[A-Z]?$", gezin.huisletter)
        assert re.match(r"^[A-Z0-9]{0,4}$", gezin.huisnummertoevoeging)
        assert re.match(POSTCODE_RE, gezin.postcode)
        naam_goed(gezin.straat)
        naam_goed(gezin.woonplaats)
    for baby in Baby.objects.all():
        naam_goed(baby.voornaam, leeg_mag=True)
        assert baby.geboortedatum is None or baby.geboortedatum <= VANDAAG
        assert baby.uitgerekende_datum is None or baby.uitgerekende_datum <= VANDAAG + relativedelta(
            months=10
        )
    for aanmelding in Aanmelding.objects.all():
        naam_goed(aanmelding.verwijzer_naam)
        tekst_goed(aanmelding.hulpvraag, TEKST_LANG)
        tekst_goed(aanmelding.verwijzer_contact, 200)
        assert VANDAAG - timedelta(days=366 * 2) <= aanmelding.ontvangen_op <= VANDAAG
    for lid in NetwerkLid.objects.all():
        naam_goed(lid.naam)
        telefoon_goed(lid.telefoon)
        tekst_goed(lid.toelichting, NOTITIE)
        tekst_goed(lid.bereikbaar, 200)
    for signaal in Signaal.objects.all():
        tekst_goed(signaal.beschrijving, TEKST_LANG)
        tekst_goed(signaal.acties, TEKST_LANG)
    for partner in Ketenpartner.objects.all():
        telefoon_goed(partner.telefoon)
        assert partner.wachttijd_dagen is None or 0 <= partner.wachttijd_dagen <= WACHTTIJD_MAX_DAGEN


def aanmelding_data(gebruikers) -> dict:
    return {
        "aanmelding-verwijzer_soort": "verloskundige",
        "aanmelding-verwijzer_naam": "Verloskundigenpraktijk De Wieg",
        "aanmelding-verwijzer_contact": "050-1234567",
        "aanmelding-hulpvraag": "Moeder is alleen en heeft weinig netwerk.",
        "aanmelding-kwetsbaarheden": ["geen_netwerk"],
        "aanmelding-urgentie": "hoog",
        "aanmelding-ontvangen_op": VANDAAG.isoformat(),
        "aanmelding-toestemming_client": "on",
        "gezin-gemeente": gebruikers["casemanager"].organisatie.pk,
        "gezin-straat": "Oosterstraat",
        "gezin-huisnummer": "12",
        "gezin-huisletter": "",
        "gezin-huisnummertoevoeging": "",
        "gezin-postcode": "9711 NP",
        "gezin-woonplaats": "Groningen",
        "gezin-taal": "nl",
        "gezin-eerste_kind": "true",
        "moeder-rol": "moeder",
        "moeder-voornaam": "Amira",
        "moeder-achternaam": "Haddad",
        "moeder-geboortedatum": (VANDAAG - relativedelta(years=23)).isoformat(),
        "moeder-bsn": "111222333",
        "moeder-opleidingsniveau": "mbo",
        "moeder-telefoon": "0612345678",
        "partner-rol": "partner",
        "baby-voornaam": "",
        "baby-geboortedatum": "",
        "baby-uitgerekende_datum": (VANDAAG + timedelta(days=60)).isoformat(),
    }


AANMELDING_VELDEN = [
    "aanmelding-verwijzer_naam",
    "aanmelding-verwijzer_contact",
    "aanmelding-hulpvraag",
    "aanmelding-ontvangen_op",
    "gezin-straat",
    "gezin-huisnummer",
    "gezin-huisletter",
    "gezin-huisnummertoevoeging",
    "gezin-postcode",
    "gezin-woonplaats",
    "moeder-voornaam",
    "moeder-achternaam",
    "moeder-geboortedatum",
    "moeder-telefoon",
    "partner-voornaam",
    "partner-telefoon",
    "baby-voornaam",
    "baby-geboortedatum",
    "baby-uitgerekende_datum",
]


@pytest.mark.django_db
def test_hostile_values_in_a_referral_are_refused_and_never_a_500(client, gebruikers):
    login_with_two_factors(client, gebruikers["coordinator"])
    url = reverse("trajecten:aanmelding_nieuw")

    gezien = []

    @ZO
    @given(veld=st.sampled_from(AANMELDING_VELDEN), waarde=VIJANDIG)
    def probeer(veld, waarde):
        voor = Aanmelding.objects.count()
        response = client.post(url, {**aanmelding_data(gebruikers), veld: waarde})
        assert response.status_code in (302, 400), response.status_code
        gezien.append(response.status_code)
        if response.status_code == 400:
            assert Aanmelding.objects.count() == voor  # a refusal changes nothing
        niets_ongeldigs_opgeslagen()

    probeer()
    print(f"\n{len(gezien)} voorbeelden: {gezien.count(302)} opgeslagen, {gezien.count(400)} geweigerd")  # noqa: T201
    assert len(gezien) >= 25
    assert 400 in gezien


NETWERK_VELDEN = ["naam", "telefoon", "toelichting", "bereikbaar"]


@pytest.mark.django_db
def test_hostile_values_for_a_network_member_are_refused_and_never_a_500(client, gebruikers, actief):  # noqa: F811
    login_with_two_factors(client, gebruikers["toegewezen_medewerker"])
    url = reverse("trajecten:netwerk_lid_nieuw", args=[actief.pk])
    geldig = {"naam": "Oma Ria", "relatie": "familie", "steun": ["organiseren"], "telefoon": "06 12345678"}

    gezien = []

    @ZO
    @given(veld=st.sampled_from(NETWERK_VELDEN), waarde=VIJANDIG)
    def probeer(veld, waarde):
        voor = NetwerkLid.objects.count()
        response = client.post(url, {**geldig, veld: waarde})
        assert response.status_code in (302, 400), response.status_code
        gezien.append(response.status_code)
        if response.status_code == 400:
            assert NetwerkLid.objects.count() == voor
        niets_ongeldigs_opgeslagen()

    probeer()
    print(f"\n{len(gezien)} voorbeelden: {gezien.count(302)} opgeslagen, {gezien.count(400)} geweigerd")  # noqa: T201
    assert len(gezien) >= 25
    assert 400 in gezien


@pytest.mark.django_db
def test_hostile_values_in_a_signal_are_refused_and_never_a_500(client, gebruikers, actief):  # noqa: F811
    login_with_two_factors(client, gebruikers["toegewezen_medewerker"])
    url = reverse("trajecten:signaal_nieuw", args=[actief.pk])
    geldig = {
        "categorie": "postpartum",
        "ernst": "laag",
        "beschrijving": "Moeder slaapt slecht.",
        "acties": "",
    }

    gezien = []

    @ZO
    @given(veld=st.sampled_from(["beschrijving", "acties"]), waarde=VIJANDIG)
    def probeer(veld, waarde):
        voor = Signaal.objects.count()
        response = client.post(url, {**geldig, veld: waarde})
        assert response.status_code in (302, 400), response.status_code
        gezien.append(response.status_code)
        if response.status_code == 400:
            assert Signaal.objects.count() == voor
        niets_ongeldigs_opgeslagen()

    probeer()
    print(f"\n{len(gezien)} voorbeelden: {gezien.count(302)} opgeslagen, {gezien.count(400)} geweigerd")  # noqa: T201
    assert len(gezien) >= 25
    assert 400 in gezien


@pytest.mark.django_db
def test_hostile_partner_details_are_refused_and_never_a_500(client, gebruikers):
    partner = KetenpartnerFactory()
    login_with_two_factors(client, gebruikers["globale_beheerder"])
    url = reverse("ketenpartners:bijwerken", args=[partner.pk])
    geldig = {"telefoon": "050-3674000", "email": "jgz@ggd.example", "wachttijd_dagen": "4"}

    gezien = []

    @ZO
    @given(veld=st.sampled_from(["telefoon", "wachttijd_dagen"]), waarde=VIJANDIG)
    def probeer(veld, waarde):
        voor = Ketenpartner.objects.values().get(pk=partner.pk)
        response = client.post(url, {**geldig, veld: waarde})
        assert response.status_code in (302, 400), response.status_code
        gezien.append(response.status_code)
        if response.status_code == 400:
            assert Ketenpartner.objects.values().get(pk=partner.pk) == voor
        niets_ongeldigs_opgeslagen()

    probeer()
    print(f"\n{len(gezien)} voorbeelden: {gezien.count(302)} opgeslagen, {gezien.count(400)} geweigerd")  # noqa: T201
    assert len(gezien) >= 25
    assert 400 in gezien


# --- the tester's findings, tried again the same way ---------------------------------------------


@pytest.mark.parametrize(
    ("veld", "waarde", "bericht"),
    [
        ("moeder-telefoon", "0612345678\r\nX: 1", "Vul een geldig telefoonnummer in"),
        ("moeder-telefoon", "javascript:alert(1)", "Vul een geldig telefoonnummer in"),
        ("gezin-huisnummer", "12 achter de kerk", "Een huisnummer is een heel getal van 1 tot en met 99999."),
        ("gezin-huisnummer", "0", "Een huisnummer is een heel getal van 1 tot en met 99999."),
        ("gezin-huisletter", "AB", "Een huisletter is één letter"),
        ("gezin-huisnummertoevoeging", "<script>", "Een toevoeging heeft hoogstens vier letters of cijfers"),
        ("gezin-postcode", "97110 AB", "Vul een postcode in zoals 9711 AB."),
        ("moeder-achternaam", "\u200b\u200c\u200d", "Een naam mag geen stuurtekens"),
        ("moeder-achternaam", "\u202ensnaJ", "Een naam mag geen stuurtekens"),
        ("moeder-achternaam", "   ", "Dit veld is verplicht."),
        ("moeder-geboortedatum", "1800-01-01", "Een ouder is hoogstens 70 jaar oud"),
        (
            "moeder-geboortedatum",
            (VANDAAG - relativedelta(years=8)).isoformat(),
            "Een ouder is minstens 10 jaar oud",
        ),
        ("aanmelding-ontvangen_op", "9999-12-31", "Deze datum kan niet in de toekomst liggen."),
        ("aanmelding-hulpvraag", "a" * 70_000, "Zorg dat deze waarde niet meer dan 4000 tekens bevat"),
        ("baby-uitgerekende_datum", (VANDAAG + relativedelta(months=11)).isoformat(), "hoogstens 10 maanden"),
        (
            "baby-geboortedatum",
            (VANDAAG - relativedelta(months=16)).isoformat(),
            "BabythuisZorg is voor het eerste jaar",
        ),
    ],
)
@pytest.mark.django_db
def test_the_testers_referral_values_are_refused_beside_the_field_in_dutch(
    client, gebruikers, veld, waarde, bericht
):
    login_with_two_factors(client, gebruikers["coordinator"])
    data = aanmelding_data(gebruikers)
    if veld == "baby-geboortedatum":
        data["baby-uitgerekende_datum"] = ""
    response = client.post(reverse("trajecten:aanmelding_nieuw"), {**data, veld: waarde})

    assert response.status_code == 400
    form, naam = veld.split("-", 1)
    fouten = " ".join(response.context["forms"][form].errors.get(naam, []))
    assert bericht in fouten, fouten
    assert not Aanmelding.objects.exists()
    assert not Gezin.objects.exists()


@pytest.mark.django_db
def test_a_waiting_time_of_123456782_days_is_refused(client, gebruikers):
    partner = KetenpartnerFactory()
    login_with_two_factors(client, gebruikers["globale_beheerder"])
    voor = Ketenpartner.objects.values().get(pk=partner.pk)
    response = client.post(
        reverse("ketenpartners:bijwerken", args=[partner.pk]),
        {"telefoon": "050-3674000", "email": "jgz@ggd.example", "wachttijd_dagen": "123456782"},
    )
    assert response.status_code == 400
    assert "Een wachttijd ligt tussen 0 en 730 dagen" in " ".join(
        response.context["form"].errors["wachttijd_dagen"]
    )
    assert Ketenpartner.objects.values().get(pk=partner.pk) == voor
