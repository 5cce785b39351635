"""The figures and charts on the role home pages (DESIGN.md section 5).

Every figure is scoped through the policy (``policy.zichtbaar``, ``rules.pseudoniem_zichtbare_trajecten``)
and counted by PostgreSQL with a fixed number of aggregate queries, whatever the number of trajectories,
visits or staff. The counting rules are those of the period report (``rapportage.periode``): a visit counts
on the local day it starts, superseded visits (``vervangen``) never count, a closure is
``Afsluiting.afgesloten_op``, and cost is hours × the tariff of the indication in force that day.

- coordinator: hours worked this ISO week per medewerker against her contract hours, trajectories by
  state, hours delivered this month and per week.
- casemanager: per running trajectory of her municipality, hours delivered against hours indicated so far.
- gemeente-rapportage: month by month over the last twelve months, without a single name or number of a
  trajectory: counts and sums only.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DateField,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Greatest, Least, TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.constants import Rol
from accounts.models import User
from core import policy
from core.cache import organisatie_versie_naam, uit_cache, versie
from indicaties.models import Indicatie
from trajecten.constants import TrajectStatus
from trajecten.filters import ZORG_LOOPT, ZORG_LOOPT_STATUSSEN
from trajecten.models import Huisbezoek, Ouder, Traject
from trajecten.zorg import AMSTERDAM

from . import grafieken
from . import kleine_aantallen as ka
from . import rules as rapport_rules
from .bouwstenen import DagenTussen, LokaleDag, Uren, kosten_som, met_tarief
from .grafieken import Grafiek, Reeks, nl_getal

NUL = Decimal(0)
MAX_TRAJECTEN = 15
MAX_MEDEWERKERS = 30
WEKEN = 8
MAANDEN = 12
LOPEND_ACTIEF = ZORG_LOOPT_STATUSSEN


@dataclass
class Kerncijfer:
    label: str
    waarde: str  # formatted (Dutch)
    toelichting: str = ""


@dataclass
class Dashboard:
    inleiding: str = ""
    kerncijfers: list[Kerncijfer] = field(default_factory=list)
    grafieken: list[Grafiek] = field(default_factory=list)
    # A sentence under the charts, e.g. that only the first 15 trajectories are drawn, and where the rest are.
    opmerking: str = ""
    opmerking_url: str = ""
    opmerking_link: str = ""
    bijgewerkt_op: datetime | None = None  # when the figures were computed (they are cached for minutes)


# --- small helpers ------------------------------------------------------------------------------


def _begin(dag: date) -> datetime:
    """Local midnight at the start of ``dag``, so a timestamp bound can use the index on ``start``."""
    return datetime.combine(dag, time.min, tzinfo=AMSTERDAM)


def _maandag(dag: date) -> date:
    return dag - timedelta(days=dag.weekday())


def _uren(duur: timedelta | Decimal | None) -> Decimal:
    if duur is None:
        return NUL
    if isinstance(duur, timedelta):
        duur = Decimal(duur.total_seconds()) / 3600
    return Decimal(duur).quantize(Decimal("0.01"))


def _zichtbare_trajecten(user):
    return policy.zichtbaar(user, Traject.objects.all())


def _maandlabels(grafiek: Grafiek, maanden: list[date]) -> Grafiek:
    """Short month names on the axis, the full month and year in the text alternative."""
    for rij, maand in zip(grafiek.rijen, maanden, strict=False):
        rij[0] = date_format(maand, "F Y")
    return grafiek


# --- coordinator --------------------------------------------------------------------------------


def medewerker_belasting(*, fetched_by, op: date | None = None) -> list[dict]:
    """Per medewerker of the coordinator's provider: hours of visits in the last seven days (``op`` and the
    six days before, by local start day) against her contract hours per week. A rolling week rather than
    the ISO week, so the chart is not empty every Monday morning. One query; all staff, because the
    totals count everyone (the chart shows the first MAX_MEDEWERKERS)."""
    lidmaatschap = policy.lidmaatschap_van(fetched_by)
    if lidmaatschap is None or lidmaatschap.rol != Rol.COORDINATOR:
        return []
    op = op or timezone.localdate()
    # The seven-day window is applied inside the subquery, before any join: only her recent visits are read.
    gewerkt = (
        Huisbezoek.objects.filter(
            medewerker_id=OuterRef("pk"),
            vervangen=False,
            start__gte=_begin(op - timedelta(days=6)),
            start__lt=_begin(op + timedelta(days=1)),
            traject__in=_zichtbare_trajecten(fetched_by),
        )
        .values("medewerker_id")
        .annotate(s=Sum(Uren()))
        .values("s")
    )
    rijen = (
        User.objects.filter(
            lidmaatschap__organisatie_id=lidmaatschap.organisatie_id,
            lidmaatschap__rol=Rol.MEDEWERKER,
            is_active=True,
        )
        .annotate(gewerkt=Subquery(gewerkt, output_field=DecimalField()))
        .values_list(
            "first_name", "last_name", "username", "medewerkerprofiel__contracturen_per_week", "gewerkt"
        )
        .order_by("last_name", "first_name", "pk")
    )
    return [
        {
            "naam": f"{voornaam} {achternaam}".strip() or gebruikersnaam,
            "gewerkt": _uren(gewerkt),
            "contracturen": contract,
        }
        for voornaam, achternaam, gebruikersnaam, contract, gewerkt in rijen
    ]


def trajecten_per_status(*, fetched_by) -> dict[str, int]:
    """Visible trajectories per state, every state present (zero when none). One query."""
    aantallen = dict(
        _zichtbare_trajecten(fetched_by)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
        .order_by()
    )
    return {status.value: aantallen.get(status.value, 0) for status in TrajectStatus}


def geleverde_uren(*, fetched_by, op: date | None = None, weken: int = WEKEN) -> dict:
    """Hours of current visits to visible trajectories: this calendar month so far, and per ISO week for
    the last ``weken`` weeks (this one included). One query, grouped by local day."""
    op = op or timezone.localdate()
    eerste_maandag = _maandag(op) - timedelta(weeks=weken - 1)
    maand_begin = op.replace(day=1)
    vanaf = min(eerste_maandag, maand_begin)
    per_dag = (
        Huisbezoek.objects.filter(
            traject__in=_zichtbare_trajecten(fetched_by),
            vervangen=False,
            start__gte=_begin(vanaf),
            start__lt=_begin(op + timedelta(days=1)),
        )
        .annotate(dag=LokaleDag(F("start")))
        .values("dag")
        .annotate(uren=Sum(Uren()))
        .values_list("dag", "uren")
        .order_by()
    )
    per_week = {eerste_maandag + timedelta(weeks=i): NUL for i in range(weken)}
    maand = NUL
    for dag, uren in per_dag:
        uren = uren or NUL
        if dag >= maand_begin:
            maand += uren
        if _maandag(dag) in per_week:
            per_week[_maandag(dag)] += uren
    return {
        "maand": _uren(maand),
        "maand_begin": maand_begin,
        "per_week": [(maandag, _uren(uren)) for maandag, uren in per_week.items()],
    }


def coordinator_dashboard(*, fetched_by, op: date | None = None) -> Dashboard:
    op = op or timezone.localdate()
    belasting = medewerker_belasting(fetched_by=fetched_by, op=op)
    per_status = trajecten_per_status(fetched_by=fetched_by)
    uren = geleverde_uren(fetched_by=fetched_by, op=op)
    zichtbaar = belasting[:MAX_MEDEWERKERS]
    dashboard = Dashboard(
        kerncijfers=[
            Kerncijfer(
                _("Hours delivered this month"),
                nl_getal(uren["maand"], 1),
                _("since %(datum)s") % {"datum": date_format(uren["maand_begin"], "j F")},
            ),
            Kerncijfer(_("Active trajectories"), nl_getal(per_status[TrajectStatus.ACTIEF])),
            Kerncijfer(
                _("Hours worked in the last 7 days"),
                nl_getal(sum((r["gewerkt"] for r in belasting), NUL), 1),
                _("of %(contract)s contract hours")
                % {"contract": nl_getal(sum((r["contracturen"] or NUL for r in belasting), NUL), 1)},
            ),
        ],
        grafieken=[
            grafieken.staafgrafiek(
                _("Staff load, last 7 days"),
                [r["naam"] for r in zichtbaar],
                [
                    Reeks(_("Worked in the last 7 days"), [r["gewerkt"] for r in zichtbaar]),
                    Reeks(_("Contract hours per week"), [r["contracturen"] for r in zichtbaar]),
                ],
                eenheid=_("hours"),
                horizontaal=True,
                labelkop=_("Care worker"),
                beschrijving=_(
                    "Hours of visits per care worker from %(van)s up to and including %(tot)s, against her contract "
                    "hours per week. %(boven)d of %(aantal)d care workers are above their contract hours."
                )
                % {
                    "van": date_format(op - timedelta(days=6), "j F"),
                    "tot": date_format(op, "j F"),
                    "boven": sum(1 for r in zichtbaar if r["gewerkt"] > (r["contracturen"] or NUL)),
                    "aantal": len(zichtbaar),
                },
            ),
            grafieken.staafgrafiek(
                _("Trajectories by state"),
                [str(status.label) for status in TrajectStatus],
                [Reeks(_("Trajectories"), [per_status[status.value] for status in TrajectStatus])],
                horizontaal=True,
                labelkop=_("State"),
            ),
            grafieken.staafgrafiek(
                _("Hours delivered per week"),
                [_("wk %(nummer)d") % {"nummer": m.isocalendar().week} for m, _u in uren["per_week"]],
                [Reeks(_("Hours delivered"), [u for _m, u in uren["per_week"]])],
                eenheid=_("hours"),
                labelkop=_("Week"),
            ),
        ],
    )
    if len(belasting) > MAX_MEDEWERKERS:
        dashboard.opmerking = _("The chart shows the first %(aantal)d care workers.") % {
            "aantal": MAX_MEDEWERKERS
        }
    return dashboard


# --- casemanager --------------------------------------------------------------------------------


def uren_per_traject(
    *, fetched_by, op: date | None = None, maximaal: int = MAX_TRAJECTEN
) -> tuple[list[dict], int]:
    """Running (active or closing) trajectories of the casemanager's municipality with hours indicated up to
    ``op`` (each indication version: its days up to ``op`` × hours per week / 7, as ``trajecten.zorg``
    counts) and hours delivered. Her own (regie) trajectories first. Returns (first ``maximaal`` rows,
    total number). One query: the total comes from a window count, computed before the LIMIT."""
    op = op or timezone.localdate()
    lopend = _zichtbare_trajecten(fetched_by).filter(status__in=LOPEND_ACTIEF)
    dagen = Greatest(
        DagenTussen(Least(F("tot"), Value(op, output_field=DateField())), F("van")) + Value(1), Value(0)
    )
    geindiceerd = (
        Indicatie.objects.filter(traject_id=OuterRef("pk"), van__lte=op)
        .values("traject_id")
        .annotate(
            s=Sum(ExpressionWrapper(dagen * F("uren_per_week") / Value(7), output_field=DecimalField()))
        )
        .values("s")
    )
    geleverd = (
        Huisbezoek.objects.filter(traject_id=OuterRef("pk"), vervangen=False)
        .values("traject_id")
        .annotate(s=Sum(Uren()))
        .values("s")
    )
    achternaam = Ouder.objects.filter(gezin_id=OuterRef("gezin_id")).order_by("id").values("achternaam")[:1]
    rijen = (
        lopend.annotate(
            geindiceerd=Subquery(geindiceerd, output_field=DecimalField()),
            geleverd=Subquery(geleverd, output_field=DecimalField()),
            achternaam=Subquery(achternaam),
            eigen=Case(
                When(regie_casemanager=fetched_by, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            totaal=Window(Count("pk")),
        )
        .values_list("pk", "achternaam", "geindiceerd", "geleverd", "totaal")
        .order_by("eigen", "gestart_op", "pk")[:maximaal]
    )
    rijen = list(rijen)
    resultaat = [
        {
            "pk": pk,
            "nummer": Traject(pk=pk).nummer,
            "achternaam": naam or "",
            "geindiceerd": _uren(geindiceerd),
            "geleverd": _uren(geleverd),
        }
        for pk, naam, geindiceerd, geleverd, _totaal in rijen
    ]
    return resultaat, rijen[0][4] if rijen else 0


def casemanager_dashboard(*, fetched_by, op: date | None = None) -> Dashboard:
    rijen, totaal = uren_per_traject(fetched_by=fetched_by, op=op)
    boven = sum(1 for r in rijen if r["geleverd"] > r["geindiceerd"])
    onder = sum(1 for r in rijen if r["geindiceerd"] and r["geleverd"] < r["geindiceerd"] / 2)
    dashboard = Dashboard(
        kerncijfers=[Kerncijfer(_("Running trajectories in your municipality"), nl_getal(totaal))],
        grafieken=[
            grafieken.staafgrafiek(
                _("Hours delivered against hours indicated so far"),
                [f"{r['nummer']} {r['achternaam']}".strip() for r in rijen],
                [
                    Reeks(_("Indicated so far"), [r["geindiceerd"] for r in rijen]),
                    Reeks(_("Delivered"), [r["geleverd"] for r in rijen]),
                ],
                eenheid=_("hours"),
                horizontaal=True,
                labelkop=_("Trajectory"),
                beschrijving=_(
                    "Per running trajectory, hours delivered against the hours indicated up to today. "
                    "%(boven)d of %(aantal)d trajectories are above the indicated hours, %(onder)d use less than half."
                )
                % {"boven": boven, "aantal": len(rijen), "onder": onder},
            )
        ],
    )
    if totaal > len(rijen):
        dashboard.opmerking = _(
            "The chart shows %(getoond)d of %(totaal)d running trajectories, your own first."
        ) % {
            "getoond": len(rijen),
            "totaal": totaal,
        }
        # The list the link opens holds exactly the trajectories counted here (active and closing).
        dashboard.opmerking_url = reverse("trajecten:lijst") + "?status=" + ZORG_LOOPT
        dashboard.opmerking_link = _("All running trajectories")
    return dashboard


# --- gemeente-rapportage ------------------------------------------------------------------------


def maandcijfers(*, fetched_by, op: date | None = None, maanden: int = MAANDEN) -> list[dict]:
    """Per calendar month (the last ``maanden``, this one included, up to ``op``) for the municipality of
    gemeente-rapportage: active trajectories, new referrals, starts, closures, hours delivered and their
    cost. Counts and sums only. Two queries."""
    op = op or timezone.localdate()
    scope = rapport_rules.pseudoniem_zichtbare_trajecten(fetched_by, Traject.objects.all())
    eerste = op.replace(day=1) - relativedelta(months=maanden - 1)
    reeks = [eerste + relativedelta(months=i) for i in range(maanden)]
    telling = {}
    for i, begin in enumerate(reeks):
        einde = begin + relativedelta(months=1) - timedelta(days=1)
        van, tot = _begin(begin), _begin(einde + timedelta(days=1))
        telling |= {
            f"actief{i}": Count(
                "pk",
                filter=Q(gestart_op__lte=einde)
                & (Q(afsluiting__afgesloten_op__isnull=True) | Q(afsluiting__afgesloten_op__gte=van)),
            ),
            f"aanmeldingen{i}": Count(
                "pk", filter=Q(aanmelding__ontvangen_op__gte=begin, aanmelding__ontvangen_op__lte=einde)
            ),
            f"gestart{i}": Count("pk", filter=Q(gestart_op__gte=begin, gestart_op__lte=einde)),
            f"afgesloten{i}": Count(
                "pk", filter=Q(afsluiting__afgesloten_op__gte=van, afsluiting__afgesloten_op__lt=tot)
            ),
        }
    aantallen = scope.aggregate(**telling)
    uren = {
        maand: (u or NUL, k or NUL)
        for maand, u, k in met_tarief(
            Huisbezoek.objects.filter(
                traject__in=scope,
                vervangen=False,
                start__gte=_begin(eerste),
                start__lt=_begin(op + timedelta(days=1)),
            )
        )
        .annotate(maand=TruncMonth("start", output_field=DateField(), tzinfo=AMSTERDAM))
        .values("maand")
        .annotate(uren=Sum(Uren()), kosten=kosten_som())
        .values_list("maand", "uren", "kosten")
        .order_by()
    }
    return [
        {
            "maand": begin,
            "actief": aantallen[f"actief{i}"],
            "aanmeldingen": aantallen[f"aanmeldingen{i}"],
            "gestart": aantallen[f"gestart{i}"],
            "afgesloten": aantallen[f"afgesloten{i}"],
            "uren": _uren(uren.get(begin, (NUL, NUL))[0]),
            "kosten": uren.get(begin, (NUL, NUL))[1].quantize(Decimal("0.01")),
        }
        for i, begin in enumerate(reeks)
    ]


def _beschermd(cijfers: list[dict]) -> list[dict]:
    """Issue 13: the municipality's dashboard is read outside the provider, so small numbers are hidden as
    in the programme evaluation (rapportage.kleine_aantallen): counts below the threshold, and hours and
    cost of a month with fewer active families than that."""
    return [
        {
            **c,
            **{k: ka.telling(c[k]) for k in ("actief", "aanmeldingen", "gestart", "afgesloten")},
            "uren": ka.over_genoeg(c["uren"], c["actief"]),
            "kosten": ka.over_genoeg(c["kosten"], c["actief"]),
        }
        for c in cijfers
    ]


def _tekst(waarde, decimalen: int = 0, **kwargs) -> str:
    return str(waarde) if ka.is_verborgen(waarde) else nl_getal(waarde, decimalen, **kwargs)


def gemeente_dashboard(*, fetched_by, op: date | None = None) -> Dashboard:
    cijfers = _beschermd(maandcijfers(fetched_by=fetched_by, op=op))
    nu = cijfers[-1]
    maanden = [c["maand"] for c in cijfers]
    # Short lowercase month names on the axis (jan, feb, mrt); the table has month and year.
    labels = [date_format(m, "b") for m in maanden]
    periode = _("%(van)s to %(tot)s") % {
        "van": date_format(maanden[0], "F Y"),
        "tot": date_format(maanden[-1], "F Y"),
    }
    maand = _("in %(maand)s so far") % {"maand": date_format(nu["maand"], "F")}

    def grafiek(maak, titel, reeksen, eenheid=""):
        return _maandlabels(maak(titel, labels, reeksen, eenheid=eenheid, labelkop=_("Month")), maanden)

    return Dashboard(
        inleiding=_("Key numbers of this month so far; the charts show %(periode)s.") % {"periode": periode},
        kerncijfers=[
            Kerncijfer(_("Active trajectories"), _tekst(nu["actief"]), maand),
            Kerncijfer(_("New referrals"), _tekst(nu["aanmeldingen"]), maand),
            Kerncijfer(_("Started"), _tekst(nu["gestart"]), maand),
            Kerncijfer(_("Closed"), _tekst(nu["afgesloten"]), maand),
            Kerncijfer(_("Hours delivered"), _tekst(nu["uren"], 1), maand),
            Kerncijfer(
                _("Cost of delivered hours"),
                _tekst(nu["kosten"])
                if ka.is_verborgen(nu["kosten"])
                else f"€ {nl_getal(nu['kosten'], 2, vast=True)}",
                maand,
            ),
        ],
        grafieken=[
            grafiek(
                grafieken.lijngrafiek,
                _("Active trajectories per month"),
                [Reeks(_("Active"), [c["actief"] for c in cijfers])],
            ),
            grafiek(
                grafieken.lijngrafiek,
                _("Referrals, starts and closures per month"),
                [
                    Reeks(_("New referrals"), [c["aanmeldingen"] for c in cijfers]),
                    Reeks(_("Started"), [c["gestart"] for c in cijfers]),
                    Reeks(_("Closed"), [c["afgesloten"] for c in cijfers]),
                ],
            ),
            grafiek(
                grafieken.staafgrafiek,
                _("Hours delivered per month"),
                [Reeks(_("Hours delivered"), [c["uren"] for c in cijfers])],
                _("hours"),
            ),
            grafiek(
                grafieken.staafgrafiek,
                _("Cost of delivered hours per month"),
                [Reeks(_("Cost"), [c["kosten"] for c in cijfers])],
                "€",
            ),
        ],
    )


# --- entry point for the home page ---------------------------------------------------------------

_DASHBOARDS = {
    Rol.COORDINATOR: coordinator_dashboard,
    Rol.CASEMANAGER: casemanager_dashboard,
    Rol.GEMEENTE_RAPPORTAGE: gemeente_dashboard,
}


def _cache_sleutel(rol: str, user) -> str:
    """Who sees the same figures: everyone of the organisation, except the casemanager, whose own
    trajectories come first. The organisation's version makes a write show on the next page view
    (issue 12: the casemanager's figures lagged up to DASHBOARD_CACHE_SECONDEN behind)."""
    org = policy.lidmaatschap_van(user).organisatie_id
    wie = f"user{user.pk}" if rol == Rol.CASEMANAGER else f"org{org}"
    return f"dashboard:{rol}:{wie}:{timezone.localdate().isoformat()}:v{versie(organisatie_versie_naam(org))}"


def dashboard(*, fetched_by, op: date | None = None) -> Dashboard | None:
    """The figures of the user's role home page, or None for a role without them. Today's figures are
    shared by the organisation for DASHBOARD_CACHE_SECONDEN (the page shows since when); a given day
    (``op``) is computed afresh."""
    rol = policy.rol_van(fetched_by)
    maker = _DASHBOARDS.get(rol)
    if maker is None:
        return None
    if op is not None:
        return maker(fetched_by=fetched_by, op=op)

    def maak() -> Dashboard:
        nieuw = maker(fetched_by=fetched_by)
        nieuw.bijgewerkt_op = timezone.now()
        return nieuw

    return uit_cache(_cache_sleutel(rol, fetched_by), maak, settings.DASHBOARD_CACHE_SECONDEN)
