"""Who may request and decide indications and see the provisions (registered into core.policy)."""

from core import policy

INDICATIE_AANVRAGEN = "indicatie.aanvragen"
INDICATIE_BESLISSEN = "indicatie.beslissen"
VOORZIENINGEN_BEKIJKEN = "voorzieningen.bekijken"

# obj: the trajectory the indication is for.
policy.registreer(
    {
        INDICATIE_AANVRAGEN: policy.coordinator_van,
        INDICATIE_BESLISSEN: policy.casemanager_van,
        VOORZIENINGEN_BEKIJKEN: policy.een_van(policy.casemanager_van, policy.coordinator_van),
    }
)
policy.registreer_beheerscope(
    {
        # A contract belongs to both parties: the municipality's and the provider's beheerder see it.
        "indicaties.Contract": ("gemeente", "aanbieder"),
        # Reference data shared by everyone: managed by global beheerders only.
        "indicaties.Voorziening": (),
        "indicaties.Criterium": (),
    }
)
