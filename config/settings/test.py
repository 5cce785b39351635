from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
DATABASES["default"]["CONN_MAX_AGE"] = 0
PRIVATE_MEDIA_ROOT = BASE_DIR / ".pytest-private-media"
# Per-test isolation of locked-out attempts is done by the database; keep the limit small for speed.
AXES_FAILURE_LIMIT = 5
DEMO_MODE = False
# Failed logins are the point of several tests: keep django-axes' warnings out of the test output.
LOGGING["loggers"] = {"axes": {"level": "ERROR"}}
