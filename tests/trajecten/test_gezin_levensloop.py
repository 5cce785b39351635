"""Issue 16, item 3: more than one baby (twins at the referral, a baby added later, the first-birthday bound
following the earliest), a BSN added after the referral (checked and hashed as at the referral), and a
referral of a family already known shown before saving without revealing what the user may not see."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from core.models import Melding, Toegangslog
from indicaties.services import eerste_verjaardag
from tests.factories import BabyFactory, OuderFactory, TrajectFactory, geldig_bsn
from trajecten import gezin as gezin_services
from trajecten.models import Baby, Ouder, Traject
from trajecten.services import bsn_hash

VANDAAG = timezone.localdate()
URL_AANMELDING = reverse("trajecten:aanmelding_nieuw")


@pytest.fixture
def aanmelding_data(gebruikers):
    return {
        "aanmelding-verwijzer_soort": "verloskundige",
        "aanmelding-verwijzer_naam": "Verloskundigenpraktijk De Wieg",
        "aanmelding-verwijzer_contact": "050-1234567",
        "aanmelding-hulpvraag": "Tweeling op komst, moeder alleen.",
        "aanmelding-kwetsbaarheden": ["geen_netwerk"],
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
        **{
            f"partner-{v}": ""
            for v in ("voornaam", "achternaam", "geboortedatum", "bsn", "opleidingsniveau", "telefoon")
        },
        "baby-voornaam": "",
        "baby-geboortedatum": "",
        "baby-uitgerekende_datum": (VANDAAG + timedelta(days=60)).isoformat(),
        "baby-kindfactoren": "",
        **{f"baby2-{v}": "" for v in ("voornaam", "geboortedatum", "uitgerekende_datum", "kindfactoren")},
    }


# --- more than one baby ----------------------------------------------------------------------------


def test_a_referral_of_twins_records_both_babies(client, login, gebruikers, aanmelding_data):
    login(client, gebruikers["coordinator"])
    uitgerekend = (VANDAAG + timedelta(days=60)).isoformat()
    antwoord = client.post(URL_AANMELDING, {**aanmelding_data, "baby2-uitgerekende_datum": uitgerekend})
    assert antwoord.status_code == 302, antwoord.content.decode()[-3000:]
    traject = Traject.objects.get()
    assert traject.gezin.babys.count() == 2


def test_a_single_baby_referral_leaves_the_second_form_empty(client, login, gebruikers, aanmelding_data):
    login(client, gebruikers["coordinator"])
    assert client.post(URL_AANMELDING, aanmelding_data).status_code == 302
    assert Baby.objects.count() == 1


def test_a_second_baby_with_a_wrong_date_is_refused_beside_its_field(
    client, login, gebruikers, aanmelding_data
):
    login(client, gebruikers["coordinator"])
    te_ver = (VANDAAG + timedelta(days=400)).isoformat()
    antwoord = client.post(URL_AANMELDING, {**aanmelding_data, "baby2-uitgerekende_datum": te_ver})
    assert antwoord.status_code == 400
    assert not Traject.objects.exists()


def test_a_baby_added_later_moves_the_first_birthday_bound_to_the_earliest(traject, gebruikers, als):
    eerste = traject.gezin.babys.get()
    eerder = (eerste.geboortedatum or eerste.uitgerekende_datum) - timedelta(days=20)
    gezin_services.baby_toevoegen(
        request=als(gebruikers["coordinator"]), traject=traject, versie=traject.versie,
        baby=Baby(voornaam="Sam", geboortedatum=min(eerder, VANDAAG)),
    )  # fmt: skip
    traject.refresh_from_db()
    assert traject.gezin.babys.count() == 2
    assert eerste_verjaardag(traject) == min(b.eerste_verjaardag for b in traject.gezin.babys.all())
    assert eerste_verjaardag(traject) < eerste.eerste_verjaardag


def test_coordinator_adds_a_baby_on_the_page(client, login, traject, gebruikers):
    login(client, gebruikers["coordinator"])
    url = reverse("trajecten:baby_toevoegen", args=[traject.pk])
    assert client.get(url).status_code == 200
    antwoord = client.post(
        url, {"versie": traject.versie, "voornaam": "Noor", "geboortedatum": "", "uitgerekende_datum": ""}
    )
    assert antwoord.status_code == 400  # neither date
    assert traject.gezin.babys.count() == 1
    antwoord = client.post(
        url, {"versie": traject.versie, "voornaam": "Noor", "geboortedatum": VANDAAG.isoformat()}
    )
    assert antwoord.status_code == 302
    assert traject.gezin.babys.count() == 2


# --- a BSN that arrives later ----------------------------------------------------------------------


@pytest.fixture
def zonder_bsn(traject):
    ouder = traject.gezin.ouders.first()
    Ouder.objects.filter(pk=ouder.pk).update(bsn=None, bsn_hash="")
    return Ouder.objects.get(pk=ouder.pk)


def test_a_bsn_is_added_later_checked_and_hashed_as_at_the_referral(traject, zonder_bsn, gebruikers, als):
    bsn = geldig_bsn(4711)
    gezin_services.bsn_toevoegen(
        request=als(gebruikers["casemanager"]), traject=traject, persoon=f"ouder-{zonder_bsn.pk}", bsn=bsn,
        versie=traject.versie,
    )  # fmt: skip
    ouder = Ouder.objects.get(pk=zonder_bsn.pk)
    assert ouder.bsn == bsn
    assert ouder.bsn_hash == bsn_hash(bsn)
    assert Toegangslog.objects.filter(omschrijving="bsn toegevoegd (ouder)").exists()


def test_a_bsn_failing_the_eleven_test_is_refused(traject, zonder_bsn, gebruikers, als):
    with pytest.raises(ValidationError) as fout:
        gezin_services.bsn_toevoegen(
            request=als(gebruikers["coordinator"]), traject=traject, persoon=f"ouder-{zonder_bsn.pk}",
            bsn="123456789", versie=traject.versie,
        )  # fmt: skip
    assert "bsn" in fout.value.message_dict
    assert Ouder.objects.get(pk=zonder_bsn.pk).bsn is None


def test_a_bsn_on_file_is_not_replaced(traject, gebruikers, als):
    ouder = traject.gezin.ouders.first()
    Ouder.objects.filter(pk=ouder.pk).update(bsn=geldig_bsn(1), bsn_hash=bsn_hash(geldig_bsn(1)))
    with pytest.raises(ValidationError) as fout:
        gezin_services.bsn_toevoegen(
            request=als(gebruikers["coordinator"]), traject=traject, persoon=f"ouder-{ouder.pk}",
            bsn=geldig_bsn(2), versie=traject.versie,
        )  # fmt: skip
    assert "correctieverzoek" in fout.value.message_dict["persoon"][0]


def test_a_baby_gets_its_bsn_on_the_page(client, login, traject, gebruikers):
    baby = traject.gezin.babys.get()
    login(client, gebruikers["coordinator"])
    url = reverse("trajecten:bsn_toevoegen", args=[traject.pk])
    assert f"baby-{baby.pk}" in client.get(url).content.decode()
    antwoord = client.post(
        url, {"versie": traject.versie, "persoon": f"baby-{baby.pk}", "bsn": geldig_bsn(77)}
    )
    assert antwoord.status_code == 302
    baby.refresh_from_db()
    assert (baby.bsn, baby.bsn_hash) == (geldig_bsn(77), bsn_hash(geldig_bsn(77)))


def test_a_baby_bsn_already_known_in_a_family_she_may_see_is_shown(traject, gebruikers, als):
    bsn = geldig_bsn(78)
    ander = TrajectFactory(aanbieder=traject.aanbieder, gezin__gemeente=traject.gezin.gemeente)
    BabyFactory(gezin=ander.gezin, bsn=bsn, bsn_hash=bsn_hash(bsn))
    elders = TrajectFactory()  # another provider and municipality: not to be revealed
    BabyFactory(gezin=elders.gezin, bsn=bsn, bsn_hash=bsn_hash(bsn))
    baby = traject.gezin.babys.get()
    bekend = gezin_services.bsn_toevoegen(
        request=als(gebruikers["coordinator"]), traject=traject, persoon=f"baby-{baby.pk}", bsn=bsn,
        versie=traject.versie,
    )  # fmt: skip
    assert bekend == [ander]


def test_a_person_of_another_family_cannot_be_chosen(traject, gebruikers, als):
    ander = OuderFactory(gezin=TrajectFactory().gezin, bsn=None)
    with pytest.raises(ValidationError):
        gezin_services.bsn_toevoegen(
            request=als(gebruikers["coordinator"]), traject=traject, persoon=f"ouder-{ander.pk}",
            bsn=geldig_bsn(3), versie=traject.versie,
        )  # fmt: skip


# --- a family already known ------------------------------------------------------------------------


def bekend_gezin(aanbieder, gemeente, bsn="111222333", achternaam="Jansen"):
    traject = TrajectFactory(aanbieder=aanbieder, gezin__gemeente=gemeente)
    OuderFactory(gezin=traject.gezin, achternaam=achternaam, bsn=bsn, bsn_hash=bsn_hash(bsn))
    return traject


def test_a_referral_with_a_known_bsn_shows_the_match_before_saving(
    client, login, gebruikers, aanmelding_data
):
    bekend = bekend_gezin(gebruikers["coordinator"].organisatie, gebruikers["casemanager"].organisatie)
    login(client, gebruikers["coordinator"])
    antwoord = client.post(URL_AANMELDING, aanmelding_data)
    tekst = antwoord.content.decode()
    assert 'data-testid="bekend-gezin"' in tekst
    assert bekend.nummer in tekst
    assert "hetzelfde BSN" in tekst
    assert Traject.objects.count() == 1  # nothing saved
    assert Toegangslog.objects.filter(
        traject_id=bekend.pk, omschrijving__startswith="mogelijk dubbele"
    ).exists()
    antwoord = client.post(URL_AANMELDING, {**aanmelding_data, "bekend_bevestigd": "1"})
    assert antwoord.status_code == 302
    assert Traject.objects.count() == 2


def test_a_match_on_surname_and_date_of_birth_is_shown_too(client, login, gebruikers, aanmelding_data):
    bekend = bekend_gezin(
        gebruikers["coordinator"].organisatie, gebruikers["casemanager"].organisatie, bsn=""
    )
    Ouder.objects.filter(gezin=bekend.gezin).update(
        achternaam="Haddad", geboortedatum="2003-05-01", bsn_hash=""
    )
    login(client, gebruikers["coordinator"])
    tekst = client.post(URL_AANMELDING, aanmelding_data).content.decode()
    assert bekend.nummer in tekst
    assert "dezelfde achternaam en geboortedatum" in tekst


def test_a_match_at_another_provider_is_not_revealed_but_told_to_the_municipality(
    client, login, gebruikers, aanmelding_data
):
    elders = bekend_gezin(gebruikers["andere_coordinator"].organisatie, gebruikers["casemanager"].organisatie)
    login(client, gebruikers["coordinator"])
    antwoord = client.post(URL_AANMELDING, aanmelding_data)
    assert antwoord.status_code == 302  # saved at once: nothing she may see matched
    assert elders.nummer not in client.get(antwoord["Location"]).content.decode()
    melding = Melding.objects.get(gebruiker=gebruikers["casemanager"])
    assert elders.nummer in melding.tekst
    assert not Melding.objects.filter(gebruiker=gebruikers["coordinator"]).exists()


def test_the_birth_of_twins_is_recorded_in_one_step(client, login, traject, gebruikers):
    traject.gezin.babys.all().delete()
    uitgerekend = VANDAAG + timedelta(days=10)
    eerste, tweede = (
        Baby.objects.create(gezin=traject.gezin, uitgerekende_datum=uitgerekend, voornaam=naam)
        for naam in ("Noor", "Sam")
    )
    login(client, gebruikers["coordinator"])
    url = reverse("trajecten:geboorte", args=[traject.pk])
    pagina = client.get(url).content.decode()
    assert pagina.count("checked") >= 2  # both twins ticked already
    antwoord = client.post(
        url, {"versie": traject.versie, "baby": [eerste.pk, tweede.pk], "geboortedatum": VANDAAG.isoformat()}
    )
    assert antwoord.status_code == 302
    assert set(Baby.objects.filter(gezin=traject.gezin).values_list("geboortedatum", flat=True)) == {VANDAAG}


def test_unnamed_twins_are_told_apart_in_the_bsn_choice(traject):
    eerste = traject.gezin.babys.get()
    eerste.voornaam = ""
    eerste.save()
    BabyFactory(gezin=traject.gezin, voornaam="", geboortedatum=eerste.geboortedatum,
                uitgerekende_datum=eerste.uitgerekende_datum)  # fmt: skip
    with translation.override("nl"):
        labels = [
            label for sleutel, label in gezin_services.personen_zonder_bsn(traject) if "baby" in sleutel
        ]
    assert len(labels) == 2
    assert labels[0].startswith("baby 1 (")
    assert labels[1].startswith("baby 2 (")
