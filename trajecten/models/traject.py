from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateRangeField, RangeOperators
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Func, Q
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField

from accounts.constants import OrganisatieSoort, Taal
from trajecten.constants import (
    Component,
    GizFactor,
    Inschatting,
    Kwetsbaarheid,
    Opleidingsniveau,
    OuderRol,
    Risiconiveau,
    TrajectStatus,
    Urgentie,
    VerwijzerSoort,
)
from trajecten.validators import bsn_elfproef


class DateRange(Func):
    """PostgreSQL daterange(start, end, '[]'): an open end (NULL) runs for ever."""

    function = "DATERANGE"
    output_field = DateRangeField()

    def __init__(self, start, end):
        super().__init__(start, end, models.Value("[]"))


class Gezin(models.Model):
    """A family. The municipality of residence pays (woonplaatsbeginsel) and decides indications."""

    gemeente = models.ForeignKey(
        "accounts.Organisatie",
        on_delete=models.PROTECT,
        related_name="gezinnen",
        limit_choices_to={"soort": OrganisatieSoort.GEMEENTE},
        verbose_name=_("municipality of residence"),
    )
    straat = models.CharField(_("street"), max_length=200)
    huisnummer = models.CharField(_("house number"), max_length=20)
    postcode = models.CharField(
        _("postcode"),
        max_length=7,
        validators=[RegexValidator(r"^\d{4} ?[A-Z]{2}$", _("Enter a postcode like 9711 AB."))],
    )
    woonplaats = models.CharField(_("place of residence"), max_length=100)
    taal = models.CharField(_("home language"), max_length=5, choices=Taal.choices, default=Taal.NEDERLANDS)
    eerste_kind = models.BooleanField(_("first child"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("family")
        verbose_name_plural = _("families")

    def __str__(self):
        ouder = self.ouders.first() if self.pk else None
        return _("Family %(naam)s") % {"naam": ouder.achternaam if ouder else self.pk}

    def toegangslog_context(self):
        return {"gezin_id": self.pk}


class Ouder(models.Model):
    gezin = models.ForeignKey(
        Gezin, on_delete=models.CASCADE, related_name="ouders", verbose_name=_("family")
    )
    rol = models.CharField(_("role"), max_length=10, choices=OuderRol.choices, default=OuderRol.MOEDER)
    voornaam = models.CharField(_("first name"), max_length=100)
    achternaam = models.CharField(_("surname"), max_length=150)
    geboortedatum = models.DateField(_("date of birth"))
    # Encrypted at rest; bsn_hash (keyed HMAC) allows lookup without decrypting.
    bsn = EncryptedCharField(
        _("citizen service number (BSN)"), max_length=9, blank=True, validators=[bsn_elfproef]
    )
    bsn_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    opleidingsniveau = models.CharField(
        _("education level"), max_length=10, choices=Opleidingsniveau.choices, blank=True
    )
    telefoon = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("parent")
        verbose_name_plural = _("parents")
        ordering = ["id"]

    def __str__(self):
        return f"{self.voornaam} {self.achternaam}"

    @property
    def bsn_gemaskeerd(self) -> str:
        return f"*****{self.bsn[-4:]}" if self.bsn else ""

    def leeftijd(self, op: date) -> int:
        return relativedelta(op, self.geboortedatum).years


class Baby(models.Model):
    gezin = models.ForeignKey(Gezin, on_delete=models.CASCADE, related_name="babys", verbose_name=_("family"))
    voornaam = models.CharField(_("first name"), max_length=100, blank=True)
    geboortedatum = models.DateField(_("date of birth"), null=True, blank=True)
    uitgerekende_datum = models.DateField(_("due date"), null=True, blank=True)
    prematuur = models.BooleanField(_("premature"), default=False)
    kindfactoren = models.TextField(_("other child factors"), blank=True)

    class Meta:
        verbose_name = _("baby")
        verbose_name_plural = _("babies")
        constraints = [
            models.CheckConstraint(
                condition=Q(geboortedatum__isnull=False) | Q(uitgerekende_datum__isnull=False),
                name="baby_geboren_of_verwacht",
                violation_error_message=_(
                    "Enter the date of birth, or the due date if the baby is not born yet."
                ),
            ),
        ]

    def __str__(self):
        return self.voornaam or str(_("baby"))

    @property
    def geboren(self) -> bool:
        return self.geboortedatum is not None

    @property
    def eerste_verjaardag(self) -> date:
        """The first birthday; while unborn, due date + 1 year. Born on 29 February: 28 February."""
        return (self.geboortedatum or self.uitgerekende_datum) + relativedelta(years=1)


class Traject(models.Model):
    """One BabythuisZorg trajectory of a family with one provider, from referral to closure."""

    gezin = models.ForeignKey(
        Gezin, on_delete=models.PROTECT, related_name="trajecten", verbose_name=_("family")
    )
    aanbieder = models.ForeignKey(
        "accounts.Organisatie",
        on_delete=models.PROTECT,
        related_name="trajecten",
        limit_choices_to={"soort": OrganisatieSoort.ZORGAANBIEDER},
        verbose_name=_("care provider"),
    )
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=TrajectStatus.choices,
        default=TrajectStatus.AANGEMELD,
        db_index=True,
    )
    # Optimistic lock: every write through a service bumps it; a stale form gets a conflict.
    versie = models.PositiveIntegerField(default=1)
    regie_casemanager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regie_trajecten",
        verbose_name=_("case manager holding the regie"),
    )
    regie_naam = models.CharField(_("regievoerder (chain partner)"), max_length=200, blank=True)
    regie_skj = models.CharField(_("SKJ registration number"), max_length=20, blank=True)
    regie_organisatie = models.ForeignKey(
        "accounts.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"soort": OrganisatieSoort.KETENPARTNER},
        verbose_name=_("organisation of the regievoerder"),
    )
    kraamweek_medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("maternity carer of the maternity week"),
    )
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)
    gestart_op = models.DateField(_("started on"), null=True, blank=True)

    class Meta:
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        ordering = ["-aangemaakt_op"]
        indexes = [
            # The worklists: a provider's trajectories in one state, newest first.
            models.Index(
                fields=["aanbieder", "status", "-aangemaakt_op"], name="traject_aanbieder_status_idx"
            ),
        ]
        constraints = [
            # No activation without regie: a casemanager, or a named SKJ-registered professional.
            models.CheckConstraint(
                condition=~Q(status__in=[TrajectStatus.ACTIEF, TrajectStatus.AFSLUITEN])
                | Q(regie_casemanager__isnull=False)
                | (~Q(regie_naam="") & ~Q(regie_skj="")),
                name="traject_actief_heeft_regievoerder",
                violation_error_message=_("An active trajectory needs a regievoerder."),
            ),
        ]

    def __str__(self):
        return self.nummer

    @property
    def nummer(self) -> str:
        return f"BTZ-{self.pk:06d}"

    @property
    def heeft_regie(self) -> bool:
        return bool(self.regie_casemanager_id or (self.regie_naam and self.regie_skj))

    def toegangslog_context(self):
        return {"gezin_id": self.gezin_id, "traject_id": self.pk}


class Aanmelding(models.Model):
    traject = models.OneToOneField(Traject, on_delete=models.CASCADE, related_name="aanmelding")
    verwijzer_soort = models.CharField(_("referrer type"), max_length=20, choices=VerwijzerSoort.choices)
    verwijzer_organisatie = models.ForeignKey(
        "accounts.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referring organisation"),
    )
    verwijzer_naam = models.CharField(_("name of the referrer"), max_length=200)
    verwijzer_contact = models.CharField(_("how to reach the referrer"), max_length=200, blank=True)
    hulpvraag = models.TextField(_("help request (in the referrer's words)"))
    kwetsbaarheden = ArrayField(
        models.CharField(max_length=30, choices=Kwetsbaarheid.choices),
        verbose_name=_("vulnerability factors"),
        default=list,
        blank=True,
    )
    urgentie = models.CharField(
        _("urgency"), max_length=10, choices=Urgentie.choices, default=Urgentie.NORMAAL
    )
    toestemming_client = models.BooleanField(_("client consents to the referral"), default=False)
    ontvangen_op = models.DateField(_("received on"))
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by")
    )
    afwijzingsreden = models.TextField(_("reason for declining"), blank=True)
    advies = models.TextField(_("advice where to go instead"), blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(
                condition=Q(toestemming_client=True),
                name="aanmelding_met_toestemming",
                violation_error_message=_("A referral needs the client's consent."),
            ),
        ]

    def __str__(self):
        return f"{self.get_verwijzer_soort_display()} — {self.traject}"

    @property
    def kwetsbaarheden_labels(self) -> list[str]:
        return [Kwetsbaarheid(k).label for k in self.kwetsbaarheden]


class StatusOvergang(models.Model):
    """Who moved a trajectory from which state to which, when and why."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="overgangen")
    van = models.CharField(_("from"), max_length=30, choices=TrajectStatus.choices, blank=True)
    naar = models.CharField(_("to"), max_length=30, choices=TrajectStatus.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    op = models.DateTimeField(_("at"), auto_now_add=True)
    reden = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["op", "id"]

    def __str__(self):
        return f"{self.van} → {self.naar}"


class Intake(models.Model):
    """GIZ: a joint assessment with the client; repeated at evaluations so change is visible."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="intakes")
    datum = models.DateField(_("date"))
    uitgevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("done by")
    )
    client_visie = models.TextField(_("the client's view, in her words"))
    risiconiveau = models.CharField(_("risk level"), max_length=10, choices=Risiconiveau.choices)
    conclusie = models.TextField(_("professional's conclusion"))
    componenten = ArrayField(
        models.CharField(max_length=20, choices=Component.choices),
        verbose_name=_("components needed"),
        default=list,
    )

    class Meta:
        verbose_name = _("intake (GIZ)")
        verbose_name_plural = _("intakes (GIZ)")
        ordering = ["-datum", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(componenten=[]),
                name="intake_minstens_een_component",
                violation_error_message=_("Choose at least one component."),
            ),
        ]

    def __str__(self):
        return f"GIZ {self.datum}"

    @property
    def componenten_labels(self) -> list[str]:
        return [Component(c).label for c in self.componenten]


class IntakeFactor(models.Model):
    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="factoren")
    factor = models.CharField(_("factor"), max_length=30, choices=GizFactor.choices)
    inschatting = models.CharField(_("assessment"), max_length=10, choices=Inschatting.choices)
    ernst = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    toelichting = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("GIZ factor")
        verbose_name_plural = _("GIZ factors")
        constraints = [
            models.UniqueConstraint(fields=["intake", "factor"], name="intakefactor_uniek"),
            models.CheckConstraint(
                condition=Q(ernst__gte=1) & Q(ernst__lte=3), name="intakefactor_ernst_1_3"
            ),
        ]

    def __str__(self):
        return f"{self.get_factor_display()}: {self.get_inschatting_display()}"


class Toewijzing(models.Model):
    """A medewerker serving a family from/to a date; exactly one first contact at any time."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="toewijzingen")
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="toewijzingen",
        verbose_name=_("care worker"),
    )
    van = models.DateField(_("from"))
    tot = models.DateField(_("up to and including"), null=True, blank=True)
    eerste_aanspreekpunt = models.BooleanField(_("first contact"), default=False)
    toegewezen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("assigned by")
    )

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-eerste_aanspreekpunt", "van"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gte=F("van")),
                name="toewijzing_tot_na_van",
                violation_error_message=_("The end date lies before the start date."),
            ),
            ExclusionConstraint(
                name="toewijzing_een_eerste_aanspreekpunt",
                expressions=[
                    ("traject", RangeOperators.EQUAL),
                    (DateRange("van", "tot"), RangeOperators.OVERLAPS),
                ],
                condition=Q(eerste_aanspreekpunt=True),
                violation_error_message=_("This trajectory already has a first contact in this period."),
            ),
            ExclusionConstraint(
                name="toewijzing_medewerker_niet_dubbel",
                expressions=[
                    ("traject", RangeOperators.EQUAL),
                    ("medewerker", RangeOperators.EQUAL),
                    (DateRange("van", "tot"), RangeOperators.OVERLAPS),
                ],
                violation_error_message=_("This care worker is already assigned in this period."),
            ),
        ]

    def __str__(self):
        return f"{self.medewerker} — {self.traject}"

    def actief_op(self, dag: date) -> bool:
        return self.van <= dag and (self.tot is None or dag <= self.tot)
