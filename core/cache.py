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
