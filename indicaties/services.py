"""Indication requests and decisions. Only a casemanager of the family's municipality decides."""

from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import policy
from core.constants import Gebeurtenis
from core.toegangslog import log_toegang
from trajecten import services as traject_services
from trajecten.constants import TrajectStatus
from trajecten.models import Huisbezoek, Traject
from trajecten.zorg import AMSTERDAM

from .constants import UREN_PER_WEEK_MAX, AanvraagStatus, Wijziging
from .models import PERIODE_FOUT, Contract, Indicatie, IndicatieAanvraag


def _eis(user, actie, traject):
    if not policy.may(user, actie, traject):
        raise PermissionDenied


BESLISBAAR = {TrajectStatus.INDICATIE_AANGEVRAAGD, TrajectStatus.ACTIEF, TrajectStatus.AFSLUITEN}


def _lopend_traject(traject: Traject) -> Traject:
    """Lock the trajectory (serialises decisions with cancelling) and refuse one that has ended."""
    traject = Traject.objects.select_for_update().select_related("gezin").get(pk=traject.pk)
    if traject.status not in BESLISBAAR:
        raise ValidationError(
            _("A trajectory in state '%(status)s' gets no indication decisions.")
            % {"status": TrajectStatus(traject.status).label}
        )
    Traject.objects.filter(pk=traject.pk).update(versie=traject.versie + 1)
    return traject


def eerste_verjaardag(traject: Traject) -> date | None:
    """The earliest first birthday of the family's babies (due date + 1 year while unborn)."""
    verjaardagen = [baby.eerste_verjaardag for baby in traject.gezin.babys.all()]
    return min(verjaardagen) if verjaardagen else None


def contract_voor(traject: Traject, op: date) -> Contract:
    contract = (
        Contract.objects.filter(
            gemeente_id=traject.gezin.gemeente_id, aanbieder_id=traject.aanbieder_id, geldig_van__lte=op
        )
        .exclude(geldig_tot__lt=op)
        .first()
    )
    if contract is None:
        raise ValidationError(
            _("There is no contract between %(gemeente)s and %(aanbieder)s on %(datum)s: no tariff to copy.")
            % {"gemeente": traject.gezin.gemeente, "aanbieder": traject.aanbieder, "datum": date_format(op)}
        )
    return contract


def standaardbudget(uren_per_week: Decimal, van: date, tot: date, uurtarief: Decimal) -> Decimal:
    weken = Decimal((tot - van).days + 1) / Decimal(7)
    return (uren_per_week * weken * uurtarief).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _controleer_periode(traject, *, van: date, tot: date, uren_per_week: Decimal, motivatie: str):
    fouten = {}
    if tot <= van:
        fouten["tot"] = _("The end date must lie after the start date.")
    if uren_per_week is None or not (Decimal(0) < uren_per_week <= UREN_PER_WEEK_MAX):
        fouten["uren_per_week"] = _(
            "Hours per week must be more than 0 and at most 168 (24 hours a day, 7 days)."
        )
    grens = eerste_verjaardag(traject)
    if grens and tot > grens and not motivatie.strip():
        fouten["motivatie_na_eerste_verjaardag"] = _(
            "The indication ends after the baby's first birthday (%(datum)s): give a written motivation."
        ) % {"datum": date_format(grens)}
    if fouten:
        raise ValidationError(fouten)


def afgifte_fouten(
    traject: Traject,
    *,
    beschikkingsnummer: str | None,
    van: date | None,
    tot: date | None,
    uren_per_week: Decimal | None,
    motivatie: str = "",
) -> dict[str, list[str]]:
    """Everything that would refuse granting this indication, at once, keyed by the service's arguments
    and the indication's fields (None: about the whole decision). The form asks it before the casemanager submits, so that she
    corrects all in one round; ``indicatie_afgeven`` asks it again. A value that is missing (the form
    already refused it) skips the checks that need it."""
    fouten: dict[str | None, list[str]] = {}

    def fout(veld, tekst):
        fouten.setdefault(veld, []).append(tekst)

    if beschikkingsnummer is not None and not beschikkingsnummer.strip():
        fout("beschikkingsnummer", _("Enter the decision number."))
    if uren_per_week is not None and not (Decimal(0) < uren_per_week <= UREN_PER_WEEK_MAX):
        fout(
            "uren_per_week", _("Hours per week must be more than 0 and at most 168 (24 hours a day, 7 days).")
        )
    if van is not None:
        try:
            contract_voor(traject, van)
        except ValidationError as geen_contract:
            fout("van", geen_contract.messages[0])
    if van is None or tot is None:
        return fouten
    if tot <= van:
        fout("tot", _("The end date must lie after the start date."))
        return fouten
    if tot > van + timedelta(days=366 * 2):
        fout("tot", str(PERIODE_FOUT))
    grens = eerste_verjaardag(traject)
    if grens and tot > grens and not (motivatie or "").strip():
        fout(
            "motivatie_na_eerste_verjaardag",
            _("The indication ends after the baby's first birthday (%(datum)s): give a written motivation.")
            % {"datum": date_format(grens)},
        )
    lopend = Indicatie.objects.filter(
        traject=traject, volgende__isnull=True, beeindigd_op__isnull=True, van__lt=van, tot__gte=van
    ).exists()
    if not lopend:  # granting during a running indication changes that one (no overlap possible)
        overlappend = (
            Indicatie.objects.filter(traject=traject, van__lte=tot, tot__gte=van).order_by("van").first()
        )
        if overlappend is not None:
            fout(
                "van",
                _(
                    "This period overlaps indication %(nummer)s (%(van)s – %(tot)s): choose a period "
                    "that starts after %(tot)s or ends before %(van)s."
                )
                % {
                    "nummer": overlappend.beschikkingsnummer,
                    "van": date_format(overlappend.van),
                    "tot": date_format(overlappend.tot),
                },
            )
    return fouten


def _opslaan(indicatie: Indicatie) -> Indicatie:
    try:
        with transaction.atomic():
            indicatie.save()
    except IntegrityError as fout:
        if "indicatie_niet_overlappend" in str(fout):
            raise ValidationError(
                _("This indication overlaps another indication of this trajectory.")
            ) from fout
        raise
    return indicatie


BEZOEKEN_IN_MELDING = 10


def bezoeken_na(indicatie: Indicatie, laatste_dag: date):
    """The current visits of the indication's trajectory on a (local) day after ``laatste_dag`` up to its
    present end: what shortening it to ``laatste_dag`` would leave outside any indication (versions of
    one trajectory never overlap, so no other version covers those days)."""
    return (
        Huisbezoek.objects.filter(
            traject_id=indicatie.traject_id,
            vervangen=False,
            start__gte=datetime.combine(laatste_dag + timedelta(days=1), time.min, tzinfo=AMSTERDAM),
            start__lt=datetime.combine(indicatie.tot + timedelta(days=1), time.min, tzinfo=AMSTERDAM),
        )
        .select_related("medewerker")
        .order_by("start")
    )


def _controleer_inkorten(indicatie: Indicatie, laatste_dag: date, *, veld: str) -> None:
    """Asked by every service that cuts an indication short (a new version that ends earlier, an ending):
    refused, with the visits concerned and what to do instead, when logged care would fall outside it.
    The database holds the same rule for every other writer (trigger ``indicatie_dekt_bezoeken``)."""
    bezoeken = bezoeken_na(indicatie, laatste_dag)
    getoond = list(bezoeken[:BEZOEKEN_IN_MELDING])
    if not getoond:
        return
    aantal = len(getoond) if len(getoond) < BEZOEKEN_IN_MELDING else bezoeken.count()
    regels = [
        _("%(datum)s %(van)s–%(tot)s by %(medewerker)s")
        % {
            "datum": date_format(bezoek.start.astimezone(AMSTERDAM).date(), "j F Y"),
            "van": f"{bezoek.start.astimezone(AMSTERDAM):%H:%M}",
            "tot": f"{bezoek.eind.astimezone(AMSTERDAM):%H:%M}",
            "medewerker": bezoek.medewerker,
        }
        for bezoek in getoond
    ]
    if aantal > len(getoond):
        regels.append(_("and %(n)s more") % {"n": aantal - len(getoond)})
    laatste = bezoeken.last()
    raise ValidationError(
        {
            veld: ngettext(
                "This would leave %(aantal)s logged visit outside any indication: %(bezoeken)s. "
                "Choose %(datum)s or later as the last day, or, if it was logged on the wrong date, "
                "ask the coordinator to correct it first. Nothing has been saved.",
                "This would leave %(aantal)s logged visits outside any indication: %(bezoeken)s. "
                "Choose %(datum)s or later as the last day, or, if they were logged on the wrong date, "
                "ask the coordinator to correct them first. Nothing has been saved.",
                aantal,
            )
            % {
                "aantal": aantal,
                "bezoeken": "; ".join(regels),
                "datum": date_format(laatste.start.astimezone(AMSTERDAM).date(), "j F Y"),
            }
        }
    )


@transaction.atomic
def indicatie_aanvragen(*, request, traject: Traject, aanvraag: IndicatieAanvraag, versie: int | None):
    _eis(request.user, policy.INDICATIE_AANVRAGEN, traject)
    if aanvraag.gewenste_eind <= aanvraag.gewenste_start:
        raise ValidationError({"gewenste_eind": _("The end date must lie after the start date.")})
    traject_services.indicatie_aanvragen_overgang(request=request, traject=traject, versie=versie)
    aanvraag.traject = traject
    aanvraag.aangevraagd_door = request.user
    aanvraag.full_clean()
    aanvraag.save()
    return aanvraag


def _open_aanvraag(aanvraag: IndicatieAanvraag) -> IndicatieAanvraag:
    aanvraag = IndicatieAanvraag.objects.select_for_update().get(pk=aanvraag.pk)
    if aanvraag.status != AanvraagStatus.OPEN:
        raise ValidationError(_("This request has already been decided by someone else."))
    return aanvraag


@transaction.atomic
def indicatie_afgeven(
    *,
    request,
    aanvraag: IndicatieAanvraag,
    beschikkingsnummer: str,
    product: str,
    van: date,
    tot: date,
    uren_per_week: Decimal,
    nachten: bool = False,
    budget: Decimal | None = None,
    motivatie: str = "",
    budgetreden: str = "",
) -> Indicatie:
    traject = aanvraag.traject
    _eis(request.user, policy.INDICATIE_BESLISSEN, traject)
    traject = _lopend_traject(traject)
    aanvraag = _open_aanvraag(aanvraag)
    fouten = afgifte_fouten(
        traject, beschikkingsnummer=beschikkingsnummer, van=van, tot=tot, uren_per_week=uren_per_week,
        motivatie=motivatie,
    )  # fmt: skip
    if fouten:
        raise ValidationError({veld or NON_FIELD_ERRORS: lijst for veld, lijst in fouten.items()})
    huidig = Indicatie.objects.filter(
        traject=traject, volgende__isnull=True, beeindigd_op__isnull=True, van__lt=van, tot__gte=van
    ).first()
    if huidig is not None:
        # A request during a running indication (e.g. scale down after an evaluation) is a change of it.
        if uren_per_week > huidig.uren_per_week:
            wijziging = Wijziging.OPSCHALEN
        elif uren_per_week < huidig.uren_per_week:
            wijziging = Wijziging.AFSCHALEN
        else:
            wijziging = Wijziging.VERLENGEN
        nieuw = indicatie_wijzigen(
            request=request, indicatie=huidig, wijziging=wijziging, geldig_van=van, uren_per_week=uren_per_week,
            tot=tot, product=product, nachten=nachten, motivatie=motivatie, budget=budget,
            budgetreden=budgetreden,
        )  # fmt: skip
        Indicatie.objects.filter(pk=nieuw.pk).update(aanvraag=aanvraag)
        aanvraag.status = AanvraagStatus.TOEGEKEND
        aanvraag.beslist_door, aanvraag.beslist_op = request.user, timezone.now()
        aanvraag.save(update_fields=["status", "beslist_door", "beslist_op"])
        return nieuw
    _controleer_periode(traject, van=van, tot=tot, uren_per_week=uren_per_week, motivatie=motivatie)
    contract = contract_voor(traject, van)
    indicatie = Indicatie(
        traject=traject,
        aanvraag=aanvraag,
        wijziging=Wijziging.NIEUW,
        beschikkingsnummer=beschikkingsnummer.strip(),
        product=product,
        van=van,
        tot=tot,
        oorspronkelijk_tot=tot,
        uren_per_week=uren_per_week,
        nachten=nachten,
        uurtarief=contract.uurtarief,  # copied: a later tariff change does not alter this decision
        budget=budget if budget is not None else standaardbudget(uren_per_week, van, tot, contract.uurtarief),
        motivatie_na_eerste_verjaardag=motivatie.strip(),
        afgegeven_door=request.user,
    )
    indicatie.full_clean(exclude=["traject", "aanvraag", "afgegeven_door"], validate_constraints=False)
    _opslaan(indicatie)
    aanvraag.status = AanvraagStatus.TOEGEKEND
    aanvraag.beslist_door, aanvraag.beslist_op = request.user, timezone.now()
    aanvraag.save(update_fields=["status", "beslist_door", "beslist_op"])
    log_toegang(
        request,
        gebeurtenis=Gebeurtenis.AANMAKEN,
        obj=traject,
        omschrijving=f"indicatie {indicatie} afgegeven",
    )
    return indicatie


@transaction.atomic
def indicatie_afwijzen(*, request, aanvraag: IndicatieAanvraag, reden: str) -> IndicatieAanvraag:
    traject = aanvraag.traject
    _eis(request.user, policy.INDICATIE_BESLISSEN, traject)
    if not reden.strip():
        raise ValidationError({"afwijzingsreden": _("Give the reason for declining.")})
    aanvraag = _open_aanvraag(aanvraag)
    aanvraag.status = AanvraagStatus.AFGEWEZEN
    aanvraag.afwijzingsreden = reden.strip()
    aanvraag.beslist_door, aanvraag.beslist_op = request.user, timezone.now()
    aanvraag.save(update_fields=["status", "afwijzingsreden", "beslist_door", "beslist_op"])
    if traject.status == TrajectStatus.INDICATIE_AANGEVRAAGD:
        traject_services.terug_naar_intake(
            request=request, traject=traject, reden=_("indication declined: %s") % reden
        )
    return aanvraag


@transaction.atomic
def indicatie_wijzigen(
    *,
    request,
    indicatie: Indicatie,
    wijziging: str,
    geldig_van: date,
    uren_per_week: Decimal,
    tot: date,
    product: str | None = None,
    nachten: bool | None = None,
    motivatie: str = "",
    budget: Decimal | None = None,
    budgetreden: str = "",
) -> Indicatie:
    """Opschalen, afschalen or verlengen: a new version from ``geldig_van``; the old one ends the day before.
    Refused when the care already logged from ``geldig_van`` costs more than the new version's budget,
    unless ``budgetreden`` records why it may (a budget exception on the new version)."""
    traject = indicatie.traject
    _eis(request.user, policy.INDICATIE_BESLISSEN, traject)
    traject = _lopend_traject(traject)
    vorige = Indicatie.objects.select_for_update().get(pk=indicatie.pk)
    if hasattr(vorige, "volgende") or vorige.beeindigd_op:
        raise ValidationError(_("Only the current version of an indication can be changed."))
    if not (vorige.van < geldig_van <= vorige.tot):
        raise ValidationError(
            {
                "geldig_van": _(
                    "The change must take effect after the start and within the current indication period."
                )
            }
        )
    if wijziging == Wijziging.OPSCHALEN and uren_per_week <= vorige.uren_per_week:
        raise ValidationError({"uren_per_week": _("Scaling up means more hours per week than now.")})
    if wijziging == Wijziging.AFSCHALEN and uren_per_week >= vorige.uren_per_week:
        raise ValidationError({"uren_per_week": _("Scaling down means fewer hours per week than now.")})
    if wijziging == Wijziging.VERLENGEN and tot <= vorige.tot:
        raise ValidationError({"tot": _("Extending means a later end date than now.")})
    motivatie = motivatie or vorige.motivatie_na_eerste_verjaardag
    _controleer_periode(traject, van=geldig_van, tot=tot, uren_per_week=uren_per_week, motivatie=motivatie)
    if tot < vorige.tot:
        # The new version ends earlier than the current one: care logged in between would lose its cover.
        _controleer_inkorten(vorige, tot, veld="tot")
    vorige.tot = geldig_van - timedelta(days=1)
    vorige.save(update_fields=["tot"])
    nieuw = Indicatie(
        traject=traject,
        vorige=vorige,
        wijziging=wijziging,
        beschikkingsnummer=vorige.beschikkingsnummer,
        product=product or vorige.product,
        van=geldig_van,
        tot=tot,
        oorspronkelijk_tot=tot,
        uren_per_week=uren_per_week,
        nachten=vorige.nachten if nachten is None else nachten,
        uurtarief=vorige.uurtarief,
        budget=budget
        if budget is not None
        else standaardbudget(uren_per_week, geldig_van, tot, vorige.uurtarief),
        motivatie_na_eerste_verjaardag=motivatie,
        afgegeven_door=request.user,
    )
    nieuw.full_clean(exclude=["traject", "vorige", "afgegeven_door"], validate_constraints=False)
    _opslaan(nieuw)
    _controleer_budget(request, nieuw, budgetreden)
    if nieuw.nachten and not vorige.nachten:
        _nachten_erbij(traject, nieuw)
    log_toegang(
        request,
        gebeurtenis=Gebeurtenis.WIJZIGEN,
        obj=traject,
        omschrijving=f"indicatie {wijziging} per {geldig_van}",
    )
    return nieuw


WEKEN_IN_MELDING = 8


def _controleer_budget(request, nieuw: Indicatie, budgetreden: str) -> None:
    """A new version must carry the care already logged in its period: its cost (``kosten_geleverd``, as the
    visit check and the reports count it) within the budget, or a recorded reason to exceed it. Refused,
    with the weeks above the new weekly volume and the options, otherwise (the caller's transaction
    undoes the version). The database holds the same rule (trigger ``indicatie_binnen_budget``)."""
    from trajecten.models import BudgetUitzondering
    from trajecten.zorg import kosten_geleverd, weken_boven_volume

    geleverd = kosten_geleverd(nieuw)
    if geleverd <= nieuw.budget:
        return
    if budgetreden.strip():
        BudgetUitzondering.objects.create(indicatie=nieuw, reden=budgetreden.strip(), door=request.user)
        log_toegang(
            request,
            gebeurtenis=Gebeurtenis.WIJZIGEN,
            obj=nieuw.traject,
            omschrijving=f"budgetuitzondering bij indicatie per {nieuw.van}",
        )
        return
    weken = weken_boven_volume(nieuw.traject, nieuw.van, nieuw.tot)
    regels = [
        _("week %(week)s (%(maandag)s): %(geleverd)s of %(geindiceerd)s hours")
        % {
            "week": week.week,
            "maandag": date_format(week.maandag, "j F"),
            "geleverd": number_format(week.geleverd, 1),
            "geindiceerd": number_format(week.geindiceerd, 1),
        }
        for week in weken[:WEKEN_IN_MELDING]
    ]
    if len(weken) > WEKEN_IN_MELDING:
        regels.append(_("and %(n)s more") % {"n": len(weken) - WEKEN_IN_MELDING})
    tekst = _(
        "The care already logged from %(van)s costs € %(geleverd)s, more than the budget of this version "
        "(€ %(budget)s)."
    ) % {
        "van": date_format(nieuw.van, "j F Y"),
        "geleverd": number_format(geleverd, 2, force_grouping=True),
        "budget": number_format(nieuw.budget, 2, force_grouping=True),
    }
    if regels:
        tekst += " " + _("Weeks above the new weekly volume: %(weken)s.") % {"weken": "; ".join(regels)}
    tekst += " " + _(
        "Choose a later 'valid from' date, ask the coordinator to correct visits logged wrongly, or record "
        "under 'Reason to exceed the budget' why the care continues above the budget (a budget exception). "
        "Nothing has been saved."
    )
    raise ValidationError({"budgetreden": tekst})


def _nachten_erbij(traject: Traject, indicatie: Indicatie) -> None:
    """The indication now includes nights: matching only assigns night-available staff from here on,
    but the team already there was matched for days. Without anyone on it who works nights, the
    provider's coordinators are told at once to add someone."""
    from accounts.constants import Rol
    from accounts.models import User
    from core.models import Melding

    lopend = traject.toewijzingen.filter(van__lte=indicatie.tot).exclude(tot__lt=indicatie.van)
    if lopend.filter(medewerker__medewerkerprofiel__nachtbeschikbaar=True).exists():
        return
    tekst = _(
        "The indication of %(nummer)s includes nights from %(datum)s, but nobody assigned works nights. "
        "Assign a care worker who is available for nights."
    ) % {"nummer": traject.nummer, "datum": date_format(indicatie.van, "j F Y")}
    url = f"/trajecten/{traject.pk}/?tab=team"
    coordinatoren = User.objects.filter(
        is_active=True, lidmaatschap__rol=Rol.COORDINATOR, lidmaatschap__organisatie=traject.aanbieder_id
    )
    Melding.objects.bulk_create([Melding(gebruiker=c, tekst=tekst[:300], url=url) for c in coordinatoren])


@transaction.atomic
def indicatie_beeindigen(*, request, indicatie: Indicatie, op: date, reden: str) -> Indicatie:
    traject = indicatie.traject
    _eis(request.user, policy.INDICATIE_BESLISSEN, traject)
    _lopend_traject(traject)
    indicatie = Indicatie.objects.select_for_update().get(pk=indicatie.pk)
    if hasattr(indicatie, "volgende") or indicatie.beeindigd_op:
        raise ValidationError(_("Only the current version of an indication can be ended."))
    if not reden.strip():
        raise ValidationError({"beeindigingsreden": _("Give the reason for ending.")})
    if not (indicatie.van <= op <= indicatie.tot):
        raise ValidationError({"op": _("The end date must lie within the indication period.")})
    _controleer_inkorten(indicatie, op, veld="op")
    indicatie.tot = op
    indicatie.beeindigd_op = op
    indicatie.beeindigingsreden = reden.strip()
    indicatie.save(update_fields=["tot", "beeindigd_op", "beeindigingsreden"])
    log_toegang(
        request, gebeurtenis=Gebeurtenis.WIJZIGEN, obj=traject, omschrijving=f"indicatie beëindigd per {op}"
    )
    return indicatie
