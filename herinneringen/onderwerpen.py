"""What is due for a reminder: one query per kind finds the subjects (evaluation due or late, indication
ending, baby turning one, serious signal left open, KCKZ registration or VOG expiring). Who hears of
them, the texts and the sending are herinneringen.services."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import DateField, DurationField, Exists, F, Func, OuterRef, Q, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from accounts.constants import Rol
from accounts.models import MedewerkerProfiel
from indicaties.models import Indicatie
from trajecten.constants import Ernst, SignaalStatus, TrajectStatus
from trajecten.evaluaties import EVALUEERBAAR
from trajecten.matching import STANDAARD_VOG_MAX_MAANDEN
from trajecten.models import Baby, Evaluatie, Signaal, Traject

from .constants import (
    EERSTE_VERJAARDAG_DAGEN,
    EVALUATIE_DAGEN,
    EVALUATIE_TE_LAAT_DAGEN,
    INDICATIE_DAGEN,
    KWALIFICATIE_DAGEN,
    SIGNAAL_OPEN_DAGEN,
    HerinneringSoort,
)

# The trajectory fields recipients are chosen by, read with values_list (no model instances needed).
TRAJECT_VELDEN = ("aanbieder_id", "gezin__gemeente_id", "regie_casemanager_id")


@dataclass(frozen=True)
class TrajectKern:
    pk: int
    aanbieder_id: int
    gemeente_id: int
    regie_casemanager_id: int | None

    @property
    def nummer(self) -> str:
        return Traject(pk=self.pk).nummer


@dataclass(frozen=True)
class Onderwerp:
    """Something to remind of: about a trajectory, or about a care worker's credentials."""

    soort: str
    sleutel: str
    datum: date
    traject: TrajectKern | None = None
    medewerker_id: int | None = None
    medewerker_naam: str = ""
    organisatie_id: int | None = None


def _kern(pk, aanbieder_id, gemeente_id, regie_casemanager_id) -> TrajectKern:
    return TrajectKern(pk, aanbieder_id, gemeente_id, regie_casemanager_id)


def _traject_velden(prefix: str) -> list[str]:
    return [f"{prefix}{veld}" for veld in TRAJECT_VELDEN]


# --- what is due ----------------------------------------------------------------------------------


def _open_evaluaties(soort, van: date, tot: date) -> list[Onderwerp]:
    """Evaluations planned from ``van`` to ``tot`` and not recorded. The date is part of the key: an
    evaluation moved to another day is reminded again."""
    rijen = Evaluatie.objects.filter(
        gepland_op__range=(van, tot),
        gehouden_op__isnull=True,
        traject__status__in=EVALUEERBAAR,
    ).values_list("pk", "gepland_op", "traject_id", *_traject_velden("traject__"))
    return [
        Onderwerp(soort, f"{soort}:{pk}:{gepland_op.isoformat()}", gepland_op, _kern(*traject))
        for pk, gepland_op, *traject in rijen
    ]


def _evaluaties(op: date) -> list[Onderwerp]:
    return _open_evaluaties(HerinneringSoort.EVALUATIE, op, op + timedelta(days=EVALUATIE_DAGEN))


def _evaluaties_te_laat(op: date) -> list[Onderwerp]:
    """Planned before today and not recorded: once, from the day after (issue 12)."""
    return _open_evaluaties(
        HerinneringSoort.EVALUATIE_TE_LAAT,
        op - timedelta(days=EVALUATIE_TE_LAAT_DAGEN),
        op - timedelta(days=1),
    )


def _indicaties(op: date) -> list[Onderwerp]:
    """The last version of an indication ending soon; not one ended on purpose, nor one followed by a
    new indication (a new version, or a new decision after it)."""
    later = Indicatie.objects.filter(traject=OuterRef("traject"), van__gt=OuterRef("tot"))
    rijen = (
        Indicatie.objects.filter(
            tot__range=(op, op + timedelta(days=INDICATIE_DAGEN)),
            volgende__isnull=True,
            beeindigd_op__isnull=True,
            traject__status__in=[TrajectStatus.ACTIEF, TrajectStatus.AFSLUITEN],
        )
        .filter(~Exists(later))
        .values_list("pk", "tot", "traject_id", *_traject_velden("traject__"))
    )
    return [
        Onderwerp(HerinneringSoort.INDICATIE, f"indicatie:{pk}", tot, _kern(*traject))
        for pk, tot, *traject in rijen
    ]


def _eerste_verjaardagen(op: date) -> list[Onderwerp]:
    eind = op + timedelta(days=EERSTE_VERJAARDAG_DAGEN)
    # A day's margin for 29 February; the exact birthday (Baby.eerste_verjaardag) decides below.
    babys = Baby.objects.filter(
        geboortedatum__range=(
            op - relativedelta(years=1) - timedelta(days=1),
            eind - relativedelta(years=1) + timedelta(days=1),
        )
    ).values_list("pk", "gezin_id", "geboortedatum")
    verjaardagen = defaultdict(list)
    for pk, gezin_id, geboortedatum in babys:
        verjaardag = Baby(geboortedatum=geboortedatum).eerste_verjaardag
        if op <= verjaardag <= eind:
            verjaardagen[gezin_id].append((pk, verjaardag))
    if not verjaardagen:
        return []
    trajecten = Traject.objects.filter(status=TrajectStatus.ACTIEF, gezin_id__in=verjaardagen).values_list(
        "gezin_id", "pk", *TRAJECT_VELDEN
    )
    return [
        Onderwerp(HerinneringSoort.EERSTE_VERJAARDAG, f"baby:{baby_pk}", verjaardag, _kern(*traject))
        for gezin_id, *traject in trajecten
        for baby_pk, verjaardag in verjaardagen[gezin_id]
    ]


def _signalen(op: date) -> list[Onderwerp]:
    """Serious signals still open (no Meldcode step yet) and reported at least two days (48 hours) before
    now (for a past or future ``op``: before its midnight). The job runs hourly in the daytime, so the
    reminder comes within the hour. Whatever the trajectory's state: an open serious signal is never
    left unnoticed (it is reminded once)."""
    moment = (
        timezone.now() if op == timezone.localdate() else timezone.make_aware(datetime.combine(op, time.min))
    )
    grens = moment - timedelta(days=SIGNAAL_OPEN_DAGEN)
    rijen = Signaal.objects.filter(
        ernst__in=[Ernst.ERNSTIG, Ernst.ACUUT], status=SignaalStatus.OPEN, gemeld_op__lt=grens
    ).values_list("pk", "gemeld_op", "traject_id", *_traject_velden("traject__"))
    return [
        Onderwerp(HerinneringSoort.SIGNAAL, f"signaal:{pk}", timezone.localdate(gemeld_op), _kern(*traject))
        for pk, gemeld_op, *traject in rijen
    ]


def _maanden_later(datum, maanden):
    """date + n months, as a date. PostgreSQL clamps 31 January + 1 month to the month's last day, as
    relativedelta does (MedewerkerProfiel.vog_geldig)."""
    interval = Func(Value(0), maanden, function="make_interval", output_field=DurationField())
    return Cast(datum + interval, DateField())


def _kwalificaties(op: date) -> list[Onderwerp]:
    """KCKZ registrations and VOGs of active care workers expiring soon. A VOG expires when it grows
    older than her provider's limit (``Organisatie.vog_max_maanden``, the matching default when empty)."""
    eind = op + timedelta(days=KWALIFICATIE_DAGEN)
    max_maanden = Coalesce(
        F("user__lidmaatschap__organisatie__vog_max_maanden"), Value(STANDAARD_VOG_MAX_MAANDEN)
    )
    rijen = (
        MedewerkerProfiel.objects.filter(user__is_active=True, user__lidmaatschap__rol=Rol.MEDEWERKER)
        .annotate(vog_verloopt=_maanden_later(F("vog_datum"), max_maanden))
        .filter(Q(kckz_geldig_tot__range=(op, eind)) | Q(vog_verloopt__range=(op, eind)))
        .values_list(
            "user_id",
            "user__first_name",
            "user__last_name",
            "user__lidmaatschap__organisatie_id",
            "kckz_geldig_tot",
            "vog_verloopt",
        )
    )
    onderwerpen = []
    for user_id, voornaam, achternaam, organisatie_id, kckz_tot, vog_tot in rijen:
        naam = f"{voornaam} {achternaam}".strip()
        for soort, tot in ((HerinneringSoort.KCKZ, kckz_tot), (HerinneringSoort.VOG, vog_tot)):
            if tot and op <= tot <= eind:
                # The date is part of the key: a renewed registration that expires again is reminded again.
                onderwerpen.append(
                    Onderwerp(
                        soort,
                        f"{soort}:{user_id}:{tot.isoformat()}",
                        tot,
                        medewerker_id=user_id,
                        medewerker_naam=naam,
                        organisatie_id=organisatie_id,
                    )
                )
    return onderwerpen


def te_herinneren(op: date) -> list[Onderwerp]:
    """Every subject due on ``op``, whoever is to hear of it."""
    return [
        *_evaluaties(op),
        *_evaluaties_te_laat(op),
        *_indicaties(op),
        *_eerste_verjaardagen(op),
        *_signalen(op),
        *_kwalificaties(op),
    ]
