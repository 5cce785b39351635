"""A medewerker leaves (issue 16): in one step her running assignments end on her last working day, each
is handed to a colleague or ended without one, the first contact of an active trajectory is always handed
over, her account is deactivated (every session ends), and the coordinators hear of it. Her past visits,
notes and signals stay hers: nothing about them changes."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from accounts import services as account_services
from accounts.constants import Rol
from accounts.models import User
from core import policy
from core.models import Melding

from .constants import TrajectStatus
from .matching import bezwaren
from .models import Huisbezoek, Toewijzing
from .services import _bump, _vergrendel, toewijzing_eindigen
from .zorg import AMSTERDAM

EERSTE_AANSPREEKPUNT_VERPLICHT = {TrajectStatus.ACTIEF, TrajectStatus.AFSLUITEN}


def lopende_toewijzingen(medewerker: User) -> QuerySet:
    """Her assignments that run today or later (also those that have not started yet)."""
    return (
        Toewijzing.objects.filter(medewerker=medewerker)
        .exclude(tot__lt=timezone.localdate())
        .select_related("traject__gezin__gemeente")
        .order_by("-eerste_aanspreekpunt", "traject_id")
    )


def aantal_lopende_toewijzingen(medewerker: User) -> int:
    return lopende_toewijzingen(medewerker).count()


def collega_s(medewerker: User) -> QuerySet:
    """Who may take over: the active care workers of her provider, herself excepted."""
    return (
        User.objects.filter(
            is_active=True,
            lidmaatschap__rol=Rol.MEDEWERKER,
            lidmaatschap__organisatie_id=medewerker.lidmaatschap.organisatie_id,
        )
        .exclude(pk=medewerker.pk)
        .select_related("lidmaatschap", "medewerkerprofiel")
        .order_by("first_name", "last_name", "username")
    )


def opvolger_veld(toewijzing: Toewijzing) -> str:
    return f"opvolger_{toewijzing.pk}"


def eerste_aanspreekpunt_verplicht(toewijzing: Toewijzing) -> bool:
    return toewijzing.eerste_aanspreekpunt and toewijzing.traject.status in EERSTE_AANSPREEKPUNT_VERPLICHT


@dataclass
class Overdracht:
    toewijzing: Toewijzing
    opvolger: User | None


def _laatste_bezoekdag(medewerker: User) -> date | None:
    laatste = Huisbezoek.objects.filter(medewerker=medewerker, vervangen=False).order_by("-start").first()
    return laatste.start.astimezone(AMSTERDAM).date() if laatste else None


def _controleer_laatste_dag(medewerker: User, laatste_dag: date) -> None:
    if laatste_dag > timezone.localdate():
        raise ValidationError(
            {
                "laatste_dag": _(
                    "The last working day cannot lie in the future: report her departure from that day on."
                )
            }
        )
    bezoekdag = _laatste_bezoekdag(medewerker)
    if bezoekdag and bezoekdag > laatste_dag:
        raise ValidationError(
            {
                "laatste_dag": _(
                    "She logged a visit on %(datum)s: her last working day is that day or later."
                )
                % {"datum": date_format(bezoekdag, "j F Y")}
            }
        )


def _bezwaren_van(toewijzing: Toewijzing, van: date):
    """A function giving the hard rules a colleague would break by taking this assignment over from
    ``van`` (empty: she may). The trajectory's facts are read once, so the form can ask it for every
    colleague."""
    traject = toewijzing.traject
    indicatie = traject.indicaties.filter(van__lte=van, tot__gte=van).first()
    getraind_eerste = (
        Toewijzing.objects.filter(
            traject=traject,
            eerste_aanspreekpunt=True,
            van__lte=van,
            medewerker__medewerkerprofiel__basistraining_datum__isnull=False,
        )
        .exclude(tot__lt=van)
        .exists()
    )

    def voor(opvolger: User) -> list[str]:
        profiel = getattr(opvolger, "medewerkerprofiel", None)
        if profiel is None:
            return [_("Only BabythuisZorg care workers with a profile can be assigned.")]
        return bezwaren(
            profiel,
            traject=traject,
            op=van,
            nachten_nodig=bool(indicatie and indicatie.nachten),
            als_eerste_aanspreekpunt=toewijzing.eerste_aanspreekpunt,
            heeft_getrainde_eerste_aanspreekpunt=getraind_eerste,
        )

    return voor


def geschikte_opvolgers(toewijzing: Toewijzing, collegas: list[User], laatste_dag: date) -> list[int]:
    """The colleagues who may take this assignment over after ``laatste_dag``: the form offers only them,
    so a choice it offers is not refused afterwards (issue 12)."""
    van = max(laatste_dag + timedelta(days=1), toewijzing.van)
    bezwaren_voor = _bezwaren_van(toewijzing, van)
    return [c.pk for c in collegas if not bezwaren_voor(c)]


def _opvolgen(
    request, toewijzing: Toewijzing, opvolger: User, laatste_dag: date, tot: date | None
) -> list[str]:
    """The colleague takes over from the day after her last day (or from the assignment's own start) up to
    the assignment's own end ``tot``; returns the hard rules that stop her, empty when done."""
    traject = toewijzing.traject
    van = max(laatste_dag + timedelta(days=1), toewijzing.van)
    if tot is not None and tot < van:
        return []  # it would have ended by then anyway: nothing to take over
    eigen = Toewijzing.objects.filter(traject=traject, medewerker=opvolger).exclude(tot__lt=van)
    if not toewijzing.eerste_aanspreekpunt and eigen.exists():
        return []  # already on this family's team
    if fouten := _bezwaren_van(toewijzing, van)(opvolger):
        return fouten
    # Her own ordinary assignment (if any) makes way for the first-contact one, as in a handover.
    eigen.filter(van__gte=van).delete()
    eigen.filter(van__lt=van).update(tot=van - timedelta(days=1))
    try:
        with transaction.atomic():
            Toewijzing.objects.create(
                traject=traject,
                medewerker=opvolger,
                van=van,
                tot=tot,
                eerste_aanspreekpunt=toewijzing.eerste_aanspreekpunt,
                toegewezen_door=request.user,
            )
    except IntegrityError:
        return [_("This trajectory already has a first contact in this period. End that assignment first.")]
    assign_perm("trajecten.view_traject", opvolger, traject)
    return []


def _melden(medewerker: User, laatste_dag: date, overdrachten: list[Overdracht]) -> None:
    """Each coordinator of her provider hears, per family, what became of her assignment."""
    coordinatoren = list(
        User.objects.filter(
            is_active=True,
            lidmaatschap__rol=Rol.COORDINATOR,
            lidmaatschap__organisatie_id=medewerker.lidmaatschap.organisatie_id,
        )
    )
    meldingen = []
    for overdracht in overdrachten:
        traject = overdracht.toewijzing.traject
        waarden = {
            "naam": medewerker.get_full_name() or medewerker.username,
            "datum": date_format(laatste_dag, "j F Y"),
            "nummer": traject.nummer,
            "opvolger": overdracht.opvolger.get_full_name() if overdracht.opvolger else "",
        }
        if overdracht.opvolger and overdracht.toewijzing.eerste_aanspreekpunt:
            tekst = _(
                "%(naam)s has left (last working day %(datum)s): %(opvolger)s is now first contact of %(nummer)s."
            )
        elif overdracht.opvolger:
            tekst = _(
                "%(naam)s has left (last working day %(datum)s): %(opvolger)s took over her assignment in %(nummer)s."
            )
        elif overdracht.toewijzing.eerste_aanspreekpunt:
            tekst = _(
                "%(naam)s has left (last working day %(datum)s): %(nummer)s has no first contact now. Assign one."
            )
        else:
            tekst = _(
                "%(naam)s has left (last working day %(datum)s): her assignment in %(nummer)s has ended."
            )
        url = f"/trajecten/{traject.pk}/?tab=team"
        meldingen += [Melding(gebruiker=c, tekst=(tekst % waarden)[:300], url=url) for c in coordinatoren]
    Melding.objects.bulk_create(meldingen)


@transaction.atomic
def medewerker_uit_dienst(
    *, request, medewerker: User, laatste_dag: date, opvolgers: dict[int, User | None], getoond: set[int]
) -> list[Overdracht]:
    """Her running assignments end on ``laatste_dag``; ``opvolgers`` maps each assignment's id to the
    colleague who takes it over (None: it ends). ``getoond`` are the assignments the page listed: if
    that is no longer all of them, nothing happens. Her account is deactivated in the same step."""
    if not policy.may(request.user, policy.MEDEWERKER_UIT_DIENST, medewerker):
        raise PermissionDenied
    medewerker = (
        User.objects.select_for_update(of=("self",)).select_related("lidmaatschap").get(pk=medewerker.pk)
    )
    if not medewerker.is_active:
        raise ValidationError(_("This account has already been deactivated."))
    if medewerker.rol != Rol.MEDEWERKER:
        raise ValidationError(_("Only a care worker's departure is reported here."))
    _controleer_laatste_dag(medewerker, laatste_dag)
    lopend = list(lopende_toewijzingen(medewerker))
    if {t.pk for t in lopend} != set(getoond):
        raise ValidationError(
            _(
                "Her assignments changed while this page was open. Check the list again and confirm; "
                "nothing was saved."
            )
        )
    collega_ids = set(collega_s(medewerker).values_list("pk", flat=True))
    fouten: dict[str, list[str]] = {}
    overdrachten = []
    for toewijzing in lopend:
        veld = opvolger_veld(toewijzing)
        opvolger = opvolgers.get(toewijzing.pk)
        if opvolger is not None and opvolger.pk not in collega_ids:
            fouten[veld] = [_("Choose an active care worker of the same provider.")]
            continue
        if opvolger is None and eerste_aanspreekpunt_verplicht(toewijzing):
            fouten[veld] = [
                _(
                    "She is the first contact of this active trajectory: choose the colleague who takes it over."
                )
            ]
            continue
        traject = _vergrendel(toewijzing.traject, None)
        toewijzing.traject = traject
        tot = toewijzing.tot
        # Her last working day may lie before yesterday (reported late): allowed here on purpose, as
        # _controleer_laatste_dag refused a day before a visit she logged. Not started by then: withdrawn.
        toewijzing_eindigen(toewijzing, laatste_dag, terugwerkend=True)
        remove_perm("trajecten.view_traject", medewerker, traject)
        if opvolger is not None and (bezwaar := _opvolgen(request, toewijzing, opvolger, laatste_dag, tot)):
            fouten[veld] = bezwaar
            continue
        omschrijving = f"{medewerker.username} uit dienst per {laatste_dag}: toewijzing beëindigd"
        if opvolger is not None:
            omschrijving += f", overgedragen aan {opvolger.username}"
        _bump(request, traject, omschrijving)
        overdrachten.append(Overdracht(toewijzing=toewijzing, opvolger=opvolger))
    if fouten:
        raise ValidationError(fouten)
    medewerker.is_active = False
    medewerker.save(update_fields=["is_active"])
    account_services.gebruiker_gedeactiveerd(request=request, user=medewerker)
    _melden(medewerker, laatste_dag, overdrachten)
    return overdrachten
