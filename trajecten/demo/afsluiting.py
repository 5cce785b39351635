"""The end of a trajectory: closure proposed by the coordinator and, for most, closed by the casemanager."""

from datetime import timedelta

from indicaties.models import Indicatie
from trajecten.constants import TrajectStatus
from trajecten.models import Afsluiting

from .gezinnen import Einde
from .wereld import Wereld, moment

# The Dutch labels, as the closing service records them in the status history (a data text, not UI).
UITKOMST_NL = {
    "zelfredzaam": "Ouders zelfredzaam",
    "overgedragen": "Overgedragen",
    "uithuisplaatsing_voorkomen": "Uithuisplaatsing voorkomen",
    "verhuisd": "Verhuisd",
    "voortijdig_gestopt": "Voortijdig gestopt",
}


def afsluiting_laden(w: Wereld, traject, einde: Einde, zorg_tot, overgangen, coordinator, casemanager):
    voorgesteld = moment(zorg_tot + timedelta(days=1), 16)
    afsluiting = Afsluiting.objects.create(
        traject=traject, uitkomst=einde.uitkomst, overgedragen_aan=einde.overgedragen_aan,
        toelichting=einde.toelichting, voorgesteld_door=coordinator,
        tevredenheid_medewerker=einde.partner,  # issue 13: staff satisfaction, about the partners' score
    )  # fmt: skip
    w.tijdstip(afsluiting, voorgesteld_op=voorgesteld)
    overgangen.append(
        (TrajectStatus.ACTIEF, TrajectStatus.AFSLUITEN, coordinator, "afsluiting voorgesteld", voorgesteld)
    )
    if not einde.afgesloten:
        return
    afgesloten = moment(zorg_tot + timedelta(days=3), 11, 30)
    # As traject_afsluiten does: the indication that runs on ends on the day of closing.
    sluitdag = afgesloten.date()
    for indicatie in Indicatie.objects.filter(
        traject=traject, tot__gt=sluitdag, beeindigd_op__isnull=True, volgende__isnull=True
    ):
        indicatie.tot = indicatie.beeindigd_op = max(sluitdag, indicatie.van)
        indicatie.beeindigingsreden = "traject afgesloten"
        indicatie.save(update_fields=["tot", "beeindigd_op", "beeindigingsreden"])
    afsluiting.tevredenheid_client, afsluiting.tevredenheid_partner = einde.client, einde.partner
    afsluiting.afgesloten_door, afsluiting.afgesloten_op = casemanager, afgesloten
    afsluiting.save()
    overgangen.append(
        (
            TrajectStatus.AFSLUITEN,
            TrajectStatus.AFGESLOTEN,
            casemanager,
            UITKOMST_NL[einde.uitkomst],
            afgesloten,
        )
    )
