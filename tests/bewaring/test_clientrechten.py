"""The client's rights: inspection export (PDF and JSON, made by the real worker), correction
requests, erasure where no legal retention applies. Each is logged; each is the casemanager's only."""

import io
import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from accounts.constants import Rol
from bewaring.models import Correctieverzoek, Wissing
from core.models import Toegangslog
from rapportage.models import Rapport, RapportStatus
from tests.conftest import login_with_two_factors
from tests.factories import IndicatieFactory, ToegangslogFactory, TrajectFactory, UserFactory
from tests.rapportage.werker import wacht_op
from trajecten.models import Aanmelding, Gezin, Ouder, Traject

from .conftest import dossier_met_alles


def _client(user) -> Client:
    return login_with_two_factors(Client(), user)


def _pdf_tekst(inhoud: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages).split())


def _afgewezen(gemeente, aanbieder) -> Traject:
    traject = TrajectFactory(gezin__gemeente=gemeente, aanbieder=aanbieder, status="afgewezen")
    Aanmelding.objects.create(
        traject=traject,
        verwijzer_soort="huisarts",
        verwijzer_naam="Huisarts Jansen",
        hulpvraag="Moeder wil hulp, maar past beter bij Stevig Ouderschap.",
        toestemming_client=True,
        ontvangen_op=timezone.localdate(),
        ingediend_door=UserFactory(),
    )
    return traject


# --- inspection export ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_casemanager_makes_an_inspection_export_with_everything_and_who_looked(
    gebruikers, gemeente, aanbieder, celery_werker
):
    feiten = dossier_met_alles(gemeente, aanbieder)
    traject = feiten.traject
    ouder = traject.gezin.ouders.get()
    ToegangslogFactory(
        gezin_id=traject.gezin_id,
        traject_id=traject.pk,
        gebruikersnaam="sanne.noord",
        rol=Rol.MEDEWERKER,
        organisatie=aanbieder,
        omschrijving="trajectdossier, tab bezoeken",
    )
    client = _client(gebruikers["casemanager"])

    response = client.post(reverse("bewaring:inzage", args=[traject.pk]))
    rapport = Rapport.objects.get(soort="inzage")
    assert response.status_code == 302
    assert response["Location"] == reverse("rapportage:detail", args=[rapport.sleutel])
    rapport = wacht_op(rapport.pk, RapportStatus.GEREED, RapportStatus.MISLUKT)
    assert rapport.status == RapportStatus.GEREED, rapport.foutmelding
    assert rapport.json_bestand
    assert not rapport.csv_bestand

    pdf = client.get(reverse("rapportage:pdf", args=[rapport.sleutel]))
    tekst = _pdf_tekst(b"".join(pdf.streaming_content))
    # Everything, with the BSN in full (only here), and who read the file.
    for verwacht in [
        ouder.bsn,
        ouder.achternaam,
        "Lieke",
        "Yasmina sliep eindelijk",
        "Huisarts gebeld",
        "Truus",
    ]:
        assert verwacht in tekst, verwacht
    assert "sanne.noord" in tekst
    assert "trajectdossier, tab bezoeken" in tekst
    assert "export voor de cliënt aangevraagd (AVG art. 15)" in tekst  # the request itself is logged

    download = client.get(reverse("rapportage:json", args=[rapport.sleutel]))
    assert download["Content-Type"] == "application/json"
    data = json.loads(b"".join(download.streaming_content))
    assert data["ouders"][0]["bsn"] == ouder.bsn
    (t,) = data["trajecten"]
    assert t["nummer"] == traject.nummer
    assert {"aanmelding", "intakes", "indicaties", "huisbezoeken", "signalen", "netwerkleden"} <= t.keys()
    assert t["signalen"][0]["meldcode"][0]["notitie"] == "Signalen besproken met Yasmina."
    assert {i["beschikkingsnummer"] for i in t["indicaties"]} == {"WMO-2026-04711"}
    assert t["correctieverzoeken"][0]["verzoek"] == "Yasmina's telefoonnummer klopt niet."
    assert t["documenten"]  # the reports made, listed
    wie = {(r["gebruikersnaam"], r["omschrijving"]) for r in data["toegangslog"]}
    assert ("sanne.noord", "trajectdossier, tab bezoeken") in wie
    assert ("cm", "inzage-export voor de cliënt aangevraagd (AVG art. 15)") in wie
    # Downloading is logged as an export too.
    assert Toegangslog.objects.filter(
        gebruikersnaam="cm",
        gebeurtenis="exporteren",
        omschrijving__contains="(json)",
        gezin_id=traject.gezin_id,
    ).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("wie", ["coordinator", "toegewezen_medewerker", "andere_casemanager", "rapportage"])
def test_nobody_but_the_casemanager_may_request_the_export(gebruikers, gemeente, aanbieder, wie):
    traject = TrajectFactory(gezin__gemeente=gemeente, aanbieder=aanbieder)
    response = _client(gebruikers[wie]).post(reverse("bewaring:inzage", args=[traject.pk]))
    assert response.status_code in (403, 404)
    assert not Rapport.objects.exists()
    assert Toegangslog.objects.filter(gebruikersnaam=gebruikers[wie].username, uitkomst="geweigerd").exists()


@pytest.mark.django_db
def test_anonymous_gets_the_login_and_nothing_is_made(gemeente, aanbieder):
    traject = TrajectFactory(gezin__gemeente=gemeente, aanbieder=aanbieder)
    response = Client().post(reverse("bewaring:inzage", args=[traject.pk]))
    assert response.status_code == 302
    assert not Rapport.objects.exists()


# --- correction requests -------------------------------------------------------------------------


@pytest.mark.django_db
def test_correction_request_is_recorded_and_decided_with_reason_and_logged(gebruikers, gemeente, aanbieder):
    traject = TrajectFactory(gezin__gemeente=gemeente, aanbieder=aanbieder)
    client = _client(gebruikers["casemanager"])
    vandaag = timezone.localdate()

    response = client.post(
        reverse("bewaring:correctieverzoek_nieuw", args=[traject.pk]),
        {"ontvangen_op": vandaag.isoformat(), "verzoek": "Mijn achternaam is met ij, niet met y."},
    )
    assert response.status_code == 302
    verzoek = Correctieverzoek.objects.get()
    assert (verzoek.besluit, verzoek.vastgelegd_door) == ("open", gebruikers["casemanager"])

    # Refusing without a reason is refused, and changes nothing.
    url = reverse("bewaring:correctieverzoek_beslissen", args=[traject.pk, verzoek.pk])
    response = client.post(url, {"besluit": "afgewezen", "motivering": "  "})
    assert response.status_code == 400
    assert "Geef aan waarom" in response.content.decode()
    verzoek.refresh_from_db()
    assert verzoek.besluit == "open"

    response = client.post(url, {"besluit": "afgewezen", "motivering": "De BRP vermeldt de y."})
    assert response.status_code == 302
    verzoek.refresh_from_db()
    assert (verzoek.besluit, verzoek.beslist_door, verzoek.motivering) == (
        "afgewezen",
        gebruikers["casemanager"],
        "De BRP vermeldt de y.",
    )
    # Decided once: a second decision is refused.
    assert client.post(url, {"besluit": "gehonoreerd"}).status_code == 400
    regels = set(
        Toegangslog.objects.filter(traject_id=traject.pk, uitkomst="toegestaan").values_list(
            "gebeurtenis", "omschrijving"
        )
    )
    assert ("aanmaken", "correctieverzoek vastgelegd (AVG art. 16)") in regels
    assert ("wijzigen", "correctieverzoek afgewezen (AVG art. 16)") in regels
    assert (
        client.get(reverse("bewaring:rechten", args=[traject.pk])).content.decode().count("De BRP vermeldt")
        == 1
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ontvangen_op", "verzoek", "melding"),
    [
        (timedelta(days=1), "Adres klopt niet.", "toekomst"),
        (timedelta(days=0), "   ", "verplicht"),
        (timedelta(days=0), "x" * 2001, "2000"),
    ],
)
def test_a_bad_correction_request_gets_a_dutch_message_and_nothing_is_stored(
    gebruikers, gemeente, aanbieder, ontvangen_op, verzoek, melding
):
    traject = TrajectFactory(gezin__gemeente=gemeente, aanbieder=aanbieder)
    response = _client(gebruikers["casemanager"]).post(
        reverse("bewaring:correctieverzoek_nieuw", args=[traject.pk]),
        {"ontvangen_op": (timezone.localdate() + ontvangen_op).isoformat(), "verzoek": verzoek},
    )
    assert response.status_code == 400
    assert melding in response.content.decode()
    assert not Correctieverzoek.objects.exists()


@pytest.mark.django_db
def test_the_database_refuses_a_refusal_without_reason(gebruikers, gemeente, aanbieder):
    from django.db import IntegrityError, transaction

    traject = TrajectFactory(gezin__gemeente=gemeente, aanbieder=aanbieder)
    with pytest.raises(IntegrityError), transaction.atomic():
        Correctieverzoek.objects.create(
            traject=traject,
            ontvangen_op=timezone.localdate(),
            verzoek="Iets",
            besluit="afgewezen",
            beslist_door=gebruikers["casemanager"],
            beslist_op=timezone.now(),
            vastgelegd_door=gebruikers["casemanager"],
        )


# --- erasure -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_erasure_is_refused_with_a_clear_message_when_an_indication_was_issued(
    gebruikers, gemeente, aanbieder
):
    traject = TrajectFactory(gezin__gemeente=gemeente, aanbieder=aanbieder, status="geannuleerd")
    IndicatieFactory(traject=traject, afgegeven_door=gebruikers["casemanager"])
    client = _client(gebruikers["casemanager"])

    pagina = client.get(reverse("bewaring:wissen", args=[traject.pk])).content.decode()
    assert "Jeugdwet" in pagina
    assert 'name="bevestiging"' not in pagina
    response = client.post(
        reverse("bewaring:wissen", args=[traject.pk]), {"grond": "bezwaar", "bevestiging": traject.nummer}
    )
    assert response.status_code == 400
    assert "Jeugdwet" in response.content.decode()
    assert Traject.objects.filter(pk=traject.pk).exists()
    assert not Wissing.objects.exists()
    geweigerd = Toegangslog.objects.get(traject_id=traject.pk, gebeurtenis="verwijderen")
    assert geweigerd.uitkomst == "geweigerd"
    assert "Jeugdwet" in geweigerd.reden


@pytest.mark.django_db
def test_erasure_of_a_running_referral_is_refused_until_it_is_cancelled(gebruikers, gemeente, aanbieder):
    traject = TrajectFactory(gezin__gemeente=gemeente, aanbieder=aanbieder, status="intake")
    response = _client(gebruikers["casemanager"]).post(
        reverse("bewaring:wissen", args=[traject.pk]), {"grond": "bezwaar", "bevestiging": traject.nummer}
    )
    assert response.status_code == 400
    assert "Annuleer het traject eerst" in response.content.decode()
    assert Traject.objects.filter(pk=traject.pk).exists()


@pytest.mark.django_db
def test_erasure_of_a_declined_referral_destroys_it_and_leaves_a_record_without_personal_data(
    gebruikers, gemeente, aanbieder
):
    traject = _afgewezen(gemeente, aanbieder)
    ouder = traject.gezin.ouders.get()
    nummer, gezin_id = traject.nummer, traject.gezin_id
    client = _client(gebruikers["casemanager"])
    url = reverse("bewaring:wissen", args=[traject.pk])

    # The wrong confirmation erases nothing.
    assert client.post(url, {"grond": "bezwaar", "bevestiging": "BTZ-999999"}).status_code == 400
    assert Traject.objects.filter(pk=traject.pk).exists()

    response = client.post(url, {"grond": "toestemming_ingetrokken", "bevestiging": nummer.lower()})
    assert response.status_code == 302
    assert response["Location"] == reverse("trajecten:lijst")
    assert not Traject.objects.filter(pk=traject.pk).exists()
    assert not Gezin.objects.filter(pk=gezin_id).exists()
    assert not Ouder.objects.filter(pk=ouder.pk).exists()
    wissing = Wissing.objects.get()
    assert (wissing.traject_nummer, wissing.grond, wissing.gewist_door, wissing.gemeente) == (
        nummer,
        "toestemming_ingetrokken",
        gebruikers["casemanager"],
        gemeente,
    )
    assert wissing.gezin_gewist
    regel = Toegangslog.objects.get(traject_id=traject.pk, gebeurtenis="verwijderen")
    assert regel.uitkomst == "toegestaan"
    assert regel.gezin_id == gezin_id
    for tekst in (str(wissing.__dict__), regel.omschrijving, regel.reden):
        assert ouder.achternaam not in tekst
        assert ouder.bsn not in tekst
        assert "Jansen" not in tekst


@pytest.mark.django_db
@pytest.mark.parametrize("wie", ["coordinator", "toegewezen_medewerker", "andere_casemanager", "rapportage"])
def test_nobody_but_the_casemanager_may_erase(gebruikers, gemeente, aanbieder, wie):
    traject = _afgewezen(gemeente, aanbieder)
    response = _client(gebruikers[wie]).post(
        reverse("bewaring:wissen", args=[traject.pk]), {"grond": "bezwaar", "bevestiging": traject.nummer}
    )
    assert response.status_code in (403, 404)
    assert Traject.objects.filter(pk=traject.pk).exists()
    assert not Wissing.objects.exists()


def test_an_erased_family_leaves_the_providers_kept_worklists_at_once(
    gebruikers, gemeente, aanbieder, django_capture_on_commit_callbacks
):
    """The coordinator's worklist cards are kept a minute (werkplek.werklijsten); an erasure by the
    municipality makes the provider's cards stale at the commit, so the name is not shown from memory."""
    from core.cache import organisatie_versie_naam, versies

    traject = _afgewezen(gemeente, aanbieder)
    voor = versies(organisatie_versie_naam(aanbieder.pk))
    client = _client(gebruikers["casemanager"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("bewaring:wissen", args=[traject.pk]),
            {"grond": "toestemming_ingetrokken", "bevestiging": traject.nummer},
        )
    assert response.status_code == 302
    assert versies(organisatie_versie_naam(aanbieder.pk)) == (voor[0] + 1,)
