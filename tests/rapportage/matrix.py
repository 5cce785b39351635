"""Rows for tests/core/test_permission_matrix.py (MATRIX format), with their samples: a trajectory
report of the casemanager and a monthly period report of her municipality, both ready with a file.
POST-only views answer 405 to a GET from whoever may use them, 403/404 to the rest."""

from django.utils import timezone

from rapportage import maken
from rapportage.models import Rapport, RapportSoort, RapportStatus


def _gereed(rapport: Rapport, csv: bool = False) -> Rapport:
    rapport.pdf_bestand = f"rapporten/{rapport.sleutel}.pdf"
    maken.bestand_opslaan(rapport.pdf_bestand, b"%PDF-1.7 matrix")
    if csv:
        rapport.csv_bestand = f"rapporten/{rapport.sleutel}.csv"
        maken.bestand_opslaan(rapport.csv_bestand, b"sectie;onderdeel;waarde\n")
    rapport.status = RapportStatus.GEREED
    rapport.gereed_op = timezone.now()
    rapport.verloopt_op = timezone.now() + timezone.timedelta(days=30)
    rapport.save()
    return rapport


def samples(gebruikers, traject) -> dict:
    vandaag = timezone.localdate()
    return {
        "rapport": _gereed(
            Rapport.objects.create(
                soort=RapportSoort.TRAJECT, traject=traject, aangevraagd_door=gebruikers["casemanager"]
            )
        ),
        "maandrapport": _gereed(
            Rapport.objects.create(
                soort=RapportSoort.PERIODE,
                gemeente=gebruikers["casemanager"].organisatie,
                periode_van=vandaag.replace(day=1),
                periode_tot=vandaag,
                pseudoniem=True,
            ),
            csv=True,
        ),
    }


def rows(status, op_traject) -> dict:
    traject = lambda s: {"pk": s["traject"].pk}  # noqa: E731
    rapport = lambda s: {"sleutel": s["rapport"].sleutel}  # noqa: E731
    maandrapport = lambda s: {"sleutel": s["maandrapport"].sleutel}  # noqa: E731
    alleen_rapportage = status(302, 302, ingelogd=403, rapportage=200)
    return {
        # The global beheerder lists her programme evaluations (issue 13).
        "rapportage:lijst": (None, status(302, 302, ingelogd=200, beheerder=403)),
        # Programme evaluation (issue 13): gemeente-rapportage, a coordinator (her own provider) and the
        # national beheerder; the scope she may ask for is checked on the POST (test_evaluatie).
        "rapportage:evaluatie": (
            None,
            status(
                302,
                302,
                ingelogd=403,
                rapportage=200,
                coordinator=200,
                andere_coordinator=200,
                globale_beheerder=200,
            ),
        ),
        "rapportage:periode": (None, alleen_rapportage),
        "rapportage:trajecten": (None, alleen_rapportage),
        # Someone else's report is answered as if it did not exist.
        "rapportage:detail": (rapport, status(302, 302, ingelogd=404, casemanager=200)),
        "rapportage:pdf": (rapport, status(302, 302, ingelogd=404, casemanager=200)),
        "rapportage:csv": (maandrapport, status(302, 302, ingelogd=404, rapportage=200)),
        "rapportage:opnieuw": (rapport, status(302, 302, ingelogd=404, casemanager=405)),
        "rapportage:trajectrapport": (traject, op_traject(casemanager=405, coordinator=405, rapportage=405)),
        "rapportage:netwerkplan_pdf": (
            traject,
            op_traject(casemanager=405, coordinator=405, toegewezen_medewerker=405),
        ),
        "rapportage:overdracht_pdf": (
            lambda s: {"pk": s["traject"].pk, "overdracht_pk": s["overdracht"].pk},
            op_traject(casemanager=405, coordinator=405),
        ),
    }
