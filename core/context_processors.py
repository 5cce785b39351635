from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import policy

# The main navigation: (label, url name, action). Each user sees the items her role may open.
NAVIGATIE = [
    (_("Home"), "core:home", policy.HOME),
    (_("Trajectories"), "trajecten:lijst", policy.TRAJECTEN_LIJST),
    (_("New referral"), "trajecten:aanmelding_nieuw", policy.AANMELDING_REGISTREREN),
    (_("Social map"), "ketenpartners:zoeken", policy.SOCIALE_KAART_ZOEKEN),
    (_("Chain overview"), "ketenpartners:ketenoverzicht", policy.KETENOVERZICHT_BEKIJKEN),
    (_("Reports"), "rapportage:lijst", policy.RAPPORTEN_LIJST),
    (_("Access log"), "core:toegangslog", policy.TOEGANGSLOG_ZOEKEN),
    (_("Management"), "admin:index", policy.BEHEER),
    (_("Account security"), "two_factor:profile", policy.ACCOUNT_BEVEILIGING),
]


def navigation(request):
    user = getattr(request, "user", None)
    items = [(label, url) for label, url, actie in NAVIGATIE if user is not None and policy.may(user, actie)]
    lidmaatschap = policy.lidmaatschap_van(user)
    return {
        "navigatie": items,
        "huidig_lidmaatschap": lidmaatschap,
        "demo_mode": settings.DEMO_MODE,
    }
