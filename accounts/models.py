from datetime import date

from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from core.validators import KorteTekstField, NaamField

from .constants import (
    ROL_ORGANISATIE_SOORT,
    Certificering,
    Expertise,
    MboNiveau,
    OrganisatieSoort,
    Rol,
    Taal,
    TeamSoort,
    Trainingsmodule,
)


class Organisatie(models.Model):
    naam = NaamField(_("name"), max_length=200, unique=True)
    soort = models.CharField(_("kind"), max_length=20, choices=OrganisatieSoort.choices)
    gemeentecode = models.CharField(
        _("municipality code"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^\d{4}$", _("A municipality code has four digits."))],
        help_text=_("CBS code, municipalities only (e.g. 0014 for Groningen)."),
    )
    plaats = NaamField(_("place"), max_length=100, blank=True)
    vog_max_maanden = models.PositiveSmallIntegerField(
        _("maximum VOG age (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Care providers only: how old a certificate of good conduct may be."),
    )
    eerste_evaluatie_na_weken = models.PositiveSmallIntegerField(
        _("first evaluation after (weeks)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("Care providers: when the first evaluation of a trajectory is planned."),
    )
    evaluatie_interval_weken = models.PositiveSmallIntegerField(
        _("evaluation interval (weeks)"), default=8, validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    actief = models.BooleanField(_("active"), default=True)
    # Issue 13: a care provider's quality certificates (seed 001: HKZ/ISO), countable.
    certificeringen = ArrayField(
        models.CharField(max_length=20, choices=Certificering.choices),
        verbose_name=_("certifications"),
        null=True,
        blank=True,
        default=list,
        help_text=_("Care providers only."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort=OrganisatieSoort.GEMEENTE) | Q(gemeentecode=""),
                name="organisatie_gemeentecode_alleen_gemeente",
                violation_error_message=_("Only a municipality has a municipality code."),
            ),
            models.CheckConstraint(
                condition=Q(soort=OrganisatieSoort.ZORGAANBIEDER) | Q(vog_max_maanden__isnull=True),
                name="organisatie_vog_alleen_zorgaanbieder",
                violation_error_message=_("Only a care provider has a maximum VOG age."),
            ),
        ]

    def __str__(self):
        return self.naam


class Team(models.Model):
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="teams",
        verbose_name=_("municipality"),
        limit_choices_to={"soort": OrganisatieSoort.GEMEENTE},
    )
    naam = NaamField(_("name"), max_length=200)
    soort = models.CharField(
        _("kind"), max_length=20, choices=TeamSoort.choices, default=TeamSoort.SOCIAAL_TEAM
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["organisatie__naam", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "naam"], name="team_naam_uniek_per_gemeente"),
        ]

    def __str__(self):
        return f"{self.naam} ({self.organisatie})"

    def clean(self):
        if self.organisatie_id and self.organisatie.soort != OrganisatieSoort.GEMEENTE:
            raise ValidationError({"organisatie": _("Only a municipality has teams.")})


class User(AbstractUser):
    """A person who logs in. What she may do follows from her membership (Lidmaatschap)."""

    first_name = NaamField(_("first name"), max_length=150, blank=True)
    last_name = NaamField(_("last name"), max_length=150, blank=True)
    sessies_beeindigd_op = models.DateTimeField(
        _("all sessions ended at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set by a second-factor reset or deactivation: every session started before it is over."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret=None):
        """Django ends every session of a user whose session hash changes: it is an HMAC of the password
        hash, so a new password ends them all. A second-factor reset or a deactivation does not touch the
        password, so the moment of ``sessies_beeindigd_op`` goes into the HMAC as well. Without it the
        hash is Django's own, so sessions from before this field existed stay valid."""
        if self.sessies_beeindigd_op is None:
            return super()._get_session_auth_hash(secret=secret)
        stempel = int(self.sessies_beeindigd_op.timestamp() * 1_000_000)
        return salted_hmac(
            "accounts.User.get_session_auth_hash",
            f"{self.password}\x00{stempel}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @property
    def rol(self) -> str | None:
        lidmaatschap = getattr(self, "lidmaatschap", None)
        return lidmaatschap.rol if lidmaatschap else None

    @property
    def organisatie(self) -> Organisatie | None:
        lidmaatschap = getattr(self, "lidmaatschap", None)
        return lidmaatschap.organisatie if lidmaatschap else None


class Lidmaatschap(models.Model):
    """A user's one role in one organisation. A beheerder without an organisation manages everything."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="lidmaatschap", verbose_name=_("user")
    )
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="lidmaatschappen",
        null=True,
        blank=True,
        verbose_name=_("organisation"),
        help_text=_("Empty only for an application manager who manages all organisations."),
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="leden", verbose_name=_("team")
    )
    rol = models.CharField(_("role"), max_length=30, choices=Rol.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisatie__isnull=False) | Q(rol=Rol.BEHEERDER),
                name="lidmaatschap_organisatie_verplicht_behalve_beheerder",
                violation_error_message=_(
                    "Every role except application manager belongs to an organisation."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_rol_display()} ({self.organisatie or _('all organisations')})"

    @property
    def is_globaal(self) -> bool:
        return self.rol == Rol.BEHEERDER and self.organisatie_id is None

    def clean(self):
        verwacht = ROL_ORGANISATIE_SOORT.get(self.rol)
        if self.organisatie_id and verwacht and self.organisatie.soort != verwacht:
            raise ValidationError(
                {
                    "organisatie": _("A %(rol)s belongs to an organisation of kind %(soort)s.")
                    % {"rol": self.get_rol_display(), "soort": OrganisatieSoort(verwacht).label}
                }
            )
        if self.team_id and self.team.organisatie_id != self.organisatie_id:
            raise ValidationError({"team": _("The team belongs to another organisation.")})


class MedewerkerProfiel(models.Model):
    """The credentials and preferences that matching (issue: assignment) uses."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="medewerkerprofiel", verbose_name=_("care worker")
    )
    kckz_nummer = KorteTekstField(_("KCKZ registration number"), max_length=20, blank=True)
    kckz_geldig_tot = models.DateField(_("KCKZ registration valid until"), null=True, blank=True)
    vog_datum = models.DateField(_("VOG date"), null=True, blank=True, help_text=_("Date of issue."))
    basistraining_datum = models.DateField(
        _("basic training completed on"), null=True, blank=True, help_text=_("Empty: not completed.")
    )
    jaren_ervaring = models.PositiveSmallIntegerField(
        _("years of experience as maternity carer"), default=0, validators=[MaxValueValidator(60)]
    )
    expertises = ArrayField(
        models.CharField(max_length=30, choices=Expertise.choices),
        verbose_name=_("expertise"),
        default=list,
        blank=True,
    )
    talen = ArrayField(
        models.CharField(max_length=5, choices=Taal.choices),
        verbose_name=_("languages"),
        default=list,
        blank=True,
    )
    nachtbeschikbaar = models.BooleanField(_("available for nights"), default=False)
    regio = KorteTekstField(_("region"), max_length=100, blank=True)
    # Issue 13: countable instead of free text (seed 000: five training modules; seed 001: MBO 3/4).
    mbo_niveau = models.PositiveSmallIntegerField(
        _("MBO level"), choices=MboNiveau.choices, null=True, blank=True
    )
    trainingsmodules = ArrayField(
        models.CharField(max_length=30, choices=Trainingsmodule.choices),
        verbose_name=_("training modules completed"),
        null=True,
        blank=True,
        default=list,
    )
    contracturen_per_week = models.DecimalField(
        _("contract hours per week"),
        max_digits=4,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )

    class Meta:
        verbose_name = _("care worker profile")
        verbose_name_plural = _("care worker profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(contracturen_per_week__gte=0) & Q(contracturen_per_week__lte=60),
                name="medewerkerprofiel_contracturen_0_60",
                violation_error_message=_("Contract hours per week lie between 0 and 60."),
            ),
            models.CheckConstraint(
                condition=Q(jaren_ervaring__lte=60),
                name="medewerkerprofiel_ervaring_max_60",
                violation_error_message=_("Years of experience cannot exceed 60."),
            ),
        ]

    def __str__(self):
        return str(self.user)

    def kckz_geldig(self, op: date) -> bool:
        return bool(self.kckz_nummer and self.kckz_geldig_tot and self.kckz_geldig_tot >= op)

    def vog_geldig(self, op: date, max_maanden: int) -> bool:
        return bool(self.vog_datum and self.vog_datum + relativedelta(months=max_maanden) >= op)

    @property
    def basistraining_afgerond(self) -> bool:
        return self.basistraining_datum is not None
