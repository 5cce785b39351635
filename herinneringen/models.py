from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import HerinneringSoort


class Herinnering(models.Model):
    """One reminder to one person about one subject. The unique key makes the daily job idempotent:
    a second run, or a second worker at the same time, never reminds the same person twice of the
    same subject. The trajectory is a plain id: the row needs no join to compose the e-mail."""

    soort = models.CharField(_("kind"), max_length=20, choices=HerinneringSoort.choices)
    onderwerp = models.CharField(
        _("subject"),
        max_length=100,
        help_text=_("What the reminder is about, e.g. evaluatie:123 or kckz:12:2027-01-31."),
    )
    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="herinneringen",
        verbose_name=_("recipient"),
    )
    traject_id = models.BigIntegerField(_("trajectory"), null=True, blank=True)
    datum = models.DateField(
        _("date"), help_text=_("The date it is about: planned, ending, birthday, open since or expiry.")
    )
    aangemaakt_op = models.DateTimeField(_("created at"), default=timezone.now)
    gemaild_op = models.DateTimeField(
        _("e-mailed at"), null=True, blank=True, help_text=_("Empty: no e-mail sent (yet).")
    )

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["soort", "onderwerp", "ontvanger"], name="herinnering_eenmaal_per_ontvanger"
            ),
        ]
        indexes = [
            # The e-mail stage looks for recent reminders whose e-mail has not gone out.
            models.Index(
                fields=["aangemaakt_op"],
                condition=Q(gemaild_op__isnull=True),
                name="herinnering_te_mailen_idx",
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.onderwerp} → {self.ontvanger_id}"
