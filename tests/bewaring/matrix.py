"""Rows for tests/core/test_permission_matrix.py (MATRIX format): the client's rights pages of the
sample trajectory, for the casemanager of the family's municipality only; and the JSON download of her
inspection export. POST-only views answer 405 to a GET from whoever may use them."""

from django.utils import timezone

from bewaring.models import Correctieverzoek
from rapportage import maken
from rapportage.models import Rapport, RapportSoort, RapportStatus


def samples(gebruikers, traject) -> dict:
    casemanager = gebruikers["casemanager"]
    inzage = Rapport.objects.create(soort=RapportSoort.INZAGE, traject=traject, aangevraagd_door=casemanager)
    inzage.pdf_bestand, inzage.json_bestand = f"rapporten/{inzage.sleutel}.pdf", maken.json_naam(inzage)
    maken.bestand_opslaan(inzage.pdf_bestand, b"%PDF-1.7 matrix")
    maken.bestand_opslaan(inzage.json_bestand, b"{}")
    inzage.status = RapportStatus.GEREED
    inzage.gereed_op = timezone.now()
    inzage.verloopt_op = timezone.now() + timezone.timedelta(days=30)
    inzage.save()
    return {
        "inzage": inzage,
        "correctieverzoek": Correctieverzoek.objects.create(
            traject=traject,
            ontvangen_op=timezone.localdate(),
            verzoek="Geboortedatum van de baby klopt niet.",
            vastgelegd_door=casemanager,
        ),
    }


def rows(status, op_traject) -> dict:
    traject = lambda s: {"pk": s["traject"].pk}  # noqa: E731
    alleen_casemanager = op_traject(casemanager=200)
    return {
        "bewaring:rechten": (traject, alleen_casemanager),
        "bewaring:inzage": (traject, op_traject(casemanager=405)),
        "bewaring:correctieverzoek_nieuw": (traject, alleen_casemanager),
        "bewaring:correctieverzoek_beslissen": (
            lambda s: {"pk": s["traject"].pk, "verzoek_pk": s["correctieverzoek"].pk},
            alleen_casemanager,
        ),
        # The sample trajectory has an indication: the page explains that erasure is not possible.
        "bewaring:wissen": (traject, alleen_casemanager),
        # Someone else's export is answered as if it did not exist.
        "rapportage:json": (
            lambda s: {"sleutel": s["inzage"].sleutel},
            status(302, 302, ingelogd=404, casemanager=200),
        ),
    }
