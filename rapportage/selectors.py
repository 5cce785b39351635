from django.db.models import Q, QuerySet

from accounts.constants import Rol
from core import policy
from indicaties.models import Indicatie
from trajecten.models import Traject

from . import rules as rapport_rules
from .models import Rapport, RapportSoort


def rapporten_van(user) -> QuerySet:
    """The reports a user may open: her own requests, and for gemeente-rapportage the monthly
    period reports of her municipality."""
    lidmaatschap = policy.lidmaatschap_van(user)
    if lidmaatschap is None or not policy.may(user, policy.RAPPORTEN_LIJST):
        return Rapport.objects.none()
    eigen = Q(aangevraagd_door=user)
    if lidmaatschap.rol == Rol.GEMEENTE_RAPPORTAGE:
        eigen |= Q(
            aangevraagd_door__isnull=True, soort=RapportSoort.PERIODE, gemeente_id=lidmaatschap.organisatie_id
        )
    return (
        Rapport.objects.filter(eigen)
        .select_related("traject", "gemeente", "regio", "aanbieder")
        .order_by("-aangemaakt_op", "-id")
    )


def rapport_met_sleutel(sleutel) -> Rapport | None:
    """One report by its key, unscoped: the caller asks the policy (RAPPORT_BEKIJKEN) who may read it."""
    return (
        Rapport.objects.select_related(
            "traject__gezin", "gemeente", "regio", "aanbieder", "overdracht__ketenpartner"
        )
        .filter(sleutel=sleutel)
        .first()
    )


def traject_voor_rapport(user, pk: int) -> Traject | None:
    """A trajectory the user may report on: visible to her, or known by number to gemeente-rapportage."""
    basis = Traject.objects.select_related("gezin")
    return (
        policy.zichtbaar(user, basis).filter(pk=pk).first()
        or rapport_rules.pseudoniem_zichtbare_trajecten(user, basis).filter(pk=pk).first()
    )


def pseudoniem_trajecten(user) -> QuerySet:
    """The municipality's trajectories by number only, for gemeente-rapportage's report requests."""
    return (
        rapport_rules.pseudoniem_zichtbare_trajecten(user, Traject.objects.all())
        .only("pk", "status", "gestart_op", "aangemaakt_op")
        .order_by("-aangemaakt_op", "-pk")  # newest first, along the index (gemeente, newest)
    )


def heeft_indicatie_invullen(trajecten: list[Traject]) -> list[Traject]:
    """``heeft_indicatie`` for the rows of one page, in one query for those rows. (As an EXISTS column of
    the list, PostgreSQL hashed every indication of the country to answer it for 25 rows.)"""
    met = set(
        Indicatie.objects.filter(traject_id__in=[t.pk for t in trajecten]).values_list(
            "traject_id", flat=True
        )
    )
    for traject in trajecten:
        traject.heeft_indicatie = traject.pk in met
    return trajecten
