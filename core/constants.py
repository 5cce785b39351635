from django.db import models
from django.utils.translation import gettext_lazy as _


class Gebeurtenis(models.TextChoices):
    """What happened to client data (NEN 7513: the kind of access)."""

    LEZEN = "lezen", _("Read")
    ZOEKEN = "zoeken", _("Search")
    AANMAKEN = "aanmaken", _("Create")
    WIJZIGEN = "wijzigen", _("Change")
    VERWIJDEREN = "verwijderen", _("Delete")
    AFDRUKKEN = "afdrukken", _("Print")
    EXPORTEREN = "exporteren", _("Export")


class Uitkomst(models.TextChoices):
    TOEGESTAAN = "toegestaan", _("Allowed")
    GEWEIGERD = "geweigerd", _("Refused")


# The roles a membership gives; defined here (the bottom layer) because the policy's predicates ask them.
class Rol(models.TextChoices):
    CASEMANAGER = "casemanager", _("Case manager")
    COORDINATOR = "coordinator", _("Coordinator")
    MEDEWERKER = "medewerker", _("BabythuisZorg care worker")
    GEMEENTE_RAPPORTAGE = "gemeente_rapportage", _("Municipal reporting")
    BEHEERDER = "beheerder", _("Application manager")
