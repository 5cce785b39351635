from django.db import models
from django.utils.translation import gettext_lazy as _


class Product(models.TextChoices):
    REGULIER = "regulier", _("Regular")
    INTENSIEF = "intensief", _("Intensive (up to 24 hours a day, bridging)")


class AanvraagStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a decision")
    TOEGEKEND = "toegekend", _("Granted")
    AFGEWEZEN = "afgewezen", _("Declined")


class Wijziging(models.TextChoices):
    NIEUW = "nieuw", _("New")
    OPSCHALEN = "opschalen", _("Scale up")
    AFSCHALEN = "afschalen", _("Scale down")
    VERLENGEN = "verlengen", _("Extend")
    # The version from a family's moving date: the new municipality's tariff, until its casemanager decides.
    VERHUIZING = "verhuizing", _("Move")


# Hours per week can be anything above zero up to a full week (24/7 bridging).
UREN_PER_WEEK_MAX = 168


class Feit(models.TextChoices):
    """Facts about a family that criteria of voorliggende voorzieningen are checked against."""

    EERSTE_KIND = "eerste_kind", _("first child")
    BABY_GEBOREN = "baby_geboren", _("baby born")
    ZWANGERSCHAPSDUUR_WEKEN = "zwangerschapsduur_weken", _("weeks pregnant")
    LEEFTIJD_MOEDER = "leeftijd_moeder", _("age of the mother")
    OPLEIDINGSNIVEAU_MOEDER = "opleidingsniveau_moeder", _("education level of the mother")
    SPREEKT_NEDERLANDS = "spreekt_nederlands", _("speaks Dutch")
    LEEFTIJD_BABY_MAANDEN = "leeftijd_baby_maanden", _("age of the baby (months)")
    DAGEN_NA_GEBOORTE = "dagen_na_geboorte", _("days since birth")
    KWETSBARE_SITUATIE = "kwetsbare_situatie", _("vulnerable situation")


class Operator(models.TextChoices):
    GELIJK = "eq", _("equals")
    MAXIMAAL = "lte", _("at most")
    MINIMAAL = "gte", _("at least")


class Kostensoort(models.TextChoices):
    PER_UUR = "per_uur", _("per hour")
    PER_TRAJECT = "per_traject", _("per trajectory")
