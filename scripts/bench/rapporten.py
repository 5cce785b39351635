"""Reports at national scale, made the way the Celery worker makes them: rapportage.maken.rapport_maken
(claim, gather data, render HTML, WeasyPrint PDF/A-3b, write the files). Gemeente Groningen has ~2,000
trajectories at scale 1. Also times the data part alone (periode_cijfers, trajectrapport_context), so
the PDF layout's share is visible. Median and slowest of ``HERHALINGEN`` runs."""

import io
import statistics
import time
from datetime import timedelta

HERHALINGEN = 3


def _meet(naam, maak, herhalingen=HERHALINGEN):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tijden, queries = [], 0
    for _ in range(herhalingen):
        with CaptureQueriesContext(connection) as ctx:
            begin = time.perf_counter()
            extra = maak()
            tijden.append(time.perf_counter() - begin)
        queries = len(ctx)
    print(
        f"| {naam} | {extra or ''} | {statistics.median(tijden):.2f} s | {max(tijden):.2f} s | {queries} |",
        flush=True,
    )


def draai(args) -> None:
    from django.db.models import Count
    from django.utils import timezone
    from pypdf import PdfReader

    from accounts.models import Organisatie, User
    from rapportage import maken
    from rapportage.models import Rapport, RapportSoort
    from trajecten.models import Traject

    vandaag = timezone.localdate()
    gemeente = Organisatie.objects.get(naam="Gemeente Groningen")
    casemanager = User.objects.get(username="casemanager.groningen")
    rapportage = User.objects.get(username="rapportage.groningen")
    aantal = Traject.objects.filter(gezin__gemeente=gemeente).count()
    traject = (
        Traject.objects.filter(gezin__gemeente=gemeente, status="actief")
        .annotate(n=Count("huisbezoeken"))
        .order_by("-n")
        .first()
    )
    print(
        f"Gemeente Groningen: {aantal:,} trajectories; trajectory report of {traject.nummer} ({traject.n} visits)\n"
    )
    print("| report (worker: rapport_maken) | pages | median | slowest | queries |")
    print("| --- | --- | ---: | ---: | ---: |")

    def worker(**velden):
        def maak():
            rapport = Rapport.objects.create(**velden)
            if maken.rapport_maken(rapport.pk) != "gereed":
                rapport.refresh_from_db()
                raise SystemExit(f"report failed: {rapport.foutmelding}")
            rapport.refresh_from_db()
            paginas = len(PdfReader(io.BytesIO(maken.bestand_lezen(rapport.pdf_bestand))).pages)
            maken.bestanden_verwijderen(rapport)
            return f"{paginas}"

        return maak

    _meet("Trajectrapport (full, casemanager)",
          worker(soort=RapportSoort.TRAJECT, traject=traject, aangevraagd_door=casemanager))  # fmt: skip
    _meet("Trajectrapport (pseudonymised, gemeente-rapportage)",
          worker(soort=RapportSoort.TRAJECT, traject=traject, aangevraagd_door=rapportage, pseudoniem=True))  # fmt: skip
    for maanden in (12, 24):
        van = vandaag - timedelta(days=round(maanden * 365.25 / 12))
        _meet(f"Periodeverantwoording Groningen, {maanden} months (PDF + CSV)",
              worker(soort=RapportSoort.PERIODE, gemeente=gemeente, periode_van=van, periode_tot=vandaag,
                     aangevraagd_door=rapportage, pseudoniem=True),
              herhalingen=2)  # fmt: skip
    print("\n| report data only | | median | slowest | queries |\n| --- | --- | ---: | ---: | ---: |")
    try:
        from rapportage.periode import periode_cijfers

        for maanden in (12, 24):
            van = vandaag - timedelta(days=round(maanden * 365.25 / 12))
            _meet(f"periode_cijfers Groningen, {maanden} months",
                  lambda van=van: periode_cijfers(gemeente=gemeente, van=van, tot=vandaag) and None)  # fmt: skip
    except ImportError as fout:
        print(f"(periode_cijfers not timed: {fout})")
    try:
        from rapportage.trajectrapport import trajectrapport_context

        _meet("trajectrapport_context", lambda: trajectrapport_context(traject, pseudoniem=False) and None)
    except ImportError as fout:
        print(f"(trajectrapport_context not timed: {fout})")
