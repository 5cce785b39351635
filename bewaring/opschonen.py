"""Retention: what happens to a client's records when their time is up, and the nightly job.

Per trajectory, once its retention period has passed (``BEWAARTERMIJN_DOSSIER_JAREN`` after it ended):
- with an indication ever issued (care was given): *anonymised*. What the period reports of past years
  count stays: the trajectory's dates, municipality, provider and status; the referral's date, referrer
  type, urgency and vulnerability factors; indication periods, hours, tariff and budget; visit times and
  shifts; goal themes, scores and statuses; evaluation dates and conclusions; the chain partners'
  involvement (organisation, role, period); closure outcome and satisfaction. Everything else goes:
  the family (parents, babies, BSN, address), all free text, intakes, assignments and grants, signals
  and Meldcode steps, the network plan, consents and handovers, report files, correction requests.
  The trajectory is moved to the one empty family of its municipality (placeholder address), so
  nothing links it to the family or to the family's other trajectories.
- without an indication (a referral declined or cancelled): *destroyed* entirely.
A family goes as soon as none of its trajectories is left. The README lists the same choice.
"""

import logging
import time

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Exists, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from guardian.models import UserObjectPermission

from core.cache import nieuwe_versie, organisatie_versie_naam
from herinneringen.models import Herinnering
from indicaties.models import Indicatie, IndicatieAanvraag
from ketenpartners.models import Betrokkenheid, Overdracht, Toestemming, Verstrekking
from rapportage.models import Rapport
from trajecten.constants import Uitkomst
from trajecten.models import (
    Aanmelding,
    Afsluiting,
    BudgetUitzondering,
    Evaluatie,
    EvaluatieDoel,
    Gezin,
    Huisbezoek,
    HuisbezoekVoortgang,
    Intake,
    NetwerkLid,
    Netwerkplan,
    Ondersteuningsplan,
    Signaal,
    StatusOvergang,
    Toewijzing,
    Traject,
    Zorgdoel,
)

from .checks import MINIMUM_DOSSIER_JAREN, MINIMUM_TOEGANGSLOG_JAREN
from .constants import EINDSTATUSSEN, OpschoningSoort
from .models import Anonimisering, Correctieverzoek, Opschoning

logger = logging.getLogger(__name__)

# The nightly run stops taking new trajectories after this long, well inside the task's time limit
# (a task still running past the broker's visibility timeout would be delivered twice); the next
# night continues where it stopped.
WERKTIJD_SECONDEN = 240

# What stands where a name or address must stand (the database requires one): no person's data.
GEANONIMISEERD = "Geanonimiseerd"
# The one empty family per municipality that anonymised trajectories hang on. The postcode only fits
# the format the database requires; it is nobody's address.
LEEG_ADRES = {"straat": GEANONIMISEERD, "huisnummer": 1, "postcode": "9999 ZZ", "woonplaats": GEANONIMISEERD}


def geeindigd_op():
    """When a trajectory ended: its last transition into a final state (or, failing that, its closure)."""
    laatste = (
        StatusOvergang.objects.filter(traject_id=OuterRef("pk"), naar__in=EINDSTATUSSEN)
        .order_by()
        .values("traject_id")
        .annotate(op=Max("op"))
        .values("op")
    )
    return Coalesce(Subquery(laatste), "afsluiting__afgesloten_op")


def dossiergrens(nu=None):
    jaren = settings.BEWAARTERMIJN_DOSSIER_JAREN
    if jaren < MINIMUM_DOSSIER_JAREN:
        raise ImproperlyConfigured(f"BEWAARTERMIJN_DOSSIER_JAREN must be at least {MINIMUM_DOSSIER_JAREN}.")
    return (nu or timezone.now()) - relativedelta(years=jaren)


def toegangsloggrens(nu=None):
    jaren = settings.BEWAARTERMIJN_TOEGANGSLOG_JAREN
    if jaren < MINIMUM_TOEGANGSLOG_JAREN:
        raise ImproperlyConfigured(
            f"BEWAARTERMIJN_TOEGANGSLOG_JAREN must be at least {MINIMUM_TOEGANGSLOG_JAREN}."
        )
    return (nu or timezone.now()) - relativedelta(years=jaren)


def verlopen_trajecten(grens):
    """Ended trajectories whose retention period passed and that still hold personal data."""
    return (
        Traject.objects.filter(status__in=EINDSTATUSSEN)
        .annotate(geeindigd=geeindigd_op())
        .filter(geeindigd__lt=grens)
        .exclude(Exists(Anonimisering.objects.filter(traject_id=OuterRef("pk"))))
    )


def _zonder_koppelingen(traject_id: int) -> None:
    """Remove what refers to the trajectory with PROTECT or outside a foreign key, for both paths."""
    Verstrekking.objects.filter(overdracht__traject_id=traject_id).delete()
    Overdracht.objects.filter(traject_id=traject_id).delete()
    Toestemming.objects.filter(traject_id=traject_id).delete()
    HuisbezoekVoortgang.objects.filter(bezoek__traject_id=traject_id).delete()
    BudgetUitzondering.objects.filter(indicatie__traject_id=traject_id).delete()
    Indicatie.objects.filter(traject_id=traject_id).update(aanvraag=None)
    IndicatieAanvraag.objects.filter(traject_id=traject_id).delete()
    Intake.objects.filter(traject_id=traject_id).delete()
    Toewijzing.objects.filter(traject_id=traject_id).delete()
    UserObjectPermission.objects.filter(
        content_type=ContentType.objects.get_for_model(Traject), object_pk=str(traject_id)
    ).delete()
    Signaal.objects.filter(traject_id=traject_id).delete()
    NetwerkLid.objects.filter(traject_id=traject_id).delete()
    Netwerkplan.objects.filter(traject_id=traject_id).delete()
    Correctieverzoek.objects.filter(traject_id=traject_id).delete()
    Herinnering.objects.filter(traject_id=traject_id).delete()
    # One by one, so each report's files go with it (rapportage.signals).
    for rapport in Rapport.objects.filter(traject_id=traject_id):
        rapport.delete()


def _gezin_opruimen(gezin_id: int) -> bool:
    """The family (parents, babies, address) goes once none of its trajectories is left."""
    if Traject.objects.filter(gezin_id=gezin_id).exists():
        return False
    Gezin.objects.filter(pk=gezin_id).delete()
    return True


def _uit_de_werklijsten(traject: Traject) -> None:
    """Names kept in the role homes' worklist cards (werkplek.werklijsten) go with the data: the cards of
    the provider and the municipality are built afresh from the commit on, not after their minute."""
    namen = [organisatie_versie_naam(org) for org in (traject.aanbieder_id, traject.gemeente_id) if org]
    transaction.on_commit(lambda: nieuwe_versie(*namen))


def anonimiseren(traject: Traject) -> bool:
    """Irreversibly strip a trajectory to its figures (see the module's docstring). Returns whether the
    family went with it."""
    pk, gezin_id = traject.pk, traject.gezin_id
    _uit_de_werklijsten(traject)
    _zonder_koppelingen(pk)
    leeg_gezin, _aangemaakt = Gezin.objects.get_or_create(
        gemeente_id=traject.gezin.gemeente_id, **LEEG_ADRES, defaults={"eerste_kind": None}
    )
    Traject.objects.filter(pk=pk).update(
        gezin=leeg_gezin,
        regie_casemanager=None,
        regie_naam="",
        regie_skj="",
        regie_organisatie=None,
        kraamweek_medewerker=None,
    )
    Aanmelding.objects.filter(traject_id=pk).update(
        verwijzer_naam=GEANONIMISEERD, verwijzer_contact="", hulpvraag="", afwijzingsreden="", advies=""
    )
    StatusOvergang.objects.filter(traject_id=pk).update(reden="")
    Indicatie.objects.filter(traject_id=pk).update(
        beschikkingsnummer="", motivatie_na_eerste_verjaardag="", beeindigingsreden=""
    )
    bezoeken = Huisbezoek.objects.filter(traject_id=pk)
    bezoeken.update(vervangt=None, correctiereden="", verslag="")
    bezoeken.filter(vervangen=True).delete()  # superseded by a correction: counted nowhere
    Ondersteuningsplan.objects.filter(traject_id=pk).update(woorden_ouders="")
    Zorgdoel.objects.filter(plan__traject_id=pk).update(omschrijving="")
    Evaluatie.objects.filter(traject_id=pk).update(deelnemers="", toelichting="")
    EvaluatieDoel.objects.filter(evaluatie__traject_id=pk).update(opmerking="")
    Betrokkenheid.objects.filter(traject_id=pk).update(
        contactpersoon=None, verantwoordelijkheden=GEANONIMISEERD
    )
    afsluiting = Afsluiting.objects.filter(traject_id=pk)
    afsluiting.exclude(uitkomst=Uitkomst.OVERGEDRAGEN).update(toelichting="", overgedragen_aan="")
    # The database wants a receiver for a handover; only that it was one remains.
    afsluiting.filter(uitkomst=Uitkomst.OVERGEDRAGEN).update(toelichting="", overgedragen_aan=GEANONIMISEERD)
    Anonimisering.objects.create(traject_id=pk)
    return _gezin_opruimen(gezin_id)


def vernietigen(traject: Traject) -> bool:
    """Destroy a trajectory that never led to care, and everything about it. Returns whether the family
    went with it. A trajectory with an indication is never destroyed: its indications are protected by
    their foreign key, in Django and in the database."""
    pk, gezin_id = traject.pk, traject.gezin_id
    if heeft_indicatie(traject):
        raise ValueError(f"Traject {pk} heeft een indicatie en valt onder de bewaarplicht.")
    _uit_de_werklijsten(traject)
    _zonder_koppelingen(pk)
    EvaluatieDoel.objects.filter(evaluatie__traject_id=pk).delete()
    Traject.objects.filter(pk=pk).delete()
    return _gezin_opruimen(gezin_id)


def heeft_indicatie(traject: Traject) -> bool:
    """An indication was issued: care was given, and the Jeugdwet's retention applies."""
    return Indicatie.objects.filter(traject_id=traject.pk).exists()


def dossiers_opschonen(nu=None) -> dict:
    """Anonymise or destroy every trajectory past its retention period; one audit line per run that
    removed something. Each trajectory in its own transaction: a run that stops halfway leaves whole
    trajectories, and the next run takes the rest."""
    grens = dossiergrens(nu)
    aantallen = {"trajecten_geanonimiseerd": 0, "trajecten_vernietigd": 0, "gezinnen_vernietigd": 0}
    einde = time.monotonic() + WERKTIJD_SECONDEN
    for pk in list(verlopen_trajecten(grens).values_list("pk", flat=True)):
        if time.monotonic() > einde:
            logger.warning("Bewaartermijnen: werktijd op, de rest volgt bij de volgende run")
            break
        with transaction.atomic():
            traject = verlopen_trajecten(grens).select_for_update(of=("self",)).filter(pk=pk).first()
            if traject is None:
                continue  # done meanwhile by another run
            traject = Traject.objects.select_related("gezin").get(pk=pk)
            if heeft_indicatie(traject):
                gezin_weg = anonimiseren(traject)
                aantallen["trajecten_geanonimiseerd"] += 1
            else:
                gezin_weg = vernietigen(traject)
                aantallen["trajecten_vernietigd"] += 1
            aantallen["gezinnen_vernietigd"] += int(gezin_weg)
    if any(aantallen.values()):
        Opschoning.objects.create(soort=OpschoningSoort.DOSSIERS, grens=grens, aantallen=aantallen)
    return aantallen


def toegangslog_opschonen(nu=None) -> int:
    """Purge access-log rows older than their retention. The application may not delete them itself
    (its database role has no DELETE on the log); the owner's SECURITY DEFINER function does, for rows
    before the boundary only, and writes its own audit line (core.ToegangslogOpschoning)."""
    grens = toegangsloggrens(nu)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT toegangslog_opschonen(%s)", [grens])
        return cursor.fetchone()[0] or 0


def bewaartermijnen_toepassen(nu=None) -> dict:
    nu = nu or timezone.now()
    aantallen = dossiers_opschonen(nu)
    aantallen["toegangslogregels"] = toegangslog_opschonen(nu)
    logger.info("Bewaartermijnen toegepast: %s", aantallen)
    return aantallen
