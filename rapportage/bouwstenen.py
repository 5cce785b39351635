"""The SQL building blocks the reports count with (the period report, the programme evaluation and the key
figures), and their rounding. PostgreSQL does the counting; these expressions say how: a local day, a
visit's hours, its cost at the tariff of the indication in force that day, indicated hours in a window,
and the rows a municipality counts on a day (woonplaatsbeginsel: a family that moved counts for each
municipality on the days it lived there)."""

from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Aggregate,
    CharField,
    DateField,
    DecimalField,
    ExpressionWrapper,
    F,
    FilteredRelation,
    FloatField,
    Func,
    IntegerField,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least

from trajecten.models import Verhuizing
from trajecten.verhuizing import gemeente_op_dag

AMSTERDAM = ZoneInfo(settings.TIME_ZONE)
NUL = Decimal(0)


class DagenTussen(Func):
    """Whole days from ``begin`` to ``eind``: in PostgreSQL ``date - date`` is an integer."""

    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = IntegerField()

    def __init__(self, eind, begin):
        super().__init__(eind, begin)


class Mediaan(Aggregate):
    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


class Unnest(Func):
    """One row per element of an ArrayField."""

    function = "UNNEST"
    output_field = CharField()


class LokaleDag(Func):
    """The local calendar day of a timestamp (stored in UTC): 00:30 on 1 September is 1 September."""

    template = "((%(expressions)s) AT TIME ZONE 'Europe/Amsterdam')::date"
    output_field = DateField()


class Uren(Func):
    """A visit's real duration in hours (timestamps are UTC, so a night over the DST change counts 7 or 9)."""

    template = "(EXTRACT(EPOCH FROM (%(expressions)s))::numeric / 3600)"
    arg_joiner = " - "
    output_field = DecimalField()

    def __init__(self):
        super().__init__(F("eind"), F("start"))


def _begin_van_dag(dag: date) -> datetime:
    return datetime.combine(dag, time.min, tzinfo=AMSTERDAM)


def tijdvak(van: date, tot: date) -> dict:
    """Bounds on a timestamp for 'its local day lies in [van, tot]' that an index can use."""
    return {"gte": _begin_van_dag(van), "lt": _begin_van_dag(tot + timedelta(days=1))}


def met_tarief(bezoeken):
    """Visits joined to their trajectory's indication in force on the visit's local day, as
    ``indicatie_op_dag``: one range join for all visits (indications of a trajectory never overlap, so a
    visit matches at most one), instead of a tariff lookup per visit."""
    dag = LokaleDag(F("start"))
    return bezoeken.annotate(
        indicatie_op_dag=FilteredRelation(
            "traject__indicaties",
            condition=Q(traject__indicaties__van__lte=dag, traject__indicaties__tot__gte=dag),
        )
    )


def kosten_som():
    """Hours × the tariff of the indication in force that day; on a queryset passed through met_tarief."""
    return Sum(Uren() * Coalesce(F("indicatie_op_dag__uurtarief"), Value(NUL)), output_field=DecimalField())


def geindiceerd_in(begin: date, einde: date):
    """Indicated hours of one indication version in [begin, einde]: overlapping days × hours per week / 7."""
    datum = DateField()
    dagen = Greatest(
        DagenTussen(
            Least(F("tot"), Value(einde, output_field=datum)),
            Greatest(F("van"), Value(begin, output_field=datum)),
        )
        + Value(1),
        Value(0),
    )
    return Sum(ExpressionWrapper(dagen * F("uren_per_week") / Value(7), output_field=DecimalField()))


def rond(waarde, plaatsen: str = "0.01") -> Decimal | None:
    if waarde is None:
        return None
    return Decimal(str(waarde)).quantize(Decimal(plaatsen), rounding=ROUND_HALF_UP)


def verhuisde_gezinnen(gemeente) -> list[int] | None:
    """None when no move concerns the municipality (nothing needs a day-by-day residence check); else the
    families that moved away from it, whose days before the move are still its own."""
    rijen = list(
        Verhuizing.objects.filter(Q(oude_gemeente=gemeente) | Q(nieuwe_gemeente=gemeente)).values_list(
            "gezin_id", "oude_gemeente_id"
        )
    )
    if not rijen:
        return None
    return sorted({gezin for gezin, oud in rijen if oud == gemeente.pk})


def van_gemeente(rijen, gemeente, verhuisd: list[int] | None, *, traject: str, dag=None):
    """``rijen`` (of a trajectory's model, the trajectory at ``traject``) whose family lived in ``gemeente``
    on ``dag`` (an expression): by the trajectory's municipality alone when no move concerns it."""
    voor = f"{traject}__" if traject else ""
    if verhuisd is None:
        return rijen.filter(**{f"{voor}gemeente": gemeente})
    return (
        rijen.filter(Q(**{f"{voor}gemeente": gemeente}) | Q(**{f"{voor}gezin_id__in": verhuisd}))
        .alias(woondag=dag)
        .alias(woonplaats=gemeente_op_dag(f"{voor}gezin_id", "woondag", f"{voor}gemeente_id"))
        .filter(woonplaats=gemeente.pk)
    )
