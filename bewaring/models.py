from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import MAX_TEKST, CorrectieBesluit, OpschoningSoort, WisGrond


class Opschoning(models.Model):
    """One run of the retention job that removed something: what kind, the boundary and the counts.
    Never personal data, never a trajectory number."""

    soort = models.CharField(_("kind"), max_length=20, choices=OpschoningSoort.choices)
    uitgevoerd_op = models.DateTimeField(_("carried out at"), default=timezone.now)
    grens = models.DateTimeField(_("boundary"), help_text=_("Everything that ended before this moment."))
    aantallen = models.JSONField(_("counts"), default=dict)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-uitgevoerd_op"]

    def __str__(self):
        return f"{self.get_soort_display()} {self.uitgevoerd_op:%Y-%m-%d %H:%M}"


class Anonimisering(models.Model):
    """Marks a trajectory whose retention period passed and whose personal data are gone; what is
    left of it (dates, municipality, provider, hours, outcome) feeds the figures of past periods."""

    traject = models.OneToOneField(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="anonimisering"
    )
    uitgevoerd_op = models.DateTimeField(_("carried out at"), default=timezone.now)

    class Meta:
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")

    def __str__(self):
        return str(self.traject_id)


class Correctieverzoek(models.Model):
    """The client asks to correct something (AVG art. 16). The correction itself goes through the
    normal forms; this records the request and the decision."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="correctieverzoeken"
    )
    ontvangen_op = models.DateField(_("received on"))
    verzoek = models.TextField(_("what the client asks to correct"), max_length=MAX_TEKST)
    besluit = models.CharField(
        _("decision"), max_length=20, choices=CorrectieBesluit.choices, default=CorrectieBesluit.OPEN
    )
    motivering = models.TextField(_("reason"), max_length=MAX_TEKST, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    vastgelegd_op = models.DateTimeField(_("recorded at"), auto_now_add=True)
    beslist_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    beslist_op = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        ordering = ["-ontvangen_op", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(besluit=CorrectieBesluit.OPEN)
                | (Q(beslist_door__isnull=False) & Q(beslist_op__isnull=False)),
                name="correctieverzoek_besluit_wie_wanneer",
            ),
            models.CheckConstraint(
                condition=~Q(besluit=CorrectieBesluit.AFGEWEZEN) | ~Q(motivering=""),
                name="correctieverzoek_afwijzing_met_reden",
                violation_error_message=_("Give the reason for refusing the request."),
            ),
            models.CheckConstraint(condition=~Q(verzoek=""), name="correctieverzoek_verzoek_ingevuld"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("verzoek"), MAX_TEKST)
                & LessThanOrEqual(Length("motivering"), MAX_TEKST),
                name="correctieverzoek_tekst_max",
            ),
        ]

    def __str__(self):
        return f"{self.ontvangen_op} — {self.get_besluit_display()}"

    def toegangslog_context(self):
        return {"traject_id": self.traject_id}


class Wissing(models.Model):
    """What remains of an erasure on the client's request: which trajectory number, on what ground,
    by whom and when. No personal data of the client."""

    traject_nummer = models.CharField(_("trajectory number"), max_length=20)
    gemeente = models.ForeignKey(
        "accounts.Organisatie", on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    grond = models.CharField(_("ground"), max_length=30, choices=WisGrond.choices)
    gezin_gewist = models.BooleanField(_("the whole family was erased"), default=False)
    gewist_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("erased by")
    )
    gewist_op = models.DateTimeField(_("erased at"), default=timezone.now)

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        ordering = ["-gewist_op"]

    def __str__(self):
        return self.traject_nummer
