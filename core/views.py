from contextlib import nullcontext

from django.apps import apps
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from . import policy
from .constants import Gebeurtenis, Uitkomst
from .filters import ToegangslogFilter
from .models import Toegangslog
from .paginering import pagina_zonder_telling
from .toegangslog import log_toegang


class NietZichtbaar(Exception):  # noqa: N818 - a signal, not an error
    """The object is outside the user's scope: answered as 404 so its existence is not revealed."""

    def __init__(self, traject_id=None):
        super().__init__()
        self.traject_id = traject_id

    def gezin_id(self):
        """The family of the refused trajectory, looked up unscoped: only for the access log."""
        if self.traject_id is None:
            return None
        traject_model = apps.get_model("trajecten", "Traject")
        return traject_model.objects.filter(pk=self.traject_id).values_list("gezin_id", flat=True).first()


def binnen_traject(traject, queryset, pk):
    """An object of a trajectory the user may see, or NietZichtbaar (a logged 404) when the id
    belongs to another trajectory or to nothing."""
    obj = queryset.filter(traject=traject, pk=pk).first()
    if obj is None:
        raise NietZichtbaar(traject_id=traject.pk)
    return obj


class BinnenTrajectMixin:
    """An action on one object of a trajectory (a signal, a network member, an assignment, an evaluation):
    the object is looked up inside the trajectory the user may see (otherwise a logged 404), kept as
    ``self.<binnen_traject_naam>`` and given to the template under that name. The object's URL argument is
    ``<binnen_traject_naam>_pk``."""

    binnen_traject_naam: str
    binnen_traject_relatie: str  # the trajectory's related manager, e.g. "signalen"

    def get_policy_object(self):
        traject = super().get_policy_object()
        naam = self.binnen_traject_naam
        relatie = getattr(traject, self.binnen_traject_relatie)
        setattr(self, naam, binnen_traject(traject, relatie, self.kwargs[f"{naam}_pk"]))
        return traject

    def get_context_data(self, **kwargs):
        naam = self.binnen_traject_naam
        return {**super().get_context_data(**kwargs), naam: getattr(self, naam)}


def schrijfverzoek_atomair(request):
    """One transaction around a request that may write (POST and the like); a page that only reads runs
    without one (its access-log row is a single INSERT), which saves a BEGIN and COMMIT per page."""
    return nullcontext() if request.method in ("GET", "HEAD", "OPTIONS") else transaction.atomic()


class PolicyMixin:
    """Every view names its policy action; refusals of client data are written to the access log.

    A refusal is rendered, not raised: inside the request's transaction a raised PermissionDenied would
    roll back the access-log row that records it.
    """

    actie: str = ""
    client_data = False
    gebeurtenis = Gebeurtenis.LEZEN
    # Pages about one family log their GET as a read (views that log in more detail turn this off).
    log_lezen_bij_get = False

    def get_policy_object(self):
        """The object the action is about; raise NietZichtbaar when the user may not know it exists."""
        return None

    def dispatch(self, request, *args, **kwargs):
        policy.onthoud_per_verzoek(request.user)
        with schrijfverzoek_atomair(request):
            return self._dispatch(request, *args, **kwargs)

    def _dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            if self.client_data:
                log_toegang(
                    request, gebeurtenis=self.gebeurtenis, uitkomst=Uitkomst.GEWEIGERD, reden="niet ingelogd"
                )
            return redirect_to_login(request.get_full_path())
        try:
            obj = self.get_policy_object()
        except NietZichtbaar as onzichtbaar:
            log_toegang(
                request,
                gebeurtenis=self.gebeurtenis,
                uitkomst=Uitkomst.GEWEIGERD,
                traject_id=onzichtbaar.traject_id,
                gezin_id=onzichtbaar.gezin_id(),
                reden="buiten eigen organisatie of niet toegewezen",
            )
            return render(request, "404.html", status=404)
        self.policy_object = obj
        if not policy.may(request.user, self.actie, obj):
            if self.client_data:
                log_toegang(
                    request,
                    gebeurtenis=self.gebeurtenis,
                    uitkomst=Uitkomst.GEWEIGERD,
                    obj=obj,
                    reden="geen recht",
                )
            return render(request, "403.html", status=403)
        if self.log_lezen_bij_get and request.method == "GET":
            log_toegang(
                request, gebeurtenis=Gebeurtenis.LEZEN, obj=obj, omschrijving=request.resolver_match.view_name
            )
        return super().dispatch(request, *args, **kwargs)


def voeg_fouten_toe(form, fout: ValidationError):
    """A service's ValidationError shown beside the fields it names, or above the form."""
    if hasattr(fout, "error_dict"):
        for veld, fouten in fout.error_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, fout.messages)


class ServiceFormMixin:
    """A form whose valid submission calls one service (``uitvoeren``). The service's Dutch
    ValidationError appears beside the fields with status 400 and nothing saved; PermissionDenied
    renders 403; success redirects to ``succes_url()`` with the ``succes`` message."""

    succes = ""

    def uitvoeren(self, form):
        raise NotImplementedError

    def succes_url(self) -> str:
        raise NotImplementedError

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.uitvoeren(form)
        except ValidationError as fout:
            voeg_fouten_toe(form, fout)
            return self.form_invalid(form)
        except PermissionDenied:
            return render(self.request, "403.html", status=403)
        messages.success(self.request, self.succes)
        return redirect(self.succes_url())


class MeldingView(PolicyMixin, View):
    """Open one of your own notifications: marked read, then on to what it is about."""

    actie = policy.HOME

    def get(self, request, pk):
        melding = request.user.meldingen.filter(pk=pk).first()
        if melding is None:
            return render(request, "404.html", status=404)
        if melding.gelezen_op is None:
            melding.gelezen_op = timezone.now()
            melding.save(update_fields=["gelezen_op"])
        return redirect(
            melding.url if url_has_allowed_host_and_scheme(melding.url, allowed_hosts=None) else "core:home"
        )


class ToegangslogView(PolicyMixin, TemplateView):
    """Search the access log by family and by user. Searching it is itself logged."""

    actie = policy.TOEGANGSLOG_ZOEKEN
    client_data = True
    gebeurtenis = Gebeurtenis.ZOEKEN
    template_name = "core/toegangslog.html"
    # 25 rows: a screenful to scan; each more row is rendering time on every search (docs/benchmark.md).
    paginate_by = 25

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queryset = policy.zichtbaar(self.request.user, Toegangslog.objects.select_related("organisatie"))
        filterset = ToegangslogFilter(self.request.GET or None, queryset=queryset)
        # Invalid criteria show their errors and no rows, never an unfiltered list.
        rows = filterset.qs if filterset.is_valid() or not filterset.is_bound else queryset.none()
        # Read before this search adds its own row; no COUNT over millions of rows.
        page = pagina_zonder_telling(rows, self.request.GET.get("pagina"), self.paginate_by)
        if filterset.is_bound and filterset.is_valid():
            gezocht = {k: v for k, v in filterset.form.cleaned_data.items() if v not in (None, "")}
            log_toegang(
                self.request,
                gebeurtenis=Gebeurtenis.ZOEKEN,
                gezin_id=gezocht.get("gezin_id"),
                traject_id=gezocht.get("traject_id"),
                omschrijving=_("access log searched: %(criteria)s")
                % {"criteria": ", ".join(sorted(gezocht))},
            )
        query = self.request.GET.copy()
        query.pop("pagina", None)
        context.update(filter=filterset, page=page, query=query.urlencode())
        return context


class LogoutView(auth_views.LogoutView):
    """POST only (Django's rule): ends the session and the verified second factor with it."""


def csrf_failure(request, reason=""):
    """Refused for a missing or wrong CSRF token; on a page with client data that is logged."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    view_class = getattr(match.func, "view_class", None) if match else None
    if getattr(view_class, "client_data", False):
        pk = match.kwargs.get("pk") if match.url_name and match.namespace == "trajecten" else None
        log_toegang(
            request,
            gebeurtenis=getattr(view_class, "gebeurtenis", Gebeurtenis.WIJZIGEN),
            uitkomst=Uitkomst.GEWEIGERD,
            traject_id=pk,
            gezin_id=NietZichtbaar(pk).gezin_id() if pk else None,
            reden="CSRF-controle mislukt",
        )
    return render(request, "403_csrf.html", status=403)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)
