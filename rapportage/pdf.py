"""HTML to PDF/A-3b with WeasyPrint. Used only by Celery tasks, never in a request.

The URL fetcher resolves only our own static files: a report's HTML may contain text from user data,
and nothing in it may make the worker fetch a URL from the network or read a file outside static/.
"""

import io
import mimetypes
from collections.abc import Callable

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

# Relative and /static/ URLs in report templates resolve against this base; nothing else is served.
BASE_URL = "https://rapport.invalid/"
STATIC_PREFIX = BASE_URL + "static/"


# PDF/A-3b for the archive, and tagged (structure, reading order, /Lang from <html lang>) so that a
# screen reader can read it; tags are allowed in PDF/A-3b, which only claims the visual level.
PDF_OPTIES = {"pdf_variant": "pdf/a-3b", "pdf_tags": True}


class NietToegestaneUrl(ValueError):
    pass


def _verzameld(relatief: str) -> str | None:
    """The collected copy (STATIC_ROOT) when the source folders are not on this machine."""
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.exceptions import SuspiciousFileOperation

    try:
        return staticfiles_storage.path(relatief) if staticfiles_storage.exists(relatief) else None
    except (SuspiciousFileOperation, NotImplementedError):
        return None


def static_bestand(url: str) -> tuple[bytes, str | None]:
    """Our own static file behind ``url`` (content, MIME type); every other URL (remote, file:, data:,
    a path out of static/) is refused."""
    if not url.startswith(STATIC_PREFIX):
        raise NietToegestaneUrl(url)
    relatief = url.removeprefix(STATIC_PREFIX).split("?", 1)[0]
    if ".." in relatief.split("/"):
        raise NietToegestaneUrl(url)
    pad = finders.find(relatief) or _verzameld(relatief)
    if not pad:
        raise NietToegestaneUrl(url)
    with open(pad, "rb") as bestand:
        return bestand.read(), mimetypes.guess_type(pad)[0]


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # heavy import: only in the worker

    class AlleenEigenStatic(URLFetcher):
        def fetch(self, url, headers=None):
            inhoud, mime = static_bestand(url)
            return URLFetcherResponse(url, inhoud, {"Content-Type": mime or "application/octet-stream"})

    return AlleenEigenStatic()


def html_naar_pdf(html: str, na_opmaak: Callable[[], None] | None = None) -> bytes:
    """Lay out, then write: the two phases of WeasyPrint, so the status page can tell them apart."""
    from weasyprint import HTML

    uitvoer = io.BytesIO()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).render(**PDF_OPTIES)
    if na_opmaak is not None:
        na_opmaak()
    document.write_pdf(uitvoer, **PDF_OPTIES)
    return uitvoer.getvalue()


def render_pdf(template_name: str, context: dict, na_opmaak: Callable[[], None] | None = None) -> bytes:
    """Render a report template (extending rapportage/pdf/basis.html) to PDF bytes."""
    return html_naar_pdf(render_to_string(template_name, context), na_opmaak)
