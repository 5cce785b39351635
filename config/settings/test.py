import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
DATABASES["default"]["CONN_MAX_AGE"] = 0
# The flush between transactional tests empties every table with TRUNCATE, which the append-only tables
# (the access log) refuse unless a superuser session asks for it like this (core migration 0004).
_opties = DATABASES["default"].setdefault("OPTIONS", {})
_opties["options"] = f"{_opties.get('options', '')} -c bz.testdatabase_legen=aan".strip()
PRIVATE_MEDIA_ROOT = BASE_DIR / ".pytest-private-media"
# Each test process its own cache (emptied before every test by tests/conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Per-test isolation of locked-out attempts is done by the database; keep the limit small for speed.
AXES_FAILURE_LIMIT = 5
DEMO_MODE = False
# Failed logins are the point of several tests: keep django-axes' warnings out of the test output.
LOGGING["loggers"] = {"axes": {"level": "ERROR"}}
# Tests talk to the real Redis, on their own databases and their own queue, so a development worker
# (./scripts/run) or a parallel test run never takes their tasks. A worker started as a separate process
# by a test inherits CELERY_TEST_QUEUE from it.
CELERY_BROKER_URL = env("CELERY_TEST_BROKER_URL", default="redis://127.0.0.1:6379/14")
CELERY_RESULT_BACKEND = env("CELERY_TEST_RESULT_BACKEND", default="redis://127.0.0.1:6379/15")
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TEST_QUEUE", default=f"bz-test-{os.getpid()}")
RAPPORT_WACHTRIJ = f"{CELERY_TASK_DEFAULT_QUEUE}-rapporten"
CELERY_TASK_ROUTES = {"rapportage.tasks.rapport_maken": {"queue": RAPPORT_WACHTRIJ}}
RAPPORT_BEWAARTERMIJN_DAGEN = 30
# The permission matrix asks the health endpoint as every kind of user, without a worker: wait briefly.
GEZONDHEID_PING_SECONDEN = 0.5
# Tests change trajectories with factories between two page views, as another organisation would: the
# worklist cards are built on every request here, and tests/werkplek/test_werklijsten.py turns the
# per-user cache on where it is the point.
WERKLIJST_CACHE_SECONDEN = 0
