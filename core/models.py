from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import Gebeurtenis, Rol, Uitkomst


class Toegangslog(models.Model):
    """One access to client data, allowed or refused (NEN 7513).

    Append-only: a database trigger (migration 0002) refuses UPDATE and DELETE. Family and
    trajectory are plain ids, not foreign keys, because the log outlives the records it describes.
    Who did it is copied (name, role, organisation) so the row stays true when a user changes role.
    """

    tijdstip = models.DateTimeField(_("time (UTC)"), default=timezone.now, db_index=True)
    gebeurtenis = models.CharField(_("event"), max_length=20, choices=Gebeurtenis.choices)
    uitkomst = models.CharField(
        _("outcome"), max_length=20, choices=Uitkomst.choices, default=Uitkomst.TOEGESTAAN
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    gebruikersnaam = models.CharField(_("user name"), max_length=150, blank=True)
    rol = models.CharField(_("role"), max_length=30, blank=True)
    organisatie = models.ForeignKey(
        "accounts.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    gezin_id = models.BigIntegerField(_("family"), null=True, blank=True)
    traject_id = models.BigIntegerField(_("trajectory"), null=True, blank=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    omschrijving = models.CharField(_("what"), max_length=255, blank=True)
    reden = models.CharField(_("reason for refusal"), max_length=255, blank=True)
    pad = models.CharField(_("address (URL)"), max_length=500, blank=True)
    ip_adres = models.GenericIPAddressField(_("client IP address"), null=True, blank=True)
    # The request's id (core.verzoek_id): the same as in the JSON logs and the X-Request-ID header. A
    # database default, so rows written by the previous version during a rollout are valid (expand).
    request_id = models.CharField(_("request id"), max_length=64, blank=True, default="", db_default="")

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-tijdstip", "-id"]
        indexes = [
            models.Index(fields=["gezin_id", "-tijdstip"], name="toegangslog_gezin_idx"),
            models.Index(fields=["gebruiker", "-tijdstip"], name="toegangslog_gebruiker_idx"),
            models.Index(fields=["organisatie", "-tijdstip"], name="toegangslog_organisatie_idx"),
            # Searching by user name or trajectory (issue 10): her newest rows first, straight from the index.
            models.Index(fields=["gebruikersnaam", "-tijdstip", "-id"], name="toegangslog_naam_idx"),
            models.Index(fields=["traject_id", "-tijdstip", "-id"], name="toegangslog_traject_idx"),
        ]

    def __str__(self):
        return f"{self.tijdstip:%Y-%m-%d %H:%M:%S} {self.gebruikersnaam} {self.gebeurtenis} {self.uitkomst}"

    @property
    def rol_label(self) -> str:
        return Rol(self.rol).label if self.rol in Rol.values else self.rol


class Melding(models.Model):
    """An in-app notification (a serious signal, a reminder). Shown on the user's pages until read."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meldingen", verbose_name=_("user")
    )
    tekst = models.CharField(_("text"), max_length=300)
    url = models.CharField(_("link"), max_length=300, blank=True)
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)
    gelezen_op = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-aangemaakt_op"]
        indexes = [models.Index(fields=["gebruiker", "gelezen_op"], name="melding_ongelezen_idx")]

    def __str__(self):
        return self.tekst


class ToegangslogOpschoning(models.Model):
    """One purge of the access log past its retention: up to which moment, how many rows, by whom.

    Written by the database function ``toegangslog_opschonen(grens)`` itself (migration 0004), so
    every purge leaves a line, whoever calls it. Append-only like the access log: it is the evidence
    that log rows were removed on time and no sooner.
    """

    tijdstip = models.DateTimeField(_("time (UTC)"), default=timezone.now)
    grens = models.DateTimeField(_("removed what was older than"))
    aantal = models.BigIntegerField(_("number of rows"))
    uitgevoerd_door = models.CharField(_("database role"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("access log purge")
        verbose_name_plural = _("access log purges")
        ordering = ["-tijdstip", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(aantal__gte=0), name="toegangslog_opschoning_aantal")
        ]

    def __str__(self):
        return f"{self.tijdstip:%Y-%m-%d %H:%M:%S}: {self.aantal}"


class PriveBestand(models.Model):
    """A private file (a report's PDF, CSV or JSON) stored in PostgreSQL: every web and worker instance
    reads the same file, the backup is one pg_dump, and a file is written in the same transaction as the
    row that names it. Only through core.opslag.DatabaseOpslag, never under a URL."""

    naam = models.CharField(_("name"), max_length=255, unique=True)
    inhoud = models.BinaryField(_("content"))
    grootte = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    gewijzigd_op = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("private file")
        verbose_name_plural = _("private files")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(naam="")
                & ~models.Q(naam__startswith="/")
                & ~models.Q(naam__contains=".."),
                name="privebestand_naam_relatief",
            )
        ]

    def __str__(self):
        return self.naam


class TrajectScopeKopie(models.Model):
    """The provider and municipality of a row's trajectory, copied onto the row by triggers (migrations
    trajecten 0023, indicaties 0008) and kept equal when the trajectory's change. The policy scopes such
    rows on these columns (``trajecten.rules.zichtbaar_via_traject``), so a worklist is read from an index that
    starts with the user's organisation instead of from every open row of the country."""

    traject_aanbieder = models.ForeignKey(
        "accounts.Organisatie",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        editable=False,
        related_name="+",
    )
    traject_gemeente = models.ForeignKey(
        "accounts.Organisatie",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True
