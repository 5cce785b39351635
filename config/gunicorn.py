"""gunicorn settings for production (deploy/kubernetes, docker-compose): ``gunicorn config.wsgi:application
--config config/gunicorn.py``.

Metrics: with PROMETHEUS_MULTIPROC_DIR set, every worker process writes its django-prometheus counters
there and the master serves all of them on METRICS_PORT (9100) with prometheus_client's own small HTTP
server: not Django, not behind the user port 8000, not in the Service the Ingress routes to (README
"Productie op Kubernetes" → Observability). Access log: one JSON line per request, with the request id
that the access log (core.Toegangslog) and the Celery tasks of that request carry too.
"""

import os
import shutil

bind = [f"0.0.0.0:{os.environ.get('PORT', '8000')}"]
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = 60
graceful_timeout = 30
# The root filesystem is read-only in Kubernetes; /tmp is the pod's own scratch (emptyDir).
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR", "/tmp")  # noqa: S108
accesslog = "-"
access_log_format = (
    '{"tijd": "%(t)s", "logger": "gunicorn.access", "request_id": "%({x-request-id}o)s", '
    '"methode": "%(m)s", "pad": "%(U)s", "status": %(s)s, "bytes": "%(B)s", "duur_ms": %(M)s, '
    '"client": "%({x-forwarded-for}i)s"}'
)

METRICS_PORT = int(os.environ.get("METRICS_PORT", "9100"))


def _metrics_map() -> str:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")


def on_starting(server):
    # Files of a previous master (a restarted container) would count twice.
    if map_ := _metrics_map():
        shutil.rmtree(map_, ignore_errors=True)
        os.makedirs(map_, exist_ok=True)


def when_ready(server):
    if _metrics_map():
        from prometheus_client import CollectorRegistry, multiprocess, start_http_server

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        start_http_server(METRICS_PORT, registry=registry)


def child_exit(server, worker):
    if _metrics_map():
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
