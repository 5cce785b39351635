import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("babythuiszorg")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Runs each time a worker (re)connects to the broker: reports kept during an outage are sent at once.
app.steps["consumer"].add("rapportage.werker:OutboxBijVerbinden")
