"""Care delivery services: the support plan, visits, and hours against the indication.

Times: a visit is entered as a local date with start and end times (Europe/Amsterdam); an end at or
before the start means the next day (a night shift). Stored in UTC, so hours are real hours, also
across the daylight-saving change.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import DateField, DurationField, ExpressionWrapper, F, Func, Q, Subquery, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from accounts.models import User
from core import policy
from core.constants import Gebeurtenis
from core.models import Melding
from core.toegangslog import log_toegang
from core.validators import DOELEN_PER_PLAN_MAX

from .constants import Dienst, TrajectStatus
from .models import (
    BudgetUitzondering,
    Huisbezoek,
    HuisbezoekVoortgang,
    Ondersteuningsplan,
    Toewijzing,
    Traject,
    Zorgdoel,
)

AMSTERDAM = ZoneInfo(settings.TIME_ZONE)
DUUR = ExpressionWrapper(F("eind") - F("start"), output_field=DurationField())


def _eis(user, actie, traject):
    if not policy.may(user, actie, traject):
        raise PermissionDenied


# --- times and shifts --------------------------------------------------------------------------


def bezoektijden(datum: date, begin: time, einde: time) -> tuple[datetime, datetime]:
    """Local date and times to aware datetimes; an end at or before the start is on the next day."""
    start = datetime.combine(datum, begin, tzinfo=AMSTERDAM)
    eind_datum = datum + timedelta(days=1) if einde <= begin else datum
    eind = datetime.combine(eind_datum, einde, tzinfo=AMSTERDAM)
    # In UTC: Python subtracts two datetimes of the same zone by wall clock, not by real time.
    return start.astimezone(UTC), eind.astimezone(UTC)


def _dienst_van_uur(uur: int) -> Dienst:
    if 7 <= uur < 18:
        return Dienst.DAG
    if 18 <= uur < 23:
        return Dienst.AVOND
    return Dienst.NACHT


def dienst_van(start: datetime, eind: datetime) -> Dienst:
    """The shift in which most of the visit's real minutes fall (day 07–18, evening 18–23, night 23–07)."""
    minuten = {dienst: 0 for dienst in Dienst}
    moment = start.astimezone(UTC)
    einde = eind.astimezone(UTC)
    while moment < einde:
        minuten[_dienst_van_uur(moment.astimezone(AMSTERDAM).hour)] += 1
        moment += timedelta(minutes=1)
    return max(minuten, key=lambda d: (minuten[d], d == Dienst.DAG))


def uren(duur: timedelta | None) -> Decimal:
    return Decimal(duur.total_seconds() / 3600).quantize(Decimal("0.01")) if duur else Decimal(0)


# --- support plan ------------------------------------------------------------------------------


def actueel_plan(traject: Traject) -> Ondersteuningsplan | None:
    return traject.plannen.order_by("-versie").first()


def open_doelen_van_actueel_plan(traject: Traject) -> list[Zorgdoel]:
    """The goals still to work on in the current plan version, in one query (for the visit form)."""
    laatste = Ondersteuningsplan.objects.filter(traject=traject).order_by("-versie").values("pk")[:1]
    return list(Zorgdoel.objects.filter(plan_id=Subquery(laatste)).exclude(status__in=["bereikt", "gestopt"]))


@transaction.atomic
def plan_vastleggen(
    *,
    request,
    traject: Traject,
    doelen: list[Zorgdoel],
    overeengekomen_op: date | None,
    woorden_ouders: str,
    gebaseerd_op_versie: int | None,
) -> Ondersteuningsplan:
    """A new version of the support plan. ``gebaseerd_op_versie`` is the plan version the form showed:
    if someone saved a newer one meanwhile, this is a conflict and nothing is written."""
    _eis(request.user, policy.PLAN_VASTLEGGEN, traject)
    Traject.objects.select_for_update().get(pk=traject.pk)  # serialise plan versions per trajectory
    huidig = actueel_plan(traject)
    huidige_versie = huidig.versie if huidig else 0
    if (gebaseerd_op_versie or 0) != huidige_versie:
        raise ValidationError(
            _(
                "Someone else saved a newer version of this plan in the meantime. Reload the page; nothing was saved."
            )
        )
    if not doelen:
        raise ValidationError(_("A support plan has at least one goal."))
    if len(doelen) > DOELEN_PER_PLAN_MAX:
        raise ValidationError(
            _("A support plan has at most %(max)s goals: combine or prioritise them.")
            % {"max": DOELEN_PER_PLAN_MAX}
        )
    if overeengekomen_op and overeengekomen_op > timezone.localdate():
        raise ValidationError({"overeengekomen_op": _("The date of agreement cannot lie in the future.")})
    plan = Ondersteuningsplan.objects.create(
        traject=traject,
        versie=huidige_versie + 1,
        overeengekomen_op=overeengekomen_op,
        woorden_ouders=woorden_ouders,
        vastgelegd_door=request.user,
    )
    for doel in doelen:
        doel.plan = plan
        doel.full_clean()
    Zorgdoel.objects.bulk_create(doelen)
    log_toegang(
        request,
        gebeurtenis=Gebeurtenis.AANMAKEN,
        obj=traject,
        omschrijving=f"ondersteuningsplan versie {plan.versie}",
    )
    return plan


# --- hours against the indication -----------------------------------------------------------------


def actuele_bezoeken(traject: Traject):
    return Huisbezoek.objects.filter(traject=traject, vervangen=False)


@dataclass
class Week:
    jaar: int
    week: int
    maandag: date
    geindiceerd: Decimal
    geleverd: Decimal
    per_dienst: dict = field(default_factory=dict)

    @property
    def over(self) -> Decimal:
        return self.geindiceerd - self.geleverd

    @property
    def meer_dan_geindiceerd(self) -> Decimal:
        """Hours delivered above the indicated volume; 0 when within it ("hours left" is never negative)."""
        return max(self.geleverd - self.geindiceerd, Decimal(0))

    @property
    def boven_volume(self) -> bool:
        return self.geleverd > self.geindiceerd

    def bevat(self, dag: date) -> bool:
        return self.maandag <= dag < self.maandag + timedelta(days=7)


def _maandag(dag: date) -> date:
    return dag - timedelta(days=dag.weekday())


def _geindiceerd_in_week(indicaties, maandag: date) -> Decimal:
    """Indicated hours in an ISO week: the weekly volume of the version valid on each day, per day 1/7."""
    totaal = Decimal(0)
    for dag in (maandag + timedelta(days=i) for i in range(7)):
        geldig = next((i for i in indicaties if i.van <= dag <= i.tot), None)
        if geldig:
            totaal += geldig.uren_per_week / 7
    return totaal.quantize(Decimal("0.01"))


class TruncDateLocal(Func):
    """The local (Amsterdam) calendar date of a timestamp, in SQL."""

    template = "(%(expressions)s AT TIME ZONE 'Europe/Amsterdam')::date"

    def __init__(self, expression):
        super().__init__(F(expression), output_field=DateField())


def eerste_week(traject: Traject) -> date | None:
    """The Monday of the week of the first indication (None without one): where the hours table starts."""
    indicaties = list(traject.indicaties.all())
    return _maandag(min(i.van for i in indicaties)) if indicaties else None


def uren_per_week(traject: Traject, *, tot: date | None = None, van: date | None = None) -> list[Week]:
    """Delivered vs indicated per ISO week, by shift, from the first indication (or from the week of
    ``van``, when later) to the week of ``tot`` (aggregated in SQL). With ``van`` only the visits of those
    weeks are read: a page of the hours table costs the same in the first month as after two years."""
    indicaties = list(traject.indicaties.all())
    if not indicaties:
        return []
    tot = tot or timezone.localdate()
    eerste = _maandag(min(i.van for i in indicaties))
    bezoeken = actuele_bezoeken(traject)
    if van is not None:
        eerste = max(eerste, _maandag(van))
        bezoeken = bezoeken.filter(
            start__gte=_begin_van_dag(eerste), start__lt=_begin_van_dag(_maandag(tot) + timedelta(days=7))
        )
    rijen = (
        bezoeken.annotate(dag=TruncDateLocal("start"))
        .values("dag", "dienst")
        .annotate(duur=Sum(DUUR))
        .order_by()
    )
    per_week: dict[date, dict] = {}
    for rij in rijen:
        week = per_week.setdefault(_maandag(rij["dag"]), {})
        week[rij["dienst"]] = week.get(rij["dienst"], Decimal(0)) + uren(rij["duur"])
    weken = []
    maandag = eerste
    while maandag <= tot:
        diensten = per_week.get(maandag, {})
        iso = maandag.isocalendar()
        weken.append(
            Week(
                jaar=iso.year,
                week=iso.week,
                maandag=maandag,
                geindiceerd=_geindiceerd_in_week(indicaties, maandag),
                geleverd=sum(diensten.values(), Decimal(0)),
                per_dienst={d: diensten.get(d, Decimal(0)) for d in Dienst},
            )
        )
        maandag += timedelta(days=7)
    return weken


BEEINDIGD = {TrajectStatus.AFGESLOTEN, TrajectStatus.AFGEWEZEN, TrajectStatus.GEANNULEERD}


def laatste_zorgdag(traject: Traject) -> date:
    """The last day whose hours the trajectory shows: today while it runs; once it has ended, the day of
    its closure or the end of its last indication, whichever came first, so that the hours table shows
    the weeks the care ran and not the empty weeks since."""
    vandaag = timezone.localdate()
    if traject.status not in BEEINDIGD:
        return vandaag
    einden = [i.tot for i in traject.indicaties.all()]
    afsluiting = getattr(traject, "afsluiting", None)
    if afsluiting is not None and afsluiting.afgesloten_op:
        einden.append(timezone.localdate(afsluiting.afgesloten_op))
    return min([vandaag, *einden])


def _begin_van_dag(dag: date) -> datetime:
    return datetime.combine(dag, time.min, tzinfo=AMSTERDAM)


def _week_uit_rijen(indicaties, maandag: date, per_dienst: dict) -> Week:
    iso = maandag.isocalendar()
    return Week(
        jaar=iso.year,
        week=iso.week,
        maandag=maandag,
        geindiceerd=_geindiceerd_in_week(indicaties, maandag),
        geleverd=sum(per_dienst.values(), Decimal(0)),
        per_dienst={d: per_dienst.get(d, Decimal(0)) for d in Dienst},
    )


def deze_week(traject: Traject, op: date | None = None, *, indicaties: list | None = None) -> Week | None:
    """The ISO week of ``op`` (today): that week's visits only, in one query (plus the indications, unless
    the caller has them). None before the first indication."""
    op = op or timezone.localdate()
    indicaties = list(traject.indicaties.all()) if indicaties is None else indicaties
    maandag = _maandag(op)
    if not indicaties or maandag < _maandag(min(i.van for i in indicaties)):
        return None
    rijen = (
        actuele_bezoeken(traject)
        .filter(start__gte=_begin_van_dag(maandag), start__lt=_begin_van_dag(maandag + timedelta(days=7)))
        .values("dienst")
        .annotate(duur=Sum(DUUR))
        .values_list("dienst", "duur")
        .order_by()
    )
    return _week_uit_rijen(indicaties, maandag, {dienst: uren(duur) for dienst, duur in rijen})


def kosten_geleverd(indicatie) -> Decimal:
    """The cost of the current visits on the (local) days of the indication version, at its tariff: what
    its budget is set against (the visit check, the trajectory report, a change of the indication)."""
    duur = (
        actuele_bezoeken(indicatie.traject)
        .filter(start__date__gte=indicatie.van, start__date__lte=indicatie.tot)
        .aggregate(totaal=Sum(DUUR))["totaal"]
    )
    return (uren(duur) * indicatie.uurtarief).quantize(Decimal("0.01"))


def weken_boven_volume(traject: Traject, van: date, tot: date) -> list[Week]:
    """The ISO weeks touching [van, tot] (up to today) whose delivered hours lie above the indicated volume,
    counted by ``uren_per_week`` as the hours table and the reports do."""
    tot = min(tot, timezone.localdate())
    return [
        week
        for week in uren_per_week(traject, tot=tot)
        if week.boven_volume and week.maandag + timedelta(days=6) >= van
    ]


# --- visits ------------------------------------------------------------------------------------


def _geleverd_voor_bezoek(traject: Traject, indicatie, maandag: date) -> tuple[dict, timedelta | None]:
    """In one query: hours already delivered in the visit's week, per shift (for the weekly volume), and
    within the indication's period (for its budget), as kosten_geleverd counts them."""
    in_week = Q(start__gte=_begin_van_dag(maandag), start__lt=_begin_van_dag(maandag + timedelta(days=7)))
    sommen = (
        actuele_bezoeken(traject)
        .annotate(lokale_dag=TruncDateLocal("start"))
        .aggregate(
            budget=Sum(DUUR, filter=Q(lokale_dag__gte=indicatie.van, lokale_dag__lte=indicatie.tot)),
            **{f"week_{d}": Sum(DUUR, filter=in_week & Q(dienst=d)) for d in Dienst},
        )
    )
    return {d: uren(sommen[f"week_{d}"]) for d in Dienst}, sommen["budget"]


def _controleer_bezoek(
    *,
    traject: Traject,
    medewerker,
    start: datetime,
    eind: datetime,
    voortgang,
    negeer: Huisbezoek | None = None,
) -> tuple[list[str], Week]:
    """Validate a visit; raise ValidationError for what blocks it, return warnings for what does not.
    Also returns the visit's ISO week with the visit counted. A fixed handful of queries: the indications,
    her assignment that day, the hours already delivered (week and budget in one), and the current plan
    when goals are scored."""
    nu = timezone.now()
    if eind <= start:
        raise ValidationError(_("The end lies before the start."))
    if eind - start > timedelta(hours=24):
        raise ValidationError(_("A visit lasts at most 24 hours."))
    if eind > nu:
        raise ValidationError(_("A visit cannot lie in the future: register it once it has ended."))
    if traject.status not in {TrajectStatus.ACTIEF, TrajectStatus.AFSLUITEN}:
        raise ValidationError(_("Visits can only be registered on an active trajectory."))
    dag = start.astimezone(AMSTERDAM).date()
    indicaties = list(traject.indicaties.all())
    indicatie = next((i for i in indicaties if i.van <= dag <= i.tot), None)
    if indicatie is None or indicatie.tot < eind.astimezone(AMSTERDAM).date() - timedelta(days=1):
        perioden = ", ".join(
            f"{date_format(i.van)} – {date_format(i.tot)}" for i in sorted(indicaties, key=lambda i: i.van)
        )
        raise ValidationError(
            _(
                "There is no indication for %(datum)s: a visit must fall inside an indication. "
                "Indicated: %(perioden)s."
            )
            % {"datum": date_format(dag), "perioden": perioden or _("nothing yet")}
        )
    toegewezen = (
        Toewijzing.objects.filter(traject=traject, medewerker=medewerker, van__lte=dag)
        .exclude(tot__lt=dag)
        .exists()
    )
    if not toegewezen:
        raise ValidationError(
            _("You were not assigned to this family on %(datum)s.") % {"datum": date_format(dag)}
        )
    if voortgang:
        plan = actueel_plan(traject)
        for doel, score, _notitie in voortgang:
            if plan is None or doel.plan_id != plan.pk:
                raise ValidationError(
                    _("Progress can only be recorded on goals of the current support plan.")
                )
            if not 1 <= score <= 10:
                raise ValidationError(_("Scores lie between 1 and 10."))

    uren_bezoek = Decimal((eind - start).total_seconds() / 3600)
    per_dienst, in_indicatie = _geleverd_voor_bezoek(traject, indicatie, _maandag(dag))
    if negeer is not None:  # the visit being corrected no longer counts
        if indicatie.van <= negeer.start.astimezone(AMSTERDAM).date() <= indicatie.tot:
            in_indicatie = (in_indicatie or timedelta()) - (negeer.eind - negeer.start)
        if _maandag(negeer.start.astimezone(AMSTERDAM).date()) == _maandag(dag):
            per_dienst[negeer.dienst] -= uren(negeer.eind - negeer.start)
    geleverd = (uren(in_indicatie) * indicatie.uurtarief).quantize(Decimal("0.01"))
    if (
        geleverd + uren_bezoek * indicatie.uurtarief > indicatie.budget
        and not BudgetUitzondering.objects.filter(indicatie=indicatie).exists()
    ):
        raise ValidationError(
            _(
                "This visit would exceed the indication's total budget (€ %(budget)s). "
                "The coordinator can record a reason to continue."
            )
            % {"budget": number_format(indicatie.budget, 2, force_grouping=True)}
        )
    waarschuwingen = []
    dienst = dienst_van(start, eind)
    per_dienst[dienst] += uren(eind - start)
    # With this visit. Above the weekly volume is not a separate warning: ``weekbericht`` says it in the
    # one message about the visit's week (issue 12: two messages, one about another week, confused).
    week = _week_uit_rijen(indicaties, _maandag(dag), per_dienst)
    if dienst == Dienst.NACHT and not indicatie.nachten:
        waarschuwingen.append(
            _(
                "This is a night shift, but the indication does not include nights. The visit has been "
                "saved; discuss with the coordinator whether the case manager should indicate nights."
            )
        )
    return waarschuwingen, week


def weekbericht(week: Week) -> tuple[bool, str]:
    """The one message after saving a visit, about the visit's own week (which may not be this week):
    (above the indicated volume?, text)."""
    waarden = {
        "week": week.week,
        "van": date_format(week.maandag, "j F"),
        "tot": date_format(week.maandag + timedelta(days=6), "j F Y"),
        "geleverd": number_format(week.geleverd, 1),
        "geindiceerd": number_format(week.geindiceerd, 1),
        "over": number_format(week.over, 1),
        "meer": number_format(week.meer_dan_geindiceerd, 1),
    }
    if week.boven_volume:
        return True, _(
            "Visit saved. Week %(week)s (%(van)s – %(tot)s): %(geleverd)s hours given of %(geindiceerd)s "
            "indicated for this family, %(meer)s hours more than indicated."
        ) % waarden
    return False, _(
        "Visit saved. Week %(week)s (%(van)s – %(tot)s): %(over)s of %(geindiceerd)s indicated hours left "
        "for this family."
    ) % waarden


def _laat_geregistreerd(request, traject: Traject, start: datetime) -> str | None:
    """A visit logged long after the fact (more than HUISBEZOEK_LAAT_DAGEN): the coordinators get a
    notification, and the care worker a warning. One query, only for such a visit."""
    dag = start.astimezone(AMSTERDAM).date()
    dagen = (timezone.localdate() - dag).days
    if dagen <= settings.HUISBEZOEK_LAAT_DAGEN:
        return None
    tekst = _("A visit of %(datum)s in trajectory %(nummer)s was logged %(dagen)s days later.") % {
        "datum": date_format(dag, "j F Y"),
        "nummer": traject.nummer,
        "dagen": dagen,
    }
    url = f"{reverse('trajecten:detail', args=[traject.pk])}?tab=bezoeken"
    coordinatoren = User.objects.filter(
        is_active=True, lidmaatschap__rol="coordinator", lidmaatschap__organisatie=traject.aanbieder_id
    ).values_list("pk", flat=True)
    Melding.objects.bulk_create(Melding(gebruiker_id=pk, tekst=tekst[:300], url=url) for pk in coordinatoren)
    return _(
        "This visit is %(dagen)s days ago: it has been saved, and the coordinator has been told it was "
        "logged late."
    ) % {"dagen": dagen}


def _overlap_tekst(bezoek: Huisbezoek) -> str:
    """Which of her visits this one overlaps, so that she can choose a time around it."""
    ander = (
        Huisbezoek.objects.filter(
            medewerker=bezoek.medewerker, vervangen=False, start__lt=bezoek.eind, eind__gt=bezoek.start
        )
        .exclude(pk=bezoek.pk)
        .order_by("start")
        .first()
    )
    if ander is None:
        return _("This visit overlaps another visit of yours.")
    van, tot = ander.start.astimezone(AMSTERDAM), ander.eind.astimezone(AMSTERDAM)
    return _(
        "This visit overlaps your visit of %(dag)s from %(van)s to %(tot)s: choose a time before or after it."
    ) % {"dag": date_format(van.date()), "van": f"{van:%H:%M}", "tot": f"{tot:%H:%M}"}


def _opslaan(bezoek: Huisbezoek, voortgang):
    try:
        with transaction.atomic():
            bezoek.save()
    except IntegrityError as fout:
        if "huisbezoek_geen_overlap" in str(fout):
            raise ValidationError(_overlap_tekst(bezoek)) from fout
        raise
    HuisbezoekVoortgang.objects.bulk_create(
        HuisbezoekVoortgang(bezoek=bezoek, doel=doel, score=score, notitie=notitie)
        for doel, score, notitie in voortgang
    )
    open_doelen = [doel.pk for doel, _score, _notitie in voortgang if doel.status == "open"]
    if open_doelen:
        Zorgdoel.objects.filter(pk__in=open_doelen, status="open").update(status="bezig")


@transaction.atomic
def huisbezoek_registreren(
    *, request, traject: Traject, soort: str, start: datetime, eind: datetime, themas: list[str], verslag: str,
    voortgang: list[tuple],
) -> tuple[Huisbezoek, list[str]]:  # fmt: skip
    """The assigned medewerker logs her own visit. Returns the visit and any warnings (weekly volume)."""
    _eis(request.user, policy.HUISBEZOEK_REGISTREREN, traject)
    waarschuwingen, week = _controleer_bezoek(
        traject=traject, medewerker=request.user, start=start, eind=eind, voortgang=voortgang
    )
    bezoek = Huisbezoek(
        traject=traject, medewerker=request.user, soort=soort, start=start, eind=eind,
        dienst=dienst_van(start, eind), themas=themas, verslag=verslag,
    )  # fmt: skip
    _opslaan(bezoek, voortgang)
    laat = _laat_geregistreerd(request, traject, start)
    if laat:
        waarschuwingen.append(laat)
    log_toegang(
        request,
        gebeurtenis=Gebeurtenis.AANMAKEN,
        obj=traject,
        omschrijving=f"huisbezoek {bezoek.start:%Y-%m-%d}",
    )
    bezoek.week = week  # the hours of its ISO week, this visit included
    return bezoek, waarschuwingen


def is_vergrendeld(bezoek: Huisbezoek) -> bool:
    return timezone.now() > bezoek.eind + timedelta(days=settings.HUISBEZOEK_VERGRENDEL_DAGEN)


@transaction.atomic
def huisbezoek_corrigeren(
    *, request, bezoek: Huisbezoek, reden: str, start: datetime, eind: datetime, themas: list[str], verslag: str,
    voortgang: list[tuple],
) -> Huisbezoek:  # fmt: skip
    """A correction is a new version with a reason; the old one stays visible. After the lock period
    only the coordinator corrects."""
    traject = bezoek.traject
    oud = Huisbezoek.objects.select_for_update().get(pk=bezoek.pk)
    if oud.vervangen:
        raise ValidationError(_("This visit has already been corrected; correct the latest version."))
    if is_vergrendeld(oud):
        _eis(request.user, policy.HUISBEZOEK_CORRIGEREN_NA_VERGRENDELING, traject)
    elif request.user != oud.medewerker:
        raise PermissionDenied
    if not reden.strip():
        raise ValidationError({"correctiereden": _("Give the reason for the correction.")})
    _controleer_bezoek(
        traject=traject, medewerker=oud.medewerker, start=start, eind=eind, voortgang=voortgang, negeer=oud
    )  # its warnings are for the medewerker's own registration, not the correction
    oud.vervangen = True
    oud.save(update_fields=["vervangen"])
    nieuw = Huisbezoek(
        traject=traject, medewerker=oud.medewerker, soort=oud.soort, start=start, eind=eind,
        dienst=dienst_van(start, eind), themas=themas, verslag=verslag, vervangt=oud, correctiereden=reden.strip(),
    )  # fmt: skip
    _opslaan(nieuw, voortgang)
    log_toegang(
        request,
        gebeurtenis=Gebeurtenis.WIJZIGEN,
        obj=traject,
        omschrijving=f"huisbezoek {oud.pk} gecorrigeerd",
    )
    return nieuw


@transaction.atomic
def budget_uitzondering_vastleggen(*, request, indicatie, reden: str) -> BudgetUitzondering:
    _eis(request.user, policy.BUDGET_UITZONDERING, indicatie.traject)
    if not reden.strip():
        raise ValidationError({"reden": _("Give the reason to continue beyond the budget.")})
    uitzondering, _nieuw = BudgetUitzondering.objects.update_or_create(
        indicatie=indicatie, defaults={"reden": reden.strip(), "door": request.user}
    )
    log_toegang(
        request, gebeurtenis=Gebeurtenis.WIJZIGEN, obj=indicatie.traject, omschrijving="budgetuitzondering"
    )
    return uitzondering


def uren_deze_week_per_traject(trajecten: list[Traject], op: date | None = None) -> dict[int, Week]:
    """This ISO week's hours for many trajectories at once: two queries, whatever their number."""
    from indicaties.models import Indicatie

    op = op or timezone.localdate()
    maandag = _maandag(op)
    zondag = maandag + timedelta(days=6)
    ids = [t.pk for t in trajecten]
    indicaties: dict[int, list] = {}
    for indicatie in Indicatie.objects.filter(traject_id__in=ids, van__lte=zondag, tot__gte=maandag):
        indicaties.setdefault(indicatie.traject_id, []).append(indicatie)
    geleverd = dict(
        # The week as a range of start times (Amsterdam), so the (traject, start) index reads only it.
        Huisbezoek.objects.filter(
            traject_id__in=ids,
            vervangen=False,
            start__gte=_begin_van_dag(maandag),
            start__lt=_begin_van_dag(zondag + timedelta(days=1)),
        )
        .values("traject_id")
        .annotate(duur=Sum(DUUR))
        .values_list("traject_id", "duur")
    )
    iso = maandag.isocalendar()
    return {
        pk: Week(
            jaar=iso.year,
            week=iso.week,
            maandag=maandag,
            geindiceerd=_geindiceerd_in_week(indicaties.get(pk, []), maandag),
            geleverd=uren(geleverd.get(pk)),
        )
        for pk in ids
    }
