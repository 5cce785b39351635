"""Settings shared by every environment. Everything is overridable by environment variables (.env.example)."""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
env_file = BASE_DIR / ".env"
if env_file.exists():
    env.read_env(str(env_file))

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])

DJANGO_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "core.admin_apps.BeheerAdminConfig",
    "django.contrib.postgres",
    "django.forms",
]
THIRD_PARTY_APPS = [
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "axes",
    "guardian",
    "django_filters",
    "django_htmx",
    "csp",
    "django_prometheus",
]
LOCAL_APPS = [
    "accounts",
    "core",
    "trajecten",
    "indicaties",
    "ketenpartners",
    "rapportage",
    "herinneringen",
    "bewaring",
    # The top floor: the role homes, composed of the panels the apps below offer (docs/architecture.md).
    "werkplek",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    # Metrics (django-prometheus) around everything; the request id before anything logs.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "core.verzoek_id.VerzoekIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.middleware.IdleTimeoutMiddleware",
    "core.middleware.SchrijfVersieMiddleware",
    "core.middleware.RequireSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so that a locked-out login is answered before any view runs.
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
            ],
            # A faster `date` filter and `url` tag with Django's output (core/templatetags/datumweergave.py,
            # urlweergave.py).
            "builtins": [
                "core.templatetags.datumweergave",
                "core.templatetags.getalweergave",
                "core.templatetags.urlweergave",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/babythuiszorg")}
# Not ATOMIC_REQUESTS: every write (a POST through core.views.PolicyMixin, a service) runs in its own
# transaction, while a page that only reads (and appends its access-log row) needs no BEGIN/COMMIT.
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A connection that died (database restart) is noticed before the request uses it, not by a 500.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# PostgreSQL's JIT compiler added 45–80 ms to short dashboard and log queries at national scale and saves
# nothing on queries this size (docs/benchmark.md): off for the application's connections.
# random_page_cost 1.1: the data lives in memory or on SSD, and with the default of 4 the planner read
# the whole country's trajectories to join them to a few hundred open signals (docs/benchmark.md).
# No parallel workers either: on a busy two-core server a Gather costs more than it saves on a page.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
    "-c jit=off -c random_page_cost=1.1 -c max_parallel_workers_per_gather=0"
)
# Parameters bound by the server and statements prepared after their second use on a connection: the
# planner's time (3 ms for the trajectory page's join of eight tables) is spent once per worker, not per
# request (docs/benchmark.md). Persistent connections keep the prepared statements.
DATABASES["default"]["OPTIONS"]["server_side_binding"] = True
DATABASES["default"]["OPTIONS"]["prepare_threshold"] = env.int("DATABASE_PREPARE_THRESHOLD", default=2)
# Choice lists (ModelChoiceField) would otherwise DECLARE, FETCH and CLOSE a cursor each: a short list
# in one SELECT is cheaper, and it keeps working behind a transaction-pooling pgbouncer.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
# Two database roles (core/databaserollen.py, README "Databaserollen"): DATABASE_URL is the application
# role (web, Celery); migrations run as the owner, in a process that gets DATABASE_MIGRATE_URL as its
# DATABASE_URL (scripts/migrate, the migrate service in docker-compose.yml).
DATABASE_ROL_EIGENAAR = env("DATABASE_ROL_EIGENAAR", default="bz_eigenaar")
DATABASE_ROL_APP = env("DATABASE_ROL_APP", default="bz_app")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # axes first: it refuses a locked-out login before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend that loads membership and organisation with the user (one query per request, not three).
    "accounts.backends.LidmaatschapBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "two_factor:login"

# Language and time: Dutch UI from English msgids, times stored in UTC, shown in Amsterdam time.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Client documents (reports) live in PostgreSQL (core.opslag): every web and worker instance reaches
    # them, they are in every pg_dump, and they are never under a public URL: served only through
    # permission-checked views.
    "prive": {"BACKEND": "core.opslag.DatabaseOpslag"},
}
# Only where versions before issue 14 kept the private files on disk: core migration 0008 moves what it
# finds there into the database. Nothing writes here any more.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private-media")))

# A cache shared by every web process (Redis): the dashboards of the role homes are computed at most once
# per DASHBOARD_CACHE_SECONDEN per organisation and show when. Short timeouts: with Redis down a page
# computes its figures itself (rapportage.kerncijfers) instead of waiting.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env("CACHE_URL", default="redis://127.0.0.1:6379/2"),
        "KEY_PREFIX": "bz",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}
DASHBOARD_CACHE_SECONDEN = env.int("DASHBOARD_CACHE_SECONDEN", default=300)
# The worklist cards of a role home are kept per user in the web process for at most this long
# (werkplek.werklijsten); her organisation's writes make them stale at once. 0: built on every request.
WERKLIJST_CACHE_SECONDEN = env.int("WERKLIJST_CACHE_SECONDEN", default=60)
# Backup (core/backup.py, scripts/backup): the columns that name a private file (core.PriveBestand). The
# backup checks that every file they name is in the snapshot it dumps, and lists their checksums.
BACKUP_BESTANDSKOLOMMEN = [
    "rapportage.Rapport.pdf_bestand",
    "rapportage.Rapport.csv_bestand",
    "rapportage.Rapport.json_bestand",
]

# Sessions: idle timeout (core.middleware.IdleTimeoutMiddleware) plus an absolute maximum.
IDLE_TIMEOUT = timedelta(minutes=env.int("IDLE_TIMEOUT_MINUTES", default=15))
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

# Two factors for everyone (django-two-factor-auth on django-otp). The admin uses our own login.
TWO_FACTOR_PATCH_ADMIN = False
TWO_FACTOR_REMEMBER_COOKIE_AGE = None
OTP_TOTP_ISSUER = "BabythuisZorg"
TWO_FACTOR_WEBAUTHN_RP_NAME = "BabythuisZorg"

# Lockout after repeated failed logins (django-axes): per username and IP.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "auth-username"
AXES_USERNAME_CALLABLE = "core.security.axes_username"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Content Security Policy (django-csp): only our own origin, no inline scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Access log: which header carries the client address behind a trusted proxy (empty: REMOTE_ADDR).
TOEGANGSLOG_IP_HEADER = env("TOEGANGSLOG_IP_HEADER", default="")

# Celery (JSON only, late acks with idempotent tasks, time limits).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/0")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default="redis://127.0.0.1:6379/1")
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 300
CELERY_TASK_TIME_LIMIT = 360
# Two queues, each with its own workers (README "Productie op Kubernetes"): PDF rendering (seconds, 130 MiB
# each) and everything short (reminders, the outbox, retention). A burst of reports does not delay a
# reminder. The short queue keeps Celery's default name, so a task sent by the previous version during a
# rolling upgrade is still taken.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_WACHTRIJ", default="celery")
RAPPORT_WACHTRIJ = env("CELERY_WACHTRIJ_RAPPORTEN", default="rapporten")
CELERY_TASK_ROUTES = {"rapportage.tasks.rapport_maken": {"queue": RAPPORT_WACHTRIJ}}
# Task events for the Celery exporter (queue lengths, outcomes, durations: deploy/kubernetes); the worker
# logs through LOGGING below (JSON with the request id), not Celery's own format.
CELERY_WORKER_SEND_TASK_EVENTS = True
CELERY_TASK_SEND_SENT_EVENT = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Redelivery of a task whose worker died without acknowledging it (see rapportage.tasks for our own watchdog).
# Short socket timeouts: with Redis down a request that sends a task is answered within seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_TASK_TIME_LIMIT + 60,
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
}
# Outages (README "Beheer en storingen"): a web process tries the broker once, briefly, and keeps the
# report in its outbox (rapportage.wachtrij.inplannen); a worker keeps reconnecting for as long as it takes.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_REDIS_SOCKET_TIMEOUT = 10
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
    "retry_policy": {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}
}
CELERY_BEAT_SCHEDULE = {
    # The previous month's period report for every municipality, on the first of the month.
    "periodeverantwoording-maandelijks": {
        "task": "rapportage.tasks.maandrapporten_maken",
        # Daily in the first week (idempotent): a beat or broker that was down on the 1st catches up.
        "schedule": crontab(minute=0, hour=5, day_of_month="1-7"),
    },
    # The report outbox (not sent while the broker was down) and reports whose worker died.
    "rapporten-bewaken": {
        "task": "rapportage.tasks.rapporten_bewaken",
        "schedule": timedelta(seconds=env.int("RAPPORT_BEWAKEN_SECONDEN", default=30)),
    },
    # Report files are removed after the retention period.
    "rapporten-opruimen": {
        "task": "rapportage.tasks.verlopen_rapporten_verwijderen",
        "schedule": crontab(minute=30, hour=3),
    },
    # Retention: dossiers 20 years after the trajectory ended, access-log rows after theirs (bewaring).
    "bewaartermijnen-toepassen": {
        "task": "bewaring.tasks.bewaartermijnen_toepassen",
        "schedule": crontab(minute=15, hour=2),
    },
    # Reminders in-app and by e-mail: once per subject and recipient (herinneringen.models.Herinnering).
    "herinneringen-versturen": {
        "task": "herinneringen.tasks.herinneringen_versturen",
        # Hourly in the daytime: a serious signal is reminded within the hour it is 2 days open.
        "schedule": crontab(minute=0, hour="7-19"),
    },
}
# Retention (bewaring): a client's dossier is kept this many years after the trajectory ended (Jeugdwet:
# 20), access-log rows this many years (NEN 7513: at least 5). Shorter values refuse to start (bewaring.checks).
BEWAARTERMIJN_DOSSIER_JAREN = env.int("BEWAARTERMIJN_DOSSIER_JAREN", default=20)
BEWAARTERMIJN_TOEGANGSLOG_JAREN = env.int("BEWAARTERMIJN_TOEGANGSLOG_JAREN", default=5)
# A report being made beats every RAPPORT_HARTSLAG_SECONDEN; without a beat for RAPPORT_VASTGELOPEN_NA_SECONDEN
# its worker is taken to be dead and the report is queued again (rapportage.maken).
RAPPORT_HARTSLAG_SECONDEN = env.int("RAPPORT_HARTSLAG_SECONDEN", default=10)
RAPPORT_VASTGELOPEN_NA_SECONDEN = env.int("RAPPORT_VASTGELOPEN_NA_SECONDEN", default=60)
# Health (core.gezondheid): the disk check fails above this use of the disk with the temporary files.
GEZONDHEID_MAX_SCHIJFGEBRUIK_PROCENT = env.float("GEZONDHEID_MAX_SCHIJFGEBRUIK_PROCENT", default=90.0)
# How long the health check waits for a Celery worker to answer its ping.
GEZONDHEID_PING_SECONDEN = env.float("GEZONDHEID_PING_SECONDEN", default=2.0)
# How long a finished report file is kept (days) before it is removed.
RAPPORT_BEWAARTERMIJN_DAGEN = env.int("RAPPORT_BEWAARTERMIJN_DAGEN", default=30)
# The longest period a period report may cover (days): the retention period of the data behind it.
RAPPORT_MAX_PERIODE_DAGEN = env.int("RAPPORT_MAX_PERIODE_DAGEN", default=2 * 366)
# Programme evaluation (issue 13): counts below this are shown as "< 5" (rapportage.kleine_aantallen).
RAPPORT_KLEINE_AANTALLEN_DREMPEL = env.int("RAPPORT_KLEINE_AANTALLEN_DREMPEL", default=5)

# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.nl:587 (django-environ); console in development.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="BabythuisZorg <noreply@babythuiszorg.example>")

# The address of the application, for links in e-mails (reminders are sent outside a request).
SITE_URL = env("SITE_URL", default="http://localhost:8000")

# Demo mode: the login page explains the shared demo TOTP secret. Never on in production.
DEMO_MODE = env.bool("DEMO_MODE", default=False)

# Logs: JSON lines with the request id (core.verzoek_id) in production (LOG_FORMAAT=json, the default there);
# readable text locally.
LOG_FORMAAT = env("LOG_FORMAAT", default="tekst")
# django-prometheus: no database query at start (the liveness probe needs no database).
PROMETHEUS_EXPORT_MIGRATIONS = False
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"verzoek_id": {"()": "core.verzoek_id.VerzoekIdFilter"}},
    "formatters": {
        "json": {"()": "core.verzoek_id.JsonFormatter"},
        "tekst": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["verzoek_id"],
            "formatter": "json" if LOG_FORMAAT == "json" else "tekst",
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every layout step at INFO, and its warnings quote the URLs it refused.
    "loggers": {"weasyprint": {"level": "WARNING"}, "weasyprint.progress": {"level": "WARNING"}},
}

FORM_RENDERER = "core.forms.FormRenderer"
AXES_VERBOSE = False
# Axes admin pages would show every organisation's attempts; a lockout ends by itself after the cool-off.
AXES_ENABLE_ADMIN = False

# django-guardian: per-object grants for people only; never a grant to anonymous visitors.
ANONYMOUS_USER_NAME = None

# BSN: encrypted at rest (django-fernet-encrypted-fields derives its key from SECRET_KEY and SALT_KEY)
# and hashed with a separate key for lookup. Production sets both; rotating means re-encrypting.
SALT_KEY = env.list("FIELD_ENCRYPTION_SALT", default=["babythuiszorg-development-salt"])
BSN_HASH_KEY = env("BSN_HASH_KEY", default="babythuiszorg-development-bsn-hash-key")

# Care delivery: a visit is locked for its medewerker this many days after it ended; later
# corrections are the coordinator's, always as a new version with a reason.
HUISBEZOEK_VERGRENDEL_DAGEN = env.int("HUISBEZOEK_VERGRENDEL_DAGEN", default=3)
# A visit logged more than this many days after it took place is flagged to the coordinators.
HUISBEZOEK_LAAT_DAGEN = env.int("HUISBEZOEK_LAAT_DAGEN", default=14)
