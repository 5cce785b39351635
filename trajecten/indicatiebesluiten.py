"""The indication steps of a trajectory: the coordinator's request and the casemanager's decisions
(grant, decline, change, end). Each locks the trajectory and moves it on or checks it against the care
already logged (visits, budget), so they live here, above ``indicaties``; what an indication itself must
be (contract, budget, period) they ask ``indicaties.services``. Only a casemanager of the family's
municipality decides."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.constants import Rol
from accounts.models import User
from core import policy
from core.constants import Gebeurtenis
from core.models import Melding
from core.toegangslog import log_toegang
from indicaties.constants import AanvraagStatus, Wijziging
from indicaties.models import Indicatie, IndicatieAanvraag
from indicaties.services import (
    afgifte_fouten,
    contract_voor,
    indicatie_opslaan,
    periode_controleren,
    standaardbudget,
)

from . import services
from .constants import TrajectStatus
from .models import BudgetUitzondering, Huisbezoek, Traject
from .zorg import AMSTERDAM, kosten_geleverd, weken_boven_volume


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
    services.indicatie_aanvragen_overgang(request=request, traject=traject, versie=versie)
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
    periode_controleren(traject, van=van, tot=tot, uren_per_week=uren_per_week, motivatie=motivatie)
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
    indicatie_opslaan(indicatie)
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
        services.terug_naar_intake(
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
    periode_controleren(traject, van=geldig_van, tot=tot, uren_per_week=uren_per_week, motivatie=motivatie)
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
    indicatie_opslaan(nieuw)
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
