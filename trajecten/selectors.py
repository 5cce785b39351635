"""Reads, scoped to the user through the policy. Lists keep a fixed number of queries."""

from datetime import timedelta

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Concat
from django.utils import timezone

from core import policy
from indicaties.constants import AanvraagStatus
from indicaties.models import Indicatie, IndicatieAanvraag

from . import rules as traject_rules
from .constants import LOPEND, TrajectStatus
from .models import Baby, Ouder, Toewijzing, Traject


def met_ouder_naam(queryset: QuerySet, gezin: str = "gezin_id") -> QuerySet:
    """The first parent's name as a column of a list (``ouder_naam``): part of the list's one query."""
    ouder = Ouder.objects.filter(gezin_id=OuterRef(gezin)).order_by("id")
    return queryset.annotate(
        ouder_naam=Subquery(
            ouder.annotate(
                naam=Concat("voornaam", Value(" "), "achternaam", output_field=CharField())
            ).values("naam")[:1]
        )
    )


def met_gezinsnamen(queryset: QuerySet, gezin: str = "gezin_id") -> QuerySet:
    """``ouder_naam`` and the first baby's birth or due date (``baby_geboren``, ``baby_verwacht``)."""
    baby = Baby.objects.filter(gezin_id=OuterRef(gezin)).order_by("id")
    return met_ouder_naam(queryset, gezin).annotate(
        baby_geboren=Subquery(baby.values("geboortedatum")[:1]),
        baby_verwacht=Subquery(baby.values("uitgerekende_datum")[:1]),
    )


def met_indicatie_afgegeven(queryset: QuerySet) -> QuerySet:
    """``indicatie_afgegeven`` for ``Traject.status_weergave``: asked only of a trajectory waiting for
    its indication (CASE evaluates the EXISTS for those rows only)."""
    return queryset.annotate(
        indicatie_afgegeven=Case(
            When(
                status=TrajectStatus.INDICATIE_AANGEVRAAGD,
                then=Exists(Indicatie.objects.filter(traject=OuterRef("pk")))
                & ~Exists(
                    IndicatieAanvraag.objects.filter(traject=OuterRef("pk"), status=AanvraagStatus.OPEN)
                ),
            ),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def traject_lijst(*, fetched_by) -> QuerySet:
    """The trajectory list; its page gets ``indicatie_afgegeven`` from ``indicatie_afgegeven_invullen``."""
    return met_gezinsnamen(
        policy.zichtbaar(fetched_by, Traject.objects.all())
        .select_related("gezin__gemeente", "aanbieder", "aanmelding")
        .order_by("-aangemaakt_op")
    )


def indicatie_afgegeven_invullen(trajecten: list[Traject]) -> list[Traject]:
    """``indicatie_afgegeven`` for the rows of one page: asked in one query for the rows that wait for
    their indication only. (As a column of the list, PostgreSQL hashed every indication of the country
    to answer it for 25 rows.)"""
    wachtend = [t.pk for t in trajecten if t.status == TrajectStatus.INDICATIE_AANGEVRAAGD]
    afgegeven = (
        set(met_indicatie_afgegeven(Traject.objects.filter(pk__in=wachtend)).filter(indicatie_afgegeven=True)
            .values_list("pk", flat=True))
        if wachtend
        else set()
    )  # fmt: skip
    for traject in trajecten:
        traject.indicatie_afgegeven = traject.pk in afgegeven
    return trajecten


def werklijst_trajecten(*, fetched_by, related=("gezin__gemeente", "aanmelding")) -> QuerySet:
    """The rows of a worklist card: only what the card shows (name, number, municipality, urgency). Leaner
    than ``traject_lijst`` on purpose: a home page builds several of these, and each annotation costs
    compiling on every request."""
    rijen = policy.zichtbaar(fetched_by, Traject.objects.all()).order_by("-aangemaakt_op")
    # (select_related() without names would follow every foreign key)
    return met_ouder_naam(rijen.select_related(*related) if related else rijen)


# What a page about one trajectory reads with it, beyond its family, municipality and provider: by default
# everything any page shows (referral, regie, closure); the file's tabs ask only for their own, since each
# joined table costs compiling on every request (about 1 ms for these five).
ALLE_RELATIES = (
    "aanmelding__verwijzer_organisatie",
    "aanmelding__doorverwezen_naar__organisatie",  # issue 13
    "regie_casemanager",
    "regie_organisatie",
    "afsluiting",
)
TAB_RELATIES = {
    "gezin": ("aanmelding__verwijzer_organisatie", "aanmelding__doorverwezen_naar__organisatie"),
    "team": ("regie_casemanager", "regie_organisatie"),
    "bezoeken": ("afsluiting",),  # the hours table of a closed trajectory ends with its closure
    "geschiedenis": ("afsluiting",),
}


def traject_detail(*, fetched_by, pk: int, relaties=ALLE_RELATIES) -> Traject | None:
    """One trajectory in the user's scope, with what every page about it shows in its header (family,
    municipality, provider, status) and the ``relaties`` the page shows (ALLE_RELATIES, or a tab's
    TAB_RELATIES). What a tab lists is loaded by ``traject_tab_gegevens`` for that tab only."""
    traject = (
        policy.zichtbaar(fetched_by, Traject.objects.all())
        # Whether there is anything for a trajectory report yet (rapportage.services.trajectrapport_bezwaar).
        .annotate(heeft_indicatie=Exists(Indicatie.objects.filter(traject=OuterRef("pk"))))
        .select_related("gezin__gemeente", "aanbieder", *relaties)
        .filter(pk=pk)
        # No ORDER BY for one row: with one, compiling hashes every selected column to match it (~1 ms).
        .order_by()[:1]
    )
    traject = next(iter(traject), None)
    if traject is not None:
        policy.binnen_scope_gevonden(fetched_by, traject)
        # Asked only of a trajectory waiting for its indication (one query, in that state alone): as a
        # column of every header it cost compiling a CASE with two subqueries on every page.
        indicatie_afgegeven_invullen([traject])
    return traject


def _indicaties():
    return Prefetch("indicaties", queryset=Indicatie.objects.select_related("afgegeven_door").order_by("van"))


# The related rows each tab of the trajectory page shows; one query per relation, none for other tabs.
TAB_GEGEVENS = {
    "gezin": lambda: ["gezin__babys", _indicaties()],
    "intake": lambda: ["intakes__factoren"],
    "indicaties": lambda: [
        _indicaties(),
        Prefetch(
            "indicatieaanvragen",
            queryset=IndicatieAanvraag.objects.select_related("aangevraagd_door", "beslist_door"),
        ),
        "intakes",
        "gezin__babys",
    ],
    "team": lambda: [
        Prefetch("toewijzingen", queryset=Toewijzing.objects.select_related("medewerker__medewerkerprofiel"))
    ],
    "bezoeken": lambda: [_indicaties()],
    "evaluaties": lambda: [_indicaties()],
    "geschiedenis": lambda: ["overgangen__door"],
}


def traject_tab_gegevens(traject: Traject, tab: str) -> Traject:
    prefetch_related_objects([traject], *TAB_GEGEVENS.get(tab, list)())
    return traject


# The coordinator's worklists, in order: a trajectory appears on the first list whose condition it meets.
WERKLIJSTEN_COORDINATOR = [
    "te_trieren",
    "in_intake",
    "wacht_op_indicatie",
    "wacht_op_medewerkers",
    "klaar_om_te_starten",
    "start_later",
]
PER_WERKLIJST = 20
# The newest trajectories before their start read for the lists (a provider has a few dozen at a time).
# A window per list would bound it exactly but costs more to compile than the rows cost to read.
WERKLIJST_MAX_RIJEN = 300


def werklijst_coordinator(*, fetched_by) -> dict:
    """All the coordinator's worklists in one query: each row is given its list; every list keeps its
    newest PER_WERKLIJST."""
    ind = TrajectStatus.INDICATIE_AANGEVRAAGD
    vandaag = timezone.localdate()
    eerste = Toewijzing.objects.filter(
        traject=OuterRef("pk"), eerste_aanspreekpunt=True, van__lte=vandaag
    ).exclude(tot__lt=vandaag)
    rijen = (
        werklijst_trajecten(fetched_by=fetched_by)
        .filter(status__in=[TrajectStatus.AANGEMELD, TrajectStatus.INTAKE, ind])
        # Aliases, not columns: they live only inside the CASE below, which asks each row no more of them
        # than it needs to place it.
        .alias(
            heeft_eerste_aanspreekpunt=Exists(eerste),
            # Scoped like the list: PostgreSQL may hash this subquery, and then reads all it matches.
            open_aanvraag=Exists(
                traject_rules.zichtbaar_via_traject(
                    fetched_by,
                    IndicatieAanvraag.objects.filter(traject=OuterRef("pk"), status=AanvraagStatus.OPEN),
                )
            ),
            heeft_indicatie=Exists(Indicatie.objects.filter(traject=OuterRef("pk"))),
            indicatie_vandaag=Exists(
                Indicatie.objects.filter(traject=OuterRef("pk"), van__lte=vandaag, tot__gte=vandaag)
            ),
        )
        .annotate(
            # An indication granted from a later day: the trajectory can start only then (issue 12).
            indicatie_vanaf=Subquery(
                Indicatie.objects.filter(traject=OuterRef("pk"), van__gt=vandaag)
                .order_by("van")
                .values("van")[:1]
            ),
        )
        .annotate(
            werklijst=Case(
                When(status=TrajectStatus.AANGEMELD, then=Value("te_trieren")),
                When(status=TrajectStatus.INTAKE, then=Value("in_intake")),
                When(open_aanvraag=True, then=Value("wacht_op_indicatie")),
                When(
                    heeft_indicatie=True, heeft_eerste_aanspreekpunt=False, then=Value("wacht_op_medewerkers")
                ),
                When(indicatie_vandaag=True, then=Value("klaar_om_te_starten")),
                When(indicatie_vanaf__isnull=False, then=Value("start_later")),
                default=None,
            )
        )
        .order_by("-aangemaakt_op", "-pk")[:WERKLIJST_MAX_RIJEN]
    )
    lijsten = {naam: [] for naam in WERKLIJSTEN_COORDINATOR}
    for traject in rijen:
        # (no list: e.g. a declined request, nothing to do until the coordinator asks again)
        if traject.werklijst is not None and len(lijst := lijsten[traject.werklijst]) < PER_WERKLIJST:
            lijst.append(traject)
    return lijsten


def werklijst_casemanager(*, fetched_by) -> dict:
    aanvragen = met_ouder_naam(
        traject_rules.zichtbaar_via_traject(
            fetched_by, IndicatieAanvraag.objects.filter(status=AanvraagStatus.OPEN)
        )
        .select_related("traject__aanbieder")
        .order_by("aangevraagd_op"),
        gezin="traject__gezin_id",
    )
    return {
        "te_beslissen": aanvragen[:20],
        "eigen_trajecten": werklijst_trajecten(fetched_by=fetched_by).filter(
            regie_casemanager=fetched_by, status__in=LOPEND
        )[:20],
        # Proposed for closure by the provider: only the municipality's casemanager closes (issue 12).
        "af_te_sluiten": werklijst_trajecten(fetched_by=fetched_by, related=["aanbieder"]).filter(
            status=TrajectStatus.AFSLUITEN
        )[:20],
    }


def aflopende_indicaties(*, fetched_by, dagen: int = 14) -> QuerySet:
    """Indications of running trajectories that end within ``dagen`` days with no next version: the
    coordinator asks the municipality in time for an extension, or prepares the closure."""
    vandaag = timezone.localdate()
    return (
        traject_rules.zichtbaar_via_traject(
            fetched_by,
            Indicatie.objects.filter(
                ~Exists(Indicatie.objects.filter(vorige=OuterRef("pk"))),  # a probe per row, not a join
                traject__status__in=[TrajectStatus.ACTIEF, TrajectStatus.AFSLUITEN],
                beeindigd_op__isnull=True,
                tot__gte=vandaag,
                tot__lte=vandaag + timedelta(days=dagen),
            ),
        )
        .select_related("traject")
        .order_by("tot", "id")
    )


def open_signalen(*, fetched_by) -> QuerySet:
    from .constants import SignaalStatus
    from .models import Signaal

    return (
        traject_rules.zichtbaar_via_traject(fetched_by, Signaal.objects.all())
        .exclude(status=SignaalStatus.AFGEROND)
        .select_related("traject")
        .order_by("-gemeld_op")
    )


def mijn_gezinnen(*, fetched_by) -> QuerySet:
    """The medewerker's running families (her home shows their name, hours and goals)."""
    return werklijst_trajecten(fetched_by=fetched_by, related=()).filter(status__in=LOPEND)
