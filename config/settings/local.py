from .base import *  # noqa: F403

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="local-development-only-not-secret")
DEMO_MODE = env.bool("DEMO_MODE", default=True)
