from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TrajectStatus(models.TextChoices):
    AANGEMELD = "aangemeld", _("Referred")
    INTAKE = "intake", _("Intake")
    INDICATIE_AANGEVRAAGD = "indicatie_aangevraagd", _("Indication requested")
    ACTIEF = "actief", _("Active")
    AFSLUITEN = "afsluiten", _("Closing")
    AFGESLOTEN = "afgesloten", _("Closed")
    AFGEWEZEN = "afgewezen", _("Declined")
    GEANNULEERD = "geannuleerd", _("Cancelled")


# The state machine: which transitions exist. Who may make them is the policy's business.
OVERGANGEN = {
    TrajectStatus.AANGEMELD: {TrajectStatus.INTAKE, TrajectStatus.AFGEWEZEN, TrajectStatus.GEANNULEERD},
    TrajectStatus.INTAKE: {
        TrajectStatus.INDICATIE_AANGEVRAAGD,
        TrajectStatus.AFGEWEZEN,
        TrajectStatus.GEANNULEERD,
    },
    TrajectStatus.INDICATIE_AANGEVRAAGD: {
        TrajectStatus.ACTIEF,
        TrajectStatus.INTAKE,
        TrajectStatus.GEANNULEERD,
    },
    TrajectStatus.ACTIEF: {TrajectStatus.AFSLUITEN},
    TrajectStatus.AFSLUITEN: {TrajectStatus.AFGESLOTEN, TrajectStatus.ACTIEF},
    TrajectStatus.AFGESLOTEN: set(),
    TrajectStatus.AFGEWEZEN: set(),
    TrajectStatus.GEANNULEERD: set(),
}
LOPEND = [
    TrajectStatus.AANGEMELD,
    TrajectStatus.INTAKE,
    TrajectStatus.INDICATIE_AANGEVRAAGD,
    TrajectStatus.ACTIEF,
    TrajectStatus.AFSLUITEN,
]


class VerwijzerSoort(models.TextChoices):
    HUISARTS = "huisarts", _("General practitioner")
    VERLOSKUNDIGE = "verloskundige", _("Midwife")
    JGZ = "jgz", _("Youth health care (JGZ)")
    MMW = "mmw", _("Medical social work")
    GYNAECOLOOG = "gynaecoloog", _("Gynaecologist")
    KRAAMZORG = "kraamzorg", _("Maternity care")
    SOCIAAL_TEAM = "sociaal_team", _("Social team")
    ANDERS = "anders", _("Other")


class Kwetsbaarheid(models.TextChoices):
    ARMOEDE = "armoede", _("Poverty")
    GEEN_NETWERK = "geen_netwerk", _("No social network")
    PSYCHIATRIE = "psychiatrie", _("Psychiatric problems")
    VERSLAVING = "verslaving", _("Addiction")
    LVB = "lvb", _("Intellectual disability (LVB)")
    TIENERZWANGERSCHAP = "tienerzwangerschap", _("Teenage pregnancy")
    SCHULDEN = "schulden", _("Debts")
    DAKLOOS = "dakloos", _("Homelessness")
    HUISELIJK_GEWELD = "huiselijk_geweld", _("Domestic violence")
    PREMATUUR_ZIEK = "prematuur_ziek", _("Premature or ill baby")
    HUILBABY = "huilbaby", _("Excessively crying baby")
    # Issue 13: reasons for referral the seeds name (000, 002) that were free text before.
    LICHAMELIJKE_KLACHTEN_MOEDER = "lichamelijke_klachten_moeder", _("Mother's physical complaints")
    AFWIJKING_BABY = "afwijking_baby", _("Baby with an abnormality")


# Which staff expertise answers which vulnerability (matching).
EXPERTISE_VOOR = {
    Kwetsbaarheid.PSYCHIATRIE: "psychiatrie",
    Kwetsbaarheid.VERSLAVING: "verslaving",
    Kwetsbaarheid.LVB: "lvb",
    Kwetsbaarheid.TIENERZWANGERSCHAP: "tienermoeder",
    Kwetsbaarheid.SCHULDEN: "schulden",
    Kwetsbaarheid.ARMOEDE: "schulden",
    Kwetsbaarheid.HUISELIJK_GEWELD: "huiselijk_geweld",
    Kwetsbaarheid.PREMATUUR_ZIEK: "prematuriteit",
    Kwetsbaarheid.AFWIJKING_BABY: "prematuriteit",
    Kwetsbaarheid.HUILBABY: "huilbaby",
}


class Urgentie(models.TextChoices):
    NORMAAL = "normaal", _("Normal")
    HOOG = "hoog", _("High")
    SPOED = "spoed", _("Urgent (within 48 hours)")


class OuderRol(models.TextChoices):
    MOEDER = "moeder", _("Mother")
    VADER = "vader", _("Father")
    PARTNER = "partner", _("Partner")
    ANDERS = "anders", _("Other carer")


class Opleidingsniveau(models.TextChoices):
    GEEN = "geen", _("None or primary school")
    VMBO_B = "vmbo_b", _("VMBO basic/kader")
    VMBO_T = "vmbo_t", _("VMBO-t")
    MBO = "mbo", _("MBO")
    HAVO_VWO = "havo_vwo", _("HAVO/VWO")
    HBO_WO = "hbo_wo", _("HBO/university")


class GizZijde(models.TextChoices):
    KIND = "kind", _("Child's development needs")
    OUDERS = "ouders", _("Parenting capacity")
    OMGEVING = "omgeving", _("Family and environment")


class GizFactor(models.TextChoices):
    GEZONDHEID_KIND = "gezondheid_kind", _("Health and growth of the child")
    HUILEN_SLAAP = "huilen_slaap", _("Crying and sleep")
    HECHTING = "hechting", _("Bonding")
    BASISZORG = "basiszorg", _("Basic care")
    VEILIGHEID = "veiligheid", _("Safety")
    STRUCTUUR = "structuur", _("Structure and routine")
    GEZONDHEID_OUDER = "gezondheid_ouder", _("Health of the parents")
    HUISVESTING = "huisvesting", _("Housing")
    FINANCIEN = "financien", _("Income and debts")
    NETWERK = "netwerk", _("Social network")
    WERK_OPLEIDING = "werk_opleiding", _("Work and education")


GIZ_ZIJDE_VAN = {
    GizFactor.GEZONDHEID_KIND: GizZijde.KIND,
    GizFactor.HUILEN_SLAAP: GizZijde.KIND,
    GizFactor.HECHTING: GizZijde.OUDERS,
    GizFactor.BASISZORG: GizZijde.OUDERS,
    GizFactor.VEILIGHEID: GizZijde.OUDERS,
    GizFactor.STRUCTUUR: GizZijde.OUDERS,
    GizFactor.GEZONDHEID_OUDER: GizZijde.OUDERS,
    GizFactor.HUISVESTING: GizZijde.OMGEVING,
    GizFactor.FINANCIEN: GizZijde.OMGEVING,
    GizFactor.NETWERK: GizZijde.OMGEVING,
    GizFactor.WERK_OPLEIDING: GizZijde.OMGEVING,
}


class Inschatting(models.TextChoices):
    KRACHT = "kracht", _("Strength")
    ZORG = "zorg", _("Concern")
    RISICO = "risico", _("Risk")


class Risiconiveau(models.TextChoices):
    LAAG = "laag", _("Low")
    MIDDEN = "midden", _("Medium")
    HOOG = "hoog", _("High")


class Component(models.TextChoices):
    AANVULLEN = "aanvullen", _("Supplementing care")
    EIGEN_KRACHT = "eigen_kracht", _("Developing own strength")
    OVERBRUGGING = "overbrugging", _("Bridging until other care is available")
    VERBINDING = "verbinding", _("Connecting with chain partners")


class Thema(models.TextChoices):
    """The eight themes of BabythuisZorg (seed 002)."""

    VERTROUWEN = "vertrouwen", _("Confidence")
    LIEFDE_BAND = "liefde_band", _("Love and bond with the baby")
    HUILGEDRAG = "huilgedrag", _("Crying")
    SLAAP_WAAKRITME = "slaap_waakritme", _("Sleep and wake rhythm")
    DAGSTRUCTUUR = "dagstructuur", _("Daily structure")
    GEZONDHEID_ZELFZORG = "gezondheid_zelfzorg", _("Health and caring for yourself")
    VEILIGHEID = "veiligheid", _("Safety")
    ORGANISEREN = "organiseren", _("Organising (household, hygiene)")


class DoelStatus(models.TextChoices):
    OPEN = "open", _("Not started")
    BEZIG = "bezig", _("In progress")
    BEREIKT = "bereikt", _("Reached")
    GESTOPT = "gestopt", _("Stopped")


class Betreft(models.TextChoices):
    MOEDER = "moeder", _("Mother")
    PARTNER = "partner", _("Partner")
    OUDERS = "ouders", _("Both parents")
    BABY = "baby", _("Baby")
    GEZIN = "gezin", _("Whole family")


class BezoekSoort(models.TextChoices):
    HUISBEZOEK = "huisbezoek", _("Home visit")
    TELEFONISCH = "telefonisch", _("Telephone contact")
    OVERLEG = "overleg", _("Consultation with a partner")


class Dienst(models.TextChoices):
    DAG = "dag", _("Day")
    AVOND = "avond", _("Evening")
    NACHT = "nacht", _("Night")


class NetwerkRelatie(models.TextChoices):
    PARTNER = "partner", _("Partner")
    FAMILIE = "familie", pgettext_lazy("network relation", "Family")
    VRIEND = "vriend", _("Friend")
    BUREN = "buren", _("Neighbour")
    PROFESSIONAL = "professional", _("Professional")
    ANDERS = "anders", _("Other")


class Dagdeel(models.TextChoices):
    OCHTEND = "ochtend", _("Morning")
    MIDDAG = "middag", _("Afternoon")
    AVOND = "avond", _("Evening")
    NACHT = "nacht", _("Night")
    WEEKEND = "weekend", _("Weekend")


class EvaluatieConclusie(models.TextChoices):
    VOORTZETTEN = "voortzetten", _("Continue")
    OPSCHALEN = "opschalen", _("Scale up")
    AFSCHALEN = "afschalen", _("Scale down")
    AFSLUITEN = "afsluiten", _("Close")
    DOORVERWIJZEN = "doorverwijzen", _("Refer on")


class SignaalCategorie(models.TextChoices):
    KINDVEILIGHEID = "kindveiligheid", _("Child safety")
    HUISELIJK_GEWELD = "huiselijk_geweld", _("Domestic violence")
    POSTPARTUM = "postpartum", _("Postpartum depression or psychosis")
    VERSLAVING = "verslaving", _("Addiction")
    VERWAARLOZING = "verwaarlozing", _("Neglect")
    MEDISCH = "medisch", _("Medical")
    WONEN_FINANCIEN = "wonen_financien", _("Housing or finances")
    ANDERS = "anders", _("Other")


class Ernst(models.TextChoices):
    LAAG = "laag", _("Low")
    MIDDEN = "midden", _("Medium")
    ERNSTIG = "ernstig", _("Serious")
    ACUUT = "acuut", _("Acute")


class SignaalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_BEHANDELING = "in_behandeling", _("Being handled")
    AFGEROND = "afgerond", _("Closed")


class MeldcodeStap(models.IntegerChoices):
    """The five steps of the Meldcode huiselijk geweld en kindermishandeling."""

    SIGNALEN_IN_KAART = 1, _("1. Map the signals")
    COLLEGIALE_CONSULTATIE = 2, _("2. Consult a colleague and, if needed, Veilig Thuis")
    GESPREK_CLIENT = 3, _("3. Talk with the client")
    WEGEN = 4, _("4. Weigh the violence or child abuse")
    BESLISSEN = 5, _("5. Decide: organise help and/or report")


class Uitkomst(models.TextChoices):
    ZELFREDZAAM = "zelfredzaam", _("Parents self-reliant")
    OVERGEDRAGEN = "overgedragen", _("Handed over")
    UITHUISPLAATSING_VOORKOMEN = "uithuisplaatsing_voorkomen", _("Out-of-home placement prevented")
    UITHUISPLAATSING = "uithuisplaatsing", _("Out-of-home placement not prevented")
    VERHUISD = "verhuisd", _("Moved")
    VOORTIJDIG_GESTOPT = "voortijdig_gestopt", _("Stopped early")
