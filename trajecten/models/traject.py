from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, RangeOperators
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField

from accounts.constants import OrganisatieSoort, Taal
from core.db import DateRange
from core.validators import (
    DATUM_ONDERGRENS,
    DATUM_WERK_ONDERGRENS,
    GEBOORTE_NA_UITGEREKEND_MAX_WEKEN,
    GEBOORTE_VOOR_UITGEREKEND_MAX_WEKEN,
    HUISLETTER_FOUT,
    HUISNUMMER_FOUT,
    HUISNUMMER_MAX,
    HUISNUMMER_MIN,
    NOTITIE,
    POSTCODE_FOUT,
    POSTCODE_RE,
    TEKST_KORT,
    TEKST_LANG,
    TEKST_MIDDEL,
    TOEVOEGING_FOUT,
    KorteTekstField,
    Morgen,
    NaamField,
    PostcodeField,
    TekstField,
    TelefoonField,
    huisletter_valideren,
    naam_constraint,
    tekst_max,
    telefoon_constraint,
    toevoeging_valideren,
)
from trajecten.constants import (
    LOPEND,
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

ADRES_FOUT = _(
    "Fill in street, house number and postcode together, or leave all three empty for a family without a "
    "fixed address."
)


class Gezin(models.Model):
    """A family. The municipality of residence pays (woonplaatsbeginsel) and decides indications."""

    gemeente = models.ForeignKey(
        "accounts.Organisatie",
        on_delete=models.PROTECT,
        related_name="gezinnen",
        limit_choices_to={"soort": OrganisatieSoort.GEMEENTE},
        verbose_name=_("municipality of residence"),
    )
    # Street, number and postcode together, or none of them: a homeless family has no fixed address
    # (the place of residence and the municipality that pays are still known).
    straat = NaamField(
        _("street"),
        max_length=200,
        blank=True,
        help_text=_("Leave street, house number and postcode empty for a family without a fixed address."),
    )
    # As the BAG and the iJw messages have it: a number, an optional letter and an optional addition.
    huisnummer = models.PositiveIntegerField(
        _("house number"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(HUISNUMMER_MIN, HUISNUMMER_FOUT),
            MaxValueValidator(HUISNUMMER_MAX, HUISNUMMER_FOUT),
        ],
    )
    huisletter = models.CharField(
        _("house letter"), max_length=1, blank=True, validators=[huisletter_valideren]
    )
    huisnummertoevoeging = models.CharField(
        _("house number addition"), max_length=4, blank=True, validators=[toevoeging_valideren]
    )
    postcode = PostcodeField(
        _("postcode"), blank=True, help_text=_("Four digits, a space and two capitals: 9711 AB.")
    )
    woonplaats = NaamField(_("place of residence"), max_length=100)
    taal = models.CharField(_("home language"), max_length=5, choices=Taal.choices, default=Taal.NEDERLANDS)
    eerste_kind = models.BooleanField(_("first child"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("family")
        verbose_name_plural = _("families")
        constraints = [
            models.CheckConstraint(
                condition=Q(huisnummer__isnull=True)
                | (Q(huisnummer__gte=HUISNUMMER_MIN) & Q(huisnummer__lte=HUISNUMMER_MAX)),
                name="gezin_huisnummer_bag",
                violation_error_message=HUISNUMMER_FOUT,
            ),
            models.CheckConstraint(
                condition=(
                    Q(straat="")
                    & Q(huisnummer__isnull=True)
                    & Q(postcode="")
                    & Q(huisletter="")
                    & Q(huisnummertoevoeging="")
                )
                | (~Q(straat="") & Q(huisnummer__isnull=False) & ~Q(postcode="")),
                name="gezin_adres_compleet_of_geen",
                violation_error_message=ADRES_FOUT,
            ),
            models.CheckConstraint(
                condition=Q(huisletter__regex=r"^[A-Za-z]?$"),
                name="gezin_huisletter_bag",
                violation_error_message=HUISLETTER_FOUT,
            ),
            models.CheckConstraint(
                condition=Q(huisnummertoevoeging__regex=r"^[A-Za-z0-9]{0,4}$"),
                name="gezin_toevoeging_bag",
                violation_error_message=TOEVOEGING_FOUT,
            ),
            models.CheckConstraint(
                condition=Q(postcode="") | (Q(postcode__regex=POSTCODE_RE) & ~Q(postcode__regex=r" S[ADS]$")),
                name="gezin_postcode_nl",
                violation_error_message=POSTCODE_FOUT,
            ),
            naam_constraint("gezin", "straat", leeg_mag=True),
            naam_constraint("gezin", "woonplaats"),
        ]

    def __str__(self):
        ouder = self.ouders.first() if self.pk else None
        return _("Family %(naam)s") % {"naam": ouder.achternaam if ouder else self.pk}

    @property
    def huisnummer_volledig(self) -> str:
        """12, 12A, 12-2 or 12A-bis: number, letter and addition as on an envelope."""
        if self.huisnummer is None:
            return ""
        toevoeging = f"-{self.huisnummertoevoeging}" if self.huisnummertoevoeging else ""
        return f"{self.huisnummer}{self.huisletter}{toevoeging}"

    @property
    def adresregel(self) -> str:
        if not self.straat:
            return str(_("No fixed address"))
        return f"{self.straat} {self.huisnummer_volledig}"

    def toegangslog_context(self):
        return {"gezin_id": self.pk}


class Ouder(models.Model):
    gezin = models.ForeignKey(
        Gezin, on_delete=models.CASCADE, related_name="ouders", verbose_name=_("family")
    )
    rol = models.CharField(_("role"), max_length=10, choices=OuderRol.choices, default=OuderRol.MOEDER)
    voornaam = NaamField(_("first name"), max_length=100)
    achternaam = NaamField(_("surname"), max_length=150)
    geboortedatum = models.DateField(_("date of birth"))
    # Encrypted at rest; bsn_hash (keyed HMAC) allows lookup without decrypting. Optional (newcomers
    # have none yet), and the encrypted field stores an empty value as NULL, hence null=True.
    bsn = EncryptedCharField(
        _("citizen service number (BSN)"), max_length=9, blank=True, null=True, validators=[bsn_elfproef]
    )
    bsn_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    opleidingsniveau = models.CharField(
        _("education level"), max_length=10, choices=Opleidingsniveau.choices, blank=True
    )
    telefoon = TelefoonField(_("phone"), blank=True)

    class Meta:
        verbose_name = _("parent")
        verbose_name_plural = _("parents")
        ordering = ["id"]
        indexes = [
            # A referral's parent matched by surname and date of birth (issue 16, trajecten.gezin).
            models.Index(Upper("achternaam"), "geboortedatum", name="ouder_naam_geboorte_idx"),
        ]
        constraints = [
            naam_constraint("ouder", "voornaam"),
            naam_constraint("ouder", "achternaam"),
            telefoon_constraint("ouder"),
            models.CheckConstraint(
                condition=Q(geboortedatum__gte=DATUM_ONDERGRENS) & Q(geboortedatum__lte=Morgen()),
                name="ouder_geboortedatum_redelijk",
                violation_error_message=_("Check the date of birth: it lies in the future or before 1900."),
            ),
        ]

    def __str__(self):
        return f"{self.voornaam} {self.achternaam}"

    @property
    def bsn_gemaskeerd(self) -> str:
        return f"*****{self.bsn[-4:]}" if self.bsn else ""

    def leeftijd(self, op: date) -> int:
        return relativedelta(op, self.geboortedatum).years


class Baby(models.Model):
    gezin = models.ForeignKey(Gezin, on_delete=models.CASCADE, related_name="babys", verbose_name=_("family"))
    voornaam = NaamField(_("first name"), max_length=100, blank=True)
    geboortedatum = models.DateField(_("date of birth"), null=True, blank=True)
    uitgerekende_datum = models.DateField(_("due date"), null=True, blank=True)
    prematuur = models.BooleanField(_("premature"), default=False)
    kindfactoren = TekstField(_("other child factors"), max_length=TEKST_KORT, blank=True)
    # As for a parent (issue 16): a baby gets its BSN after birth, added later; encrypted, hashed for lookup.
    bsn = EncryptedCharField(
        _("citizen service number (BSN)"), max_length=9, blank=True, null=True, validators=[bsn_elfproef]
    )
    bsn_hash = models.CharField(max_length=64, blank=True, default="", db_default="", editable=False)

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
            naam_constraint("baby", "voornaam", leeg_mag=True),
            tekst_max("baby", "kindfactoren", TEKST_KORT),
            models.CheckConstraint(
                condition=Q(geboortedatum__isnull=True)
                | (Q(geboortedatum__gte=DATUM_WERK_ONDERGRENS) & Q(geboortedatum__lte=Morgen())),
                name="baby_geboortedatum_redelijk",
                violation_error_message=_("A date of birth cannot lie in the future; use the due date."),
            ),
            models.CheckConstraint(
                condition=Q(uitgerekende_datum__isnull=True)
                | Q(uitgerekende_datum__gte=DATUM_WERK_ONDERGRENS),
                name="baby_uitgerekende_datum_redelijk",
                violation_error_message=_("Check the due date."),
            ),
            models.CheckConstraint(
                condition=Q(geboortedatum__isnull=True)
                | Q(uitgerekende_datum__isnull=True)
                | (
                    Q(
                        geboortedatum__gte=F("uitgerekende_datum")
                        - timedelta(weeks=GEBOORTE_VOOR_UITGEREKEND_MAX_WEKEN)
                    )
                    & Q(
                        geboortedatum__lte=F("uitgerekende_datum")
                        + timedelta(weeks=GEBOORTE_NA_UITGEREKEND_MAX_WEKEN)
                    )
                ),
                name="baby_geboren_rond_uitgerekend",
                violation_error_message=_(
                    "The date of birth lies too far from the due date: check both dates."
                ),
            ),
        ]

    def __str__(self):
        return self.voornaam or str(_("baby"))

    @property
    def bsn_gemaskeerd(self) -> str:
        return f"*****{self.bsn[-4:]}" if self.bsn else ""

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
    # The family's municipality, copied onto the trajectory so that a municipality's running trajectories
    # are found by one index (gemeente, status) instead of a join over every family of the country.
    # Kept equal to gezin.gemeente by database triggers (migration 0014) and by save().
    gemeente = models.ForeignKey(
        "accounts.Organisatie",
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        db_index=False,  # the indexes below start with it
        verbose_name=_("municipality of residence"),
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
    regie_naam = NaamField(_("regievoerder (chain partner)"), max_length=200, blank=True)
    regie_skj = KorteTekstField(_("SKJ registration number"), max_length=20, blank=True)
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
    # The family's parents' surnames in lower case, kept by triggers (migration 0021): the list's surname
    # search is then one trigram index on the trajectory itself, not a probe into every family's parents.
    zoeknamen = models.TextField(editable=False, db_default="")

    class Meta:
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        ordering = ["-aangemaakt_op"]
        indexes = [
            # The worklists: a provider's trajectories in one state, newest first.
            models.Index(
                fields=["aanbieder", "status", "-aangemaakt_op"], name="traject_aanbieder_status_idx"
            ),
            # The trajectory list of a provider, newest first: a page of 25 without sorting all of them.
            models.Index(fields=["aanbieder", "-aangemaakt_op"], name="traject_aanbieder_nieuw_idx"),
            # The same two for a municipality (casemanager, gemeente-rapportage).
            models.Index(fields=["gemeente", "status", "-aangemaakt_op"], name="traject_gemeente_status_idx"),
            models.Index(fields=["gemeente", "-aangemaakt_op"], name="traject_gemeente_nieuw_idx"),
            # Surname search (contains) within the scope above: a bitmap of the matching trajectories.
            GinIndex(OpClass("zoeknamen", name="gin_trgm_ops"), name="traject_zoeknamen_trgm_idx"),
            # A casemanager's running trajectories (her worklist), without reading her closed ones.
            models.Index(
                fields=["regie_casemanager", "gemeente", "-aangemaakt_op"],
                condition=Q(status__in=LOPEND),
                name="traject_regie_lopend_idx",
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
            naam_constraint("traject", "regie_naam", leeg_mag=True),
        ]

    def __str__(self):
        return self.nummer

    def save(self, *args, **kwargs):
        if self.gezin_id is not None and (self._state.adding or self.gemeente_id is None):
            self.gemeente_id = self.gezin.gemeente_id  # the trigger does the same in the database
        super().save(*args, **kwargs)

    @property
    def nummer(self) -> str:
        return f"BTZ-{self.pk:06d}"

    @property
    def status_weergave(self) -> str:
        """The state as people read it: once the municipality granted the indication, "indication
        requested" no longer fits (the state stays until the start). ``indicatie_afgegeven`` is an
        annotation of the selectors; without it the plain state is shown."""
        if self.status == TrajectStatus.INDICATIE_AANGEVRAAGD and getattr(self, "indicatie_afgegeven", False):
            return _("Indication granted")
        return self.get_status_display()

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
    verwijzer_naam = NaamField(_("name of the referrer"), max_length=200)
    verwijzer_contact = KorteTekstField(_("how to reach the referrer"), max_length=200, blank=True)
    hulpvraag = TekstField(_("help request (in the referrer's words)"), max_length=TEKST_LANG)
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
    afwijzingsreden = TekstField(_("reason for declining"), max_length=TEKST_MIDDEL, blank=True)
    advies = TekstField(_("advice where to go instead"), max_length=TEKST_MIDDEL, blank=True)
    # Issue 13: where a declined family was sent, as a link to the social map (countable).
    doorverwezen_naar = models.ForeignKey(
        "ketenpartners.Ketenpartner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent to (social map)"),
    )

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(
                condition=Q(toestemming_client=True),
                name="aanmelding_met_toestemming",
                violation_error_message=_("A referral needs the client's consent."),
            ),
            naam_constraint("aanmelding", "verwijzer_naam"),
            tekst_max("aanmelding", "hulpvraag", TEKST_LANG),
            tekst_max("aanmelding", "afwijzingsreden", TEKST_MIDDEL),
            tekst_max("aanmelding", "advies", TEKST_MIDDEL),
            models.CheckConstraint(
                condition=Q(ontvangen_op__gte=DATUM_WERK_ONDERGRENS) & Q(ontvangen_op__lte=Morgen()),
                name="aanmelding_ontvangen_redelijk",
                violation_error_message=_("A referral cannot be dated in the future."),
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
    reden = TekstField(_("reason"), max_length=TEKST_LANG, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["op", "id"]
        constraints = [tekst_max("statusovergang", "reden", TEKST_LANG)]

    def __str__(self):
        return f"{self.van} → {self.naar}"


class Intake(models.Model):
    """GIZ: a joint assessment with the client; repeated at evaluations so change is visible."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="intakes")
    datum = models.DateField(_("date"))
    uitgevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("done by")
    )
    client_visie = TekstField(_("the client's view, in her words"), max_length=TEKST_LANG)
    risiconiveau = models.CharField(_("risk level"), max_length=10, choices=Risiconiveau.choices)
    conclusie = TekstField(_("professional's conclusion"), max_length=TEKST_LANG)
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
            tekst_max("intake", "client_visie", TEKST_LANG),
            tekst_max("intake", "conclusie", TEKST_LANG),
            models.CheckConstraint(
                condition=Q(datum__gte=DATUM_WERK_ONDERGRENS) & Q(datum__lte=Morgen()),
                name="intake_datum_redelijk",
                violation_error_message=_("This date cannot lie in the future."),
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
    toelichting = KorteTekstField(_("note"), max_length=NOTITIE, blank=True)
    # Issue 13: how urgent a concern or risk is, countable (it was free text in the note).
    urgentie = models.CharField(
        _("urgency"), max_length=10, choices=Urgentie.choices, blank=True, default="", db_default=""
    )

    class Meta:
        verbose_name = _("GIZ factor")
        verbose_name_plural = _("GIZ factors")
        constraints = [
            models.UniqueConstraint(fields=["intake", "factor"], name="intakefactor_uniek"),
            models.CheckConstraint(
                condition=Q(ernst__gte=1) & Q(ernst__lte=3), name="intakefactor_ernst_1_3"
            ),
            models.CheckConstraint(
                condition=Q(urgentie="") | Q(inschatting__in=[Inschatting.ZORG, Inschatting.RISICO]),
                name="intakefactor_urgentie_bij_zorg",
                violation_error_message=_("Urgency applies to a concern or a risk, not to a strength."),
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


class Verhuizing(models.Model):
    """A family's move to another municipality (issue 16). From ``datum`` the new municipality pays and
    decides (woonplaatsbeginsel): the family's municipality becomes ``nieuwe_gemeente`` (and with it every
    trajectory's, so access follows), the regie of a running trajectory moves to ``nieuwe_casemanager``,
    and the indication in force is split at ``datum``. The period before the move stays the old
    municipality's in its period reports: ``rapportage.periode`` asks these rows which municipality the
    family lived in on a given day. The old address is kept here; the new one is on the family."""

    gezin = models.ForeignKey(
        Gezin, on_delete=models.CASCADE, related_name="verhuizingen", verbose_name=_("family")
    )
    datum = models.DateField(_("moving date"))
    oude_gemeente = models.ForeignKey(
        "accounts.Organisatie",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("previous municipality"),
    )
    nieuwe_gemeente = models.ForeignKey(
        "accounts.Organisatie",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("new municipality"),
    )
    oud_adres = NaamField(_("previous address"), max_length=300, blank=True)
    oude_casemanager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case manager who held the regie"),
    )
    nieuwe_casemanager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("case manager of the new municipality"),
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    vastgelegd_op = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("move")
        verbose_name_plural = _("moves")
        ordering = ["datum", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(oude_gemeente=F("nieuwe_gemeente")),
                name="verhuizing_andere_gemeente",
                violation_error_message=_("A move to another municipality needs a different municipality."),
            ),
            models.CheckConstraint(
                condition=Q(datum__gte=DATUM_WERK_ONDERGRENS),
                name="verhuizing_datum_redelijk",
                violation_error_message=_("Check the moving date."),
            ),
            # One move per family per day; "which municipality on day d" asks (gezin, datum).
            models.UniqueConstraint(fields=["gezin", "datum"], name="verhuizing_een_per_dag"),
        ]

    def __str__(self):
        return f"{self.gezin_id}: {self.oude_gemeente_id} → {self.nieuwe_gemeente_id} ({self.datum})"
