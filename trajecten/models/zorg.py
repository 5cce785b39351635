"""The care a trajectory delivers: the support plan with its goals, and the visits against it."""

from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateTimeRangeField, RangeOperators
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, Q
from django.utils.translation import gettext_lazy as _

from core.models import TrajectScopeKopie
from core.validators import (
    DATUM_WERK_ONDERGRENS,
    NOTITIE,
    TEKST_KORT,
    TEKST_LANG,
    TEKST_MIDDEL,
    KorteTekstField,
    Morgen,
    NaamField,
    TekstField,
    TelefoonField,
    naam_constraint,
    tekst_max,
    telefoon_constraint,
    telefoon_weergave,
)
from trajecten.constants import (
    Betreft,
    BezoekSoort,
    Dagdeel,
    Dienst,
    DoelStatus,
    Ernst,
    EvaluatieConclusie,
    MeldcodeStap,
    NetwerkRelatie,
    SignaalCategorie,
    SignaalStatus,
    Thema,
    Uitkomst,
)

SCORE = [MinValueValidator(1), MaxValueValidator(10)]


class TijdRange(Func):
    """PostgreSQL tstzrange(start, end, '[)'): a visit ending at 10:00 does not overlap one starting then."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()

    def __init__(self, start, end):
        super().__init__(start, end, models.Value("[)"))


class Ondersteuningsplan(models.Model):
    """One version of the support plan. A new version is made at each evaluation; old ones stay readable."""

    traject = models.ForeignKey("trajecten.Traject", on_delete=models.CASCADE, related_name="plannen")
    versie = models.PositiveSmallIntegerField(_("version"))
    overeengekomen_op = models.DateField(_("agreed with the parents on"), null=True, blank=True)
    woorden_ouders = TekstField(_("the parents' own words"), max_length=TEKST_MIDDEL, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("support plan")
        verbose_name_plural = _("support plans")
        ordering = ["-versie"]
        constraints = [
            models.UniqueConstraint(fields=["traject", "versie"], name="plan_versie_uniek"),
            tekst_max("ondersteuningsplan", "woorden_ouders", TEKST_MIDDEL),
            models.CheckConstraint(
                condition=Q(overeengekomen_op__isnull=True)
                | (Q(overeengekomen_op__gte=DATUM_WERK_ONDERGRENS) & Q(overeengekomen_op__lte=Morgen())),
                name="ondersteuningsplan_overeengekomen_redelijk",
                violation_error_message=_("This date cannot lie in the future."),
            ),
        ]

    def __str__(self):
        return _("Support plan version %(versie)s") % {"versie": self.versie}

    def toegangslog_context(self):
        return {"traject_id": self.traject_id}


class Zorgdoel(models.Model):
    plan = models.ForeignKey(Ondersteuningsplan, on_delete=models.CASCADE, related_name="doelen")
    thema = models.CharField(_("theme"), max_length=30, choices=Thema.choices)
    omschrijving = TekstField(_("goal (concrete)"), max_length=TEKST_KORT)
    betreft = models.CharField(_("concerns"), max_length=10, choices=Betreft.choices, default=Betreft.MOEDER)
    startscore = models.PositiveSmallIntegerField(_("start score (1–10)"), validators=SCORE)
    doelscore = models.PositiveSmallIntegerField(_("target score (1–10)"), validators=SCORE)
    status = models.CharField(_("status"), max_length=10, choices=DoelStatus.choices, default=DoelStatus.OPEN)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["thema", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(startscore__gte=1)
                & Q(startscore__lte=10)
                & Q(doelscore__gte=1)
                & Q(doelscore__lte=10),
                name="zorgdoel_scores_1_10",
                violation_error_message=_("Scores lie between 1 and 10."),
            ),
            tekst_max("zorgdoel", "omschrijving", TEKST_KORT),
        ]

    def __str__(self):
        return f"{self.get_thema_display()}: {self.omschrijving[:60]}"


class Huisbezoek(models.Model):
    """A visit or indirect contact by one medewerker. Times are stored in UTC, so a night shift over the
    daylight-saving change counts its real hours (9 or 7 for 23:00–07:00). A correction is a new row
    that replaces this one; the database refuses overlapping current visits of one medewerker."""

    # No single-column indexes on the two foreign keys: the (traject, start) and (medewerker, start)
    # indexes below begin with them.
    traject = models.ForeignKey(
        "trajecten.Traject", on_delete=models.PROTECT, related_name="huisbezoeken", db_index=False
    )
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="huisbezoeken",
        verbose_name=_("care worker"),
        db_index=False,
    )
    soort = models.CharField(
        _("kind"), max_length=15, choices=BezoekSoort.choices, default=BezoekSoort.HUISBEZOEK
    )
    start = models.DateTimeField(_("start"))
    eind = models.DateTimeField(_("end"))
    dienst = models.CharField(_("shift"), max_length=10, choices=Dienst.choices)
    themas = ArrayField(
        models.CharField(max_length=30, choices=Thema.choices),
        verbose_name=_("themes worked on"),
        default=list,
        blank=True,
    )
    verslag = TekstField(_("short report"), max_length=TEKST_LANG)
    geregistreerd_op = models.DateTimeField(_("registered at"), auto_now_add=True)
    vervangt = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correctie",
        verbose_name=_("corrects"),
    )
    correctiereden = TekstField(_("reason for correction"), max_length=TEKST_KORT, blank=True)
    vervangen = models.BooleanField(_("replaced by a correction"), default=False)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-start"]
        indexes = [
            # Hours per trajectory and per medewerker (reports, budgets, staff load) are summed from the
            # index alone: the visits of a trajectory lie all over the table (they are written day by day
            # between other families' visits), so reading the rows themselves costs a page per visit.
            models.Index(
                fields=["traject", "start"], include=["eind", "vervangen"], name="huisbezoek_traject_uren_idx"
            ),
            models.Index(
                fields=["medewerker", "start"], include=["eind", "vervangen"], name="huisbezoek_mw_uren_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(eind__gt=F("start")),
                name="huisbezoek_eind_na_start",
                violation_error_message=_("The end lies before the start."),
            ),
            models.CheckConstraint(
                condition=Q(eind__lte=F("start") + timedelta(hours=24)),
                name="huisbezoek_max_24_uur",
                violation_error_message=_("A visit lasts at most 24 hours."),
            ),
            models.CheckConstraint(
                condition=Q(vervangt__isnull=True) | ~Q(correctiereden=""),
                name="huisbezoek_correctie_met_reden",
                violation_error_message=_("A correction needs a reason."),
            ),
            ExclusionConstraint(
                name="huisbezoek_geen_overlap",
                expressions=[
                    ("medewerker", RangeOperators.EQUAL),
                    (TijdRange("start", "eind"), RangeOperators.OVERLAPS),
                ],
                condition=Q(vervangen=False),
                violation_error_message=_("This visit overlaps another visit of yours."),
            ),
            tekst_max("huisbezoek", "verslag", TEKST_LANG),
            tekst_max("huisbezoek", "correctiereden", TEKST_KORT),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.start:%Y-%m-%d %H:%M}"

    @property
    def uren(self):
        return (self.eind - self.start).total_seconds() / 3600

    def toegangslog_context(self):
        return {"traject_id": self.traject_id}


class HuisbezoekVoortgang(models.Model):
    bezoek = models.ForeignKey(Huisbezoek, on_delete=models.CASCADE, related_name="voortgang")
    doel = models.ForeignKey(Zorgdoel, on_delete=models.PROTECT, related_name="voortgang")
    score = models.PositiveSmallIntegerField(_("score now (1–10)"), validators=SCORE)
    notitie = KorteTekstField(_("note"), max_length=NOTITIE, blank=True)

    class Meta:
        verbose_name = _("progress on a goal")
        verbose_name_plural = _("progress on goals")
        constraints = [
            models.UniqueConstraint(fields=["bezoek", "doel"], name="voortgang_uniek"),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=10),
                name="voortgang_score_1_10",
                violation_error_message=_("Scores lie between 1 and 10."),
            ),
        ]

    def __str__(self):
        return f"{self.doel}: {self.score}"


class BudgetUitzondering(models.Model):
    """The coordinator's recorded reason to deliver beyond the indication's total budget (shown in reports)."""

    indicatie = models.OneToOneField(
        "indicaties.Indicatie", on_delete=models.CASCADE, related_name="budgetuitzondering"
    )
    reden = TekstField(_("reason"), max_length=TEKST_MIDDEL)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    op = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("budget exception")
        verbose_name_plural = _("budget exceptions")
        constraints = [tekst_max("budgetuitzondering", "reden", TEKST_MIDDEL)]

    def __str__(self):
        return self.reden[:60]


class NetwerkLid(models.Model):
    """Someone in the family's network who supports them: the lasting base when BabythuisZorg stops."""

    traject = models.ForeignKey("trajecten.Traject", on_delete=models.CASCADE, related_name="netwerkleden")
    naam = NaamField(_("name"), max_length=200)
    relatie = models.CharField(_("relation"), max_length=20, choices=NetwerkRelatie.choices)
    steun = ArrayField(
        models.CharField(max_length=30, choices=Thema.choices),
        verbose_name=_("supports with"),
        default=list,
        blank=True,
    )
    wanneer = ArrayField(
        models.CharField(max_length=10, choices=Dagdeel.choices),
        verbose_name=_("when"),
        default=list,
        blank=True,
    )
    toelichting = KorteTekstField(_("what exactly"), max_length=NOTITIE, blank=True)
    telefoon = TelefoonField(_("phone"), blank=True)
    bereikbaar = KorteTekstField(_("how else to reach"), max_length=200, blank=True)
    afgesproken = models.BooleanField(_("agreed with this person"), default=False)

    class Meta:
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        ordering = ["relatie", "naam"]
        constraints = [naam_constraint("netwerklid", "naam"), telefoon_constraint("netwerklid")]

    def __str__(self):
        return self.naam

    @property
    def bereikbaar_weergave(self) -> str:
        """The phone number as people read it, then any other way to reach this person."""
        return " · ".join(filter(None, [telefoon_weergave(self.telefoon), self.bereikbaar]))


class Netwerkplan(models.Model):
    """The family-network plan as agreed with the parents (the members are NetwerkLid rows)."""

    traject = models.OneToOneField("trajecten.Traject", on_delete=models.CASCADE, related_name="netwerkplan")
    afgesproken_op = models.DateField(_("agreed with the parents on"), null=True, blank=True)
    woorden_ouders = TekstField(_("the parents' own words"), max_length=TEKST_MIDDEL, blank=True)

    class Meta:
        verbose_name = _("family-network plan")
        verbose_name_plural = _("family-network plans")
        constraints = [tekst_max("netwerkplan", "woorden_ouders", TEKST_MIDDEL)]

    def __str__(self):
        return str(self.traject)


class Evaluatie(TrajectScopeKopie):
    traject = models.ForeignKey("trajecten.Traject", on_delete=models.CASCADE, related_name="evaluaties")
    gepland_op = models.DateField(_("planned on"))
    gehouden_op = models.DateField(_("held on"), null=True, blank=True)
    eindevaluatie = models.BooleanField(_("final evaluation"), default=False)
    deelnemers = KorteTekstField(_("participants"), max_length=NOTITIE, blank=True)
    conclusie = models.CharField(
        _("conclusion"), max_length=20, choices=EvaluatieConclusie.choices, blank=True
    )
    toelichting = TekstField(_("explanation"), max_length=TEKST_LANG, blank=True)
    volgende_op = models.DateField(_("next evaluation on"), null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["gepland_op", "id"]
        # Overdue evaluations (worklists, reminders) are the few not yet held: found without the rest.
        indexes = [
            models.Index(
                fields=["gepland_op", "traject"],
                condition=Q(gehouden_op__isnull=True),
                name="evaluatie_open_idx",
            ),
            # The open evaluations of given trajectories (a casemanager's, the evaluations to attend):
            # one probe per trajectory instead of a range scan per trajectory.
            models.Index(
                fields=["traject", "gepland_op"],
                condition=Q(gehouden_op__isnull=True),
                name="evaluatie_open_traject_idx",
            ),
            # Open evaluations per provider and per municipality (overdue, to attend).
            models.Index(
                fields=["traject_aanbieder", "gepland_op"],
                condition=Q(gehouden_op__isnull=True),
                name="evaluatie_open_aanbieder_idx",
            ),
            models.Index(
                fields=["traject_gemeente", "gepland_op"],
                condition=Q(gehouden_op__isnull=True),
                name="evaluatie_open_gemeente_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(gehouden_op__isnull=True) | ~Q(conclusie=""),
                name="evaluatie_gehouden_heeft_conclusie",
                violation_error_message=_("A held evaluation has a conclusion."),
            ),
            tekst_max("evaluatie", "toelichting", TEKST_LANG),
            models.CheckConstraint(
                condition=Q(gehouden_op__isnull=True)
                | (Q(gehouden_op__gte=DATUM_WERK_ONDERGRENS) & Q(gehouden_op__lte=Morgen())),
                name="evaluatie_gehouden_redelijk",
                violation_error_message=_("This date cannot lie in the future."),
            ),
        ]

    def __str__(self):
        return f"{self.gepland_op}"


class EvaluatieDoel(models.Model):
    evaluatie = models.ForeignKey(Evaluatie, on_delete=models.CASCADE, related_name="doelen")
    doel = models.ForeignKey(Zorgdoel, on_delete=models.PROTECT, related_name="evaluaties")
    realisatie = models.PositiveSmallIntegerField(_("realisation (1–10)"), validators=SCORE)
    opmerking = KorteTekstField(_("comment"), max_length=NOTITIE, blank=True)

    class Meta:
        verbose_name = _("goal evaluation")
        verbose_name_plural = _("goal evaluations")
        constraints = [
            models.UniqueConstraint(fields=["evaluatie", "doel"], name="evaluatiedoel_uniek"),
            models.CheckConstraint(
                condition=Q(realisatie__gte=1) & Q(realisatie__lte=10), name="evaluatiedoel_1_10"
            ),
        ]

    def __str__(self):
        return f"{self.doel}: {self.realisatie}"


class Signaal(TrajectScopeKopie):
    """A concern about safety or health. Details are for the coordinator, casemanager and assigned staff."""

    traject = models.ForeignKey("trajecten.Traject", on_delete=models.CASCADE, related_name="signalen")
    categorie = models.CharField(_("category"), max_length=20, choices=SignaalCategorie.choices)
    ernst = models.CharField(_("severity"), max_length=10, choices=Ernst.choices)
    beschrijving = TekstField(_("description"), max_length=TEKST_LANG)
    acties = TekstField(_("actions taken"), max_length=TEKST_LANG, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SignaalStatus.choices, default=SignaalStatus.OPEN
    )
    gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("reported by")
    )
    gemeld_op = models.DateTimeField(_("reported at"), auto_now_add=True)
    afgerond_op = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-gemeld_op"]
        indexes = [
            models.Index(fields=["status", "ernst"], name="signaal_status_ernst_idx"),
            # Open signals (worklists) newest first, without reading the closed ones.
            models.Index(fields=["-gemeld_op"], condition=~Q(status="afgerond"), name="signaal_open_idx"),
            # The same per provider and per municipality (the worklists of the coordinator, casemanager).
            models.Index(
                fields=["traject_aanbieder", "-gemeld_op"],
                condition=~Q(status="afgerond"),
                name="signaal_open_aanbieder_idx",
            ),
            models.Index(
                fields=["traject_gemeente", "-gemeld_op"],
                condition=~Q(status="afgerond"),
                name="signaal_open_gemeente_idx",
            ),
        ]
        constraints = [
            tekst_max("signaal", "beschrijving", TEKST_LANG),
            tekst_max("signaal", "acties", TEKST_LANG),
        ]

    def __str__(self):
        return f"{self.get_categorie_display()} ({self.get_ernst_display()})"

    @property
    def is_ernstig(self) -> bool:
        return self.ernst in {Ernst.ERNSTIG, Ernst.ACUUT}

    def toegangslog_context(self):
        return {"traject_id": self.traject_id}


class MeldcodeRegistratie(models.Model):
    """One step of the Meldcode for a signal, with date and who. Step 5 only after step 4's weighing."""

    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="meldcode")
    stap = models.PositiveSmallIntegerField(_("step"), choices=MeldcodeStap.choices)
    datum = models.DateField(_("date"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    notitie = TekstField(_("what was done or found"), max_length=TEKST_LANG)
    vermoeden = models.BooleanField(
        _("weighing 1: is there a suspicion of domestic violence or child abuse?"), null=True, blank=True
    )
    onveilig = models.BooleanField(
        _("weighing 2: is there acute or structural unsafety?"), null=True, blank=True
    )
    hulp_organiseren = models.BooleanField(_("decision: organise help"), default=False)
    melden_veilig_thuis = models.BooleanField(_("decision: report to Veilig Thuis"), default=False)

    class Meta:
        verbose_name = _("Meldcode step")
        verbose_name_plural = _("Meldcode steps")
        ordering = ["stap"]
        constraints = [
            models.UniqueConstraint(fields=["signaal", "stap"], name="meldcode_stap_uniek"),
            models.CheckConstraint(
                condition=~Q(stap=4) | (Q(vermoeden__isnull=False) & Q(onveilig__isnull=False)),
                name="meldcode_weging_beantwoord",
                violation_error_message=_("Answer both weighing questions."),
            ),
            models.CheckConstraint(
                condition=~Q(stap=5) | Q(hulp_organiseren=True) | Q(melden_veilig_thuis=True),
                name="meldcode_besluit_genomen",
                violation_error_message=_("Decide: organise help, report to Veilig Thuis, or both."),
            ),
            tekst_max("meldcoderegistratie", "notitie", TEKST_LANG),
            models.CheckConstraint(
                condition=Q(datum__gte=DATUM_WERK_ONDERGRENS) & Q(datum__lte=Morgen()),
                name="meldcoderegistratie_datum_redelijk",
                violation_error_message=_("This date cannot lie in the future."),
            ),
        ]

    def __str__(self):
        return self.get_stap_display()


class Afsluiting(models.Model):
    """Proposed by the coordinator, completed by the casemanager: outcome and satisfaction."""

    traject = models.OneToOneField("trajecten.Traject", on_delete=models.CASCADE, related_name="afsluiting")
    uitkomst = models.CharField(_("outcome"), max_length=30, choices=Uitkomst.choices)
    overgedragen_aan = KorteTekstField(_("handed over to"), max_length=200, blank=True)
    # The partner on the social map, when it is there: the chain overview counts the handover.
    overgedragen_aan_partner = models.ForeignKey(
        "ketenpartners.Ketenpartner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handed over to (social map)"),
    )
    toelichting = TekstField(_("explanation"), max_length=TEKST_LANG, blank=True)
    tevredenheid_client = models.PositiveSmallIntegerField(
        _("client satisfaction (1–10)"), validators=SCORE, null=True, blank=True
    )
    tevredenheid_partner = models.PositiveSmallIntegerField(
        _("chain partner satisfaction (1–10)"), validators=SCORE, null=True, blank=True
    )
    # Seed 002 names staff satisfaction as the third result measure (issue 13): the care workers' score
    # of how the trajectory went, recorded by the coordinator with her proposal.
    tevredenheid_medewerker = models.PositiveSmallIntegerField(
        _("staff satisfaction (1–10)"), validators=SCORE, null=True, blank=True
    )
    voorgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    voorgesteld_op = models.DateTimeField(auto_now_add=True)
    afgesloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    afgesloten_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        # Trajectories closed in a period (period report, programme evaluation).
        indexes = [models.Index(fields=["afgesloten_op"], name="afsluiting_afgesloten_op_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(tevredenheid_client__isnull=True)
                    | Q(tevredenheid_client__gte=1, tevredenheid_client__lte=10)
                )
                & (
                    Q(tevredenheid_partner__isnull=True)
                    | Q(tevredenheid_partner__gte=1, tevredenheid_partner__lte=10)
                ),
                name="afsluiting_tevredenheid_1_10",
                violation_error_message=_("Scores lie between 1 and 10."),
            ),
            models.CheckConstraint(
                condition=Q(tevredenheid_medewerker__isnull=True)
                | Q(tevredenheid_medewerker__gte=1, tevredenheid_medewerker__lte=10),
                name="afsluiting_tevredenheid_medewerker_1_10",
                violation_error_message=_("Scores lie between 1 and 10."),
            ),
            models.CheckConstraint(
                condition=~Q(uitkomst="overgedragen") | ~Q(overgedragen_aan=""),
                name="afsluiting_overdracht_aan_wie",
                violation_error_message=_("Name to whom the family was handed over."),
            ),
            tekst_max("afsluiting", "toelichting", TEKST_LANG),
        ]

    def __str__(self):
        return self.get_uitkomst_display()
