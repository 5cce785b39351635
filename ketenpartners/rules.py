"""Who may use the social map and share with chain partners (registered into core.policy)."""

from core import policy
from core.constants import Rol

# Chain partners (issue 5).
SOCIALE_KAART_ZOEKEN = "sociale_kaart.zoeken"
BETROKKENHEID_BEHEREN = "betrokkenheid.beheren"
TOESTEMMING_VASTLEGGEN = "toestemming.vastleggen"
OVERDRACHT_DELEN = "overdracht.delen"
KETENOVERZICHT_BEKIJKEN = "ketenoverzicht.bekijken"


def ketenoverzicht_van(user, gemeente) -> bool:
    """obj: the municipality (Organisatie) whose chain is shown."""
    return policy.is_globale_beheerder(user) or (
        policy.rol_van(user) in {Rol.CASEMANAGER, Rol.GEMEENTE_RAPPORTAGE}
        and (gemeente is None or gemeente.pk == policy.org_id(user))
    )


gemeente_of_aanbieder = policy.een_van(policy.casemanager_van, policy.coordinator_van)

policy.registreer(
    {
        SOCIALE_KAART_ZOEKEN: policy.heeft_rol,
        BETROKKENHEID_BEHEREN: gemeente_of_aanbieder,
        TOESTEMMING_VASTLEGGEN: gemeente_of_aanbieder,
        OVERDRACHT_DELEN: gemeente_of_aanbieder,
        KETENOVERZICHT_BEKIJKEN: ketenoverzicht_van,
    }
)
# The social map: a chain partner's own beheerder keeps its entry; tags and covenants are shared.
policy.registreer_beheerscope(
    {
        "ketenpartners.Ketenpartner": ("organisatie",),
        "ketenpartners.Dienst": (),
        "ketenpartners.Convenant": (),
    }
)
