"""A short shared cache (Redis, settings.CACHES) for figures and reference data that many requests read.

A cache that is down is never a reason to fail a page: the value is then computed for this request.
"""

import logging

from django.core.cache import cache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What a cache that is down raises (Redis refusing or timing out).
CACHE_FOUTEN = (RedisError, OSError)


def uit_cache(sleutel: str, maak, seconden: int):
    """The cached value under ``sleutel``, or ``maak()`` (then cached for ``seconden``)."""
    try:
        waarde = cache.get(sleutel)
    except CACHE_FOUTEN:
        logger.warning("cache not reachable; %s computed for this request", sleutel.split(":")[0])
        waarde = None
    if waarde is None:
        waarde = maak()
        try:
            cache.set(sleutel, waarde, seconden)
        except CACHE_FOUTEN:
            pass
    return waarde


def versie(naam: str) -> int:
    """The current version of a group of cached values (0 when unknown or the cache is down). A cache key
    that includes it is left behind, not deleted, when ``nieuwe_versie`` is called."""
    try:
        return cache.get(f"versie:{naam}") or 0
    except CACHE_FOUTEN:
        return 0


def versies(*namen: str) -> tuple[int, ...] | None:
    """The current versions of ``namen`` in one round trip; None when the cache is down (then nothing
    may be kept on the strength of a version)."""
    try:
        gevonden = cache.get_many([f"versie:{naam}" for naam in namen])
    except CACHE_FOUTEN:
        return None
    return tuple(gevonden.get(f"versie:{naam}") or 0 for naam in namen)


def organisatie_versie_naam(organisatie_id: int) -> str:
    """The version of what an organisation's homes show (figures, worklists). Bumped when a visit, an
    indication or a trajectory's state of its families changes (rapportage.signals) and after every write
    of one of its members (core.middleware.SchrijfVersieMiddleware)."""
    return f"cijfers:org{organisatie_id}"


# Bumped by a beheerder's write (memberships, grants, organisations): it may concern any organisation.
ALLE_ORGANISATIES = "cijfers:alle"


def nieuwe_versie(*namen: str) -> None:
    """Make every cached value keyed with ``versie(naam)`` stale at once (on a write it summarises). On
    Redis one round trip for all names (INCR starts a missing version at 1); a save bumps two or three."""
    sleutels = [f"versie:{naam}" for naam in namen]
    try:
        redis_cache = getattr(cache, "_cache", None)
        if hasattr(redis_cache, "get_client"):  # Django's RedisCache: its integers are stored as such
            pijp = redis_cache.get_client(write=True).pipeline(transaction=False)
            for sleutel in sleutels:
                pijp.incr(cache.make_and_validate_key(sleutel))
            pijp.execute()
            return
        for sleutel in sleutels:
            cache.add(sleutel, 0, timeout=None)
            cache.incr(sleutel)
    except (*CACHE_FOUTEN, ValueError):  # evicted between add and incr: the next write bumps it
        logger.warning("cache versions %s not bumped", ", ".join(n.split(":")[0] for n in namen))
