from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Security and access log")

    def ready(self):
        from django.apps import apps
        from django.conf import settings
        from django.contrib.auth.signals import user_logged_in

        from .keuzeweergave import versnellen
        from .middleware import IdleTimeoutMiddleware

        versnellen(a for a in apps.get_app_configs() if a.name in settings.LOCAL_APPS)

        # Every app's rules.py registers its actions into the policy (core.policy imports no app).
        from . import policy

        policy.ontdek_regels()

        user_logged_in.connect(IdleTimeoutMiddleware.bij_inloggen, dispatch_uid="core.laatste_activiteit")

        # The request id travels with the tasks a request sends (core.verzoek_id).
        from celery.signals import before_task_publish, task_postrun, task_prerun

        from . import verzoek_id

        before_task_publish.connect(verzoek_id.bij_versturen, dispatch_uid="core.verzoek_id.versturen")
        task_prerun.connect(verzoek_id.bij_start_taak, dispatch_uid="core.verzoek_id.start")
        task_postrun.connect(verzoek_id.bij_einde_taak, dispatch_uid="core.verzoek_id.einde")
