import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class RapportSoort(models.TextChoices):
    TRAJECT = "traject", _("Trajectory report")
    PERIODE = "periode", _("Period report")
    NETWERKPLAN = "netwerkplan", _("Family network plan")
    OVERDRACHT = "overdracht", _("Handover")
    INZAGE = "inzage", _("Inspection export for the client")


class RapportStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("Queued")
    BEZIG = "bezig", _("Running")
    GEREED = "gereed", _("Ready")
    MISLUKT = "mislukt", _("Failed")


class Voortgang:
    """The phases of making a report, as the progress the status page shows (rapportage.maken)."""

    GEGEVENS = 5  # claimed: collecting the data
    OPMAAK = 30  # WeasyPrint lays out the pages (the longest phase)
    SCHRIJVEN = 75  # the PDF is written
    OPSLAAN = 90  # the file(s) are saved
    GEREED = 100


class Rapport(models.Model):
    """One requested report: what, for whom, its progress and its private file(s).

    The file lives in the private storage (core.opslag, in the database) with a name derived from
    ``sleutel`` (so a retry overwrites instead of adding a file) and is served only through a
    permission-checked view. Rows without a requester are the monthly period reports made by Celery beat: one per municipality and period.
    """

    sleutel = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    soort = models.CharField(_("kind"), max_length=20, choices=RapportSoort.choices)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rapporten",
        verbose_name=_("requested by"),
    )
    # Trajectory, network plan and handover reports.
    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, null=True, blank=True, related_name="rapporten"
    )
    overdracht = models.ForeignKey(
        "ketenpartners.Overdracht", on_delete=models.CASCADE, null=True, blank=True, related_name="rapporten"
    )
    # Decided at request time from the requester's role: gemeente-rapportage gets no names or BSNs.
    pseudoniem = models.BooleanField(_("pseudonymised"), default=False)
    # Period reports.
    gemeente = models.ForeignKey(
        "accounts.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    periode_van = models.DateField(_("period from"), null=True, blank=True)
    periode_tot = models.DateField(_("period up to and including"), null=True, blank=True)

    status = models.CharField(
        _("status"), max_length=10, choices=RapportStatus.choices, default=RapportStatus.WACHTRIJ
    )
    voortgang = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    foutmelding = models.CharField(_("reason for failure"), max_length=300, blank=True)
    pogingen = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Which attempt holds the report; a stale attempt may not finish it (see rapportage.tasks).
    poging_sleutel = models.UUIDField(null=True, blank=True, editable=False)
    pdf_bestand = models.CharField(max_length=200, blank=True, editable=False)
    csv_bestand = models.CharField(max_length=200, blank=True, editable=False)
    json_bestand = models.CharField(max_length=200, blank=True, editable=False)
    aangemaakt_op = models.DateTimeField(_("requested at"), auto_now_add=True)
    # When its task was last sent to the queue; empty while queued means not sent yet (the outbox:
    # rapportage.wachtrij.rapporten_bewaken sends it once the broker is reachable).
    ingepland_op = models.DateTimeField(null=True, blank=True, editable=False)
    gestart_op = models.DateTimeField(_("started at"), null=True, blank=True)
    hartslag_op = models.DateTimeField(null=True, blank=True, editable=False)
    gereed_op = models.DateTimeField(_("finished at"), null=True, blank=True)
    verloopt_op = models.DateTimeField(_("removed after"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [
            models.Index(fields=["aangevraagd_door", "-aangemaakt_op"], name="rapport_aanvrager_idx"),
            models.Index(fields=["gemeente", "-aangemaakt_op"], name="rapport_gemeente_idx"),
            models.Index(fields=["status", "hartslag_op"], name="rapport_status_idx"),
            models.Index(fields=["verloopt_op"], name="rapport_verloopt_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(soort__in=["traject", "netwerkplan"]) | Q(traject__isnull=False),
                name="rapport_traject_heeft_traject",
            ),
            models.CheckConstraint(
                condition=~Q(soort="overdracht") | Q(overdracht__isnull=False),
                name="rapport_overdracht_heeft_overdracht",
            ),
            models.CheckConstraint(
                condition=~Q(soort="inzage") | Q(traject__isnull=False), name="rapport_inzage_heeft_traject"
            ),
            models.CheckConstraint(
                condition=~Q(soort="periode")
                | (
                    Q(gemeente__isnull=False)
                    & Q(periode_van__isnull=False)
                    & Q(periode_tot__gte=F("periode_van"))
                ),
                name="rapport_periode_geldig",
                violation_error_message=_("The end of the period lies before its start."),
            ),
            models.CheckConstraint(condition=Q(voortgang__lte=100), name="rapport_voortgang_max_100"),
            models.CheckConstraint(
                condition=~Q(status="gereed") | ~Q(pdf_bestand=""), name="rapport_gereed_heeft_bestand"
            ),
            # Celery beat makes one period report per municipality and period, however often it runs.
            models.UniqueConstraint(
                fields=["gemeente", "periode_van", "periode_tot"],
                condition=Q(soort="periode", aangevraagd_door__isnull=True),
                name="rapport_een_automatisch_per_periode",
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.sleutel}"

    @property
    def is_klaar(self) -> bool:
        return self.status in {RapportStatus.GEREED, RapportStatus.MISLUKT}

    @property
    def titel(self) -> str:
        """A title without personal data: it appears in notifications and lists."""
        if self.soort == RapportSoort.PERIODE:
            return gettext("%(soort)s %(gemeente)s, %(van)s – %(tot)s") % {
                "soort": self.get_soort_display(),
                "gemeente": self.gemeente,
                "van": date_format(self.periode_van),
                "tot": date_format(self.periode_tot),
            }
        return f"{self.get_soort_display()} {self.traject.nummer if self.traject_id else ''}".strip()

    @property
    def ververst_zich(self) -> bool:
        """The status page polls while the report is on its way, for at most a quarter of an hour."""
        from django.utils import timezone

        return not self.is_klaar and self.aangemaakt_op > timezone.now() - timezone.timedelta(minutes=15)

    @property
    def fase(self) -> str:
        """What a running report is doing now, from its progress (Voortgang)."""
        if self.voortgang < Voortgang.OPMAAK:
            return gettext("collecting the data")
        if self.voortgang < Voortgang.SCHRIJVEN:
            return gettext("laying out the pages")
        if self.voortgang < Voortgang.OPSLAAN:
            return gettext("writing the PDF")
        return gettext("saving the file")

    @property
    def wacht_op_achtergronddienst(self) -> bool:
        """Queued but not sent: the broker was unreachable; the outbox sends it when it is back."""
        return self.status == RapportStatus.WACHTRIJ and self.ingepland_op is None

    @property
    def automatisch(self) -> bool:
        return self.aangevraagd_door_id is None

    def toegangslog_context(self):
        if self.traject_id:
            return {"traject_id": self.traject_id, "gezin_id": self.traject.gezin_id}
        return {}
