"""Demo regions (issue 13): the three demo municipalities contract BabythuisZorg as one northern region,
so gemeente-rapportage can request a region's programme evaluation. Idempotent."""

from accounts.constants import OrganisatieSoort
from accounts.models import Organisatie

from .models import Regio

REGIOS = {
    "Regio Noord-Nederland": ["Gemeente Groningen", "Gemeente Leeuwarden", "Gemeente Assen"],
    "Regio Groningen-Drenthe": ["Gemeente Groningen", "Gemeente Assen"],
}


def laad_demo_regios() -> int:
    nieuw = 0
    for naam, gemeenten in REGIOS.items():
        regio, aangemaakt = Regio.objects.get_or_create(naam=naam)
        nieuw += aangemaakt
        regio.gemeenten.add(*Organisatie.objects.filter(soort=OrganisatieSoort.GEMEENTE, naam__in=gemeenten))
    return nieuw
