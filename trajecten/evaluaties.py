"""Evaluations: the schedule (the provider's first-after and interval, up to the indication's end, with a
final evaluation), recording one (participants, realisation per goal of the current plan, conclusion,
next date), and the action a conclusion starts: scaling up or down asks the casemanager for a new
indication through an open IndicatieAanvraag."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import policy
from core.constants import Gebeurtenis
from core.toegangslog import log_toegang
from indicaties.constants import UREN_PER_WEEK_MAX, AanvraagStatus
from indicaties.models import Indicatie, IndicatieAanvraag

from . import rules as traject_rules
from .constants import EvaluatieConclusie, TrajectStatus
from .models import Evaluatie, EvaluatieDoel, Traject, Zorgdoel
from .zorg import actueel_plan, uren_per_week

# Evaluations are about care being given: an active trajectory, or one being closed (final evaluation).
EVALUEERBAAR = [TrajectStatus.ACTIEF, TrajectStatus.AFSLUITEN]
# Conclusions after which there need not be a next evaluation.
ZONDER_VOLGENDE = {EvaluatieConclusie.AFSLUITEN, EvaluatieConclusie.DOORVERWIJZEN}
# Conclusions that ask the casemanager for different hours.
OPSCHALEN_AFSCHALEN = {EvaluatieConclusie.OPSCHALEN, EvaluatieConclusie.AFSCHALEN}


def _eis(user, actie, traject):
    if not policy.may(user, actie, traject):
        raise PermissionDenied


def _lopende_indicaties(traject: Traject) -> list[Indicatie]:
    return [i for i in traject.indicaties.all() if not i.beeindigd_op]


def einddatum(traject: Traject) -> date | None:
    """The end of the trajectory's indication (its latest version)."""
    indicaties = list(traject.indicaties.all())
    return max((i.tot for i in indicaties), default=None)


def huidige_indicatie(traject: Traject, op: date | None = None) -> Indicatie | None:
    """The version valid on ``op`` (today), else the latest one that has not ended."""
    op = op or timezone.localdate()
    indicaties = _lopende_indicaties(traject)
    geldig = [i for i in indicaties if i.van <= op <= i.tot]
    if geldig:
        return geldig[-1]
    toekomst = sorted((i for i in indicaties if i.tot >= op), key=lambda i: i.van)
    return toekomst[0] if toekomst else None


# --- the schedule --------------------------------------------------------------------------------


@transaction.atomic
def evaluaties_plannen(traject: Traject, *, request=None) -> list[Evaluatie]:
    """Plan the evaluations from the start date: the first after the provider's number of weeks, then
    every interval, until the indication's end, where the final evaluation lies. Idempotent: dates
    already planned stay (also when moved at an evaluation); an extended indication adds dates and
    moves the final evaluation; planned (not held) dates after a shortened end are dropped.
    Without a request it is a system step (e.g. when the trajectory starts); with one, the policy decides.
    Returns the evaluations it created."""
    if request is not None:
        _eis(request.user, policy.EVALUATIE_VASTLEGGEN, traject)
    traject = Traject.objects.select_for_update().select_related("aanbieder").get(pk=traject.pk)
    eind = einddatum(traject)
    if traject.gestart_op is None or eind is None:
        if request is not None:
            raise ValidationError(
                _("Evaluations are planned from the start of the trajectory up to the end of its indication.")
            )
        return []
    eerste = timedelta(weeks=traject.aanbieder.eerste_evaluatie_na_weken)
    interval = timedelta(weeks=traject.aanbieder.evaluatie_interval_weken)
    bestaand = list(traject.evaluaties.select_for_update().order_by("gepland_op", "id"))
    # A shortened indication: planned moments after the new end can no longer happen.
    te_laat = [e for e in bestaand if e.gehouden_op is None and e.gepland_op > eind]
    Evaluatie.objects.filter(pk__in=[e.pk for e in te_laat]).delete()
    bestaand = [e for e in bestaand if e not in te_laat]

    laatste = max((e.gehouden_op or e.gepland_op for e in bestaand), default=None)
    if laatste is not None:
        laatste = max([laatste] + [e.volgende_op for e in bestaand if e.volgende_op])
    dag = laatste + interval if laatste is not None else traject.gestart_op + eerste
    nieuw = []
    while dag < eind:
        nieuw.append(Evaluatie(traject=traject, gepland_op=dag))
        dag += interval
    # The final evaluation lies on the end date; an earlier unheld 'final' one becomes a regular one.
    for e in bestaand:
        if e.eindevaluatie and e.gehouden_op is None and e.gepland_op != eind:
            e.eindevaluatie = False
            e.save(update_fields=["eindevaluatie"])
    op_eind = next((e for e in bestaand if e.gepland_op == eind and e.gehouden_op is None), None)
    if op_eind is not None:
        if not op_eind.eindevaluatie:
            op_eind.eindevaluatie = True
            op_eind.save(update_fields=["eindevaluatie"])
    elif not any(e.eindevaluatie and e.gehouden_op for e in bestaand):
        nieuw.append(Evaluatie(traject=traject, gepland_op=eind, eindevaluatie=True))
    Evaluatie.objects.bulk_create(nieuw)
    if request is not None:
        log_toegang(
            request,
            gebeurtenis=Gebeurtenis.AANMAKEN if nieuw else Gebeurtenis.WIJZIGEN,
            obj=traject,
            omschrijving=f"evaluaties gepland ({len(nieuw)} nieuw)",
        )
    return nieuw


# --- recording an evaluation ---------------------------------------------------------------------


def _controleer_doelen(plan, doelen: dict) -> list[tuple[Zorgdoel, int, str]]:
    """``doelen``: goal id -> (realisation, comment). Every goal of the current plan gets a score 1–10."""
    fouten = {}
    plandoelen = list(plan.doelen.all())
    bekend = {d.pk for d in plandoelen}
    if any(pk not in bekend for pk in doelen):
        raise ValidationError(_("Only the goals of the current support plan can be evaluated."))
    rijen = []
    for doel in plandoelen:
        score, opmerking = doelen.get(doel.pk, (None, ""))
        opmerking = (opmerking or "").strip()
        if score is None:
            fouten[f"doel_{doel.pk}"] = _("Give a realisation score for this goal.")
        elif not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 10:
            fouten[f"doel_{doel.pk}"] = _("Scores lie between 1 and 10.")
        elif len(opmerking) > 300:
            fouten[f"opmerking_{doel.pk}"] = _("Keep it short: at most 300 characters.")
        else:
            rijen.append((doel, score, opmerking))
    if fouten:
        raise ValidationError(fouten)
    return rijen


def _volgende_plannen(traject: Traject, evaluatie: Evaluatie, volgende_op: date):
    """The next planned moment moves to the agreed date; a final evaluation stays where it is."""
    volgende = (
        traject.evaluaties.select_for_update()
        .filter(gehouden_op__isnull=True)
        .exclude(pk=evaluatie.pk)
        .order_by("gepland_op", "id")
        .first()
    )
    if volgende is not None and volgende.gepland_op == volgende_op:
        return
    if volgende is not None and not volgende.eindevaluatie:
        volgende.gepland_op = volgende_op
        volgende.save(update_fields=["gepland_op"])
    elif volgende is None or volgende_op < volgende.gepland_op:
        Evaluatie.objects.create(traject=traject, gepland_op=volgende_op)


def _aanvraag_na_evaluatie(
    request, traject: Traject, evaluatie: Evaluatie, uren: Decimal | None, toelichting: str
) -> IndicatieAanvraag:
    """Scaling up or down: an open request for the casemanager. The trajectory stays active."""
    conclusie = evaluatie.conclusie
    indicatie = huidige_indicatie(traject)
    if indicatie is None:
        raise ValidationError(
            _("There is no running indication to change; the case manager grants a new one.")
        )
    if uren is None:
        raise ValidationError({"uren_per_week": _("Give the hours per week to ask the case manager for.")})
    if conclusie == EvaluatieConclusie.AFSCHALEN and not (Decimal(0) < uren < indicatie.uren_per_week):
        raise ValidationError(
            {
                "uren_per_week": _(
                    "Scaling down means fewer hours per week than now (%(uren)s), but more than 0."
                )
                % {"uren": indicatie.uren_per_week.normalize()}
            }
        )
    if conclusie == EvaluatieConclusie.OPSCHALEN and not (
        indicatie.uren_per_week < uren <= UREN_PER_WEEK_MAX
    ):
        raise ValidationError(
            {
                "uren_per_week": _("Scaling up means more hours per week than now (%(uren)s), at most 168.")
                % {"uren": indicatie.uren_per_week.normalize()}
            }
        )
    if IndicatieAanvraag.objects.filter(traject=traject, status=AanvraagStatus.OPEN).exists():
        raise ValidationError(
            _(
                "There is already an open indication request for this trajectory: the case manager decides on "
                "that one first. Nothing was saved."
            )
        )
    start = max(evaluatie.gehouden_op, timezone.localdate()) + timedelta(days=1)
    if indicatie.tot <= start:
        raise ValidationError(
            _("The indication ends on %(datum)s: too soon to change it; ask for a new indication instead.")
            % {"datum": date_format(indicatie.tot)}
        )
    sjabloon = (
        _("Scale down after the evaluation of %(datum)s: %(toelichting)s")
        if conclusie == EvaluatieConclusie.AFSCHALEN
        else _("Scale up after the evaluation of %(datum)s: %(toelichting)s")
    )
    aanvraag = IndicatieAanvraag(
        traject=traject,
        product=indicatie.product,
        gewenste_start=start,
        gewenste_eind=indicatie.tot,
        uren_per_week=uren,
        nachten_nodig=indicatie.nachten,
        toelichting=sjabloon % {"datum": date_format(evaluatie.gehouden_op), "toelichting": toelichting},
        aangevraagd_door=request.user,
    )
    aanvraag.full_clean(exclude=["traject", "aangevraagd_door"], validate_constraints=False)
    try:
        with transaction.atomic():
            aanvraag.save()
    except IntegrityError as fout:  # someone opened a request between our check and the insert
        if "indicatieaanvraag_een_open_per_traject" in str(fout):
            raise ValidationError(
                _(
                    "There is already an open indication request for this trajectory: the case manager decides "
                    "on that one first. Nothing was saved."
                )
            ) from fout
        raise
    log_toegang(
        request,
        gebeurtenis=Gebeurtenis.AANMAKEN,
        obj=traject,
        omschrijving=f"indicatieaanvraag na evaluatie ({conclusie}, {uren} uur per week)",
    )
    return aanvraag


@transaction.atomic
def evaluatie_vastleggen(
    *,
    request,
    traject: Traject,
    evaluatie: Evaluatie | None,
    gehouden_op: date | None,
    deelnemers: str,
    doelen: dict[int, tuple[int | None, str]],
    conclusie: str,
    toelichting: str,
    volgende_op: date | None = None,
    uren_per_week: Decimal | None = None,
) -> Evaluatie:
    """Record a planned evaluation (or, with ``evaluatie=None``, an extra one). Scaling up or down
    also creates the open indication request for the casemanager."""
    _eis(request.user, policy.EVALUATIE_VASTLEGGEN, traject)
    traject = Traject.objects.select_for_update().get(pk=traject.pk)
    if traject.status not in EVALUEERBAAR:
        raise ValidationError(_("Only an active trajectory is evaluated."))
    if evaluatie is not None:
        evaluatie = Evaluatie.objects.select_for_update().filter(pk=evaluatie.pk, traject=traject).first()
        if evaluatie is None:
            raise ValidationError(_("This evaluation does not belong to this trajectory."))
        if evaluatie.gehouden_op is not None:
            raise ValidationError(
                _("This evaluation has already been recorded by someone else. Nothing was saved.")
            )
    vandaag = timezone.localdate()
    fouten = {}
    if gehouden_op is None:
        fouten["gehouden_op"] = _("Give the date the evaluation was held.")
    elif gehouden_op > vandaag:
        fouten["gehouden_op"] = _("The evaluation date cannot lie in the future.")
    elif traject.gestart_op and gehouden_op < traject.gestart_op:
        fouten["gehouden_op"] = _(
            "The evaluation date cannot lie before the trajectory started (%(datum)s)."
        ) % {"datum": date_format(traject.gestart_op)}
    deelnemers = (deelnemers or "").strip()
    if not deelnemers:
        fouten["deelnemers"] = _("Name who took part.")
    elif len(deelnemers) > 300:
        fouten["deelnemers"] = _("Keep it short: at most 300 characters.")
    if conclusie not in EvaluatieConclusie.values:
        fouten["conclusie"] = _("Choose a conclusion.")
    toelichting = (toelichting or "").strip()
    if not toelichting:
        fouten["toelichting"] = _("Explain the conclusion.")
    eind = evaluatie is not None and evaluatie.eindevaluatie
    if volgende_op is None:
        if conclusie not in ZONDER_VOLGENDE and not eind and "conclusie" not in fouten:
            fouten["volgende_op"] = _("Give the date of the next evaluation.")
    elif gehouden_op is not None and volgende_op <= gehouden_op:
        fouten["volgende_op"] = _("The next evaluation lies after this one.")
    plan = actueel_plan(traject)
    if plan is None:
        raise ValidationError(_("There is no support plan yet: an evaluation assesses the plan's goals."))
    try:
        rijen = _controleer_doelen(plan, doelen)
    except ValidationError as fout:
        if not hasattr(fout, "error_dict"):
            raise
        fouten.update({veld: fs[0].messages[0] for veld, fs in fout.error_dict.items()})
    if fouten:
        raise ValidationError(fouten)

    if evaluatie is None:
        evaluatie = Evaluatie(traject=traject, gepland_op=gehouden_op)
    evaluatie.gehouden_op = gehouden_op
    evaluatie.deelnemers = deelnemers
    evaluatie.conclusie = conclusie
    evaluatie.toelichting = toelichting
    evaluatie.volgende_op = volgende_op
    evaluatie.vastgelegd_door = request.user
    evaluatie.full_clean()
    evaluatie.save()
    EvaluatieDoel.objects.bulk_create(
        EvaluatieDoel(evaluatie=evaluatie, doel=doel, realisatie=score, opmerking=opmerking)
        for doel, score, opmerking in rijen
    )
    if volgende_op is not None:
        _volgende_plannen(traject, evaluatie, volgende_op)
    log_toegang(
        request,
        gebeurtenis=Gebeurtenis.AANMAKEN,
        obj=evaluatie,
        gezin_id=traject.gezin_id,
        traject_id=traject.pk,
        omschrijving=f"evaluatie van {gehouden_op} vastgelegd: {conclusie}",
    )
    if conclusie in OPSCHALEN_AFSCHALEN:
        evaluatie.aanvraag = _aanvraag_na_evaluatie(request, traject, evaluatie, uren_per_week, toelichting)
    return evaluatie


# --- reads ---------------------------------------------------------------------------------------


def achterstallige_evaluaties(*, fetched_by) -> QuerySet:
    """Planned evaluations whose date has passed without being held, of trajectories the user may see."""
    return (
        traject_rules.zichtbaar_via_traject(
            fetched_by,
            Evaluatie.objects.filter(
                traject__status__in=EVALUEERBAAR,
                gehouden_op__isnull=True,
                gepland_op__lt=timezone.localdate(),
            ),
        )
        .select_related("traject")
        .order_by("gepland_op", "id")
    )


def te_bijwonen_evaluaties(*, fetched_by, dagen: int = 14) -> QuerySet:
    """Evaluations planned in the coming ``dagen`` days of the trajectories whose regie the casemanager
    holds: she attends them (design: the casemanager takes part in the evaluations)."""
    vandaag = timezone.localdate()
    return (
        traject_rules.zichtbaar_via_traject(
            fetched_by,
            Evaluatie.objects.filter(
                traject__regie_casemanager=fetched_by,
                traject__status__in=EVALUEERBAAR,
                gehouden_op__isnull=True,
                gepland_op__gte=vandaag,
                gepland_op__lte=vandaag + timedelta(days=dagen),
            ),
        )
        .select_related("traject")
        .order_by("gepland_op", "id")
    )


def afschalen_in_beeld(traject: Traject, gehouden: list[Evaluatie], weken=None) -> list[str]:
    """Efficiency principle: reasons why scaling down may be due (goals reached, hours not used)."""
    redenen = []
    laatste = gehouden[-1] if gehouden else None
    if laatste is not None:
        scores = list(laatste.doelen.all())
        if scores and all(s.realisatie >= s.doel.doelscore for s in scores):
            redenen.append(_("At the last evaluation every goal had reached its target score."))
    weken = weken if weken is not None else uren_per_week(traject)
    vandaag = timezone.localdate()
    afgerond = [w for w in weken if w.maandag + timedelta(days=7) <= vandaag and w.geindiceerd > 0][-4:]
    if len(afgerond) == 4:
        geindiceerd = sum((w.geindiceerd for w in afgerond), Decimal(0))
        geleverd = sum((w.geleverd for w in afgerond), Decimal(0))
        if geleverd < geindiceerd * Decimal("0.6"):
            redenen.append(
                _("In the last four weeks %(geleverd)s of %(geindiceerd)s indicated hours were used.")
                % {
                    "geleverd": geleverd.quantize(Decimal("0.1")),
                    "geindiceerd": geindiceerd.quantize(Decimal("0.1")),
                }
            )
    return redenen


def tab_context(traject: Traject, user) -> dict:
    evaluaties = list(
        traject.evaluaties.select_related("vastgelegd_door").prefetch_related(
            Prefetch(
                "doelen", queryset=EvaluatieDoel.objects.select_related("doel").order_by("doel__thema", "id")
            )
        )
    )
    vandaag = timezone.localdate()
    gehouden = sorted((e for e in evaluaties if e.gehouden_op), key=lambda e: (e.gehouden_op, e.pk))
    gepland = [e for e in evaluaties if not e.gehouden_op]
    for e in gepland:
        e.achterstallig = e.gepland_op < vandaag
    mag = policy.may(user, policy.EVALUATIE_VASTLEGGEN, traject)
    evalueerbaar = traject.status in EVALUEERBAAR
    return {
        "evaluaties_gehouden": list(reversed(gehouden)),
        "evaluaties_gepland": gepland,
        "mag_evaluatie": mag and evalueerbaar,
        "mag_evaluaties_plannen": mag and evalueerbaar and traject.gestart_op is not None,
        "afschalen_redenen": afschalen_in_beeld(traject, gehouden) if evalueerbaar else [],
    }
