from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.constants import OrganisatieSoort
from core.db import DateRange
from core.models import TrajectScopeKopie
from core.validators import (
    BUDGET_MAX,
    PRIJSPEIL_MAX,
    PRIJSPEIL_MIN,
    TEKST_MIDDEL,
    UURTARIEF_MAX,
    VOLGORDE_MAX,
    KorteTekstField,
    TekstField,
    tekst_max,
)

from .constants import UREN_PER_WEEK_MAX, AanvraagStatus, Feit, Kostensoort, Operator, Product, Wijziging

UURTARIEF_FOUT = _("An hourly tariff lies between € 0.01 and € 500.")
BUDGET_FOUT = _("An amount lies between € 0 and € 1,000,000.")
PERIODE_FOUT = _("An indication runs for at most two years; request a new one after that.")
UURTARIEF_VALIDATORS = [
    MinValueValidator(Decimal("0.01"), UURTARIEF_FOUT),
    MaxValueValidator(UURTARIEF_MAX, UURTARIEF_FOUT),
]


class Contract(models.Model):
    """A municipality's contract with a provider: the hourly tariff an indication copies."""

    gemeente = models.ForeignKey(
        "accounts.Organisatie",
        on_delete=models.PROTECT,
        related_name="contracten_als_gemeente",
        limit_choices_to={"soort": OrganisatieSoort.GEMEENTE},
        verbose_name=_("municipality"),
    )
    aanbieder = models.ForeignKey(
        "accounts.Organisatie",
        on_delete=models.PROTECT,
        related_name="contracten_als_aanbieder",
        limit_choices_to={"soort": OrganisatieSoort.ZORGAANBIEDER},
        verbose_name=_("care provider"),
    )
    uurtarief = models.DecimalField(
        _("hourly tariff (€)"), max_digits=7, decimal_places=2, validators=UURTARIEF_VALIDATORS
    )
    geldig_van = models.DateField(_("valid from"))
    geldig_tot = models.DateField(_("valid up to and including"), null=True, blank=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            models.CheckConstraint(condition=Q(uurtarief__gt=0), name="contract_uurtarief_positief"),
            models.CheckConstraint(
                condition=Q(uurtarief__lte=UURTARIEF_MAX),
                name="contract_uurtarief_max",
                violation_error_message=UURTARIEF_FOUT,
            ),
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=F("geldig_van")),
                name="contract_tot_na_van",
            ),
            ExclusionConstraint(
                name="contract_niet_overlappend",
                expressions=[
                    ("gemeente", RangeOperators.EQUAL),
                    ("aanbieder", RangeOperators.EQUAL),
                    (DateRange("geldig_van", "geldig_tot"), RangeOperators.OVERLAPS),
                ],
                violation_error_message=_(
                    "A contract for this municipality and provider already covers this period."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.gemeente} — {self.aanbieder} (€ {self.uurtarief})"


class IndicatieAanvraag(TrajectScopeKopie):
    """The coordinator's request; the casemanager of the family's municipality grants or declines it."""

    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.CASCADE, related_name="indicatieaanvragen"
    )
    product = models.CharField(_("product"), max_length=20, choices=Product.choices, default=Product.REGULIER)
    gewenste_start = models.DateField(_("desired start"))
    gewenste_eind = models.DateField(_("desired end"))
    uren_per_week = models.DecimalField(
        _("hours per week"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(UREN_PER_WEEK_MAX)],
    )
    nachten_nodig = models.BooleanField(_("nights needed"), default=False)
    toelichting = TekstField(_("explanation"), max_length=TEKST_MIDDEL)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    aangevraagd_op = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AanvraagStatus.choices, default=AanvraagStatus.OPEN
    )
    beslist_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beslist_op = models.DateTimeField(null=True, blank=True)
    afwijzingsreden = TekstField(_("reason for declining"), max_length=TEKST_MIDDEL, blank=True)

    class Meta:
        verbose_name = _("indication request")
        verbose_name_plural = _("indication requests")
        ordering = ["-aangevraagd_op"]
        # The open requests of a municipality (the casemanager's worklist), oldest first.
        indexes = [
            models.Index(
                fields=["traject_gemeente", "aangevraagd_op"],
                condition=Q(status=AanvraagStatus.OPEN),
                name="aanvraag_open_gemeente_idx",
            ),
            # And of a provider (the coordinator's worklist asks which of its trajectories wait for one).
            models.Index(
                fields=["traject_aanbieder"],
                condition=Q(status=AanvraagStatus.OPEN),
                name="aanvraag_open_aanbieder_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["traject"],
                condition=Q(status=AanvraagStatus.OPEN),
                name="indicatieaanvraag_een_open_per_traject",
                violation_error_message=_("This trajectory already has an open indication request."),
            ),
            models.CheckConstraint(
                condition=Q(uren_per_week__gt=0) & Q(uren_per_week__lte=UREN_PER_WEEK_MAX),
                name="indicatieaanvraag_uren_0_168",
            ),
            models.CheckConstraint(
                condition=Q(gewenste_eind__gt=F("gewenste_start")), name="indicatieaanvraag_eind_na_start"
            ),
            tekst_max("indicatieaanvraag", "toelichting", TEKST_MIDDEL),
            tekst_max("indicatieaanvraag", "afwijzingsreden", TEKST_MIDDEL),
            models.CheckConstraint(
                condition=Q(gewenste_eind__lte=F("gewenste_start") + timedelta(days=366 * 2)),
                name="indicatieaanvraag_hoogstens_twee_jaar",
                violation_error_message=PERIODE_FOUT,
            ),
        ]

    def __str__(self):
        return f"{self.traject} — {self.get_status_display()}"


class Indicatie(TrajectScopeKopie):
    """One version of an indication decision. A change (opschalen, afschalen, verlengen) is a new row
    from its valid-from date; the previous version then ends the day before, so versions of one
    trajectory never overlap (an exclusion constraint) and history stays readable."""

    traject = models.ForeignKey("trajecten.Traject", on_delete=models.PROTECT, related_name="indicaties")
    aanvraag = models.ForeignKey(
        IndicatieAanvraag, on_delete=models.PROTECT, null=True, blank=True, related_name="indicaties"
    )
    vorige = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volgende",
        verbose_name=_("previous version"),
    )
    wijziging = models.CharField(
        _("change"), max_length=20, choices=Wijziging.choices, default=Wijziging.NIEUW
    )
    beschikkingsnummer = KorteTekstField(_("decision number"), max_length=40)
    product = models.CharField(_("product"), max_length=20, choices=Product.choices)
    van = models.DateField(_("from"))
    tot = models.DateField(_("up to and including"))
    oorspronkelijk_tot = models.DateField(
        _("end as decided"), help_text=_("Before a later version or ending cut it short.")
    )
    uren_per_week = models.DecimalField(
        _("hours per week"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(UREN_PER_WEEK_MAX)],
    )
    nachten = models.BooleanField(_("includes nights"), default=False)
    uurtarief = models.DecimalField(
        _("hourly tariff (€)"), max_digits=7, decimal_places=2, validators=UURTARIEF_VALIDATORS
    )
    budget = models.DecimalField(
        _("budget (€)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(BUDGET_MAX, BUDGET_FOUT)],
    )
    motivatie_na_eerste_verjaardag = TekstField(
        _("motivation for continuing past the first birthday"), max_length=TEKST_MIDDEL, blank=True
    )
    afgegeven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    afgegeven_op = models.DateTimeField(_("issued at"), auto_now_add=True)
    beeindigd_op = models.DateField(_("ended on"), null=True, blank=True)
    beeindigingsreden = TekstField(_("reason for ending"), max_length=TEKST_MIDDEL, blank=True)

    class Meta:
        verbose_name = _("indication")
        verbose_name_plural = _("indications")
        ordering = ["van", "id"]
        # A provider's indications by their end (the coordinator's card of indications about to end).
        indexes = [
            models.Index(
                fields=["traject_aanbieder", "tot"],
                condition=Q(beeindigd_op__isnull=True),
                name="indicatie_aanbieder_tot_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__gte=F("van")),
                name="indicatie_tot_na_van",
                violation_error_message=_("The end date lies before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(uren_per_week__gt=0) & Q(uren_per_week__lte=UREN_PER_WEEK_MAX),
                name="indicatie_uren_0_168",
                violation_error_message=_("Hours per week must be more than 0 and at most 168."),
            ),
            models.CheckConstraint(condition=Q(uurtarief__gt=0), name="indicatie_uurtarief_positief"),
            models.CheckConstraint(condition=Q(budget__gte=0), name="indicatie_budget_niet_negatief"),
            models.CheckConstraint(
                condition=Q(uurtarief__lte=UURTARIEF_MAX),
                name="indicatie_uurtarief_max",
                violation_error_message=UURTARIEF_FOUT,
            ),
            models.CheckConstraint(
                condition=Q(budget__lte=BUDGET_MAX),
                name="indicatie_budget_max",
                violation_error_message=BUDGET_FOUT,
            ),
            models.CheckConstraint(
                condition=Q(tot__lte=F("van") + timedelta(days=366 * 2)),
                name="indicatie_hoogstens_twee_jaar",
                violation_error_message=PERIODE_FOUT,
            ),
            tekst_max("indicatie", "motivatie_na_eerste_verjaardag", TEKST_MIDDEL),
            tekst_max("indicatie", "beeindigingsreden", TEKST_MIDDEL),
            # Equality columns first in every exclusion constraint: the GiST index is then grouped by
            # trajectory, so an insert probes only its own rows, not every overlapping period in the country.
            ExclusionConstraint(
                name="indicatie_niet_overlappend",
                expressions=[
                    ("traject", RangeOperators.EQUAL),
                    (DateRange("van", "tot"), RangeOperators.OVERLAPS),
                ],
                violation_error_message=_("This indication overlaps another indication of this trajectory."),
            ),
        ]

    def __str__(self):
        return f"{self.beschikkingsnummer} ({self.van} – {self.tot})"

    def geldig_op(self, dag) -> bool:
        return self.van <= dag <= self.tot


class Voorziening(models.Model):
    """A programme that may come before BabythuisZorg (seed 001). Data a beheerder keeps current."""

    naam = models.CharField(_("name"), max_length=100, unique=True)
    omschrijving = TekstField(_("description"), max_length=TEKST_MIDDEL)
    doelgroep = TekstField(_("target group"), max_length=TEKST_MIDDEL)
    intensiteit = KorteTekstField(_("intensity"), max_length=300)
    kosten_omschrijving = KorteTekstField(_("cost"), max_length=200)
    kosten_bedrag = models.DecimalField(
        _("cost amount (€)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(BUDGET_MAX, BUDGET_FOUT)],
    )
    # A price given as a range (ambulante begeleiding: € 60 to € 100 per hour): the upper bound.
    kosten_bedrag_tot = models.DecimalField(
        _("cost amount up to (€)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(BUDGET_MAX, BUDGET_FOUT)],
        help_text=_("Only when the price is a range: its upper bound."),
    )
    kostensoort = models.CharField(_("cost basis"), max_length=20, choices=Kostensoort.choices)
    # Where the price comes from: the programme evaluation (issue 13) prints it beside the comparison.
    bron = models.CharField(_("source of the price"), max_length=200, blank=True, default="", db_default="")
    bron_datum = models.DateField(_("date of the source"), null=True, blank=True)
    prijspeil = models.PositiveSmallIntegerField(
        _("price level (year)"),
        validators=[MinValueValidator(PRIJSPEIL_MIN), MaxValueValidator(PRIJSPEIL_MAX)],
    )
    volgorde = models.PositiveSmallIntegerField(
        _("order"), default=0, validators=[MaxValueValidator(VOLGORDE_MAX)]
    )
    actief = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("preceding provision")
        verbose_name_plural = _("preceding provisions")
        ordering = ["volgorde", "naam"]
        constraints = [
            tekst_max("voorziening", "omschrijving", TEKST_MIDDEL),
            tekst_max("voorziening", "doelgroep", TEKST_MIDDEL),
            models.CheckConstraint(
                condition=Q(kosten_bedrag__isnull=True)
                | (Q(kosten_bedrag__gte=0) & Q(kosten_bedrag__lte=BUDGET_MAX)),
                name="voorziening_kosten_begrensd",
                violation_error_message=BUDGET_FOUT,
            ),
            models.CheckConstraint(
                condition=Q(kosten_bedrag_tot__isnull=True)
                | (
                    Q(kosten_bedrag__isnull=False)
                    & Q(kosten_bedrag_tot__gte=F("kosten_bedrag"))
                    & Q(kosten_bedrag_tot__lte=BUDGET_MAX)
                ),
                name="voorziening_kosten_bereik",
                violation_error_message=_("The upper bound of a price range is at least its lower bound."),
            ),
            models.CheckConstraint(
                condition=Q(prijspeil__gte=PRIJSPEIL_MIN) & Q(prijspeil__lte=PRIJSPEIL_MAX),
                name="voorziening_prijspeil_jaar",
            ),
            models.CheckConstraint(condition=Q(volgorde__lte=VOLGORDE_MAX), name="voorziening_volgorde_max"),
        ]

    def __str__(self):
        return self.naam


class Criterium(models.Model):
    """One criterion of a programme as data: a fact about the family, an operator and a value."""

    voorziening = models.ForeignKey(Voorziening, on_delete=models.CASCADE, related_name="criteria")
    omschrijving = models.CharField(_("description"), max_length=200)
    feit = models.CharField(_("fact"), max_length=40, choices=Feit.choices)
    operator = models.CharField(_("operator"), max_length=5, choices=Operator.choices)
    waarde = models.CharField(
        _("value"), max_length=50, help_text=_("A number, 'ja'/'nee', or an education level.")
    )
    volgorde = models.PositiveSmallIntegerField(
        _("order"), default=0, validators=[MaxValueValidator(VOLGORDE_MAX)]
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["voorziening", "volgorde", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(volgorde__lte=VOLGORDE_MAX), name="criterium_volgorde_max"),
        ]

    def __str__(self):
        return self.omschrijving
