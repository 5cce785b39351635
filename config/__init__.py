# Without this import, .delay() silently targets amqp://localhost instead of our broker.
from .celery_app import app as celery_app

__all__ = ("celery_app",)
