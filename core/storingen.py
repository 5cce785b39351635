"""Error pages that render while the database is down (README: "Beheer en storingen").

Django calls handler500 for every uncaught exception, also one raised in a middleware (a session that
cannot be loaded), inside the ``except`` that caught it. The pages are rendered without the request:
no context processor runs, so the navigation (which asks the database) is not needed. An unreachable
database is answered with 503 and Retry-After instead of 500: it is an outage, not a bug.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation

logger = logging.getLogger(__name__)

DATABASE_ONBEREIKBAAR = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDEN = 30

# The last resort, when even the template cannot be rendered (a missing static manifest, say).
NOODPAGINA = (
    '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>BabythuisZorg</title></head>'
    "<body><h1>{titel}</h1><p>Probeer het over een minuut opnieuw. Blijft het misgaan, neem dan contact op "
    "met uw applicatiebeheerder.</p></body></html>"
)


def _pagina(template_name: str, status: int, noodtitel: str) -> HttpResponse:
    try:
        with translation.override("nl"):
            html = loader.get_template(template_name).render()
    except Exception:
        logger.exception("Foutpagina %s kon niet worden opgebouwd", template_name)
        html = NOODPAGINA.format(titel=noodtitel)
    response = HttpResponse(html, status=status)
    response["Cache-Control"] = "no-store"
    return response


def niet_beschikbaar() -> HttpResponse:
    response = _pagina("503.html", 503, "Tijdelijk niet beschikbaar")
    response["Retry-After"] = str(RETRY_AFTER_SECONDEN)
    return response


def server_error(request):
    """handler500: 503 when the database is unreachable, otherwise the general 500 page."""
    if isinstance(sys.exc_info()[1], DATABASE_ONBEREIKBAAR):
        return niet_beschikbaar()
    return _pagina("500.html", 500, "Er ging iets mis")
