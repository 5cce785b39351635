"""One id per request, everywhere the request leaves a trace: the JSON log lines (web and worker), the
response header ``X-Request-ID``, the gunicorn access log line, the access-log row (core.Toegangslog) and
the Celery tasks the request sends (a message header, set again as the id while the task runs).

An ``X-Request-ID`` from the proxy in front (ingress-nginx sets one) is kept when it looks like an id,
so a request can be followed from the load balancer on; anything else is replaced by a fresh one.
"""

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

HEADER = "X-Request-ID"
_GELDIG = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
huidig: contextvars.ContextVar[str] = contextvars.ContextVar("verzoek_id", default="")


def nieuw() -> str:
    return uuid.uuid4().hex


class VerzoekIdMiddleware:
    """First in the chain, so every later log line and access-log row of the request has the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        binnen = request.headers.get(HEADER, "")
        verzoek_id = binnen if _GELDIG.match(binnen) else nieuw()
        request.verzoek_id = verzoek_id
        token = huidig.set(verzoek_id)
        try:
            response = self.get_response(request)
        finally:
            huidig.reset(token)
        response[HEADER] = verzoek_id
        return response


class VerzoekIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = huidig.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: what a log collector (Loki, Elastic) reads without parsing rules."""

    def format(self, record):
        regel = {
            "tijd": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "niveau": record.levelname,
            "logger": record.name,
            "bericht": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or huidig.get(),
        }
        taak = getattr(record, "task_name", None) or _taaknaam()
        if taak:
            regel["taak"] = taak
        if record.exc_info:
            regel["fout"] = self.formatException(record.exc_info)
        return json.dumps(regel, ensure_ascii=False)


_taak: contextvars.ContextVar[str] = contextvars.ContextVar("taak", default="")


def _taaknaam() -> str:
    return _taak.get()


# Celery: the id travels as a message header from the request that sends a task to the worker that runs
# it (connected in core.apps for both sides).


def bij_versturen(headers=None, **kwargs):
    verzoek_id = huidig.get()
    if verzoek_id and headers is not None and "request_id" not in headers:
        headers["request_id"] = verzoek_id


def bij_start_taak(task=None, **kwargs):
    verzoek_id = getattr(task.request, "request_id", None) if task is not None else None
    task.request.verzoek_id_tokens = (
        huidig.set(verzoek_id if isinstance(verzoek_id, str) and _GELDIG.match(verzoek_id) else ""),
        _taak.set(task.name),
    )


def bij_einde_taak(task=None, **kwargs):
    tokens = getattr(task.request, "verzoek_id_tokens", None) if task is not None else None
    if tokens:
        huidig.reset(tokens[0])
        _taak.reset(tokens[1])
        task.request.verzoek_id_tokens = None
