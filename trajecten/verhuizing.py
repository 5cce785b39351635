"""A family moves to another municipality (issue 16, woonplaatsbeginsel).

Recorded in one step, on or after the moving date, by the casemanager who holds the file or the provider's
coordinator (who hears it at the door first):

- the family's address and municipality become the new ones; every trajectory of the family follows (the
  database copies ``gezin.gemeente`` onto ``traject.gemeente``), so access follows at once: the old
  municipality's casemanagers and gemeente-rapportage lose the file, the new ones gain it;
- the regie of each running trajectory held by a casemanager moves to the named casemanager of the new
  municipality (a chain partner's SKJ professional keeps it); she is told, and decides from now on;
- the indication version in force on the moving date is split there: the old municipality's decision
  ends the day before, and a version "verhuizing" with the same hours runs on at the tariff of the new
  municipality's contract with the provider, until the new casemanager decides otherwise (she may change
  or end it like any other). A visit therefore always costs the tariff of the municipality that pays
  for that day;
- the old address and municipality stay on the ``Verhuizing`` row, which the period report asks which
  municipality the family lived in on a given day: the old municipality keeps its part of the care and
  cost (before the move), the new one counts from the moving date;
- the move is written to the access log of each trajectory and shown in its history.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import BigIntegerField, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.constants import OrganisatieSoort, Rol
from accounts.models import User
from core import policy
from core.constants import Gebeurtenis
from core.models import Melding
from core.toegangslog import log_toegang

from .constants import TrajectStatus
from .models import Gezin, Traject, Verhuizing
from .services import _vergrendel

BEEINDIGD = {TrajectStatus.AFGESLOTEN, TrajectStatus.AFGEWEZEN, TrajectStatus.GEANNULEERD}
ADRESVELDEN = ["straat", "huisnummer", "huisletter", "huisnummertoevoeging", "postcode", "woonplaats"]


def casemanagers_elders(traject: Traject):
    """Who can take over: the active casemanagers of every other municipality, with their municipality."""
    return (
        User.objects.filter(
            is_active=True,
            lidmaatschap__rol=Rol.CASEMANAGER,
            lidmaatschap__organisatie__soort=OrganisatieSoort.GEMEENTE,
        )
        .exclude(lidmaatschap__organisatie_id=traject.gezin.gemeente_id)
        .select_related("lidmaatschap__organisatie")
        .order_by("lidmaatschap__organisatie__naam", "first_name", "last_name")
    )


def gemeente_op_dag(gezin_pad: str, dag_pad: str, gemeente_pad: str):
    """The municipality a family lived in on a day, as an SQL expression: the previous municipality of
    its first move after that day, or (no later move) its present one. ``gezin_pad``, ``dag_pad`` and
    ``gemeente_pad`` name the family id, the day and the present municipality id on the outer query."""
    eerstvolgende = (
        Verhuizing.objects.filter(gezin_id=OuterRef(gezin_pad), datum__gt=OuterRef(dag_pad))
        .order_by("datum")
        .values("oude_gemeente_id")[:1]
    )
    return Coalesce(Subquery(eerstvolgende), F(gemeente_pad), output_field=BigIntegerField())


def _adres(gezin: Gezin) -> str:
    return f"{gezin.adresregel}, {gezin.postcode} {gezin.woonplaats}".replace(" ,", ",").strip(", ")


def _splits_indicatie(request, traject: Traject, datum: date, gezin: Gezin) -> None:
    """The version in force on the moving date ends the day before; one with the new tariff follows."""
    from indicaties.constants import Wijziging
    from indicaties.models import Indicatie
    from indicaties.services import contract_voor, standaardbudget

    from .zorg import kosten_geleverd

    huidig = (
        Indicatie.objects.select_for_update().filter(traject=traject, van__lt=datum, tot__gte=datum).first()
    )
    if huidig is None:
        return
    traject.gezin = gezin  # the contract is the new municipality's
    contract = contract_voor(traject, datum)
    volgende = Indicatie.objects.filter(vorige=huidig).first()
    if volgende is not None:  # a later version already decided: it follows the new one
        Indicatie.objects.filter(pk=volgende.pk).update(vorige=None)
    eind, beeindigd_op, reden = huidig.tot, huidig.beeindigd_op, huidig.beeindigingsreden
    huidig.tot = datum - timedelta(days=1)
    huidig.beeindigd_op, huidig.beeindigingsreden = None, ""
    huidig.save(update_fields=["tot", "beeindigd_op", "beeindigingsreden"])
    nieuw = Indicatie(
        traject=traject,
        vorige=huidig,
        wijziging=Wijziging.VERHUIZING,
        beschikkingsnummer=huidig.beschikkingsnummer,
        product=huidig.product,
        van=datum,
        tot=eind,
        oorspronkelijk_tot=eind,
        uren_per_week=huidig.uren_per_week,
        nachten=huidig.nachten,
        uurtarief=contract.uurtarief,
        budget=standaardbudget(huidig.uren_per_week, datum, eind, contract.uurtarief),
        motivatie_na_eerste_verjaardag=huidig.motivatie_na_eerste_verjaardag,
        afgegeven_door=request.user,
        beeindigd_op=beeindigd_op,
        beeindigingsreden=reden,
    )
    nieuw.save()
    # Care logged after the moving date (a move recorded late) is carried, not refused: the budget of
    # the carried-on version covers at least what was already delivered.
    geleverd = kosten_geleverd(nieuw)
    if geleverd > nieuw.budget:
        Indicatie.objects.filter(pk=nieuw.pk).update(budget=geleverd)
    if volgende is not None:
        Indicatie.objects.filter(pk=volgende.pk).update(vorige=nieuw)


def _melden(gebruikers, tekst: str, url: str) -> None:
    Melding.objects.bulk_create(Melding(gebruiker=g, tekst=tekst[:300], url=url) for g in gebruikers)


def verhuizing_melden(
    *, nummers: str, url: str, nieuwe_gemeente, datum: date, casemanager, coordinatoren, oude_casemanagers
) -> None:
    """Tell who is concerned by a move: the new casemanager (regie and decisions from the moving date),
    the provider's coordinators, and the old casemanager (the file has passed on)."""
    datum_tekst = date_format(datum, "j F Y")
    _melden(
        [casemanager],
        _(
            "The family of %(nummers)s moved to %(gemeente)s on %(datum)s: you hold the regie and decide "
            "the indication from that date."
        )
        % {"nummers": nummers, "gemeente": nieuwe_gemeente.naam, "datum": datum_tekst},
        url,
    )
    _melden(
        coordinatoren,
        _("The family of %(nummers)s moved to %(gemeente)s on %(datum)s; regie: %(casemanager)s.")
        % {
            "nummers": nummers,
            "gemeente": nieuwe_gemeente.naam,
            "datum": datum_tekst,
            "casemanager": casemanager.get_full_name() or casemanager.username,
        },
        url,
    )
    _melden(
        oude_casemanagers,
        _(
            "The family of %(nummers)s moved to %(gemeente)s on %(datum)s: the file has passed to that "
            "municipality."
        )
        % {"nummers": nummers, "gemeente": nieuwe_gemeente.naam, "datum": datum_tekst},
        "",
    )


@transaction.atomic
def verhuizing_vastleggen(
    *, request, traject: Traject, datum: date, casemanager: User, adres: dict, versie: int | None
) -> Verhuizing:
    """Record the family's move (see the module). ``adres``: the new street, numbers, postcode and place
    (street, number and postcode empty for a family without a fixed address)."""
    if not policy.may(request.user, policy.VERHUIZING_VASTLEGGEN, traject):
        raise PermissionDenied
    traject = _vergrendel(traject, versie)
    gezin = Gezin.objects.select_for_update().select_related("gemeente").get(pk=traject.gezin_id)
    if traject.status in BEEINDIGD:
        raise ValidationError(
            _(
                "This trajectory has ended: a move is recorded on a running trajectory. For a new request "
                "after the move, register a new referral in the new municipality."
            )
        )
    vandaag = timezone.localdate()
    fouten = {}
    if datum > vandaag:
        fouten["datum"] = _(
            "Record a move on or after the moving date: until then the present municipality decides."
        )
    laatste = gezin.verhuizingen.order_by("-datum").first()
    if laatste is not None and datum <= laatste.datum:
        fouten["datum"] = _("The family's last move was on %(datum)s: a new move lies after it.") % {
            "datum": date_format(laatste.datum, "j F Y")
        }
    lidmaatschap = getattr(casemanager, "lidmaatschap", None)
    if (
        not casemanager.is_active
        or lidmaatschap is None
        or lidmaatschap.rol != Rol.CASEMANAGER
        or lidmaatschap.organisatie.soort != OrganisatieSoort.GEMEENTE
    ):
        fouten["casemanager"] = _("Choose an active casemanager of the new municipality.")
    elif lidmaatschap.organisatie_id == gezin.gemeente_id:
        fouten["casemanager"] = _(
            "%(gemeente)s is the present municipality: a move within it only changes the address."
        ) % {"gemeente": gezin.gemeente}
    if fouten:
        raise ValidationError(fouten)
    oude_gemeente = gezin.gemeente
    nieuwe_gemeente = lidmaatschap.organisatie
    oud_adres = _adres(gezin)
    for veld in ADRESVELDEN:
        setattr(gezin, veld, adres.get(veld) if veld == "huisnummer" else (adres.get(veld) or "").strip())
    gezin.gemeente = nieuwe_gemeente
    gezin.full_clean()
    lopend = list(
        Traject.objects.select_for_update(of=("self",))
        .filter(gezin=gezin)
        .exclude(status__in=BEEINDIGD)
        .select_related("regie_casemanager")
        .order_by("pk")
    )
    oude_casemanagers = {t.regie_casemanager for t in lopend if t.regie_casemanager_id}
    verhuizing = Verhuizing.objects.create(
        gezin=gezin,
        datum=datum,
        oude_gemeente=oude_gemeente,
        nieuwe_gemeente=nieuwe_gemeente,
        oud_adres=oud_adres[:300],
        oude_casemanager=traject.regie_casemanager,
        nieuwe_casemanager=casemanager,
        vastgelegd_door=request.user,
    )
    gezin.save()  # the database copies the municipality onto every trajectory of the family
    coordinatoren = set()
    for t in lopend:
        _splits_indicatie(request, t, datum, gezin)
        velden = {"versie": F("versie") + 1, "gemeente_id": nieuwe_gemeente.pk}
        if t.regie_casemanager_id:
            velden["regie_casemanager"] = casemanager
        Traject.objects.filter(pk=t.pk).update(**velden)
        log_toegang(
            request,
            gebeurtenis=Gebeurtenis.WIJZIGEN,
            obj=t,
            omschrijving=f"verhuizing per {datum:%Y-%m-%d}: {oude_gemeente.naam} → {nieuwe_gemeente.naam}",
        )
        coordinatoren |= set(
            User.objects.filter(
                is_active=True, lidmaatschap__rol=Rol.COORDINATOR, lidmaatschap__organisatie_id=t.aanbieder_id
            )
        )
    verhuizing_melden(
        nummers=", ".join(t.nummer for t in lopend) or traject.nummer,
        url=f"/trajecten/{traject.pk}/?tab=geschiedenis",
        nieuwe_gemeente=nieuwe_gemeente,
        datum=datum,
        casemanager=casemanager,
        coordinatoren=[c for c in coordinatoren if c != request.user],
        oude_casemanagers=[c for c in oude_casemanagers if c != request.user and c != casemanager],
    )
    return verhuizing
