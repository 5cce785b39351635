# BabythuisZorg: one image for web (gunicorn), Celery worker and Celery beat.
FROM python:3.11-slim-bookworm

# The image is for production; manage.py and config/celery_app.py would otherwise default to
# config.settings.local (DEBUG and DEMO_MODE on).
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    PRIVATE_MEDIA_ROOT=/data/private-media

# Pango for WeasyPrint, DejaVu fonts for the PDFs, gettext for compilemessages,
# Node.js/npm for the NL Design System CSS and htmx (scripts/vendor-assets), pg_dump/pg_restore for
# scripts/backup and scripts/restore (bookworm's client is 15, the server's version in docker-compose.yml).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core gettext nodejs npm postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so that a code change does not reinstall them.
# [tool.setuptools] packages = [] in pyproject.toml: this installs only the dependencies.
COPY pyproject.toml ./
RUN pip install --no-cache-dir . \
    && rm -rf build ./*.egg-info

COPY package.json package-lock.json ./

# The code, directory by directory: there is no .dockerignore, and "COPY . ." would put .env,
# .venv, node_modules, .git and the tests into the image. A new top-level app must be added here
# (the build then fails at collectstatic if it is missing, it does not go unnoticed).
COPY manage.py ./
COPY config ./config
COPY accounts ./accounts
COPY core ./core
COPY trajecten ./trajecten
COPY indicaties ./indicaties
COPY ketenpartners ./ketenpartners
COPY rapportage ./rapportage
COPY herinneringen ./herinneringen
COPY bewaring ./bewaring
COPY templates ./templates
COPY static ./static
COPY locale ./locale
COPY scripts ./scripts

# Front-end assets, translations and static files. The secret key exists only for this step.
RUN scripts/vendor-assets \
    && rm -rf node_modules /root/.npm \
    && env DJANGO_SETTINGS_MODULE=config.settings.production DJANGO_SECRET_KEY=build-only-not-secret FIELD_ENCRYPTION_SALT=build-only BSN_HASH_KEY=build-only \
        python manage.py compilemessages --ignore=node_modules -v 0 \
    && env DJANGO_SETTINGS_MODULE=config.settings.production DJANGO_SECRET_KEY=build-only-not-secret FIELD_ENCRYPTION_SALT=build-only BSN_HASH_KEY=build-only \
        python manage.py collectstatic --noinput -v 0

# Non-root user. The backups directory (and the old private-media one, read once by core migration 0008
# when upgrading from a version before issue 14) are created here with their owner, so that a named
# volume mounted on them starts out writable for this user. Report files live in PostgreSQL.
RUN groupadd --system --gid 1000 app \
    && useradd --system --uid 1000 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app \
    && mkdir -p /data/private-media /backups \
    && chown app:app /data/private-media /backups
USER app

EXPOSE 8000

CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
