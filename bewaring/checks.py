"""Start-up checks: retention periods shorter than the law allows refuse to start."""

from django.conf import settings
from django.core.checks import Error, register

# Jeugdwet art. 7.3.8 (dossier, years after the care ended) and NEN 7513 (access log).
MINIMUM_DOSSIER_JAREN = 20
MINIMUM_TOEGANGSLOG_JAREN = 5


@register()
def bewaartermijnen(app_configs, **kwargs):
    fouten = []
    if settings.BEWAARTERMIJN_DOSSIER_JAREN < MINIMUM_DOSSIER_JAREN:
        fouten.append(
            Error(
                f"BEWAARTERMIJN_DOSSIER_JAREN is {settings.BEWAARTERMIJN_DOSSIER_JAREN}; "
                f"the Jeugdwet requires at least {MINIMUM_DOSSIER_JAREN} years.",
                id="bewaring.E001",
            )
        )
    if settings.BEWAARTERMIJN_TOEGANGSLOG_JAREN < MINIMUM_TOEGANGSLOG_JAREN:
        fouten.append(
            Error(
                f"BEWAARTERMIJN_TOEGANGSLOG_JAREN is {settings.BEWAARTERMIJN_TOEGANGSLOG_JAREN}; "
                f"NEN 7513 requires at least {MINIMUM_TOEGANGSLOG_JAREN} years.",
                id="bewaring.E002",
            )
        )
    return fouten
