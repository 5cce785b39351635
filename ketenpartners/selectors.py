"""Reads of the social map and of the chain around a trajectory. Lists keep a fixed number of queries."""

from datetime import date

from django.conf import settings
from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisatie
from core import policy
from core.cache import uit_cache
from trajecten.constants import Thema
from trajecten.models import HuisbezoekVoortgang, Ouder, Traject

from .constants import BetrokkenheidRol
from .models import (
    Betrokkenheid,
    Contactpersoon,
    Dienst,
    Ketenoverleg,
    Ketenpartner,
    Ondertekening,
    Overdracht,
    Toestemming,
    Verstrekking,
)


def _kaart_basis() -> QuerySet:
    return Ketenpartner.objects.select_related("organisatie").prefetch_related(
        Prefetch("diensten", queryset=Dienst.objects.order_by("naam")),
        Prefetch("gemeenten", queryset=Organisatie.objects.order_by("naam")),
        Prefetch("contactpersonen", queryset=Contactpersoon.objects.filter(actief=True).order_by("naam")),
        Prefetch("ondertekeningen", queryset=Ondertekening.objects.select_related("convenant")),
    )


def sociale_kaart(
    *,
    fetched_by,
    dienst: Dienst | int | None = None,
    gemeente: Organisatie | int | None = None,
    soort: str = "",
    domein: str = "",
    tekst: str = "",
) -> QuerySet:
    """ "Who helps with X for a family in municipality Y": active partners, shortest waiting time first
    (unknown waiting times last)."""
    if not policy.may(fetched_by, policy.SOCIALE_KAART_ZOEKEN):
        return Ketenpartner.objects.none()
    partners = _kaart_basis().filter(organisatie__actief=True)
    if dienst is not None:
        partners = partners.filter(diensten=dienst)
    if gemeente is not None:
        partners = partners.filter(gemeenten=gemeente)
    if soort:
        partners = partners.filter(soort=soort)
    if domein:
        partners = partners.filter(domein=domein)
    if tekst:
        partners = partners.filter(Q(organisatie__naam__icontains=tekst) | Q(omschrijving__icontains=tekst))
    return partners.order_by(F("wachttijd_dagen").asc(nulls_last=True), "organisatie__naam")


def ketenpartner_detail(*, fetched_by, pk: int) -> Ketenpartner | None:
    if not policy.may(fetched_by, policy.SOCIALE_KAART_ZOEKEN):
        return None
    return _kaart_basis().filter(pk=pk).first()


def beheerbare_ketenpartners(*, fetched_by) -> QuerySet:
    """The partners this beheerder keeps current. Global beheerders: all; others through the policy's
    admin scope (core.policy._BEHEER_SCOPE_PATHS), which shows nothing until it names this model."""
    partners = Ketenpartner.objects.select_related("organisatie")
    if not policy.may(fetched_by, policy.BEHEER):
        return partners.none()
    if policy.is_globale_beheerder(fetched_by):
        return partners
    return policy.zichtbaar(fetched_by, partners)


def actieve_ketenpartners() -> QuerySet:
    return Ketenpartner.objects.filter(organisatie__actief=True).select_related("organisatie")


def traject_keten(traject: Traject) -> dict:
    """Everything the trajectory's chain page shows, in a fixed number of queries."""
    betrokkenheden = list(
        Betrokkenheid.objects.filter(traject=traject)
        .select_related("ketenpartner__organisatie", "contactpersoon", "vastgelegd_door")
        .order_by("tot", "van", "id")
    )
    toestemmingen = list(
        Toestemming.objects.filter(traject=traject)
        .select_related("ketenpartner__organisatie", "vastgelegd_door", "ingetrokken_door")
        .order_by("ingetrokken_op", "-gegeven_op", "-id")
    )
    overdrachten = list(
        Overdracht.objects.filter(traject=traject)
        .select_related("ketenpartner__organisatie", "contactpersoon", "opgesteld_door")
        .prefetch_related(
            Prefetch("verstrekkingen", queryset=Verstrekking.objects.select_related("gedeeld_door"))
        )
    )
    # Issue 13: the chain meetings about the family, with their partners (two queries).
    ketenoverleggen = list(
        Ketenoverleg.objects.filter(traject=traject).prefetch_related(
            Prefetch("deelnemers", queryset=Ketenpartner.objects.select_related("organisatie"))
        )
    )
    return {
        "betrokkenheden": betrokkenheden,
        "toestemmingen": toestemmingen,
        "overdrachten": overdrachten,
        "ketenoverleggen": ketenoverleggen,
    }


def betrokken_partners(traject: Traject) -> QuerySet:
    """Partners involved in the trajectory (now or earlier): the ones consent and handovers are about."""
    return actieve_ketenpartners().filter(
        Exists(Betrokkenheid.objects.filter(traject=traject, ketenpartner=OuterRef("pk")))
    )


def contactpersonen_van(partners) -> QuerySet:
    return (
        Contactpersoon.objects.filter(ketenpartner__in=partners, actief=True)
        .select_related("ketenpartner__organisatie")
        .order_by("ketenpartner__organisatie__naam", "naam")
    )


def geldige_toestemming(*, traject: Traject, ketenpartner: Ketenpartner, reikwijdte: str, op: date):
    """The consent on file that allows sharing ``reikwijdte`` with this partner today, or None."""
    return (
        Toestemming.objects.filter(
            traject=traject,
            ketenpartner=ketenpartner,
            ingetrokken_op__isnull=True,
            gegeven_op__lte=op,
            reikwijdte__contains=[reikwijdte],
        )
        .order_by("-gegeven_op")
        .first()
    )


def overdracht_voorstel(traject: Traject) -> dict:
    """A first text for the handover: the goals of the current plan with where they stand, and the
    family-network plan. The writer edits it; what is saved is what will be shared."""
    plan = traject.plannen.order_by("-versie").first()
    regels = []
    if plan is not None:
        voortgang = HuisbezoekVoortgang.objects.filter(bezoek__vervangen=False).order_by("bezoek__start")
        for doel in plan.doelen.prefetch_related(Prefetch("voortgang", queryset=voortgang)):
            scores = [v.score for v in doel.voortgang.all()]
            regels.append(
                _("- %(thema)s: %(doel)s (start %(start)s, now %(nu)s, target %(streef)s; %(status)s)")
                % {
                    "thema": doel.get_thema_display(),
                    "doel": doel.omschrijving,
                    "start": doel.startscore,
                    "nu": scores[-1] if scores else doel.startscore,
                    "streef": doel.doelscore,
                    "status": doel.get_status_display().lower(),
                }
            )
    netwerk = []
    for lid in traject.netwerkleden.all():
        steun = ", ".join(str(Thema(t).label).lower() for t in lid.steun if t in Thema.values)
        netwerk.append(
            _("- %(naam)s (%(relatie)s): %(steun)s. Reachable: %(bereikbaar)s")
            % {
                "naam": lid.naam,
                "relatie": lid.get_relatie_display().lower(),
                "steun": "; ".join(filter(None, [steun, lid.toelichting])) or "—",
                "bereikbaar": lid.bereikbaar or "—",
            }
        )
    return {"doelen": "\n".join(regels), "netwerk": "\n".join(netwerk)}


def _dagen(van: str, tot: str):
    return ExpressionWrapper(F(tot) - F(van), output_field=DurationField())


def _aantal_trajecten(betrokkenheden: QuerySet):
    per_partner = betrokkenheden.order_by().values("ketenpartner").annotate(n=Count("traject", distinct=True))
    return Coalesce(Subquery(per_partner.values("n")[:1]), Value(0), output_field=IntegerField())


def ketenoverzicht(*, fetched_by, gemeente: Organisatie) -> list[Ketenpartner]:
    """Per partner in the municipality's chain: referrals made and received, trajectories involved in,
    and the average days from referral to the start of BabythuisZorg. Aggregates only, no families."""
    if not policy.may(fetched_by, policy.KETENOVERZICHT_BEKIJKEN, gemeente):
        return []
    verwezen = (
        Traject.objects.filter(gemeente=gemeente, aanmelding__verwijzer_organisatie=OuterRef("organisatie"))
        .order_by()
        .values("aanmelding__verwijzer_organisatie")
    )
    betrokken = Betrokkenheid.objects.filter(traject__gemeente=gemeente, ketenpartner=OuterRef("pk"))
    getekend = (
        Ondertekening.objects.filter(ketenpartner=OuterRef("pk"), convenant__gemeenten=gemeente)
        .order_by()
        .values("ketenpartner")
        .annotate(op=Max("getekend_op"))
    )
    bedient = Ketenpartner.gemeenten.through.objects.filter(ketenpartner=OuterRef("pk"), organisatie=gemeente)
    return list(
        Ketenpartner.objects.select_related("organisatie")
        .annotate(
            verwezen=Coalesce(
                Subquery(verwezen.annotate(n=Count("pk")).values("n")[:1]),
                Value(0),
                output_field=IntegerField(),
            ),
            dagen_tot_start=Subquery(
                verwezen.filter(gestart_op__gte=F("aanmelding__ontvangen_op"))
                .annotate(gem=Avg(_dagen("aanmelding__ontvangen_op", "gestart_op")))
                .values("gem")[:1]
            ),
            ontvangen=_aantal_trajecten(betrokken.filter(rol=BetrokkenheidRol.OVERDRACHT)),
            betrokken=_aantal_trajecten(betrokken),
            convenant_getekend=Subquery(getekend.values("op")[:1]),
            bedient=Exists(bedient),
        )
        .filter(Q(bedient=True) | Q(verwezen__gt=0) | Q(betrokken__gt=0))
        .order_by("-verwezen", "organisatie__naam")
    )


def ketenoverzicht_totaal(*, gemeente: Organisatie) -> dict:
    """The municipality's totals: referrals by chain partners, started trajectories, average days."""
    trajecten = Traject.objects.filter(gemeente=gemeente)
    totaal = trajecten.aggregate(
        aanmeldingen=Count("pk"),
        via_partner=Count("pk", filter=Q(aanmelding__verwijzer_organisatie__soort="ketenpartner")),
        gestart=Count("pk", filter=Q(gestart_op__isnull=False)),
        # A start recorded before the referral is a data error: it would make the mean look better.
        dagen_tot_start=Avg(
            _dagen("aanmelding__ontvangen_op", "gestart_op"),
            filter=Q(gestart_op__gte=F("aanmelding__ontvangen_op")),
        ),
    )
    return totaal


def ketenoverzicht_cijfers(*, fetched_by, gemeente: Organisatie) -> dict | None:
    """The chain overview of a municipality (partners and totals), the same for everyone allowed to see
    it: computed over its whole history at most once per DASHBOARD_CACHE_SECONDEN, with the time shown."""
    if not policy.may(fetched_by, policy.KETENOVERZICHT_BEKIJKEN, gemeente):
        return None
    return uit_cache(
        f"ketenoverzicht:{gemeente.pk}:{timezone.localdate().isoformat()}",
        lambda: {
            "partners": ketenoverzicht(fetched_by=fetched_by, gemeente=gemeente),
            "totaal": ketenoverzicht_totaal(gemeente=gemeente),
            "bijgewerkt_op": timezone.now(),
        },
        settings.DASHBOARD_CACHE_SECONDEN,
    )


def gemeenten() -> QuerySet:
    return Organisatie.objects.filter(soort="gemeente", actief=True).order_by("naam")


ZOEKKEUZES_SECONDEN = 300


def zoekkeuzes() -> dict[str, list[tuple[int, str]]]:
    """(id, name) of every service and active municipality, for the search form: the same for everyone,
    shared for a few minutes (a municipality added by a beheerder appears within five)."""
    return uit_cache(
        "zoekkeuzes:sociale-kaart",
        lambda: {
            "diensten": list(Dienst.objects.order_by("naam").values_list("pk", "naam")),
            "gemeenten": list(gemeenten().values_list("pk", "naam")),
        },
        ZOEKKEUZES_SECONDEN,
    )


def traject_voor_keten(*, fetched_by, pk: int) -> Traject | None:
    """One trajectory within the user's scope, with what the chain pages show about the family."""
    return (
        policy.zichtbaar(fetched_by, Traject.objects.all())
        .select_related("gezin__gemeente", "aanbieder", "aanmelding__verwijzer_organisatie__ketenpartner")
        .prefetch_related(Prefetch("gezin__ouders", queryset=Ouder.objects.order_by("id")), "gezin__babys")
        .filter(pk=pk)
        .first()
    )
