"""Making one report in the worker: claim it, build its content, write its file(s), mark it ready.

Idempotent by construction: an attempt first claims the row (only a queued report, or a running one
whose heartbeat stopped because its worker died); the file name follows from the report's key, so a
retry replaces rather than adds a file; the files go to the private storage in the database
(core.opslag) in the same transaction that marks the report ready, and only the attempt that holds the
claim may do so: a reader never sees a half-written file, nor a file without its ready report.

Sending reports to the queue (and the outbox for when the broker is down) is rapportage.wachtrij; the
Celery tasks (rapportage.tasks) call this maker; this module imports neither.
"""

import logging
import threading
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import policy
from core.models import Melding, PriveBestand
from core.opslag import prive_opslag

from .models import Rapport, RapportSoort, RapportStatus, Voortgang
from .pdf import render_pdf

logger = logging.getLogger(__name__)

# Attempts (including restarts after a worker died) before a report is marked failed.
MAX_POGINGEN = 3


def vastgelopen_na() -> timedelta:
    """A running report without a heartbeat for this long lost its worker. The heartbeat beats every
    RAPPORT_HARTSLAG_SECONDEN while the report is made, so this is far shorter than the time limit."""
    return timedelta(seconds=settings.RAPPORT_VASTGELOPEN_NA_SECONDEN)


def bericht_verloren_na() -> timedelta:
    """A queued report sent this long ago may have lost its message (a broker restarted without its
    data): sent again. Longer than a busy queue takes, so a report waiting its turn is not sent twice."""
    return timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)


def bestand_lezen(naam: str) -> bytes | None:
    """A report file's content from the private storage, or None when it is not there."""
    return prive_opslag().lees(naam) if naam else None


def bestand_opslaan(naam: str, inhoud: bytes) -> None:
    """Save (or replace) a report file in the private storage; inside the caller's transaction."""
    prive_opslag().save(naam, ContentFile(inhoud))


def bestandsnamen(rapport: Rapport) -> tuple[str, str]:
    """The report's file names follow from its key: one PDF and at most one CSV, whatever the attempts."""
    return f"rapporten/{rapport.sleutel}.pdf", f"rapporten/{rapport.sleutel}.csv"


def json_naam(rapport: Rapport) -> str:
    return f"rapporten/{rapport.sleutel}.json"


def bestanden_verwijderen(rapport: Rapport) -> None:
    PriveBestand.objects.filter(naam__in=[*bestandsnamen(rapport), json_naam(rapport)]).delete()


# Report kinds added by apps above this one (bewaring: the client's inspection export). A maker gets the
# report and the progress callback and returns the PDF and a machine-readable JSON file (bytes).
_MAKERS: dict[str, Callable[[Rapport, Callable[[int], None]], tuple[bytes, bytes]]] = {}


def registreer_soort(soort: str, maker) -> None:
    _MAKERS[soort] = maker


def _claim(rapport_id: int) -> uuid.UUID | None:
    """Take the report for this attempt, or None when it is done or another live attempt holds it."""
    poging = uuid.uuid4()
    nu = timezone.now()
    geclaimd = (
        Rapport.objects.filter(pk=rapport_id)
        .filter(
            Q(status=RapportStatus.WACHTRIJ)
            | Q(status=RapportStatus.BEZIG, hartslag_op__lt=nu - vastgelopen_na())
        )
        .update(
            status=RapportStatus.BEZIG,
            poging_sleutel=poging,
            pogingen=F("pogingen") + 1,
            gestart_op=nu,
            hartslag_op=nu,
            voortgang=Voortgang.GEGEVENS,
            foutmelding="",
        )
    )
    return poging if geclaimd else None


def _voortgang(rapport: Rapport, poging: uuid.UUID, procent: int) -> None:
    Rapport.objects.filter(pk=rapport.pk, poging_sleutel=poging).update(
        voortgang=procent, hartslag_op=timezone.now()
    )


@contextmanager
def hartslag(rapport_id: int, poging: uuid.UUID):
    """Beat in a thread while the report is made: WeasyPrint's layout can take minutes without a chance
    to report progress, and only a heartbeat that stops means that the worker died."""
    stop = threading.Event()

    def kloppen():
        try:
            while not stop.wait(settings.RAPPORT_HARTSLAG_SECONDEN):
                try:
                    Rapport.objects.filter(
                        pk=rapport_id, poging_sleutel=poging, status=RapportStatus.BEZIG
                    ).update(hartslag_op=timezone.now())
                except DatabaseError:
                    logger.warning("Hartslag van rapport %s niet vastgelegd", rapport_id, exc_info=True)
        finally:
            connection.close()  # this thread's own connection

    draad = threading.Thread(target=kloppen, name=f"hartslag-rapport-{rapport_id}", daemon=True)
    draad.start()
    try:
        yield
    finally:
        stop.set()
        draad.join(timeout=10)


def _controleer_aanvrager(rapport: Rapport) -> None:
    """The requester must still be allowed when the worker renders (a moved family, an ended
    assignment or a changed role ends her access to the report's data too)."""
    if rapport.soort == RapportSoort.OVERDRACHT:
        from ketenpartners.constants import Reikwijdte
        from ketenpartners.services import toestemming_vereist

        with transaction.atomic():  # consent withdrawn since the request: not made
            toestemming_vereist(
                traject=rapport.traject,
                ketenpartner=rapport.overdracht.ketenpartner,
                reikwijdte=Reikwijdte.OVERDRACHT,
            )
    if rapport.automatisch or policy.mag_namens(rapport.aangevraagd_door, policy.RAPPORT_BEKIJKEN, rapport):
        return
    raise ValidationError(_("The requester no longer has access to this data; the report was not made."))


def _inhoud(rapport: Rapport, voortgang) -> tuple[bytes, str | None]:
    """The report's PDF (and CSV for period reports), built from its kind's context and template."""
    _controleer_aanvrager(rapport)

    def na_opmaak():
        voortgang(Voortgang.SCHRIJVEN)

    if rapport.soort in _MAKERS:
        return _MAKERS[rapport.soort](rapport, voortgang)
    algemeen = {"gegenereerd_op": timezone.localtime(), "rapport": rapport}
    if rapport.soort == RapportSoort.TRAJECT:
        from .trajectrapport import trajectrapport_context

        context = trajectrapport_context(rapport.traject, pseudoniem=rapport.pseudoniem)
        voortgang(Voortgang.OPMAAK)
        return render_pdf(
            "rapportage/pdf/trajectrapport.html",
            {**context, **algemeen, "vertrouwelijk": True},
            na_opmaak,
        ), None
    if rapport.soort == RapportSoort.PERIODE:
        from .periode import periode_cijfers
        from .periode_bescherming import beschermd
        from .periode_opmaak import periode_context, periode_csv

        # Published figures: small numbers hidden (issue 13).
        cijfers = beschermd(
            periode_cijfers(gemeente=rapport.gemeente, van=rapport.periode_van, tot=rapport.periode_tot)
        )
        voortgang(Voortgang.OPMAAK)
        pdf = render_pdf("rapportage/pdf/periode.html", {**periode_context(cijfers), **algemeen}, na_opmaak)
        return pdf, periode_csv(cijfers)
    if rapport.soort == RapportSoort.EVALUATIE:  # issue 13: the programme evaluation
        from .evaluatie import evaluatie_cijfers, naar_json
        from .evaluatie_basis import Scope
        from .evaluatie_opmaak import evaluatie_context, evaluatie_csv

        cijfers = evaluatie_cijfers(
            scope=Scope.van_rapport(rapport), van=rapport.periode_van, tot=rapport.periode_tot
        )
        rapport.samenvatting = naar_json(cijfers)  # saved with the files: the page's charts
        voortgang(Voortgang.OPMAAK)
        context = {**evaluatie_context(cijfers), **algemeen}
        return render_pdf("rapportage/pdf/evaluatie.html", context, na_opmaak), evaluatie_csv(cijfers)
    if rapport.soort == RapportSoort.NETWERKPLAN:
        from .trajectrapport import netwerkplan_context

        context = netwerkplan_context(rapport.traject)
        voortgang(Voortgang.OPMAAK)
        return render_pdf(
            "rapportage/pdf/netwerkplan.html", {**context, **algemeen, "vertrouwelijk": True}, na_opmaak
        ), None
    if rapport.soort == RapportSoort.OVERDRACHT:
        from .trajectrapport import overdracht_context

        context = overdracht_context(rapport.overdracht)
        voortgang(Voortgang.OPMAAK)
        return render_pdf(
            "rapportage/pdf/overdracht.html", {**context, **algemeen, "vertrouwelijk": True}, na_opmaak
        ), None
    raise ValueError(rapport.soort)


def mislukt(rapport_id: int, reden: str, poging: uuid.UUID | None = None) -> None:
    """Mark failed with a reason; a ready report is never turned back into a failed one."""
    filter_ = {"pk": rapport_id, "status__in": [RapportStatus.WACHTRIJ, RapportStatus.BEZIG]}
    if poging is not None:
        filter_["poging_sleutel"] = poging
    Rapport.objects.filter(**filter_).update(
        status=RapportStatus.MISLUKT, foutmelding=str(reden)[:300], hartslag_op=timezone.now()
    )


def terug_in_wachtrij(rapport_id: int, poging: uuid.UUID) -> None:
    """A transient error: release the claim so the retry (or the watchdog) may take it again."""
    Rapport.objects.filter(pk=rapport_id, poging_sleutel=poging).update(status=RapportStatus.WACHTRIJ)


# The reason shown for an unexpected error: the details go to the log, never to the user.
ALGEMENE_FOUT = gettext_lazy(
    "The report could not be laid out. Try again; if it still fails, contact the functional administrator."
)


def rapport_maken(rapport_id: int) -> str:
    """Make one report; returns what happened (for the task result and the tests)."""
    poging = _claim(rapport_id)
    if poging is None:
        return "overgeslagen"
    rapport = Rapport.objects.select_related(
        "traject__gezin",
        "gemeente",
        "regio",
        "aanbieder",
        "overdracht__ketenpartner",
        "aangevraagd_door__lidmaatschap",
    ).get(pk=rapport_id)
    if rapport.pogingen > MAX_POGINGEN:
        with translation.override("nl"):
            mislukt(rapport_id, _("Making the report was interrupted repeatedly. Request it again."), poging)
        return "mislukt"

    def voortgang(procent):
        _voortgang(rapport, poging, procent)

    with translation.override("nl"):
        try:
            with hartslag(rapport_id, poging):
                pdf, csv = _inhoud(rapport, voortgang)
        except ValidationError as fout:
            mislukt(rapport_id, " ".join(fout.messages), poging)
            return "mislukt"
        except Exception as fout:
            if _is_tijdelijk(fout):
                terug_in_wachtrij(rapport_id, poging)
                raise
            logger.exception("Rapport %s kon niet worden gemaakt", rapport.sleutel)
            mislukt(rapport_id, str(ALGEMENE_FOUT), poging)
            return "mislukt"
        voortgang(Voortgang.OPSLAAN)
        pdf_naam, csv_naam = bestandsnamen(rapport)
        # A registered kind's second file is JSON (bytes), not CSV text.
        json_bestand, json_inhoud = (json_naam(rapport), csv) if rapport.soort in _MAKERS else ("", None)
        csv = None if json_bestand else csv
        csv_naam = csv_naam if csv is not None else ""
        nu = timezone.now()
        try:
            with transaction.atomic():
                bestand_opslaan(pdf_naam, pdf)
                if csv_naam:
                    bestand_opslaan(csv_naam, csv.encode("utf-8-sig"))
                if json_bestand:
                    bestand_opslaan(json_bestand, json_inhoud)
                klaar = Rapport.objects.filter(pk=rapport_id, poging_sleutel=poging).update(
                    status=RapportStatus.GEREED,
                    voortgang=Voortgang.GEREED,
                    pdf_bestand=pdf_naam,
                    csv_bestand=csv_naam,
                    json_bestand=json_bestand,
                    gereed_op=nu,
                    hartslag_op=nu,
                    verloopt_op=nu + timedelta(days=settings.RAPPORT_BEWAARTERMIJN_DAGEN),
                )
                if klaar:
                    if rapport.samenvatting is not None:  # issue 13: the programme evaluation's figures
                        Rapport.objects.filter(pk=rapport_id).update(samenvatting=rapport.samenvatting)
                    _meld_gereed(rapport)
                else:  # a stale attempt (its worker was taken over): its files are not kept
                    transaction.set_rollback(True)
        except DatabaseError as fout:
            if _is_tijdelijk(fout):
                terug_in_wachtrij(rapport_id, poging)
                raise
            logger.exception("Rapport %s kon niet worden opgeslagen", rapport.sleutel)
            mislukt(rapport_id, _("The report file could not be saved. Try again later."), poging)
            return "mislukt"
    return "gereed" if klaar else "overgeslagen"


def _is_tijdelijk(fout: Exception) -> bool:
    from django.db import InterfaceError, OperationalError

    return isinstance(fout, OperationalError | InterfaceError | ConnectionError | TimeoutError)


def _meld_gereed(rapport: Rapport) -> None:
    """An in-app notification for whoever the report is for (beat reports: the municipality's analysts)."""
    from accounts.constants import Rol
    from accounts.models import User

    if rapport.aangevraagd_door_id:
        ontvangers = [rapport.aangevraagd_door_id]
    else:
        ontvangers = list(
            User.objects.filter(
                is_active=True,
                lidmaatschap__rol=Rol.GEMEENTE_RAPPORTAGE,
                lidmaatschap__organisatie_id=rapport.gemeente_id,
            ).values_list("pk", flat=True)
        )
    tekst = _("Your report is ready: %(soort)s.") % {"soort": rapport.titel}
    url = reverse("rapportage:detail", args=[rapport.sleutel])
    Melding.objects.bulk_create([Melding(gebruiker_id=pk, tekst=tekst[:300], url=url) for pk in ontvangers])


def verlopen_rapporten_verwijderen(nu=None) -> int:
    """Remove reports past their retention (failed ones count from their request); their files go with
    the row (rapportage.signals). Then sweep what a killed worker or a deleted row left behind."""
    nu = nu or timezone.now()
    grens_mislukt = nu - timedelta(days=settings.RAPPORT_BEWAARTERMIJN_DAGEN)
    verlopen = Rapport.objects.filter(
        Q(verloopt_op__lt=nu) | Q(status=RapportStatus.MISLUKT, aangemaakt_op__lt=grens_mislukt)
    )
    aantal = 0
    for rapport in verlopen.only("pk", "sleutel"):
        with transaction.atomic():
            rapport.delete()
        aantal += 1
    _wezen_opruimen(nu)
    return aantal


def _wezen_opruimen(nu) -> None:
    """Report files no report row names (files are written with their row, so only a bug or a manual
    change leaves one); older than an hour, so nothing being written right now."""
    genoemd = Rapport.objects.filter(
        Q(pdf_bestand=OuterRef("naam")) | Q(csv_bestand=OuterRef("naam")) | Q(json_bestand=OuterRef("naam"))
    )
    PriveBestand.objects.filter(
        naam__startswith="rapporten/", gewijzigd_op__lt=nu - timedelta(hours=1)
    ).exclude(Exists(genoemd)).delete()
