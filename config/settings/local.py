from .base import *  # noqa: F403

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="local-development-only-not-secret")
DEMO_MODE = env.bool("DEMO_MODE", default=True)
# Under `manage.py runserver` (a thread per request) persistent connections pile up: none by default here.
# ./scripts/run serves with gunicorn and sets CONN_MAX_AGE=60 (one connection per worker).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
