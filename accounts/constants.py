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
