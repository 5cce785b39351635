"""HTML to PDF/A-3b with WeasyPrint. Used only by Celery tasks, never in a request.

The URL fetcher resolves only our own static files: a report's HTML may contain text from user data,
and nothing in it may make the worker fetch a URL from the network or read a file outside static/.
"""

import io
import mimetypes

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

# Relative and /static/ URLs in report templates resolve against this base; nothing else is served.
BASE_URL = "https://rapport.invalid/"
STATIC_PREFIX = BASE_URL + "static/"


class NietToegestaneUrl(ValueError):
    pass


def url_fetcher(url: str, *args, **kwargs) -> dict:
    """Serve /static/… from our own static files; refuse every other URL (remote, file:, data:)."""
    if not url.startswith(STATIC_PREFIX):
        raise NietToegestaneUrl(url)
    relatief = url.removeprefix(STATIC_PREFIX).split("?", 1)[0]
    if ".." in relatief.split("/"):
        raise NietToegestaneUrl(url)
    pad = finders.find(relatief)
    if not pad:
        raise NietToegestaneUrl(url)
    with open(pad, "rb") as bestand:
        inhoud = bestand.read()
    return {"string": inhoud, "mime_type": mimetypes.guess_type(pad)[0], "redirected_url": url}


def html_naar_pdf(html: str) -> bytes:
    from weasyprint import HTML  # heavy import: only in the worker

    uitvoer = io.BytesIO()
    HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher).write_pdf(uitvoer, pdf_variant="pdf/a-3b")
    return uitvoer.getvalue()


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a report template (extending rapportage/pdf/basis.html) to PDF bytes."""
    return html_naar_pdf(render_to_string(template_name, context))
