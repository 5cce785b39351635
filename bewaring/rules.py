"""The client's rights under the AVG (issue 11): inspection, correction, erasure (registered into
core.policy). The casemanager of the family's municipality acts on the client's request."""

from core import policy
from rapportage.rules import registreer_leesactie

CLIENTRECHTEN_BEKIJKEN = "clientrechten.bekijken"
INZAGE_EXPORTEREN = "inzage.exporteren"
CORRECTIEVERZOEK_VASTLEGGEN = "correctieverzoek.vastleggen"
GEGEVENS_WISSEN = "gegevens.wissen"

policy.registreer(
    {
        CLIENTRECHTEN_BEKIJKEN: policy.casemanager_van,
        INZAGE_EXPORTEREN: policy.casemanager_van,
        CORRECTIEVERZOEK_VASTLEGGEN: policy.casemanager_van,
        GEGEVENS_WISSEN: policy.casemanager_van,
    }
)
# The inspection export is read under the rule that let her request it.
registreer_leesactie("inzage", INZAGE_EXPORTEREN)
