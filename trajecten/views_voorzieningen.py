from django.shortcuts import render
from django.utils import timezone
from django.views.generic import TemplateView

from core import policy
from core.constants import Gebeurtenis, Uitkomst
from core.toegangslog import log_toegang
from core.views import PolicyMixin

from .models import Traject
from .voorzieningen import voorzieningen_check

_NIET_OPGEHAALD = object()


class VoorzieningenCheckView(PolicyMixin, TemplateView):
    """Which voorliggende voorzieningen fit this trajectory's family, criterion by criterion."""

    actie = policy.VOORZIENINGEN_BEKIJKEN
    client_data = True
    template_name = "indicaties/voorzieningen.html"

    def get_policy_object(self):
        if getattr(self, "_traject", _NIET_OPGEHAALD) is _NIET_OPGEHAALD:
            zichtbaar = policy.zichtbaar(
                self.request.user, Traject.objects.select_related("gezin", "aanmelding")
            )
            self._traject = zichtbaar.filter(pk=self.kwargs["traject_pk"]).first()
        return self._traject

    def dispatch(self, request, *args, **kwargs):
        # A trajectory she may not see does not exist for her: 404, not 403. Rendered, not raised,
        # so that ATOMIC_REQUESTS keeps the access-log row of the refusal.
        if request.user.is_authenticated and self.get_policy_object() is None:
            log_toegang(
                request,
                gebeurtenis=self.gebeurtenis,
                uitkomst=Uitkomst.GEWEIGERD,
                traject_id=self.kwargs["traject_pk"],
                reden="traject niet zichtbaar",
            )
            return render(request, "404.html", status=404)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        log_toegang(
            request,
            gebeurtenis=Gebeurtenis.LEZEN,
            obj=self._traject,
            omschrijving="voorliggende voorzieningen bekeken",
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        peildatum = timezone.localdate()
        context.update(
            traject=self._traject,
            peildatum=peildatum,
            resultaten=voorzieningen_check(self._traject, peildatum),
        )
        return context
