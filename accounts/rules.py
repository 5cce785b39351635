"""Who may do what with accounts and people (registered into core.policy)."""

from core import policy
from core.constants import Rol

ACCOUNT_BEVEILIGING = "account.beveiliging"
# People's lifecycle (issue 16): a beheerder reports a medewerker's departure, handing over her work.
MEDEWERKER_UIT_DIENST = "medewerker.uit_dienst"


def beheerder_van_gebruiker(user, ander) -> bool:
    """A beheerder of the other user's organisation, or a global one."""
    if policy.rol_van(user) != Rol.BEHEERDER:
        return False
    if ander is None or policy.is_globale_beheerder(user):
        return True
    lidmaatschap = getattr(ander, "lidmaatschap", None)
    return lidmaatschap is not None and lidmaatschap.organisatie_id == policy.org_id(user)


policy.registreer(
    {
        ACCOUNT_BEVEILIGING: policy.altijd,
        # obj: the medewerker who leaves.
        MEDEWERKER_UIT_DIENST: beheerder_van_gebruiker,
    }
)
policy.registreer_beheerscope(
    {
        "accounts.Organisatie": ("pk",),
        "accounts.Team": ("organisatie",),
        "accounts.User": ("lidmaatschap__organisatie",),
        "accounts.Lidmaatschap": ("organisatie",),
        "accounts.MedewerkerProfiel": ("user__lidmaatschap__organisatie",),
    }
)
