"""Reminders, run daily by Celery beat: evaluation due, indication ending, baby turning one, a serious
signal left open, KCKZ registration or VOG expiring. Each goes in-app (a Melding) and by e-mail.

Two stages. First the subjects are found with one query per kind and their recipients with one query
for all; the (kind, subject, recipient) rows are inserted with ON CONFLICT DO NOTHING, and only the rows
that were really new get a Melding, all in one transaction. Then the e-mails of rows not yet mailed go
out, each marked when sent; a mail server that is down is tried again on the next runs. E-mails name
no client: only the kind, the trajectory number, the date and a link into the application.
"""

import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import DateField, DurationField, Exists, F, Func, OuterRef, Q, Value
from django.db.models.functions import Cast, Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.constants import Rol
from accounts.models import Lidmaatschap, MedewerkerProfiel
from core.models import Melding
from indicaties.models import Indicatie
from trajecten.constants import Ernst, SignaalStatus, TrajectStatus
from trajecten.evaluaties import EVALUEERBAAR
from trajecten.matching import STANDAARD_VOG_MAX_MAANDEN
from trajecten.models import Baby, Evaluatie, Signaal, Traject

from .constants import (
    BEWAAR_DAGEN,
    EERSTE_VERJAARDAG_DAGEN,
    EMAIL_HERKANSING_DAGEN,
    EVALUATIE_DAGEN,
    EVALUATIE_TE_LAAT_DAGEN,
    INDICATIE_DAGEN,
    KWALIFICATIE_DAGEN,
    SIGNAAL_OPEN_DAGEN,
    HerinneringSoort,
)
from .models import Herinnering

logger = logging.getLogger(__name__)

TAAL = "nl"  # beat runs outside a request: texts are rendered in the users' language explicitly
INSERT_BLOK = 500
EMAIL_BLOK = 50
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


# --- who hears of it ------------------------------------------------------------------------------


def _ontvangers(onderwerpen: list[Onderwerp]) -> dict[Onderwerp, list[int]]:
    """Recipients per subject, from one query: the coordinators of the provider; for a trajectory also
    the casemanager holding the regie, or the municipality's casemanagers when none does (or she is no
    longer a casemanager there); for credentials the care worker herself. Only active users whose
    membership is in that very organisation: another provider or municipality never hears of it."""
    aanbieders = {o.traject.aanbieder_id for o in onderwerpen if o.traject} | {
        o.organisatie_id for o in onderwerpen if o.organisatie_id
    }
    gemeenten = {o.traject.gemeente_id for o in onderwerpen if o.traject}
    leden = Lidmaatschap.objects.filter(user__is_active=True).filter(
        Q(rol=Rol.COORDINATOR, organisatie_id__in=aanbieders)
        | Q(rol=Rol.CASEMANAGER, organisatie_id__in=gemeenten)
    )
    coordinatoren, casemanagers = defaultdict(list), defaultdict(list)
    for rol, organisatie_id, user_id in leden.order_by("user_id").values_list(
        "rol", "organisatie_id", "user_id"
    ):
        (coordinatoren if rol == Rol.COORDINATOR else casemanagers)[organisatie_id].append(user_id)

    ontvangers = {}
    for onderwerp in onderwerpen:
        if onderwerp.traject:
            traject = onderwerp.traject
            gemeente = casemanagers[traject.gemeente_id]
            regie = [traject.regie_casemanager_id] if traject.regie_casemanager_id in gemeente else gemeente
            ontvangers[onderwerp] = coordinatoren[traject.aanbieder_id] + regie
        else:
            ontvangers[onderwerp] = [onderwerp.medewerker_id, *coordinatoren[onderwerp.organisatie_id]]
    return ontvangers


# --- texts ----------------------------------------------------------------------------------------


def _zin(soort: str, *, nummer: str, datum: date, naam: str | None = None, eigen: bool = False) -> str:
    """The one sentence of a reminder. For credentials: ``eigen`` to the care worker herself; else with
    her ``naam`` (in-app) or without it (e-mail)."""
    waarden = {"nummer": nummer, "datum": date_format(datum, "j F Y"), "naam": naam}
    if soort == HerinneringSoort.EVALUATIE:
        return _("The evaluation of trajectory %(nummer)s is planned on %(datum)s.") % waarden
    if soort == HerinneringSoort.EVALUATIE_TE_LAAT:
        return (
            _(
                "The evaluation of trajectory %(nummer)s was planned on %(datum)s and has not been recorded: "
                "record it, or plan a new date."
            )
            % waarden
        )
    if soort == HerinneringSoort.INDICATIE:
        return _("The indication of trajectory %(nummer)s ends on %(datum)s.") % waarden
    if soort == HerinneringSoort.EERSTE_VERJAARDAG:
        return _("The baby in trajectory %(nummer)s turns one on %(datum)s.") % waarden
    if soort == HerinneringSoort.SIGNAAL:
        return _("A serious signal in trajectory %(nummer)s has been open since %(datum)s.") % waarden
    if soort == HerinneringSoort.KCKZ:
        if eigen:
            return _("Your KCKZ registration expires on %(datum)s.") % waarden
        if naam:
            return _("The KCKZ registration of %(naam)s expires on %(datum)s.") % waarden
        return (
            _("The KCKZ registration of a care worker of your organisation expires on %(datum)s.") % waarden
        )
    if eigen:
        return _("Your certificate of good conduct (VOG) expires on %(datum)s.") % waarden
    if naam:
        return _("The certificate of good conduct (VOG) of %(naam)s expires on %(datum)s.") % waarden
    return (
        _("The certificate of good conduct (VOG) of a care worker of your organisation expires on %(datum)s.")
        % waarden
    )


TABBLAD = {
    HerinneringSoort.EVALUATIE: "evaluaties",
    HerinneringSoort.EVALUATIE_TE_LAAT: "evaluaties",
    HerinneringSoort.INDICATIE: "indicaties",
    HerinneringSoort.EERSTE_VERJAARDAG: "indicaties",  # the indication ends at the first birthday
    HerinneringSoort.SIGNAAL: "signalen",
}


def _url(soort: str, traject_id: int | None) -> str:
    """Where the reminder leads: the trajectory's tab, or the home page (credentials)."""
    if traject_id is None:
        return reverse("core:home")
    return f"{reverse('trajecten:detail', args=[traject_id])}?tab={TABBLAD[soort]}"


def _medewerker_van(herinnering: Herinnering) -> int | None:
    """The care worker a credentials reminder is about ("kckz:12:2027-01-31" → 12)."""
    if herinnering.soort in {HerinneringSoort.KCKZ, HerinneringSoort.VOG}:
        return int(herinnering.onderwerp.split(":")[1])
    return None


# --- the job --------------------------------------------------------------------------------------


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


def _nieuwe_rijen(rijen: list[tuple]) -> set[tuple[str, str, int]]:
    """Insert (soort, onderwerp, ontvanger_id, traject_id, datum) rows, skipping those that exist;
    returns the keys really inserted. ON CONFLICT makes a concurrent second run wait for the first and
    then insert nothing (bulk_create(ignore_conflicts) cannot tell which rows were new)."""
    tabel = connection.ops.quote_name(Herinnering._meta.db_table)
    nu = timezone.now()
    nieuw = set()
    with connection.cursor() as cursor:
        for begin in range(0, len(rijen), INSERT_BLOK):
            blok = rijen[begin : begin + INSERT_BLOK]
            waarden = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(blok))
            cursor.execute(
                f"INSERT INTO {tabel} (soort, onderwerp, ontvanger_id, traject_id, datum, aangemaakt_op) "  # noqa: S608 - only placeholders are interpolated
                f"VALUES {waarden} ON CONFLICT (soort, onderwerp, ontvanger_id) DO NOTHING "
                "RETURNING soort, onderwerp, ontvanger_id",
                [waarde for rij in blok for waarde in (*rij, nu)],
            )
            nieuw.update(cursor.fetchall())
    return nieuw


@transaction.atomic
def _vastleggen(onderwerpen: list[Onderwerp]) -> int:
    """Record the reminders and give each new one its in-app notification; returns how many were new."""
    ontvangers = _ontvangers(onderwerpen)
    per_sleutel = {}
    for onderwerp in onderwerpen:
        for user_id in ontvangers[onderwerp]:
            per_sleutel.setdefault((onderwerp.soort, onderwerp.sleutel, user_id), onderwerp)
    if not per_sleutel:
        return 0
    # Sorted, so two workers at once lock the same keys in the same order (no deadlock).
    nieuw = _nieuwe_rijen(
        [
            (soort, sleutel, user_id, o.traject.pk if o.traject else None, o.datum)
            for (soort, sleutel, user_id), o in sorted(per_sleutel.items(), key=lambda item: item[0])
        ]
    )
    meldingen = []
    for soort, sleutel, user_id in nieuw:
        onderwerp = per_sleutel[(soort, sleutel, user_id)]
        traject_id = onderwerp.traject.pk if onderwerp.traject else None
        tekst = _zin(
            soort,
            nummer=onderwerp.traject.nummer if onderwerp.traject else "",
            datum=onderwerp.datum,
            naam=onderwerp.medewerker_naam,
            eigen=user_id == onderwerp.medewerker_id,
        )
        meldingen.append(Melding(gebruiker_id=user_id, tekst=tekst[:300], url=_url(soort, traject_id)))
    Melding.objects.bulk_create(meldingen)
    return len(nieuw)


def _email(herinnering: Herinnering, verbinding) -> EmailMessage:
    traject_id = herinnering.traject_id
    nummer = Traject(pk=traject_id).nummer if traject_id else ""
    context = {
        "soort": herinnering.get_soort_display(),
        "nummer": nummer,
        "zin": _zin(
            herinnering.soort,
            nummer=nummer,
            datum=herinnering.datum,
            eigen=_medewerker_van(herinnering) == herinnering.ontvanger_id,
        ),
        "url": getattr(settings, "SITE_URL", "http://localhost:8000").rstrip("/")
        + _url(herinnering.soort, traject_id),
    }
    onderwerp = " ".join(render_to_string("herinneringen/email_onderwerp.txt", context).split())
    return EmailMessage(
        subject=onderwerp,
        body=render_to_string("herinneringen/email_bericht.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[herinnering.ontvanger.email],
        connection=verbinding,
    )


def emails_versturen() -> int:
    """Send the e-mails of recent reminders not yet mailed, one per recipient, in blocks. Rows are
    locked while their block is sent (a second worker skips them) and marked when sent; when the mail
    server fails the rest waits for the next run. Returns how many were sent."""
    sinds = timezone.now() - timedelta(days=EMAIL_HERKANSING_DAGEN)
    verbinding = get_connection()
    geweigerd: set[int] = set()
    verstuurd = 0
    try:
        while True:
            with transaction.atomic():
                blok = list(
                    Herinnering.objects.select_for_update(skip_locked=True, of=("self",))
                    .filter(gemaild_op__isnull=True, aangemaakt_op__gte=sinds, ontvanger__is_active=True)
                    .exclude(ontvanger__email="")
                    .exclude(pk__in=geweigerd)
                    .select_related("ontvanger")
                    .order_by("pk")[:EMAIL_BLOK]
                )
                if not blok:
                    return verstuurd
                gelukt, storing = [], False
                for herinnering in blok:
                    try:
                        _email(herinnering, verbinding).send()
                    except smtplib.SMTPRecipientsRefused:
                        logger.warning("herinnering %s: e-mailadres geweigerd", herinnering.pk)
                        geweigerd.add(herinnering.pk)
                    except OSError:  # includes SMTPException: the server is unreachable or failing
                        logger.exception("herinneringen: e-mail versturen mislukt, volgende run opnieuw")
                        storing = True
                        break
                    else:
                        gelukt.append(herinnering.pk)
                Herinnering.objects.filter(pk__in=gelukt).update(gemaild_op=timezone.now())
                verstuurd += len(gelukt)
            if storing:
                return verstuurd
    finally:
        verbinding.close()


def herinneringen_versturen(op: date | None = None) -> int:
    """Today's reminders (or those due on ``op``): each subject once per recipient, in-app and by
    e-mail. Call it outside a transaction: e-mails go out after the reminders are committed.
    Returns the number of new reminders."""
    op = op or timezone.localdate()
    with translation.override(TAAL):
        aantal = _vastleggen(te_herinneren(op))
        emails_versturen()
    Herinnering.objects.filter(aangemaakt_op__lt=timezone.now() - timedelta(days=BEWAAR_DAGEN)).delete()
    return aantal
