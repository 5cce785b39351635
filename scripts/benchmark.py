"""Benchmark: the main pages on a large generated dataset (not a test; figures go to docs/benchmark.md).

Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/bz_bench .venv/bin/python scripts/benchmark.py [trajecten]
Creates the database content (families, trajectories, indications, assignments, visits, access-log
rows) with bulk inserts, then times each page with Django's test client (median of 5 requests, warm).
"""

import os
import statistics
import sys
import time as klok
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from guardian.shortcuts import assign_perm  # noqa: E402

from accounts.demo import laad_demo_wereld  # noqa: E402
from accounts.models import Organisatie, User  # noqa: E402
from core.models import Toegangslog  # noqa: E402
from indicaties.models import Indicatie  # noqa: E402
from trajecten.models import Aanmelding, Baby, Gezin, Huisbezoek, Ouder, Toewijzing, Traject  # noqa: E402

AANTAL = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
BEZOEKERS = 20
BEZOEKEN = 100_000


def genereer():
    vandaag = timezone.localdate()
    laad_demo_wereld()
    gemeenten = list(Organisatie.objects.filter(soort="gemeente"))
    aanbieders = list(Organisatie.objects.filter(soort="zorgaanbieder"))
    coordinator = User.objects.get(username="coordinator.noord")
    casemanager = User.objects.get(username="casemanager.groningen")
    sanne = User.objects.get(username="sanne")
    gezinnen = Gezin.objects.bulk_create(
        Gezin(
            gemeente=gemeenten[i % 3],
            straat="Teststraat",
            huisnummer=str(i),
            postcode="9711 AB",
            woonplaats="X",
        )
        for i in range(AANTAL)
    )
    Ouder.objects.bulk_create(
        Ouder(
            gezin=g,
            voornaam="Moeder",
            achternaam=f"Test{i}",
            geboortedatum=vandaag - timedelta(days=9000),
            bsn="111222333",
        )
        for i, g in enumerate(gezinnen)
    )
    Baby.objects.bulk_create(Baby(gezin=g, geboortedatum=vandaag - timedelta(days=30)) for g in gezinnen)
    statussen = ["aangemeld", "intake", "indicatie_aangevraagd", "afgesloten", "afgewezen"]
    trajecten = Traject.objects.bulk_create(
        Traject(gezin=g, aanbieder=aanbieders[i % 2], status=statussen[i % 5]) for i, g in enumerate(gezinnen)
    )
    Aanmelding.objects.bulk_create(
        Aanmelding(traject=t, verwijzer_soort="jgz", verwijzer_naam="JGZ", hulpvraag="x", toestemming_client=True,
                   ontvangen_op=vandaag, ingediend_door=coordinator)
        for t in trajecten
    )  # fmt: skip
    Indicatie.objects.bulk_create(
        Indicatie(traject=t, beschikkingsnummer=f"B{t.pk}", product="regulier", van=vandaag - timedelta(days=60),
                  tot=vandaag + timedelta(days=60), oorspronkelijk_tot=vandaag + timedelta(days=60),
                  uren_per_week=Decimal(12), uurtarief=Decimal(58), budget=Decimal(12000), afgegeven_door=casemanager)
        for t in trajecten
    )  # fmt: skip
    # Sanne serves 20 families, each with 60 visits.
    eigen = [t for t in trajecten if t.aanbieder_id == coordinator.lidmaatschap.organisatie_id][:20]
    Traject.objects.filter(pk__in=[t.pk for t in eigen]).update(
        status="actief", regie_casemanager=casemanager
    )
    for t in eigen:
        Toewijzing.objects.create(traject=t, medewerker=sanne, van=vandaag - timedelta(days=60),
                                  eerste_aanspreekpunt=True, toegewezen_door=coordinator)  # fmt: skip
        assign_perm("trajecten.view_traject", sanne, t)
    nu = timezone.now()
    Huisbezoek.objects.bulk_create(
        Huisbezoek(traject=t, medewerker=sanne, start=nu - timedelta(days=d, hours=3), eind=nu - timedelta(days=d, hours=1),
                   dienst="dag", verslag="x")
        for j, t in enumerate(eigen)
        for d in range(j * 60 + 1, j * 60 + 61)
    )  # fmt: skip
    _jaar_aan_bezoeken(trajecten, coordinator, casemanager, vandaag)
    Toegangslog.objects.bulk_create(
        Toegangslog(gebeurtenis="lezen", gebruiker=coordinator, gebruikersnaam="coordinator.noord", rol="coordinator",
                    organisatie_id=coordinator.lidmaatschap.organisatie_id, gezin_id=g.pk, traject_id=g.pk)
        for g in gezinnen for _ in range(10)
    )  # fmt: skip
    return eigen[0]


def _jaar_aan_bezoeken(trajecten, coordinator, casemanager, vandaag):
    """A year of visits for the dashboards and the period report: BEZOEKERS extra medewerkers of
    Kraamzorg Noord, each with hourly visits at distinct times, spread over families of all three
    municipalities (the no-overlap constraint holds per medewerker)."""
    from accounts.models import Lidmaatschap

    noord = coordinator.lidmaatschap.organisatie
    medewerkers = User.objects.bulk_create(
        User(username=f"bench.mw{i}", first_name="Bench", last_name=f"MW{i}") for i in range(BEZOEKERS)
    )
    Lidmaatschap.objects.bulk_create(
        Lidmaatschap(user=u, organisatie=noord, rol="medewerker") for u in medewerkers
    )
    eigen = [t for t in trajecten if t.aanbieder_id == noord.pk and t.status != "afgewezen"][:2000]
    Traject.objects.filter(pk__in=[t.pk for t in eigen], status="intake").update(
        status="actief", regie_casemanager=casemanager
    )
    # In UTC: wall-clock arithmetic in Europe/Amsterdam would fold visits onto one instant at the DST change.
    begin = timezone.make_aware(datetime.combine(vandaag - timedelta(days=365), time(7))).astimezone(UTC)
    per_medewerker = BEZOEKEN // BEZOEKERS
    for m, medewerker in enumerate(medewerkers):
        Huisbezoek.objects.bulk_create(
            (
                Huisbezoek(traject=eigen[(m * per_medewerker + k) % len(eigen)], medewerker=medewerker,
                           start=begin + timedelta(hours=k * 1.5), eind=begin + timedelta(hours=k * 1.5 + 1),
                           dienst="dag", verslag="x")
                for k in range(per_medewerker)
            ),
            batch_size=5000,
        )  # fmt: skip


def client_voor(username):
    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = user.totpdevice_set.get().persistent_id
    session.save()
    return client


def meet(client, url):
    client.get(url)  # warm
    tijden = []
    for _ in range(5):
        with CaptureQueriesContext(connection) as ctx:
            start = klok.perf_counter()
            response = client.get(url)
            tijden.append((klok.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: status {response.status_code}")
    return statistics.median(tijden), len(ctx)


def main():
    call_command("migrate", verbosity=0)
    if not Traject.objects.exists():
        start = klok.perf_counter()
        voorbeeld = genereer()
        print(f"generated {AANTAL} trajectories in {klok.perf_counter() - start:.0f} s")
    else:
        voorbeeld = Traject.objects.filter(status="actief").first()
    print(f"rows: trajecten={Traject.objects.count()} huisbezoeken={Huisbezoek.objects.count()} "
          f"toegangslog={Toegangslog.objects.count()}")  # fmt: skip
    pagina = [
        ("coordinator", "coordinator.noord", "/"),
        ("coordinator", "coordinator.noord", "/trajecten/"),
        ("coordinator", "coordinator.noord", "/trajecten/?status=intake&achternaam=Test1"),
        ("coordinator", "coordinator.noord", f"/trajecten/{voorbeeld.pk}/?tab=bezoeken"),
        ("casemanager", "casemanager.groningen", "/"),
        ("medewerker", "sanne", "/"),
        ("beheerder", "beheer.noord", f"/beheer/toegangslog/?gezin_id={voorbeeld.gezin_id}"),
        ("gemeente-rapportage", "rapportage.groningen", "/"),
        ("gemeente-rapportage", "rapportage.groningen", "/rapporten/trajecten/"),
    ]
    print("| rol | pagina | mediaan (ms) | queries |\n| --- | --- | ---: | ---: |")
    for rol, username, url in pagina:
        ms, queries = meet(client_voor(username), url)
        print(f"| {rol} | `{url}` | {ms:.0f} | {queries} |")
    rapporten()


def rapporten():
    """The report data at this scale (the PDF rendering itself does not depend on the data size)."""
    from rapportage.periode import periode_cijfers
    from rapportage.trajectrapport import trajectrapport_context

    vandaag = timezone.localdate()
    groningen = Organisatie.objects.get(naam="Gemeente Groningen")
    metingen = {
        "periodeverantwoording Groningen, 12 maanden (periode_cijfers)": lambda: periode_cijfers(
            gemeente=groningen, van=vandaag - timedelta(days=365), tot=vandaag
        ),
        "trajectrapport van een traject met bezoeken (trajectrapport_context)": lambda: (
            trajectrapport_context(
                Traject.objects.filter(huisbezoeken__isnull=False).order_by("-pk").first(), pseudoniem=False
            )
        ),
    }
    print("\n| rapportgegevens | mediaan (ms) | queries |\n| --- | ---: | ---: |")
    for naam, maak in metingen.items():
        maak()
        tijden = []
        for _ in range(3):
            with CaptureQueriesContext(connection) as ctx:
                start = klok.perf_counter()
                maak()
                tijden.append((klok.perf_counter() - start) * 1000)
        print(f"| {naam} | {statistics.median(tijden):.0f} | {len(ctx)} |")


if __name__ == "__main__":
    main()
