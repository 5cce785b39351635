from django.db import models
from django.utils.translation import gettext_lazy as _


class HerinneringSoort(models.TextChoices):
    EVALUATIE = "evaluatie", _("Evaluation due")
    EVALUATIE_TE_LAAT = "evaluatie_te_laat", _("Evaluation overdue")
    INDICATIE = "indicatie", _("Indication ending")
    EERSTE_VERJAARDAG = "eerste_verjaardag", _("Baby turning one")
    SIGNAAL = "signaal", _("Serious signal still open")
    KCKZ = "kckz", _("KCKZ registration expiring")
    VOG = "vog", _("VOG expiring")


# How far ahead (days) each kind is reminded of; a serious signal after being open this many days.
EVALUATIE_DAGEN = 7
# An evaluation not recorded after its day is reminded once more, if it is at most this many days overdue
# (the worklists show the older ones; a reminder months late helps no one).
EVALUATIE_TE_LAAT_DAGEN = 60
INDICATIE_DAGEN = 14
EERSTE_VERJAARDAG_DAGEN = 30
SIGNAAL_OPEN_DAGEN = 2
KWALIFICATIE_DAGEN = 60
# An e-mail that could not be sent (mail server down) is tried again on the next runs for this many days.
EMAIL_HERKANSING_DAGEN = 3
# A record of a reminder is kept this long; every window above is far shorter, so nothing is reminded twice.
BEWAAR_DAGEN = 400
