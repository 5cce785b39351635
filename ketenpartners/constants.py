from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerSoort(models.TextChoices):
    HUISARTS = "huisarts", _("General practitioner")
    VERLOSKUNDIGE = "verloskundige", _("Midwife")
    JGZ = "jgz", _("Youth health care (JGZ)")
    ZIEKENHUIS = "ziekenhuis", _("Hospital / paediatrician")
    GGZ = "ggz", _("Mental health care (GGZ)")
    VERSLAVINGSZORG = "verslavingszorg", _("Addiction care")
    MAATSCHAPPELIJK_WERK = "maatschappelijk_werk", _("Social work")
    SOCIAAL_TEAM = "sociaal_team", _("Social team")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    MOEDER_KINDHUIS = "moeder_kindhuis", _("Mother and baby home")
    VOORZORG = "voorzorg", _("VoorZorg")
    STEVIG_OUDERSCHAP = "stevig_ouderschap", _("Stevig Ouderschap")
    AMBULANTE_BEGELEIDING = "ambulante_begeleiding", _("Ambulatory support")
    SCHULDHULP = "schuldhulp", _("Debt counselling")
    ANDERS = "anders", _("Other")


class Domein(models.TextChoices):
    MEDISCH = "medisch", _("Medical domain")
    SOCIAAL = "sociaal", _("Social domain")


class BetrokkenheidRol(models.TextChoices):
    VERWIJZER = "verwijzer", _("Referrer")
    REGIEVOERDER = "regievoerder", _("Regievoerder")
    MEDEBEHANDELAAR = "medebehandelaar", _("Co-practitioner")
    OVERDRACHT = "overdracht", _("Handover to")


class Reikwijdte(models.TextChoices):
    """What the client allows to be shared with one partner."""

    OVERDRACHT = "overdracht", _("Warm handover")
    RAPPORTAGE = "rapportage", _("Trajectory reports")
    OVERLEG = "overleg", _("Consultation about the family")


class ToestemmingWijze(models.TextChoices):
    MONDELING = "mondeling", _("Verbally, noted in the file")
    SCHRIFTELIJK = "schriftelijk", _("In writing (signed form)")
    DIGITAAL = "digitaal", _("Digitally (e-mail or portal)")


class Aanleiding(models.TextChoices):
    AFSLUITING = "afsluiting", _("Closure of BabythuisZorg")
    DOORVERWIJZING = "doorverwijzing", _("Referral to specialist care")


# A waiting time older than this many weeks is shown as out of date (settings can override it).
WACHTTIJD_VEROUDERD_NA_WEKEN = getattr(settings, "WACHTTIJD_VEROUDERD_NA_WEKEN", 8)

# A coarse shape check for the database; the form and model use Django's EmailValidator.
EMAIL_REGEX = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
SKJ_REGEX = r"^[0-9]{6,10}$"
