from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Security and access log")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import IdleTimeoutMiddleware

        user_logged_in.connect(IdleTimeoutMiddleware.bij_inloggen, dispatch_uid="core.laatste_activiteit")
