"""Reads, scoped to the user through the policy. Lists keep a fixed number of queries."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from core import policy
from indicaties.constants import AanvraagStatus
from indicaties.models import Indicatie, IndicatieAanvraag

from .constants import LOPEND, TrajectStatus
from .models import Ouder, Toewijzing, Traject


def traject_lijst(*, fetched_by) -> QuerySet:
    vandaag = timezone.localdate()
    eerste = Toewijzing.objects.filter(
        traject=OuterRef("pk"), eerste_aanspreekpunt=True, van__lte=vandaag
    ).exclude(tot__lt=vandaag)
    return (
        policy.zichtbaar(fetched_by, Traject.objects.all())
        .select_related("gezin__gemeente", "aanbieder", "aanmelding")
        .prefetch_related(Prefetch("gezin__ouders", queryset=Ouder.objects.order_by("id")), "gezin__babys")
        .annotate(heeft_eerste_aanspreekpunt=Exists(eerste))
        .order_by("-aangemaakt_op")
    )


def traject_detail(*, fetched_by, pk: int) -> Traject | None:
    return (
        policy.zichtbaar(fetched_by, Traject.objects.all())
        .select_related(
            "gezin__gemeente",
            "aanbieder",
            "aanmelding__verwijzer_organisatie",
            "regie_casemanager",
            "regie_organisatie",
            "afsluiting",
        )
        .prefetch_related(
            "gezin__ouders",
            "gezin__babys",
            "intakes__factoren",
            "overgangen__door",
            Prefetch(
                "toewijzingen", queryset=Toewijzing.objects.select_related("medewerker__medewerkerprofiel")
            ),
            Prefetch(
                "indicaties", queryset=Indicatie.objects.select_related("afgegeven_door").order_by("van")
            ),
            Prefetch(
                "indicatieaanvragen",
                queryset=IndicatieAanvraag.objects.select_related("aangevraagd_door", "beslist_door"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def werklijst_coordinator(*, fetched_by) -> dict:
    lijst = traject_lijst(fetched_by=fetched_by)
    return {
        "te_trieren": lijst.filter(status=TrajectStatus.AANGEMELD)[:20],
        "in_intake": lijst.filter(status=TrajectStatus.INTAKE)[:20],
        "wacht_op_indicatie": lijst.filter(
            status=TrajectStatus.INDICATIE_AANGEVRAAGD, indicatieaanvragen__status=AanvraagStatus.OPEN
        )[:20],
        "wacht_op_medewerkers": lijst.filter(
            status=TrajectStatus.INDICATIE_AANGEVRAAGD, indicaties__isnull=False
        )
        .distinct()
        .filter(heeft_eerste_aanspreekpunt=False)[:20],
        "klaar_om_te_starten": lijst.filter(
            status=TrajectStatus.INDICATIE_AANGEVRAAGD,
            indicaties__isnull=False,
            heeft_eerste_aanspreekpunt=True,
        ).distinct()[:20],
    }


def werklijst_casemanager(*, fetched_by) -> dict:
    aanvragen = (
        IndicatieAanvraag.objects.filter(
            status=AanvraagStatus.OPEN, traject__in=policy.zichtbaar(fetched_by, Traject.objects.all())
        )
        .select_related("traject__gezin", "traject__aanbieder")
        .prefetch_related("traject__gezin__ouders")
        .order_by("aangevraagd_op")
    )
    return {
        "te_beslissen": aanvragen[:20],
        "eigen_trajecten": traject_lijst(fetched_by=fetched_by).filter(
            regie_casemanager=fetched_by, status__in=LOPEND
        )[:20],
    }


def open_signalen(*, fetched_by) -> QuerySet:
    from .constants import SignaalStatus
    from .models import Signaal

    return (
        Signaal.objects.filter(traject__in=policy.zichtbaar(fetched_by, Traject.objects.all()))
        .exclude(status=SignaalStatus.AFGEROND)
        .select_related("traject")
        .order_by("-gemeld_op")
    )


def mijn_gezinnen(*, fetched_by) -> QuerySet:
    return traject_lijst(fetched_by=fetched_by).filter(status__in=LOPEND)
