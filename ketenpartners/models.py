"""The social map (sociale kaart) and the chain around one trajectory: who is involved with which
responsibilities, what the client consented to share with whom, and the warm handover.

A chain partner IS an accounts.Organisatie of kind ketenpartner; Ketenpartner is its profile."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, RangeOperators
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.constants import OrganisatieSoort
from core.validators import (
    DATUM_WERK_ONDERGRENS,
    NOTITIE,
    TEKST_LANG,
    TEKST_MIDDEL,
    WACHTTIJD_MAX_DAGEN,
    KorteTekstField,
    Morgen,
    NaamField,
    TekstField,
    TelefoonField,
    naam_constraint,
    tekst_max,
    telefoon_constraint,
)
from trajecten.models import DateRange

from .constants import (
    EMAIL_REGEX,
    SKJ_REGEX,
    WACHTTIJD_VEROUDERD_NA_WEKEN,
    Aanleiding,
    BetrokkenheidRol,
    Domein,
    PartnerSoort,
    Reikwijdte,
    ToestemmingWijze,
)

EMAIL = EmailValidator(_("Enter a valid e-mail address, such as naam@organisatie.nl."))
SKJ = RegexValidator(SKJ_REGEX, _("An SKJ registration number has 6 to 10 digits."))


# The goals of a handover are prefilled from the support plan; room for its goals in a few lines each.
OVERDRACHT_DOELEN_MAX = 8000
WACHTTIJD_FOUT = _("A waiting time lies between 0 and 730 days (two years).")


def _telefoon_veld():
    return TelefoonField(_("phone"), blank=True)


def _email_veld():
    return models.CharField(_("e-mail"), max_length=254, blank=True, validators=[EMAIL])


class Dienst(models.Model):
    """A service tag on the social map (huilbaby, postpartum depression, LVB, housing…): reference data."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Ketenpartner(models.Model):
    organisatie = models.OneToOneField(
        "accounts.Organisatie",
        on_delete=models.PROTECT,
        related_name="ketenpartner",
        limit_choices_to={"soort": OrganisatieSoort.KETENPARTNER},
        verbose_name=_("organisation"),
    )
    soort = models.CharField(_("type"), max_length=30, choices=PartnerSoort.choices)
    domein = models.CharField(_("domain"), max_length=10, choices=Domein.choices)
    omschrijving = TekstField(_("what they offer"), max_length=TEKST_MIDDEL, blank=True)
    diensten = models.ManyToManyField(
        Dienst, related_name="ketenpartners", blank=True, verbose_name=_("services")
    )
    gemeenten = models.ManyToManyField(
        "accounts.Organisatie",
        related_name="ketenpartners_in_gemeente",
        blank=True,
        limit_choices_to={"soort": OrganisatieSoort.GEMEENTE},
        verbose_name=_("municipalities served"),
    )
    telefoon = _telefoon_veld()
    email = _email_veld()
    wachttijd_dagen = models.IntegerField(
        _("current waiting time (days)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(0, _("A waiting time cannot be below zero.")),
            MaxValueValidator(WACHTTIJD_MAX_DAGEN, WACHTTIJD_FOUT),
        ],
        help_text=_("From request to first contact. Empty: unknown."),
    )
    wachttijd_bijgewerkt_op = models.DateField(_("waiting time updated on"), null=True, blank=True)

    class Meta:
        verbose_name = _("chain partner")
        verbose_name_plural = _("chain partners")
        ordering = ["organisatie__naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(wachttijd_dagen__isnull=True) | Q(wachttijd_dagen__gte=0),
                name="ketenpartner_wachttijd_niet_negatief",
                violation_error_message=_("A waiting time cannot be below zero."),
            ),
            models.CheckConstraint(
                condition=Q(wachttijd_dagen__isnull=True) | Q(wachttijd_dagen__lte=WACHTTIJD_MAX_DAGEN),
                name="ketenpartner_wachttijd_max",
                violation_error_message=WACHTTIJD_FOUT,
            ),
            models.CheckConstraint(
                condition=Q(wachttijd_dagen__isnull=True) | Q(wachttijd_bijgewerkt_op__isnull=False),
                name="ketenpartner_wachttijd_met_datum",
                violation_error_message=_("A waiting time needs the date it was last updated."),
            ),
            telefoon_constraint("ketenpartner"),
            tekst_max("ketenpartner", "omschrijving", TEKST_MIDDEL),
            models.CheckConstraint(
                condition=Q(email="") | Q(email__regex=EMAIL_REGEX),
                name="ketenpartner_email_geldig",
                violation_error_message=_("Enter a valid e-mail address, such as naam@organisatie.nl."),
            ),
        ]

    def __str__(self):
        return self.organisatie.naam

    @property
    def naam(self) -> str:
        return self.organisatie.naam

    def clean(self):
        if self.organisatie_id and self.organisatie.soort != OrganisatieSoort.KETENPARTNER:
            raise ValidationError(
                {"organisatie": _("Only an organisation of kind chain partner has a profile.")}
            )

    def wachttijd_verouderd(self, op: date) -> bool:
        """Known, but not confirmed for longer than the set number of weeks."""
        return bool(
            self.wachttijd_bijgewerkt_op
            and self.wachttijd_bijgewerkt_op < op - timedelta(weeks=WACHTTIJD_VEROUDERD_NA_WEKEN)
        )

    def bedient(self, gemeente_id: int) -> bool:
        return any(g.pk == gemeente_id for g in self.gemeenten.all())


class Contactpersoon(models.Model):
    """A person at a partner; with an SKJ registration she may hold the regie of a trajectory."""

    ketenpartner = models.ForeignKey(
        Ketenpartner,
        on_delete=models.CASCADE,
        related_name="contactpersonen",
        verbose_name=_("chain partner"),
    )
    naam = NaamField(_("name"), max_length=200)
    functie = KorteTekstField(_("function"), max_length=200)
    telefoon = _telefoon_veld()
    email = _email_veld()
    skj_nummer = models.CharField(
        _("SKJ registration number"),
        max_length=10,
        blank=True,
        validators=[SKJ],
        help_text=_("Only for youth professionals registered with the SKJ."),
    )
    skj_geldig_tot = models.DateField(_("SKJ registration valid until"), null=True, blank=True)
    actief = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(telefoon="") | ~Q(email=""),
                name="contactpersoon_bereikbaar",
                violation_error_message=_("Enter a phone number or an e-mail address."),
            ),
            telefoon_constraint("contactpersoon"),
            naam_constraint("contactpersoon", "naam"),
            models.CheckConstraint(
                condition=Q(email="") | Q(email__regex=EMAIL_REGEX),
                name="contactpersoon_email_geldig",
                violation_error_message=_("Enter a valid e-mail address, such as naam@organisatie.nl."),
            ),
            models.CheckConstraint(
                condition=Q(skj_nummer="") | Q(skj_nummer__regex=SKJ_REGEX),
                name="contactpersoon_skj_cijfers",
                violation_error_message=_("An SKJ registration number has 6 to 10 digits."),
            ),
            models.CheckConstraint(
                condition=Q(skj_geldig_tot__isnull=True) | ~Q(skj_nummer=""),
                name="contactpersoon_skj_datum_met_nummer",
                violation_error_message=_("A validity date needs an SKJ registration number."),
            ),
        ]

    def __str__(self):
        return f"{self.naam} ({self.functie})"

    def skj_geldig(self, op: date) -> bool:
        return bool(self.skj_nummer and (self.skj_geldig_tot is None or self.skj_geldig_tot >= op))


class Convenant(models.Model):
    """Written cooperation agreements of a regional chain (seed 004), signed by each partner's board."""

    naam = models.CharField(_("name"), max_length=200, unique=True)
    gemeenten = models.ManyToManyField(
        "accounts.Organisatie",
        related_name="convenanten",
        limit_choices_to={"soort": OrganisatieSoort.GEMEENTE},
        verbose_name=_("municipalities"),
    )
    omschrijving = TekstField(_("what was agreed"), max_length=TEKST_LANG, blank=True)
    ingangsdatum = models.DateField(_("in force from"))

    class Meta:
        verbose_name = _("covenant")
        verbose_name_plural = _("covenants")
        ordering = ["naam"]
        constraints = [tekst_max("convenant", "omschrijving", TEKST_LANG)]

    def __str__(self):
        return self.naam


class Ondertekening(models.Model):
    convenant = models.ForeignKey(
        Convenant, on_delete=models.CASCADE, related_name="ondertekeningen", verbose_name=_("covenant")
    )
    ketenpartner = models.ForeignKey(
        Ketenpartner,
        on_delete=models.CASCADE,
        related_name="ondertekeningen",
        verbose_name=_("chain partner"),
    )
    getekend_op = models.DateField(_("signed on"))

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["convenant__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["convenant", "ketenpartner"],
                name="ondertekening_uniek",
                violation_error_message=_("This partner has already signed this covenant."),
            )
        ]

    def __str__(self):
        return f"{self.ketenpartner} — {self.convenant}"


class Betrokkenheid(models.Model):
    """A partner involved in one trajectory, with its role and the agreed responsibilities."""

    traject = models.ForeignKey(
        "trajecten.Traject",
        on_delete=models.CASCADE,
        related_name="betrokkenheden",
        verbose_name=_("trajectory"),
    )
    ketenpartner = models.ForeignKey(
        Ketenpartner, on_delete=models.PROTECT, related_name="betrokkenheden", verbose_name=_("chain partner")
    )
    rol = models.CharField(_("role"), max_length=20, choices=BetrokkenheidRol.choices)
    contactpersoon = models.ForeignKey(
        Contactpersoon,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="betrokkenheden",
        verbose_name=_("contact person"),
    )
    verantwoordelijkheden = TekstField(_("agreed responsibilities (who does what)"), max_length=TEKST_MIDDEL)
    van = models.DateField(_("from"))
    tot = models.DateField(_("up to and including"), null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    vastgelegd_op = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("involved partner")
        verbose_name_plural = _("involved partners")
        ordering = ["van", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gte=F("van")),
                name="betrokkenheid_tot_na_van",
                violation_error_message=_("The end date lies before the start date."),
            ),
            models.CheckConstraint(
                condition=~Q(verantwoordelijkheden=""),
                name="betrokkenheid_verantwoordelijkheden",
                violation_error_message=_("Describe the agreed responsibilities: who does what."),
            ),
            tekst_max("betrokkenheid", "verantwoordelijkheden", TEKST_MIDDEL),
            models.CheckConstraint(
                condition=~Q(rol=BetrokkenheidRol.REGIEVOERDER) | Q(contactpersoon__isnull=False),
                name="betrokkenheid_regievoerder_heeft_persoon",
                violation_error_message=_(
                    "A regievoerder is a named professional: choose the contact person."
                ),
            ),
            ExclusionConstraint(
                name="betrokkenheid_rol_niet_dubbel",
                expressions=[
                    ("traject", RangeOperators.EQUAL),
                    ("ketenpartner", RangeOperators.EQUAL),
                    ("rol", RangeOperators.EQUAL),
                    (DateRange("van", "tot"), RangeOperators.OVERLAPS),
                ],
                violation_error_message=_(
                    "This partner already has this role in this trajectory in this period."
                ),
            ),
            ExclusionConstraint(
                name="betrokkenheid_een_regievoerder",
                expressions=[
                    ("traject", RangeOperators.EQUAL),
                    (DateRange("van", "tot"), RangeOperators.OVERLAPS),
                ],
                condition=Q(rol=BetrokkenheidRol.REGIEVOERDER),
                violation_error_message=_("Another partner already holds the regie in this period."),
            ),
        ]

    def __str__(self):
        return f"{self.ketenpartner} — {self.get_rol_display()}"

    def toegangslog_context(self):
        return {"traject_id": self.traject_id, "gezin_id": self.traject.gezin_id}

    def actief_op(self, dag: date) -> bool:
        return self.van <= dag and (self.tot is None or dag <= self.tot)


class Toestemming(models.Model):
    """The client's consent to share information with one partner. Withdrawn: from that moment on
    nothing more is shared; the row stays as the record of what was allowed when."""

    traject = models.ForeignKey(
        "trajecten.Traject",
        on_delete=models.CASCADE,
        related_name="toestemmingen",
        verbose_name=_("trajectory"),
    )
    ketenpartner = models.ForeignKey(
        Ketenpartner, on_delete=models.PROTECT, related_name="toestemmingen", verbose_name=_("chain partner")
    )
    reikwijdte = ArrayField(
        models.CharField(max_length=20, choices=Reikwijdte.choices), verbose_name=_("what may be shared")
    )
    wijze = models.CharField(_("given how"), max_length=20, choices=ToestemmingWijze.choices)
    gegeven_op = models.DateField(_("given on"))
    toelichting = KorteTekstField(_("conditions or note"), max_length=NOTITIE, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    vastgelegd_op = models.DateTimeField(_("recorded at"), auto_now_add=True)
    ingetrokken_op = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawal recorded by"),
    )
    intrekking_toelichting = KorteTekstField(_("note on the withdrawal"), max_length=NOTITIE, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-gegeven_op", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reikwijdte=[]),
                name="toestemming_reikwijdte",
                violation_error_message=_("Choose what may be shared."),
            ),
            models.CheckConstraint(
                condition=Q(ingetrokken_op__isnull=True, ingetrokken_door__isnull=True)
                | Q(ingetrokken_op__isnull=False, ingetrokken_door__isnull=False),
                name="toestemming_intrekking_compleet",
                violation_error_message=_("A withdrawal records when and by whom."),
            ),
            models.UniqueConstraint(
                fields=["traject", "ketenpartner"],
                condition=Q(ingetrokken_op__isnull=True),
                name="toestemming_een_geldige_per_partner",
                violation_error_message=_(
                    "There is already a valid consent for this partner: withdraw it first to change it."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.ketenpartner} ({self.gegeven_op})"

    def toegangslog_context(self):
        return {"traject_id": self.traject_id, "gezin_id": self.traject.gezin_id}

    @property
    def ingetrokken(self) -> bool:
        return self.ingetrokken_op is not None

    @property
    def reikwijdte_labels(self) -> list[str]:
        return [Reikwijdte(r).label for r in self.reikwijdte]


class Overdracht(models.Model):
    """A warm handover summary for the receiving partner; its text is fixed when written, so what was
    shared is what is on file."""

    traject = models.ForeignKey(
        "trajecten.Traject",
        on_delete=models.CASCADE,
        related_name="overdrachten",
        verbose_name=_("trajectory"),
    )
    ketenpartner = models.ForeignKey(
        Ketenpartner,
        on_delete=models.PROTECT,
        related_name="overdrachten",
        verbose_name=_("receiving partner"),
    )
    contactpersoon = models.ForeignKey(
        Contactpersoon,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    aanleiding = models.CharField(_("occasion"), max_length=20, choices=Aanleiding.choices)
    doelen = TekstField(_("goals and where they stand"), max_length=OVERDRACHT_DOELEN_MAX)
    netwerk = TekstField(_("family-network plan"), max_length=TEKST_LANG, blank=True)
    wens_gezin = TekstField(_("what the family asked to pass on"), max_length=TEKST_MIDDEL)
    aandachtspunten = TekstField(
        _("points of attention from the professional"), max_length=TEKST_LANG, blank=True
    )
    opgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("written by")
    )
    opgesteld_op = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("warm handover")
        verbose_name_plural = _("warm handovers")
        ordering = ["-opgesteld_op", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(doelen="") & ~Q(wens_gezin=""),
                name="overdracht_inhoud",
                violation_error_message=_("A handover names the goals and what the family asked to pass on."),
            ),
            tekst_max("overdracht", "doelen", OVERDRACHT_DOELEN_MAX),
            tekst_max("overdracht", "netwerk", TEKST_LANG),
            tekst_max("overdracht", "wens_gezin", TEKST_MIDDEL),
            tekst_max("overdracht", "aandachtspunten", TEKST_LANG),
        ]

    def __str__(self):
        return _("Handover to %(partner)s") % {"partner": self.ketenpartner}

    def toegangslog_context(self):
        return {"traject_id": self.traject_id, "gezin_id": self.traject.gezin_id}


class Verstrekking(models.Model):
    """One sharing of a handover with its partner, and the consent it relied on: without a consent on
    file there is no row (the foreign key cannot be empty)."""

    overdracht = models.ForeignKey(
        Overdracht, on_delete=models.CASCADE, related_name="verstrekkingen", verbose_name=_("warm handover")
    )
    toestemming = models.ForeignKey(
        Toestemming, on_delete=models.PROTECT, related_name="verstrekkingen", verbose_name=_("consent")
    )
    gedeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("shared by")
    )
    gedeeld_op = models.DateTimeField(_("shared at"), auto_now_add=True)

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["gedeeld_op", "id"]

    def __str__(self):
        return f"{self.overdracht} ({self.gedeeld_op:%Y-%m-%d %H:%M})"


class Ketenoverleg(models.Model):
    """A chain meeting (ketenzorgoverleg, seed 004) about one family (issue 13): when, which partners on the
    social map took part, who else, and what was decided. Counted by the programme evaluation."""

    traject = models.ForeignKey("trajecten.Traject", on_delete=models.CASCADE, related_name="ketenoverleggen")
    datum = models.DateField(_("date"))
    deelnemers = models.ManyToManyField(
        Ketenpartner, related_name="+", blank=True, verbose_name=_("partners that took part")
    )
    overige_deelnemers = KorteTekstField(
        _("other participants"),
        max_length=200,
        blank=True,
        help_text=_("For instance: the parents, the case manager, the care worker."),
    )
    besluiten = TekstField(_("decisions"), max_length=TEKST_LANG)
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("chain meeting")
        verbose_name_plural = _("chain meetings")
        ordering = ["-datum", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(datum__gte=DATUM_WERK_ONDERGRENS) & Q(datum__lte=Morgen()),
                name="ketenoverleg_datum_redelijk",
                violation_error_message=_("A chain meeting cannot be dated in the future."),
            ),
            tekst_max("ketenoverleg", "besluiten", TEKST_LANG),
        ]

    def __str__(self):
        return f"{_('Chain meeting')} {self.datum}"
