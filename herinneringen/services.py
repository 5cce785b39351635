"""Reminders, run daily by Celery beat: evaluation due, indication ending, baby turning one, a serious
signal left open, KCKZ registration or VOG expiring. Each goes in-app (a Melding) and by e-mail.

Two stages. First the subjects are found with one query per kind (herinneringen.onderwerpen) and
their recipients with one query for all; the (kind, subject, recipient) rows are inserted with ON CONFLICT DO NOTHING, and only the rows
that were really new get a Melding, all in one transaction. Then the e-mails of rows not yet mailed go
out, each marked when sent; a mail server that is down is tried again on the next runs. E-mails name
no client: only the kind, the trajectory number, the date and a link into the application.
"""

import logging
import smtplib
from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.constants import Rol
from accounts.models import Lidmaatschap
from core.models import Melding
from trajecten.models import Traject

from .constants import BEWAAR_DAGEN, EMAIL_HERKANSING_DAGEN, HerinneringSoort
from .models import Herinnering
from .onderwerpen import Onderwerp, te_herinneren

logger = logging.getLogger(__name__)

TAAL = "nl"  # beat runs outside a request: texts are rendered in the users' language explicitly
INSERT_BLOK = 500
EMAIL_BLOK = 50


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
