import io

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View

from accounts.constants import OrganisatieSoort
from accounts.models import Organisatie
from core import policy
from core.constants import Gebeurtenis, Uitkomst
from core.paginering import pagina_zonder_telling
from core.toegangslog import log_toegang
from core.views import NietZichtbaar, PolicyMixin, binnen_traject, voeg_fouten_toe
from ketenpartners.models import Overdracht

from . import maken, selectors, services
from .models import RapportSoort, RapportStatus

INHOUDSTYPEN = {"pdf": "application/pdf", "csv": "text/csv; charset=utf-8", "json": "application/json"}


class RapportLijstView(PolicyMixin, TemplateView):
    """My reports (and, for gemeente-rapportage, the monthly ones of my municipality)."""

    actie = policy.RAPPORTEN_LIJST
    template_name = "rapportage/lijst.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(selectors.rapporten_van(self.request.user), 25).get_page(
            self.request.GET.get("pagina")
        )
        page.object_list = list(page.object_list)
        context.update(
            page=page,
            mag_periode=policy.may(self.request.user, policy.PERIODERAPPORT_AANVRAGEN),
            mag_trajecten=policy.may(self.request.user, policy.RAPPORTAGE_TRAJECTEN),
            mag_evaluatie=policy.may(self.request.user, policy.EVALUATIE_AANVRAGEN),
        )
        return context


class RapportMixin(PolicyMixin):
    """One report by its unguessable key; someone else's report is a logged 404, as if it did not exist."""

    actie = policy.RAPPORT_BEKIJKEN
    client_data = True

    def get_policy_object(self):
        rapport = selectors.rapport_met_sleutel(self.kwargs["sleutel"])
        if rapport is None or not policy.may(self.request.user, policy.RAPPORT_BEKIJKEN, rapport):
            raise NietZichtbaar(traject_id=rapport.traject_id if rapport else None)
        self.rapport = rapport
        return rapport


class RapportView(RapportMixin, TemplateView):
    """Status of one report, refreshed by htmx until it is ready or failed; then the download."""

    template_name = "rapportage/detail.html"

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if request.htmx and response.status_code in (403, 404):
            return HttpResponse(status=286)  # htmx: stop polling (access ended meanwhile)
        return response

    def get_template_names(self):
        if self.request.htmx:
            return ["rapportage/_status.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rapport"] = self.rapport
        if self.rapport.status == RapportStatus.GEREED and self.rapport.samenvatting:
            from .evaluatie import uit_json
            from .evaluatie_opmaak import evaluatie_context

            # Issue 13: the programme evaluation's charts on the page, from the figures stored with it.
            context["evaluatie"] = evaluatie_context(uit_json(self.rapport.samenvatting))
        return context


class DownloadView(RapportMixin, View):
    """The file, only through here (never a public URL); every download is in the access log."""

    gebeurtenis = Gebeurtenis.EXPORTEREN

    def get(self, request, sleutel, formaat):
        rapport = self.rapport
        naam = {"csv": rapport.csv_bestand, "json": rapport.json_bestand}.get(formaat, rapport.pdf_bestand)
        verlopen = rapport.verloopt_op is not None and rapport.verloopt_op <= timezone.now()
        inhoud = (
            maken.bestand_lezen(naam) if rapport.status == RapportStatus.GEREED and not verlopen else None
        )
        if inhoud is None:
            return render(request, "404.html", status=404)
        log_toegang(
            request,
            gebeurtenis=Gebeurtenis.EXPORTEREN,
            obj=rapport,
            omschrijving=f"{rapport.get_soort_display()} gedownload ({formaat})",
        )
        bestandsnaam = self._bestandsnaam(rapport, formaat)
        response = FileResponse(
            io.BytesIO(inhoud),
            as_attachment=True,
            filename=bestandsnaam,
            content_type=INHOUDSTYPEN[formaat],
        )
        response["Cache-Control"] = "private, no-store"
        return response

    @staticmethod
    def _bestandsnaam(rapport, formaat) -> str:
        datum = timezone.localtime(rapport.gereed_op).date().isoformat()
        if rapport.soort == RapportSoort.EVALUATIE:
            onderwerp = f"{rapport.scope_naam}-{rapport.periode_van:%Y%m%d}-{rapport.periode_tot:%Y%m%d}"
        elif rapport.soort == RapportSoort.PERIODE:
            onderwerp = f"{rapport.gemeente.naam}-{rapport.periode_van:%Y%m%d}-{rapport.periode_tot:%Y%m%d}"
        else:
            onderwerp = rapport.traject.nummer
        return f"{rapport.soort}-{onderwerp}-{datum}.{formaat}".replace(" ", "-").lower()


class OpnieuwView(RapportMixin, View):
    gebeurtenis = Gebeurtenis.WIJZIGEN

    def post(self, request, sleutel):
        try:
            services.opnieuw_proberen(request=request, rapport=self.rapport)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        return redirect("rapportage:detail", sleutel=self.rapport.sleutel)


class TrajectAanvraagMixin(PolicyMixin):
    """Report requests about one trajectory, POST only; the trajectory must be reportable for the user."""

    client_data = True
    gebeurtenis = Gebeurtenis.EXPORTEREN
    http_method_names = ["post"]

    def get_policy_object(self):
        traject = selectors.traject_voor_rapport(self.request.user, self.kwargs["pk"])
        if traject is None:
            raise NietZichtbaar(traject_id=self.kwargs["pk"])
        self.traject = traject
        return traject

    def aanvragen(self):
        raise NotImplementedError

    def terug(self) -> str:
        if not policy.may(self.request.user, policy.TRAJECT_BEKIJKEN, self.traject):
            return reverse("rapportage:trajecten")  # gemeente-rapportage knows it by number only
        return reverse("trajecten:detail", args=[self.traject.pk])

    def post(self, request, **kwargs):
        try:
            with transaction.atomic():
                rapport = self.aanvragen()
        except ValidationError as fout:
            log_toegang(
                request,
                gebeurtenis=self.gebeurtenis,
                uitkomst=Uitkomst.GEWEIGERD,
                obj=self.traject,
                reden=" ".join(fout.messages)[:255],
            )
            messages.error(request, " ".join(fout.messages))
            return redirect(self.terug())
        except PermissionDenied:
            return render(request, "403.html", status=403)
        return redirect("rapportage:detail", sleutel=rapport.sleutel)


class TrajectrapportAanvragenView(TrajectAanvraagMixin, View):
    actie = policy.TRAJECTRAPPORT_AANVRAGEN

    def aanvragen(self):
        return services.trajectrapport_aanvragen(request=self.request, traject=self.traject)


class NetwerkplanPdfView(TrajectAanvraagMixin, View):
    actie = policy.NETWERK_AFDRUKKEN

    def get_policy_object(self):
        traject = super().get_policy_object()
        if not policy.may(self.request.user, policy.TRAJECT_BEKIJKEN, traject):
            raise NietZichtbaar(traject_id=traject.pk)
        return traject

    def aanvragen(self):
        return services.netwerkplan_pdf_aanvragen(request=self.request, traject=self.traject)

    def terug(self):
        return f"{reverse('trajecten:detail', args=[self.traject.pk])}?tab=netwerk"


class OverdrachtPdfView(NetwerkplanPdfView):
    actie = policy.OVERDRACHT_DELEN

    def get_policy_object(self):
        traject = super().get_policy_object()
        self.overdracht = binnen_traject(
            traject,
            Overdracht.objects.select_related("ketenpartner", "traject"),
            self.kwargs["overdracht_pk"],
        )
        return traject

    def aanvragen(self):
        return services.overdracht_pdf_aanvragen(request=self.request, overdracht=self.overdracht)

    def terug(self):
        return reverse("ketenpartners:overdracht", args=[self.traject.pk, self.overdracht.pk])


class PeriodeForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Organisatie.objects.filter(soort=OrganisatieSoort.GEMEENTE),
        error_messages={"invalid_choice": _("Choose a municipality from the list.")},
    )
    # ISO values: a date input shows nothing for the Dutch "01-10-2026".
    van = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    tot = forms.DateField(
        label=_("Up to and including"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        eigen = policy.lidmaatschap_van(user).organisatie_id if policy.lidmaatschap_van(user) else None
        # Offered: her own municipality; another id posted by hand is refused by the service.
        self.fields["gemeente"].initial = eigen
        self.fields["gemeente"].widget.choices = [
            (g.pk, g.naam) for g in Organisatie.objects.filter(pk=eigen)
        ]

    def clean(self):
        data = super().clean()
        try:
            services.controleer_periode(data.get("van"), data.get("tot"))
        except ValidationError as fout:
            voeg_fouten_toe(self, fout)
        return data


class PeriodeAanvragenView(PolicyMixin, FormView):
    actie = policy.PERIODERAPPORT_AANVRAGEN
    template_name = "rapportage/periode.html"
    form_class = PeriodeForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self):
        van, tot = services.vorige_maand(timezone.localdate())
        return {"van": van, "tot": tot}

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            with transaction.atomic():
                rapport = services.perioderapport_aanvragen(
                    request=self.request, gemeente=data["gemeente"], van=data["van"], tot=data["tot"]
                )
        except ValidationError as fout:
            voeg_fouten_toe(form, fout)
            return self.form_invalid(form)
        except PermissionDenied:
            return render(self.request, "403.html", status=403)
        return redirect("rapportage:detail", sleutel=rapport.sleutel)


class RapportageTrajectenView(PolicyMixin, TemplateView):
    """Gemeente-rapportage: the municipality's trajectories by number, to request pseudonymised reports."""

    actie = policy.RAPPORTAGE_TRAJECTEN
    template_name = "rapportage/trajecten.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # No COUNT over the municipality's history (issue 10); the page's indications in one query.
        page = pagina_zonder_telling(
            selectors.pseudoniem_trajecten(self.request.user), self.request.GET.get("pagina"), 25
        )
        selectors.heeft_indicatie_invullen(page.object_list)
        context["page"] = page
        return context
