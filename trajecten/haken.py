"""Where an app above takes part in a trajectory's workflow without trajecten importing it.

Each hook is a list the app above fills from its AppConfig.ready (ketenpartners does, see its apps.py);
trajecten calls whatever is registered, in order, inside the same transaction as the step itself.
"""

from collections.abc import Callable

# A chain partner's professional named as regievoerder: (organisatie, skj) -> None, or a Dutch
# ValidationError on "skj" when she is not on the social map with a valid registration.
regievoerder_controles: list[Callable[[object, str], None]] = []

# A trajectory closed with a handover to a partner on the social map: (traject, partner, op, door).
bij_overdracht: list[Callable[[object, object, object, object], None]] = []


def registreer(lijst: list, functie: Callable) -> None:
    if functie not in lijst:
        lijst.append(functie)
