"""Settings of the gunicorn a test in test_storingen.py starts: the test settings with persistent
connections, as in production (the database restart that used to fail the first request per worker)."""

from config.settings.test import *  # noqa: F403

DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405
