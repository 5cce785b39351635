"""Report files in the database (core.opslag): written in the transaction that marks the report ready,
so an attempt that lost its claim (its worker was taken over) leaves no file, and a file that cannot be
stored fails the report with a clear reason instead of leaving it half made."""

import uuid

import pytest
from django.db import DataError

from core.models import PriveBestand
from rapportage import maken
from rapportage.models import Rapport, RapportStatus
from tests.factories import RapportFactory


@pytest.fixture
def rapport(db, gebruikers):
    return RapportFactory(
        aangevraagd_door=gebruikers["casemanager"],
        traject__gezin__gemeente=gebruikers["casemanager"].organisatie,
    )


def test_a_report_and_its_file_are_stored_together(rapport, monkeypatch):
    monkeypatch.setattr(maken, "_inhoud", lambda r, voortgang: (b"%PDF-1.7 klaar", None))
    assert maken.rapport_maken(rapport.pk) == "gereed"
    rapport.refresh_from_db()
    assert rapport.status == RapportStatus.GEREED
    assert maken.bestand_lezen(rapport.pdf_bestand) == b"%PDF-1.7 klaar"
    assert list(PriveBestand.objects.values_list("naam", flat=True)) == [rapport.pdf_bestand]


def test_an_attempt_that_lost_its_claim_keeps_no_file(rapport, monkeypatch):
    def overgenomen(r, voortgang):
        # Meanwhile the watchdog gave the report to another worker (a new attempt key).
        Rapport.objects.filter(pk=r.pk).update(poging_sleutel=uuid.uuid4())
        return b"%PDF-1.7 te laat", None

    monkeypatch.setattr(maken, "_inhoud", overgenomen)
    assert maken.rapport_maken(rapport.pk) == "overgeslagen"
    rapport.refresh_from_db()
    assert rapport.status == RapportStatus.BEZIG  # still the other attempt's
    assert not PriveBestand.objects.exists()


def test_a_file_the_database_refuses_fails_the_report_with_a_reason(rapport, monkeypatch):
    monkeypatch.setattr(maken, "_inhoud", lambda r, voortgang: (b"%PDF-1.7", None))

    def weigeren(naam, inhoud):
        raise DataError("value too large")

    monkeypatch.setattr(maken, "bestand_opslaan", weigeren)
    assert maken.rapport_maken(rapport.pk) == "mislukt"
    rapport.refresh_from_db()
    assert rapport.status == RapportStatus.MISLUKT
    assert rapport.foutmelding == "Het rapportbestand kon niet worden opgeslagen. Probeer het later opnieuw."
    assert not PriveBestand.objects.exists()
