from .base import *  # noqa: F403

# No default: a missing secret key must stop the application at start.
SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = False
DEMO_MODE = False

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
vars().update(env.email_url("EMAIL_URL", default="smtp://localhost:25"))
SALT_KEY = env.list("FIELD_ENCRYPTION_SALT")
BSN_HASH_KEY = env("BSN_HASH_KEY")
# Links in reminder e-mails must point at the real site: no default.
SITE_URL = env("SITE_URL")

# Logs as JSON lines with the request id (core.verzoek_id), for the cluster's log collector.
LOG_FORMAAT = env("LOG_FORMAAT", default="json")
LOGGING["handlers"]["console"]["formatter"] = "json" if LOG_FORMAAT == "json" else "tekst"
