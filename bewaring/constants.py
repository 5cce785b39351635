from django.db import models
from django.utils.translation import gettext_lazy as _

from trajecten.constants import TrajectStatus

# A trajectory has ended when it reaches one of these states; its retention period runs from then.
EINDSTATUSSEN = [TrajectStatus.AFGESLOTEN, TrajectStatus.AFGEWEZEN, TrajectStatus.GEANNULEERD]
# Erasure on request is possible only for a referral that never led to care: declined or cancelled.
WISBARE_STATUSSEN = [TrajectStatus.AFGEWEZEN, TrajectStatus.GEANNULEERD]

# Free text of the client's rights (a request, a motivation) fits a page.
MAX_TEKST = 2000


class OpschoningSoort(models.TextChoices):
    DOSSIERS = "dossiers", _("Client records")
    TOEGANGSLOG = "toegangslog", _("Access log")


class CorrectieBesluit(models.TextChoices):
    OPEN = "open", _("Not decided yet")
    GEHONOREERD = "gehonoreerd", _("Honoured")
    AFGEWEZEN = "afgewezen", _("Refused")


class WisGrond(models.TextChoices):
    """The grounds of AVG art. 17(1) that apply to a referral without care. No free text: the record
    of an erasure holds no personal data."""

    NIET_MEER_NODIG = "niet_meer_nodig", _("The data are no longer needed for their purpose (art. 17(1)(a))")
    TOESTEMMING_INGETROKKEN = "toestemming_ingetrokken", _("The client withdrew her consent (art. 17(1)(b))")
    BEZWAAR = "bezwaar", _("The client objects to the processing (art. 17(1)(c))")
    ONRECHTMATIG = "onrechtmatig", _("The data were processed unlawfully (art. 17(1)(d))")
