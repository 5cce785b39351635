"""How long reports take on the demo data (not a test; the figures go to the README and docs/benchmark.md).

Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/bz_bench_rapporten .venv/bin/python scripts/benchmark_rapporten.py
Creates/migrates the database, loads the demo world, then makes each kind of report the way the worker
does (rapportage.maken.rapport_maken: gather data, render HTML, WeasyPrint PDF/A-3b, write the file)
five times and prints the median and the slowest run, with the PDF's page count.
"""

import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("DEMO_MODE", "true")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from accounts.demo import laad_demo_wereld  # noqa: E402
from accounts.models import Organisatie, User  # noqa: E402
from ketenpartners.demo import laad_demo_ketenpartners  # noqa: E402
from rapportage import maken  # noqa: E402
from rapportage.models import Rapport, RapportSoort  # noqa: E402
from trajecten.demo import laad_demo_trajecten  # noqa: E402
from trajecten.models import Traject  # noqa: E402

HERHALINGEN = 5


def meet(naam: str, maak_rapport) -> None:
    tijden, paginas = [], 0
    for _ in range(HERHALINGEN):
        rapport = maak_rapport()
        begin = time.perf_counter()
        uitkomst = maken.rapport_maken(rapport.pk)
        tijden.append(time.perf_counter() - begin)
        rapport.refresh_from_db()
        if uitkomst != "gereed":
            raise SystemExit(f"{naam}: {rapport.foutmelding}")
        paginas = len(PdfReader(io.BytesIO(maken.bestand_lezen(rapport.pdf_bestand))).pages)
        rapport.delete()  # its files go with it
    print(f"| {naam} | {paginas} | {statistics.median(tijden):.2f} s | {max(tijden):.2f} s |")


def main():
    call_command("migrate", verbosity=0)
    vandaag = timezone.localdate()
    laad_demo_wereld()
    laad_demo_trajecten(vandaag)
    laad_demo_ketenpartners(vandaag)
    casemanager = User.objects.get(username="casemanager.groningen")
    rapportage = User.objects.get(username="rapportage.groningen")
    gemeente = Organisatie.objects.get(naam="Gemeente Groningen")
    # The demo trajectory with the most visits: the largest trajectory report.
    traject = (
        Traject.objects.filter(gezin__gemeente=gemeente)
        .annotate(n=Count("huisbezoeken"))
        .order_by("-n")
        .first()
    )
    print(
        f"Demo data: trajectory {traject.nummer} with {traject.n} visits; {Traject.objects.count()} trajectories."
    )
    print("| report | pages | median | slowest |")
    print("| --- | --- | --- | --- |")
    meet(
        "Trajectrapport (full)",
        lambda: Rapport.objects.create(
            soort=RapportSoort.TRAJECT, traject=traject, aangevraagd_door=casemanager
        ),
    )
    meet(
        "Trajectrapport (pseudonymised)",
        lambda: Rapport.objects.create(
            soort=RapportSoort.TRAJECT, traject=traject, aangevraagd_door=rapportage, pseudoniem=True
        ),
    )
    meet(
        "Periodeverantwoording, 12 months (PDF + CSV)",
        lambda: Rapport.objects.create(
            soort=RapportSoort.PERIODE,
            gemeente=gemeente,
            periode_van=vandaag.replace(year=vandaag.year - 1),
            periode_tot=vandaag,
            aangevraagd_door=rapportage,
            pseudoniem=True,
        ),
    )
    meet(
        "Familienetwerkplan",
        lambda: Rapport.objects.create(
            soort=RapportSoort.NETWERKPLAN, traject=traject, aangevraagd_door=casemanager
        ),
    )


if __name__ == "__main__":
    main()
