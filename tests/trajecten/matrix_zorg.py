"""Permission-matrix rows for the family-network plan and evaluations (merged into
tests/core/test_permission_matrix.py). GET only: managing the network is for the provider's
coordinator and the assigned medewerker; printing also for the casemanager; evaluations for the
coordinator and casemanager. Everyone else does not see the family (404) or is sent to the login."""

from django.utils import timezone

from trajecten.models import Evaluatie, NetwerkLid


def samples(gebruikers, traject) -> dict:
    return {
        "netwerklid": NetwerkLid.objects.create(
            traject=traject, naam="Oma Ria", relatie="familie", steun=["slaap_waakritme"], wanneer=["middag"]
        ),
        "evaluatie": Evaluatie.objects.create(traject=traject, gepland_op=timezone.localdate()),
    }


def rows(status, op_traject) -> dict:
    traject = lambda s: {"pk": s["traject"].pk}  # noqa: E731
    lid = lambda s: {"pk": s["traject"].pk, "lid_pk": s["netwerklid"].pk}  # noqa: E731
    evaluatie = lambda s: {"pk": s["traject"].pk, "evaluatie_pk": s["evaluatie"].pk}  # noqa: E731
    beheren = op_traject(coordinator=200, toegewezen_medewerker=200)
    evalueren = op_traject(casemanager=200, coordinator=200)
    return {
        "trajecten:netwerk_lid_nieuw": (traject, beheren),
        "trajecten:netwerk_lid_wijzigen": (lid, beheren),
        "trajecten:netwerk_lid_verwijderen": (lid, beheren),
        "trajecten:netwerk_afspraak": (traject, beheren),
        "trajecten:netwerk_afdrukken": (
            traject,
            op_traject(casemanager=200, coordinator=200, toegewezen_medewerker=200),
        ),
        "trajecten:evaluatie_plannen": (traject, evalueren),
        "trajecten:evaluatie_nieuw": (traject, evalueren),
        "trajecten:evaluatie_vastleggen": (evaluatie, evalueren),
    }
