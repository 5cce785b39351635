"""Report requests end to end with a real Celery worker on the real Redis, WeasyPrint rendering real
PDFs that are read back with pypdf: request, status, download, failure and retry, a killed worker,
the monthly beat job, retention, and who may see which file."""

import io
import os
import signal
import time
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from accounts.constants import Rol
from accounts.demo import laad_demo_wereld
from accounts.models import User
from core.constants import Gebeurtenis, Uitkomst
from core.models import Melding, PriveBestand, Toegangslog
from ketenpartners.demo import laad_demo_ketenpartners
from rapportage import maken, pdf, services, tasks, wachtrij
from rapportage.models import Rapport, RapportSoort, RapportStatus
from tests.conftest import login_with_two_factors
from tests.factories import IndicatieFactory, RapportFactory, TrajectFactory, lid
from tests.rapportage.werker import beatproces, stop, wacht_op, werkerproces
from trajecten import zorg
from trajecten.constants import TrajectStatus
from trajecten.demo import laad_demo_trajecten
from trajecten.models import Ouder, Traject


def pdf_tekst(inhoud: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(inhoud)).pages)


def bestanden_van(rapport: Rapport) -> list[str]:
    _mappen, bestanden = maken.prive_opslag().listdir("rapporten")
    return sorted(naam for naam in bestanden if str(rapport.sleutel) in naam)


@pytest.fixture
def demo(transactional_db):
    laad_demo_wereld()
    laad_demo_trajecten(timezone.localdate())
    laad_demo_ketenpartners(timezone.localdate())


def ingelogd(username: str) -> Client:
    return login_with_two_factors(Client(), User.objects.get(username=username))


def actief_traject(gemeente_naam="Gemeente Groningen") -> Traject:
    """The demo's active trajectory in this municipality with the most delivered hours."""
    trajecten = Traject.objects.filter(status=TrajectStatus.ACTIEF, gezin__gemeente__naam=gemeente_naam)
    return max(trajecten, key=lambda t: sum(w.geleverd for w in zorg.uren_per_week(t)))


# --- the journey the issue names ---------------------------------------------------------------


def test_casemanager_requests_a_trajectory_report_and_downloads_it(demo, celery_werker):
    traject = actief_traject()
    client = ingelogd("casemanager.groningen")

    response = client.post(reverse("rapportage:trajectrapport", args=[traject.pk]))
    rapport = Rapport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("rapportage:detail", args=[rapport.sleutel])
    assert rapport.status in {RapportStatus.WACHTRIJ, RapportStatus.BEZIG, RapportStatus.GEREED}
    assert not rapport.pseudoniem

    rapport = wacht_op(rapport.pk, RapportStatus.GEREED, RapportStatus.MISLUKT)
    assert rapport.status == RapportStatus.GEREED, rapport.foutmelding
    assert rapport.voortgang == 100
    assert rapport.pogingen == 1
    assert rapport.verloopt_op - rapport.gereed_op == timedelta(days=settings.RAPPORT_BEWAARTERMIJN_DAGEN)

    status = client.get(reverse("rapportage:detail", args=[rapport.sleutel]), headers={"HX-Request": "true"})
    assert "hx-trigger" not in status.content.decode()  # polling stops once ready
    assert reverse("rapportage:pdf", args=[rapport.sleutel]) in status.content.decode()

    download = client.get(reverse("rapportage:pdf", args=[rapport.sleutel]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "no-store" in download["Cache-Control"]
    inhoud = b"".join(download.streaming_content)
    metadata = PdfReader(io.BytesIO(inhoud)).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3" pdfaid:conformance="B"' in metadata  # PDF/A-3b, in the XMP metadata
    root = PdfReader(io.BytesIO(inhoud)).trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]  # tagged: a screen reader can read it
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    tekst = pdf_tekst(inhoud)
    assert traject.nummer in tekst
    moeder = traject.gezin.ouders.first()
    assert moeder.achternaam in tekst  # full for the casemanager
    plan = zorg.actueel_plan(traject)
    for doel in plan.doelen.all():
        assert doel.get_thema_display() in tekst
    geleverd = sum(w.geleverd for w in zorg.uren_per_week(traject))
    assert f"{geleverd:.1f}".replace(".", ",") in tekst

    gelogd = Toegangslog.objects.filter(gebeurtenis=Gebeurtenis.EXPORTEREN, object_id=str(rapport.pk))
    assert gelogd.count() == 1
    assert gelogd.get().gezin_id == traject.gezin_id
    assert Melding.objects.filter(
        gebruiker__username="casemanager.groningen", url__contains=str(rapport.sleutel)
    )


def test_gemeente_rapportage_downloads_a_period_report_without_personal_data(demo, celery_werker):
    client = ingelogd("rapportage.groningen")
    vandaag = timezone.localdate()
    gemeente = User.objects.get(username="rapportage.groningen").lidmaatschap.organisatie
    response = client.post(
        reverse("rapportage:periode"),
        {
            "gemeente": gemeente.pk,
            "van": (vandaag - timedelta(days=365)).isoformat(),
            "tot": vandaag.isoformat(),
        },
    )
    assert response.status_code == 302
    rapport = wacht_op(Rapport.objects.get().pk, RapportStatus.GEREED, RapportStatus.MISLUKT)
    assert rapport.status == RapportStatus.GEREED, rapport.foutmelding
    assert rapport.csv_bestand

    pdf_inhoud = b"".join(client.get(reverse("rapportage:pdf", args=[rapport.sleutel])).streaming_content)
    csv_inhoud = b"".join(client.get(reverse("rapportage:csv", args=[rapport.sleutel])).streaming_content)
    teksten = (pdf_tekst(pdf_inhoud), csv_inhoud.decode("utf-8-sig"))
    assert "Groningen" in teksten[0]
    ouders = list(Ouder.objects.all())
    assert ouders
    for tekst in teksten:
        for ouder in ouders:
            assert ouder.achternaam not in tekst
            assert ouder.bsn not in tekst
            assert ouder.bsn[-3:] + " " not in tekst  # not even a masked BSN
    # Every download is in the access log, with who and what.
    assert (
        Toegangslog.objects.filter(
            gebeurtenis=Gebeurtenis.EXPORTEREN, gebruikersnaam="rapportage.groningen"
        ).count()
        == 2
    )


def test_a_worker_killed_mid_render_is_taken_up_again_soon_after_it_returns_and_ends_with_one_file(
    demo, tmp_path
):
    # Production: a heartbeat every 10 s, dead after 60 s without one, the watchdog every 30 s: a killed
    # worker's report is taken up again within 2 minutes. The same machinery, scaled to seconds here.
    bewaken = settings.CELERY_BEAT_SCHEDULE["rapporten-bewaken"]["schedule"]
    assert maken.vastgelopen_na() + bewaken <= timedelta(minutes=2)
    snel = {
        "RAPPORT_HARTSLAG_SECONDEN": "1",
        "RAPPORT_VASTGELOPEN_NA_SECONDEN": "3",
        "RAPPORT_BEWAKEN_SECONDEN": "1",
    }
    traject = actief_traject()
    casemanager = User.objects.get(username="casemanager.groningen")
    rapport = Rapport.objects.create(
        soort=RapportSoort.TRAJECT, traject=traject, aangevraagd_door=casemanager
    )

    werker = werkerproces(**snel)
    try:
        tasks.rapport_maken.delay(rapport.pk)
        wacht_op(rapport.pk, RapportStatus.BEZIG, RapportStatus.GEREED, timeout=60, interval=0.01)
        os.killpg(werker.pid, signal.SIGKILL)  # the whole worker, mid-render: no ack, no cleanup
        werker.wait(timeout=10)
    finally:
        if werker.poll() is None:
            os.killpg(werker.pid, signal.SIGKILL)
    rapport.refresh_from_db()
    assert rapport.status == RapportStatus.BEZIG, "the render finished before the kill; make it heavier"
    assert bestanden_van(rapport) == []  # nothing half-written under the final name

    # The worker comes back (with beat): once the heartbeat is stale the report is queued again.
    terug = time.monotonic()
    werker, beat = werkerproces(**snel), beatproces(tmp_path, **snel)
    try:
        rapport = wacht_op(rapport.pk, RapportStatus.GEREED, RapportStatus.MISLUKT, timeout=90)
        duur = time.monotonic() - terug
    finally:
        stop(beat)
        stop(werker)
    assert rapport.status == RapportStatus.GEREED, rapport.foutmelding
    assert duur < 30, f"taken up again only after {duur:.0f} s"
    assert rapport.pogingen == 2
    assert bestanden_van(rapport) == [f"{rapport.sleutel}.pdf"]
    assert traject.nummer in pdf_tekst(maken.bestand_lezen(rapport.pdf_bestand))
    # Running it once more (a redelivered message) changes nothing.
    assert maken.rapport_maken(rapport.pk) == "overgeslagen"
    assert bestanden_van(rapport) == [f"{rapport.sleutel}.pdf"]


def test_the_monthly_beat_job_makes_one_period_report_per_municipality(demo, celery_werker):
    from accounts.constants import OrganisatieSoort
    from accounts.models import Organisatie

    gemeenten = set(Organisatie.objects.filter(soort=OrganisatieSoort.GEMEENTE).values_list("pk", flat=True))
    assert len(gemeenten) == 3

    tasks.maandrapporten_maken.delay().get(timeout=60)
    tasks.maandrapporten_maken.delay().get(timeout=60)  # a second beat (or a retry) adds nothing

    rapporten = list(Rapport.objects.filter(soort=RapportSoort.PERIODE, aangevraagd_door__isnull=True))
    assert sorted(r.gemeente_id for r in rapporten) == sorted(gemeenten)
    van, tot = services.vorige_maand(timezone.localdate())
    assert {(r.periode_van, r.periode_tot) for r in rapporten} == {(van, tot)}
    for rapport in rapporten:
        rapport = wacht_op(rapport.pk, RapportStatus.GEREED, RapportStatus.MISLUKT)
        assert rapport.status == RapportStatus.GEREED, rapport.foutmelding
        assert rapport.csv_bestand
    # The municipality's analysts are told, and see it in their list; another municipality's do not.
    client = ingelogd("rapportage.groningen")
    lijst = client.get(reverse("rapportage:lijst")).content.decode()
    groningen = next(r for r in rapporten if r.gemeente.naam == "Gemeente Groningen")
    assen = next(r for r in rapporten if r.gemeente.naam == "Gemeente Assen")
    assert str(groningen.sleutel) in lijst
    assert str(assen.sleutel) not in lijst
    assert client.get(reverse("rapportage:pdf", args=[assen.sleutel])).status_code == 404
    assert Melding.objects.filter(
        gebruiker__username="rapportage.groningen", url__contains=str(groningen.sleutel)
    )


# --- failures, retries, retention ---------------------------------------------------------------


def test_a_report_the_requester_may_no_longer_read_fails_with_a_reason_and_a_retry_succeeds(
    transactional_db, celery_werker, gebruikers
):
    casemanager = gebruikers["casemanager"]
    traject = TrajectFactory(intake=True, gezin__gemeente=casemanager.organisatie)
    rapport = Rapport.objects.create(
        soort=RapportSoort.TRAJECT, traject=traject, aangevraagd_door=casemanager
    )
    # The family moves before the worker gets to it: the casemanager of the old municipality loses access.
    gezin = traject.gezin
    gezin.gemeente = gebruikers["andere_casemanager"].organisatie
    gezin.save()
    tasks.rapport_maken.delay(rapport.pk)
    rapport = wacht_op(rapport.pk, RapportStatus.GEREED, RapportStatus.MISLUKT)
    assert rapport.status == RapportStatus.MISLUKT
    assert "geen toegang" in rapport.foutmelding
    assert not rapport.pdf_bestand
    assert bestanden_van(rapport) == []

    # She sees neither the report nor its reason any more (it is no longer hers to read).
    client = login_with_two_factors(Client(), casemanager)
    assert client.get(reverse("rapportage:detail", args=[rapport.sleutel])).status_code == 404

    # The family is back: the retry makes the report, in the same row and under the same name.
    gezin.gemeente = casemanager.organisatie
    gezin.save()
    pagina = client.get(reverse("rapportage:detail", args=[rapport.sleutel])).content.decode()
    assert "Opnieuw proberen" in pagina
    assert "geen toegang" in pagina
    assert client.post(reverse("rapportage:opnieuw", args=[rapport.sleutel])).status_code == 302
    rapport = wacht_op(rapport.pk, RapportStatus.GEREED, RapportStatus.MISLUKT)
    assert rapport.status == RapportStatus.GEREED, rapport.foutmelding
    assert bestanden_van(rapport) == [f"{rapport.sleutel}.pdf"]
    assert Rapport.objects.count() == 1


def test_only_a_failed_report_can_be_retried(db, gebruikers):
    rapport = RapportFactory(aangevraagd_door=gebruikers["casemanager"])
    client = login_with_two_factors(Client(), gebruikers["casemanager"])
    rapport.traject.gezin.gemeente = gebruikers["casemanager"].organisatie
    rapport.traject.gezin.save()
    response = client.post(reverse("rapportage:opnieuw", args=[rapport.sleutel]), follow=True)
    assert "Alleen een mislukt rapport" in response.content.decode()
    rapport.refresh_from_db()
    assert rapport.status == RapportStatus.WACHTRIJ
    assert rapport.pogingen == 0


def test_files_are_removed_after_the_retention_period(db, gebruikers, django_capture_on_commit_callbacks):
    oud = RapportFactory(periode=True, gemeente=gebruikers["casemanager"].organisatie, aangevraagd_door=None)
    nieuw = RapportFactory(
        periode=True,
        gemeente=gebruikers["casemanager"].organisatie,
        periode_van=date(2026, 1, 1),
        periode_tot=date(2026, 1, 31),
    )
    for rapport, verloopt in (
        (oud, timezone.now() - timedelta(minutes=1)),
        (nieuw, timezone.now() + timedelta(days=1)),
    ):
        rapport.pdf_bestand = f"rapporten/{rapport.sleutel}.pdf"
        maken.bestand_opslaan(rapport.pdf_bestand, b"%PDF")
        rapport.status, rapport.gereed_op, rapport.verloopt_op = (
            RapportStatus.GEREED,
            timezone.now(),
            verloopt,
        )
        rapport.save()
    mislukt_oud = RapportFactory(aangevraagd_door=gebruikers["casemanager"], status=RapportStatus.MISLUKT)
    Rapport.objects.filter(pk=mislukt_oud.pk).update(aangemaakt_op=timezone.now() - timedelta(days=31))

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.verlopen_rapporten_verwijderen() == 2
    assert list(Rapport.objects.values_list("pk", flat=True)) == [nieuw.pk]
    assert bestanden_van(oud) == []
    assert bestanden_van(nieuw) == [f"{nieuw.sleutel}.pdf"]


def test_the_nightly_job_sweeps_leftovers_and_a_deleted_row_takes_its_files(
    db, gebruikers, django_capture_on_commit_callbacks
):
    opslag = maken.prive_opslag()
    wees = "rapporten/00000000-0000-0000-0000-000000000000.pdf"  # a file without a report row
    vers = "rapporten/22222222-2222-2222-2222-222222222222.pdf"  # just saved
    for naam in (wees, vers):
        maken.bestand_opslaan(naam, b"%PDF")
    PriveBestand.objects.filter(naam=wees).update(gewijzigd_op=timezone.now() - timedelta(hours=2))
    maken.verlopen_rapporten_verwijderen()
    assert not opslag.exists(wees)
    assert opslag.exists(vers)
    opslag.delete(vers)

    # A trajectory's report goes by cascade with its trajectory; its file goes with it.
    rapport = RapportFactory(aangevraagd_door=gebruikers["casemanager"])
    pdf_naam, _csv = maken.bestandsnamen(rapport)
    maken.bestand_opslaan(pdf_naam, b"%PDF")
    rapport.delete()
    assert bestanden_van(rapport) == []


def test_a_handover_pdf_is_not_made_or_handed_out_after_consent_is_withdrawn(db, gebruikers):
    from ketenpartners.models import Overdracht, Toestemming
    from tests.ketenpartners import matrix as ketenpartners_matrix

    traject = TrajectFactory(
        intake=True,
        gezin__gemeente=gebruikers["casemanager"].organisatie,
        aanbieder=gebruikers["coordinator"].organisatie,
    )
    ketenpartners_matrix.samples(gebruikers, traject)
    overdracht = Overdracht.objects.get()
    coordinator = gebruikers["coordinator"]
    klaar = Rapport.objects.create(
        soort=RapportSoort.OVERDRACHT, traject=traject, overdracht=overdracht, aangevraagd_door=coordinator
    )
    wachtend = Rapport.objects.create(
        soort=RapportSoort.OVERDRACHT, traject=traject, overdracht=overdracht, aangevraagd_door=coordinator
    )
    assert maken.rapport_maken(klaar.pk) == "gereed"
    client = login_with_two_factors(Client(), coordinator)
    assert client.get(reverse("rapportage:pdf", args=[klaar.sleutel])).status_code == 200

    Toestemming.objects.update(ingetrokken_op=timezone.now(), ingetrokken_door=coordinator)
    assert client.get(reverse("rapportage:pdf", args=[klaar.sleutel])).status_code == 404
    assert maken.rapport_maken(wachtend.pk) == "mislukt"
    wachtend.refresh_from_db()
    assert "toestemming" in wachtend.foutmelding
    assert bestanden_van(wachtend) == []


def test_an_expired_file_is_not_served_before_the_nightly_job_removes_it(db, gebruikers):
    rapport = RapportFactory(
        aangevraagd_door=gebruikers["casemanager"],
        traject__gezin__gemeente=gebruikers["casemanager"].organisatie,
    )
    pdf_naam, _csv = maken.bestandsnamen(rapport)
    maken.bestand_opslaan(pdf_naam, b"%PDF")
    Rapport.objects.filter(pk=rapport.pk).update(
        status=RapportStatus.GEREED,
        pdf_bestand=pdf_naam,
        gereed_op=timezone.now(),
        verloopt_op=timezone.now(),
    )
    client = login_with_two_factors(Client(), gebruikers["casemanager"])
    assert client.get(reverse("rapportage:pdf", args=[rapport.sleutel])).status_code == 404


def test_a_pdf_gets_its_stylesheet_with_the_production_static_storage(settings):
    # Production hashes static names (manifest storage); the report's stylesheet must still load:
    # the page footer "Pagina 1 van 1" exists only through its @page rules.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    from django.template.loader import render_to_string

    html = render_to_string("rapportage/pdf/basis.html", {"gegenereerd_op": None})
    assert "Pagina 1 van 1" in pdf_tekst(pdf.html_naar_pdf(html))


# --- bad input and other people's reports --------------------------------------------------------


@pytest.mark.parametrize(
    ("van", "tot", "veld", "melding"),
    [
        ("2026-10-31", "2026-10-01", "tot", "vóór"),
        ("2023-01-01", "2026-10-31", "tot", "hoogstens"),
        ("2099-01-01", "2099-01-31", "van", "toekomst"),
        ("2026-13-01", "2026-10-31", "van", "geldige datum"),
    ],
)
def test_a_bad_period_is_refused_in_dutch_and_nothing_is_queued(db, gebruikers, van, tot, veld, melding):
    client = login_with_two_factors(Client(), gebruikers["rapportage"])
    response = client.post(
        reverse("rapportage:periode"),
        {"gemeente": gebruikers["rapportage"].organisatie.pk, "van": van, "tot": tot},
    )
    assert response.status_code == 400
    assert melding in str(response.context["form"].errors[veld])
    assert Rapport.objects.count() == 0


def test_a_period_report_for_another_municipality_is_refused(db, gebruikers):
    client = login_with_two_factors(Client(), gebruikers["rapportage"])
    andere = gebruikers["andere_casemanager"].organisatie
    response = client.post(
        reverse("rapportage:periode"), {"gemeente": andere.pk, "van": "2026-10-01", "tot": "2026-10-31"}
    )
    assert response.status_code == 400
    assert "eigen gemeente" in str(response.context["form"].errors["gemeente"])
    assert Rapport.objects.count() == 0
    # The form offers only her own municipality.
    formulier = client.get(reverse("rapportage:periode")).content.decode()
    assert andere.naam not in formulier
    assert gebruikers["rapportage"].organisatie.naam in formulier


def test_someone_elses_report_is_not_found_and_the_attempt_is_logged(db, gebruikers):
    rapport = RapportFactory(
        aangevraagd_door=gebruikers["casemanager"],
        traject__gezin__gemeente=gebruikers["casemanager"].organisatie,
    )
    rapport.pdf_bestand = f"rapporten/{rapport.sleutel}.pdf"
    maken.bestand_opslaan(rapport.pdf_bestand, b"%PDF-1.7 geheim")
    rapport.status, rapport.gereed_op, rapport.verloopt_op = (
        RapportStatus.GEREED,
        timezone.now(),
        timezone.now(),
    )
    rapport.save()
    collega = lid(Rol.CASEMANAGER, gebruikers["casemanager"].organisatie, username="cm.collega")
    client = login_with_two_factors(Client(), collega)
    for naam in ("rapportage:detail", "rapportage:pdf"):
        response = client.get(reverse(naam, args=[rapport.sleutel]))
        assert response.status_code == 404
        assert b"geheim" not in response.content
    geweigerd = Toegangslog.objects.filter(gebruikersnaam="cm.collega", uitkomst=Uitkomst.GEWEIGERD)
    assert geweigerd.count() == 2
    assert {r.gezin_id for r in geweigerd} == {rapport.traject.gezin_id}
    # The file has no public URL: guessing its path gets nothing.
    for pad in (
        f"/media/rapporten/{rapport.sleutel}.pdf",
        f"/private-media/rapporten/{rapport.sleutel}.pdf",
        f"/static/rapporten/{rapport.sleutel}.pdf",
    ):
        assert client.get(pad).status_code == 404
    assert client.get(f"/rapporten/{rapport.pk}/pdf/").status_code == 404  # ids are not keys


def test_gemeente_rapportage_gets_a_pseudonymised_trajectory_report_only_for_her_municipality(db, gebruikers):
    rapportage = gebruikers["rapportage"]
    eigen = TrajectFactory(intake=True, gezin__gemeente=rapportage.organisatie)
    ander = TrajectFactory(intake=True, gezin__gemeente=gebruikers["andere_casemanager"].organisatie)
    for traject in (eigen, ander):  # something to report (issue 12: none before an indication)
        IndicatieFactory(traject=traject)
    client = login_with_two_factors(Client(), rapportage)
    lijst = client.get(reverse("rapportage:trajecten")).content.decode()
    assert eigen.nummer in lijst
    assert ander.nummer not in lijst
    assert eigen.gezin.ouders.get().achternaam not in lijst  # by number only

    assert client.post(reverse("rapportage:trajectrapport", args=[eigen.pk])).status_code == 302
    assert Rapport.objects.get().pseudoniem is True
    assert client.post(reverse("rapportage:trajectrapport", args=[ander.pk])).status_code == 404
    assert Rapport.objects.count() == 1


def test_a_handover_pdf_needs_the_clients_consent(db, gebruikers):
    from ketenpartners.models import Overdracht, Toestemming
    from tests.ketenpartners import matrix as ketenpartners_matrix

    traject = TrajectFactory(
        intake=True,
        gezin__gemeente=gebruikers["casemanager"].organisatie,
        aanbieder=gebruikers["coordinator"].organisatie,
    )
    ketenpartners_matrix.samples(gebruikers, traject)
    overdracht = Overdracht.objects.get()
    client = login_with_two_factors(Client(), gebruikers["coordinator"])
    url = reverse("rapportage:overdracht_pdf", args=[traject.pk, overdracht.pk])
    assert client.post(url).status_code == 302
    assert Rapport.objects.filter(soort=RapportSoort.OVERDRACHT).count() == 1

    Toestemming.objects.update(ingetrokken_op=timezone.now(), ingetrokken_door=gebruikers["coordinator"])
    response = client.post(url, follow=True)
    assert "toestemming" in response.content.decode()
    assert Rapport.objects.filter(soort=RapportSoort.OVERDRACHT).count() == 1
    assert Toegangslog.objects.filter(
        uitkomst=Uitkomst.GEWEIGERD, gebeurtenis=Gebeurtenis.EXPORTEREN
    ).exists()


# --- the PDF pipeline ------------------------------------------------------------------------------


def test_the_url_fetcher_serves_only_our_own_static_files():
    stijl, mime = pdf.static_bestand(pdf.STATIC_PREFIX + "css/rapport.css")
    assert b"@page" in stijl
    assert mime == "text/css"
    for url in (
        "https://example.org/tracker.png",
        "http://127.0.0.1:8000/admin/",
        "file:///etc/passwd",
        "data:text/plain,hoi",
        pdf.STATIC_PREFIX + "../config/settings/base.py",
        pdf.STATIC_PREFIX + "bestaat-niet.css",
    ):
        with pytest.raises(pdf.NietToegestaneUrl):
            pdf.static_bestand(url)


def test_user_text_cannot_make_the_renderer_fetch_anything(tmp_path):
    geheim = tmp_path / "geheim.txt"
    geheim.write_text("GEHEIM-123")
    html = (
        "<html><body><h1>Verslag</h1>"
        f'<img src="file://{geheim}"><img src="https://example.org/x.png">'
        f'<link rel="stylesheet" href="file://{geheim}"><iframe src="file://{geheim}"></iframe>'
        "</body></html>"
    )
    tekst = pdf_tekst(pdf.html_naar_pdf(html))
    assert "Verslag" in tekst
    assert "GEHEIM" not in tekst


# --- the status page's polling ----------------------------------------------------------------------


def test_polling_keeps_no_session_alive_and_stops(db, gebruikers):
    from core.middleware import IdleTimeoutMiddleware

    casemanager = gebruikers["casemanager"]
    rapport = RapportFactory(aangevraagd_door=casemanager, traject__gezin__gemeente=casemanager.organisatie)
    Rapport.objects.filter(pk=rapport.pk).update(ingepland_op=timezone.now())  # sent, waiting its turn
    client = login_with_two_factors(Client(), casemanager)
    url = reverse("rapportage:detail", args=[rapport.sleutel])
    sessie = client.session
    eerder = timezone.now().timestamp() - 600
    sessie[IdleTimeoutMiddleware.session_key] = eerder
    sessie.save()

    fragment = client.get(url, headers={"HX-Request": "true", "HX-Trigger": "rapport-status"})
    assert 'hx-trigger="every 2s"' in fragment.content.decode()
    assert client.session[IdleTimeoutMiddleware.session_key] == eerder  # a poll is not activity
    client.get(url)
    assert client.session[IdleTimeoutMiddleware.session_key] > eerder  # opening the page is

    # After a quarter of an hour without result the page stops polling and says so.
    Rapport.objects.filter(pk=rapport.pk).update(aangemaakt_op=timezone.now() - timedelta(minutes=16))
    fragment = client.get(
        url, headers={"HX-Request": "true", "HX-Trigger": "rapport-status"}
    ).content.decode()
    assert "hx-trigger" not in fragment
    assert "duurt langer dan verwacht" in fragment

    # Access ended while polling: htmx is told to stop (286), not fed error pages every two seconds.
    gezin = rapport.traject.gezin
    gezin.gemeente = gebruikers["andere_casemanager"].organisatie
    gezin.save()
    assert client.get(url, headers={"HX-Request": "true"}).status_code == 286


def test_the_watchdog_picks_the_outbox_and_reports_that_lost_their_worker_or_their_message(db, gebruikers):
    nu = timezone.now()
    hartslag_gestopt = nu - maken.vastgelopen_na() - timedelta(seconds=1)
    bericht_verloren = nu - maken.bericht_verloren_na() - timedelta(seconds=1)
    assert maken.vastgelopen_na() <= timedelta(seconds=90)  # no longer tied to the time limit

    def rapport(**velden):
        r = RapportFactory(aangevraagd_door=gebruikers["casemanager"])
        Rapport.objects.filter(pk=r.pk).update(**velden)
        return r.pk

    dode_worker = rapport(status=RapportStatus.BEZIG, hartslag_op=hartslag_gestopt)
    verloren_bericht = rapport(status=RapportStatus.WACHTRIJ, ingepland_op=bericht_verloren)
    nooit_verstuurd = rapport(status=RapportStatus.WACHTRIJ, ingepland_op=None)  # the outbox, however new
    rapport(status=RapportStatus.BEZIG, hartslag_op=nu)  # still rendering
    wacht_op_beurt = rapport(status=RapportStatus.WACHTRIJ, ingepland_op=hartslag_gestopt)  # a busy queue
    rapport(status=RapportStatus.MISLUKT, hartslag_op=bericht_verloren)  # the user decides on a retry
    assert sorted(wachtrij.vastgelopen_rapporten()) == sorted(
        [dode_worker, verloren_bericht, nooit_verstuurd]
    )
    # A worker that (re)connects sends every waiting report: the broker may have restarted empty.
    assert sorted(wachtrij.vastgelopen_rapporten(alle_wachtende=True)) == sorted(
        [dode_worker, verloren_bericht, nooit_verstuurd, wacht_op_beurt]
    )
