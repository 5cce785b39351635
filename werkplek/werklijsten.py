"""The worklist cards of a role home, kept a short while per user in this web process.

The home is the page people open most (between every two tasks), and building its cards is most of its
cost: half a dozen scoped queries, each compiled anew, and the objects they give. A user's cards are kept
here, in the memory of the process that built them, not in Redis: they hold client data. They are used
again for at most WERKLIJST_CACHE_SECONDEN, and only while her organisation's version (core.cache) is
the one they were built under: every write of a member of her organisation, and every visit, indication
or change of state of its families (rapportage.signals), and every erasure or retention run
(bewaring.opschonen) bumps it, so her own work shows on her next page. What other organisations do shows within the minute; the page says when the cards were built and
offers to build them now. With the cache down nothing is kept.
"""

import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.utils import timezone

from core import policy
from core.cache import ALLE_ORGANISATIES, organisatie_versie_naam, versies

# One entry per user; beyond this many users in one process the least recently stored go first.
MAX_GEBRUIKERS = 2000

_kaarten: OrderedDict = OrderedDict()
_slot = threading.Lock()


def kaarten(user, panelen, *, vernieuwen: bool = False) -> dict:
    """The context of ``panelen`` for ``user``, with ``werklijst_bijgewerkt_op``: when it was built."""
    seconden = settings.WERKLIJST_CACHE_SECONDEN
    stempel = _stempel(user) if seconden > 0 else None
    if stempel is not None and not vernieuwen:
        with _slot:
            gevonden = _kaarten.get(user.pk)
        if gevonden is not None and gevonden[0] == stempel and gevonden[1] > time.monotonic():
            return gevonden[2]
    context = {}
    for paneel in panelen:
        context.update(paneel(user))
    context["werklijst_bijgewerkt_op"] = timezone.now()
    # The rendered parts of these cards ({% bewaard %}, werkplek/templatetags/werklijsten.py).
    context["werklijst_html"] = {} if stempel is not None else None
    if stempel is not None:
        with _slot:
            _kaarten[user.pk] = (stempel, time.monotonic() + seconden, context)
            _kaarten.move_to_end(user.pk)
            while len(_kaarten) > MAX_GEBRUIKERS:
                _kaarten.popitem(last=False)
    return context


def _stempel(user) -> tuple | None:
    """What the cards depend on besides the user herself: her role and organisation, the day, and the
    versions of her organisation and of all (a beheerder's change). None when the cache is down."""
    lidmaatschap = policy.lidmaatschap_van(user)
    if lidmaatschap is None:
        return None
    huidige = versies(organisatie_versie_naam(lidmaatschap.organisatie_id), ALLE_ORGANISATIES)
    if huidige is None:
        return None
    return (lidmaatschap.rol, lidmaatschap.organisatie_id, timezone.localdate(), huidige)


def vergeten() -> None:
    """Forget every user's cards (tests)."""
    with _slot:
        _kaarten.clear()
