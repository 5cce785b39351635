from django.db import models
from django.utils.translation import gettext_lazy as _

from core.constants import Rol  # the roles live with the policy (core); still importable from here


class OrganisatieSoort(models.TextChoices):
    GEMEENTE = "gemeente", _("Municipality")
    ZORGAANBIEDER = "zorgaanbieder", _("Care provider")
    KETENPARTNER = "ketenpartner", _("Chain partner")


class TeamSoort(models.TextChoices):
    SOCIAAL_TEAM = "sociaal_team", _("Social team")
    WIJKTEAM = "wijkteam", _("Neighbourhood team")
    BUURTTEAM = "buurtteam", _("Community team")


# Which kind of organisation each role belongs to; a beheerder may belong to any, or to none (global).
ROL_ORGANISATIE_SOORT = {
    Rol.CASEMANAGER: OrganisatieSoort.GEMEENTE,
    Rol.GEMEENTE_RAPPORTAGE: OrganisatieSoort.GEMEENTE,
    Rol.COORDINATOR: OrganisatieSoort.ZORGAANBIEDER,
    Rol.MEDEWERKER: OrganisatieSoort.ZORGAANBIEDER,
}


class Expertise(models.TextChoices):
    LVB = "lvb", _("Intellectual disability (LVB)")
    PSYCHIATRIE = "psychiatrie", _("Psychiatry")
    VERSLAVING = "verslaving", _("Addiction")
    HUISELIJK_GEWELD = "huiselijk_geweld", _("Domestic violence")
    PREMATURITEIT = "prematuriteit", _("Prematurity")
    HUILBABY = "huilbaby", _("Excessive crying")
    TIENERMOEDER = "tienermoeder", _("Teenage parents")
    SCHULDEN = "schulden", _("Debts and poverty")


class Taal(models.TextChoices):
    NEDERLANDS = "nl", _("Dutch")
    ENGELS = "en", _("English")
    ARABISCH = "ar", _("Arabic")
    POOLS = "pl", _("Polish")
    TURKS = "tr", _("Turkish")
    TIGRINYA = "ti", _("Tigrinya")
    FRIES = "fy", _("Frisian")


# Issue 13: what the seeds count about staff and providers, as choices instead of free text.
class MboNiveau(models.IntegerChoices):
    """Seed 001: care workers are maternity carers trained at MBO level 3 or 4."""

    NIVEAU_2 = 2, _("MBO level 2")
    NIVEAU_3 = 3, _("MBO level 3")
    NIVEAU_4 = 4, _("MBO level 4")


class Trainingsmodule(models.TextChoices):
    """Seed 000: the five modules of the additional BabythuisZorg training."""

    HECHTING_OUDERSCHAP = "hechting_ouderschap", _("Attachment and parenting theory")
    MOTIVERENDE_GESPREKSVOERING = "motiverende_gespreksvoering", _("Motivational interviewing")
    INTERVENTIES = "interventies", _("Interventions, scaling care up and down")
    KETENSAMENWERKING = "ketensamenwerking", _("Chain cooperation")
    FAMILIENETWERKPLAN = "familienetwerkplan", _("Drawing up a family network plan")


class Certificering(models.TextChoices):
    """Seed 001: a provider is HKZ/ISO certified."""

    HKZ = "hkz", _("HKZ")
    ISO_9001 = "iso_9001", _("ISO 9001")
