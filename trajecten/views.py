from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from core import policy
from core.constants import Gebeurtenis
from core.paginering import pagina_zonder_telling
from core.toegangslog import log_toegang
from core.views import NietZichtbaar, PolicyMixin, ServiceFormMixin, binnen_traject, voeg_fouten_toe
from indicaties import services as indicatie_services
from indicaties.constants import AanvraagStatus
from indicaties.forms import AanvraagForm
from indicaties.models import IndicatieAanvraag

from . import evaluaties, indicatiebesluiten, matching, netwerk, selectors, services, signalen, zorg
from . import gezin as gezin_services
from .constants import TrajectStatus
from .filters import TrajectFilter
from .forms import (
    AanmeldingForm,
    AfsluitenForm,
    AfsluitingVoorstelForm,
    AfwijzenForm,
    AnnulerenForm,
    BabyForm,
    BudgetUitzonderingForm,
    GeboorteForm,
    GezinForm,
    HuisbezoekCorrectieForm,
    HuisbezoekForm,
    IntakeForm,
    MeldcodeForm,
    OuderForm,
    PartnerForm,
    PlanForm,
    RegieForm,
    SignaalAfrondenForm,
    SignaalForm,
    ToewijzingBeeindigenForm,
    ToewijzingForm,
    TweedeBabyForm,
    VersieForm,
    ZorgdoelFormSet,
)
from .models import IntakeFactor, Toewijzing, Zorgdoel

BEZOEKEN_PER_PAGINA = 20
WEKEN_PER_PAGINA = 12


def _weken_context(traject, weken_param) -> dict:
    """Hours per ISO week over the weeks the care ran, 12 at a time; page 1 holds the latest weeks
    (up to today, or to the end of a closed trajectory), page 2 the 12 before, and so on."""
    weken = zorg.uren_per_week(traject, tot=zorg.laatste_zorgdag(traject))
    paginas = max(1, -(-len(weken) // WEKEN_PER_PAGINA))
    try:
        pagina = min(max(int(weken_param or 1), 1), paginas)
    except ValueError:
        pagina = 1
    eind = len(weken) - (pagina - 1) * WEKEN_PER_PAGINA
    return {
        "weken": weken[max(0, eind - WEKEN_PER_PAGINA) : eind],
        "eerdere_weken": pagina + 1 if pagina < paginas else None,
        "latere_weken": pagina - 1 if pagina > 1 else None,
    }


TABS = [
    ("gezin", _("Family")),
    ("intake", _("Intake")),
    ("indicaties", _("Indications")),
    ("team", _("Team")),
    ("plan", _("Plan")),
    ("bezoeken", _("Visits and hours")),
    ("netwerk", _("Network")),
    ("evaluaties", _("Evaluations")),
    ("signalen", _("Signals")),
    ("geschiedenis", _("History")),
]


class TrajectMixin(PolicyMixin):
    """Views about one trajectory: fetched within the user's scope, else 404 (and logged)."""

    client_data = True
    log_lezen_bij_get = True

    def get_policy_object(self):
        traject = selectors.traject_detail(fetched_by=self.request.user, pk=self.kwargs["pk"])
        if traject is None:
            raise NietZichtbaar(traject_id=self.kwargs["pk"])
        self.traject = traject
        return traject

    def detail_url(self, tab="gezin"):
        return f"{reverse('trajecten:detail', args=[self.traject.pk])}?tab={tab}"


class TrajectLijstView(PolicyMixin, TemplateView):
    actie = policy.TRAJECTEN_LIJST
    client_data = True
    gebeurtenis = Gebeurtenis.ZOEKEN
    template_name = "trajecten/lijst.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = TrajectFilter(
            self.request.GET or None, queryset=selectors.traject_lijst(fetched_by=self.request.user)
        )
        # An invalid criterion shows its error and no rows, never the unfiltered list.
        rows = filterset.qs if not filterset.is_bound or filterset.is_valid() else filterset.queryset.none()
        # No COUNT: it would read every trajectory of the provider's history on each page (issue 10).
        page = pagina_zonder_telling(rows, self.request.GET.get("pagina"), 25)
        selectors.indicatie_afgegeven_invullen(page.object_list)
        log_toegang(self.request, gebeurtenis=Gebeurtenis.ZOEKEN, omschrijving="trajectenlijst bekeken")
        query = self.request.GET.copy()
        query.pop("pagina", None)
        context.update(filter=filterset, page=page, query=query.urlencode())
        return context


class TrajectDetailView(TrajectMixin, TemplateView):
    actie = policy.TRAJECT_BEKIJKEN
    log_lezen_bij_get = False  # logs the tab it shows itself
    template_name = "trajecten/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tab = self.request.GET.get("tab", "gezin")
        tab = tab if tab in dict(TABS) else "gezin"
        user, traject = self.request.user, self.traject
        log_toegang(
            self.request,
            gebeurtenis=Gebeurtenis.LEZEN,
            obj=traject,
            omschrijving=f"trajectdossier, tab {tab}",
        )
        vandaag = timezone.localdate()
        selectors.traject_tab_gegevens(traject, tab)
        context.update(traject=traject, tab=tab, tabs=TABS, vandaag=vandaag)
        if tab == "gezin":
            context.update(ouders=list(traject.gezin.ouders.all()), babys=list(traject.gezin.babys.all()))
            context["zonder_bsn"] = any(not p.bsn for p in (*context["ouders"], *context["babys"]))
            context["mag_geboorte"] = policy.may(user, policy.GEBOORTE_VASTLEGGEN, traject)
        if tab in ("gezin", "indicaties"):
            # What no longer fits once the birth is known: an indication beyond the first birthday.
            grens, te_lang = services.indicaties_na_eerste_verjaardag(traject)
            context["te_lang"] = [te_lang_tekst(i, grens) for i in te_lang]
        if tab in ("intake", "indicaties"):
            context["intakes"] = list(traject.intakes.all())
        if tab == "indicaties":
            aanvragen = list(traject.indicatieaanvragen.all())
            context.update(
                indicaties=list(traject.indicaties.all()),
                aanvragen=aanvragen,
                open_aanvraag=next((a for a in aanvragen if a.status == AanvraagStatus.OPEN), None),
            )
        if tab == "team":
            toewijzingen = list(traject.toewijzingen.all())
            context.update(
                lopende_toewijzingen=[t for t in toewijzingen if t.actief_op(vandaag) or t.van > vandaag],
                eerdere_toewijzingen=[t for t in toewijzingen if t.tot and t.tot < vandaag],
            )
            if traject.status == "indicatie_aangevraagd" and policy.may(
                user, policy.TRAJECT_STARTEN, traject
            ):
                # What is still missing, instead of a start button that would be refused.
                context["startbezwaren"] = services.startbezwaren(traject, vandaag)
        if tab in ("gezin", "geschiedenis"):
            context["verhuizingen"] = list(
                traject.gezin.verhuizingen.select_related(
                    "oude_gemeente", "nieuwe_gemeente", "nieuwe_casemanager", "vastgelegd_door"
                )
            )
        if tab == "geschiedenis":
            context["overgangen"] = list(traject.overgangen.all())
        context.update(
            mag={
                "trieren": policy.may(user, policy.TRAJECT_TRIEREN, traject),
                "intake": policy.may(user, policy.INTAKE_VASTLEGGEN, traject),
                "aanvragen": policy.may(user, policy.INDICATIE_AANVRAGEN, traject),
                "beslissen": policy.may(user, policy.INDICATIE_BESLISSEN, traject),
                "regie": policy.may(user, policy.REGIE_VASTLEGGEN, traject),
                "toewijzen": policy.may(user, policy.TOEWIJZEN, traject),
                "starten": policy.may(user, policy.TRAJECT_STARTEN, traject),
                "annuleren": policy.may(user, policy.TRAJECT_ANNULEREN, traject),
                "voorzieningen": policy.may(user, policy.VOORZIENINGEN_BEKIJKEN, traject),
                "afsluiting_voorstellen": policy.may(user, policy.AFSLUITING_VOORSTELLEN, traject),
                "afsluiten": policy.may(user, policy.AFSLUITEN, traject),
                "rapport": policy.may(user, policy.TRAJECTRAPPORT_AANVRAGEN, traject),
                "clientrechten": policy.may(user, policy.CLIENTRECHTEN_BEKIJKEN, traject),
                "verhuizen": policy.may(user, policy.VERHUIZING_VASTLEGGEN, traject),
                "bsn": policy.may(user, policy.BSN_TOEVOEGEN, traject),
            },
            versie_form=VersieForm(initial={"versie": traject.versie}),
        )
        # Closure in the page header on every tab (issue 12: it was only on the history tab), offered
        # where the policy lets this user and the trajectory's state allows it.
        context["kop_acties"] = {
            "afsluiting_voorstellen": context["mag"]["afsluiting_voorstellen"]
            and traject.status == TrajectStatus.ACTIEF,
            "afsluiten": context["mag"]["afsluiten"] and traject.status == TrajectStatus.AFSLUITEN,
        }
        if tab == "netwerk":
            context.update(netwerk.tab_context(traject, user))
        if tab == "evaluaties":
            context.update(evaluaties.tab_context(traject, user))
        if tab == "signalen":
            context.update(signalen.tab_context(traject, user))
        if tab == "plan":
            context["plannen"] = list(
                traject.plannen.prefetch_related("doelen__voortgang").select_related("vastgelegd_door")
            )
            context["mag"]["plan"] = policy.may(user, policy.PLAN_VASTLEGGEN, traject)
        if tab == "bezoeken":
            context.update(_weken_context(traject, self.request.GET.get("weken")))
            # Newest first, a page at a time: a 24/7 trajectory logs hundreds of visits.
            pagina = pagina_zonder_telling(
                traject.huisbezoeken.select_related("medewerker", "vervangt").prefetch_related(
                    "voortgang__doel"
                ),
                self.request.GET.get("pagina"),
                BEZOEKEN_PER_PAGINA,
            )
            context["bezoeken"] = pagina.object_list
            context["page"] = pagina
            context["query"] = "tab=bezoeken"
            context["mag"]["bezoek"] = policy.may(user, policy.HUISBEZOEK_REGISTREREN, traject)
            context["mag"]["corrigeren"] = policy.may(user, policy.HUISBEZOEK_CORRIGEREN, traject)
            context["mag"]["budget"] = policy.may(user, policy.BUDGET_UITZONDERING, traject)
            # Offer "Correct" only where saving would be allowed: a locked visit is the coordinator's.
            na_vergrendeling = policy.may(user, policy.HUISBEZOEK_CORRIGEREN_NA_VERGRENDELING, traject)
            for b in context["bezoeken"]:
                b.mag_corrigeren = (
                    context["mag"]["corrigeren"]
                    and not b.vervangen
                    and (na_vergrendeling or (b.medewerker_id == user.pk and not zorg.is_vergrendeld(b)))
                )
        return context


class AanmeldingNieuwView(PolicyMixin, TemplateView):
    """One page for the whole referral: family, mother, optional partner, baby and the referral."""

    actie = policy.AANMELDING_REGISTREREN
    template_name = "trajecten/aanmelding_nieuw.html"
    gebeurtenis = Gebeurtenis.AANMAKEN

    def forms(self, data=None):
        return {
            "aanmelding": AanmeldingForm(
                data,
                prefix="aanmelding",
                initial={"ontvangen_op": timezone.localdate()},
                aanbieder_id=policy.lidmaatschap_van(self.request.user).organisatie_id,
            ),
            "gezin": GezinForm(data, prefix="gezin"),
            "moeder": OuderForm(data, prefix="moeder", initial={"rol": "moeder"}),
            "partner": PartnerForm(data, prefix="partner"),
            "baby": BabyForm(data, prefix="baby"),
            "baby2": TweedeBabyForm(data, prefix="baby2"),
        }

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(forms=self.forms()))

    def post(self, request, *args, **kwargs):
        forms = self.forms(request.POST)
        if all(form.is_valid() for form in forms.values()):
            ouders = [forms["moeder"].save(commit=False)]
            if forms["partner"].has_changed():
                ouders.append(forms["partner"].save(commit=False))
            babys = {"baby": forms["baby"].instance}
            if forms["baby2"].has_changed():
                babys["baby2"] = forms["baby2"].instance
            for sleutel, baby in babys.items():
                datumfouten = services.aanmelding_datumfouten(
                    ouders=ouders if sleutel == "baby" else [],
                    baby=baby,
                    ontvangen_op=forms["aanmelding"].cleaned_data.get("ontvangen_op"),
                )
                for form, veld, bericht in datumfouten:
                    if form == "aanmelding" and sleutel != "baby":
                        continue  # said once
                    forms[sleutel if form == "baby" else form].add_error(veld, bericht)
        # In the same round as the other fields: a referrer outside the family's municipality.
        if forms["aanmelding"].is_valid() and forms["gezin"].is_valid():
            if verwijzer := services.verwijzerfout(forms["aanmelding"].instance, forms["gezin"].instance):
                forms["aanmelding"].add_error("verwijzer_organisatie", verwijzer)
        bekend = []
        if all(form.is_valid() for form in forms.values()) and not request.POST.get("bekend_bevestigd"):
            # A family already known to her organisation: shown before saving (issue 16).
            bekend = gezin_services.overeenkomsten(request.user, ouders)
            if bekend:
                gezin_services.log_overeenkomsten(request, bekend)
                # Not saved until she confirms: answered like any other referral that was not accepted.
                return self.render_to_response(self.get_context_data(forms=forms, bekend=bekend), status=400)
        if all(form.is_valid() for form in forms.values()):
            try:
                with transaction.atomic():
                    traject = services.aanmelding_registreren(
                        request=request,
                        gezin=forms["gezin"].save(commit=False),
                        ouders=ouders,
                        baby=forms["baby"].save(commit=False),
                        aanmelding=forms["aanmelding"].save(commit=False),
                        meer_babys=[forms["baby2"].save(commit=False)] if "baby2" in babys else [],
                    )
            except ValidationError as fout:
                if hasattr(fout, "error_dict") and "bsn" in fout.error_dict:
                    forms["moeder"].add_error("bsn", fout.error_dict["bsn"])
                else:
                    voeg_fouten_toe(forms["aanmelding"], fout)
            else:
                gezin_services.elders_bekend_melden(traject, ouders)
                messages.success(request, _("Referral %(nummer)s registered.") % {"nummer": traject.nummer})
                return redirect("trajecten:detail", traject.pk)
        messages.error(request, _("The referral has not been saved: correct the fields marked below."))
        return self.render_to_response(self.get_context_data(forms=forms), status=400)


class ActieView(TrajectMixin, ServiceFormMixin, FormView):
    """A form that calls one service on the trajectory; errors beside the fields, nothing saved."""

    template_name = "trajecten/actie.html"
    titel = ""
    knop = ""
    tab = "gezin"
    succes = ""
    # Forms whose choices depend on the trajectory (partners of its municipality, its babies) take it.
    formulier_met_traject = False

    def get_initial(self):
        return {"versie": self.traject.versie}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        return {**kwargs, "traject": self.traject} if self.formulier_met_traject else kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            traject=self.traject, titel=self.titel, knop=self.knop, terug=self.detail_url(self.tab)
        )
        return context

    def succes_url(self):
        return self.detail_url(self.tab)


class AccepterenView(ActieView):
    actie = policy.TRAJECT_TRIEREN
    form_class = VersieForm
    titel = _("Accept for intake")
    knop = _("Accept for intake")
    tab = "intake"
    succes = _("The referral has been accepted for intake.")

    def uitvoeren(self, form):
        services.aanmelding_accepteren(
            request=self.request, traject=self.traject, versie=form.cleaned_data["versie"]
        )


class AfwijzenView(ActieView):
    formulier_met_traject = True
    actie = policy.TRAJECT_TRIEREN
    form_class = AfwijzenForm
    titel = _("Decline the referral")
    knop = _("Decline")
    succes = _("The referral has been declined.")

    def uitvoeren(self, form):
        services.aanmelding_afwijzen(
            request=self.request,
            traject=self.traject,
            reden=form.cleaned_data["reden"],
            advies=form.cleaned_data["advies"],
            doorverwezen_naar=form.cleaned_data["doorverwezen_naar"],
            versie=form.cleaned_data["versie"],
        )


class AnnulerenView(ActieView):
    actie = policy.TRAJECT_ANNULEREN
    form_class = AnnulerenForm
    titel = _("Cancel the trajectory")
    knop = _("Cancel trajectory")
    tab = "geschiedenis"
    succes = _("The trajectory has been cancelled.")

    def uitvoeren(self, form):
        services.traject_annuleren(
            request=self.request,
            traject=self.traject,
            reden=form.cleaned_data["reden"],
            versie=form.cleaned_data["versie"],
        )


class IntakeView(ActieView):
    actie = policy.INTAKE_VASTLEGGEN
    form_class = IntakeForm
    template_name = "trajecten/intake.html"
    titel = _("Intake (GIZ)")
    knop = _("Save intake")
    tab = "intake"
    succes = _("The intake has been saved.")

    def get_initial(self):
        return {"versie": self.traject.versie, "datum": timezone.localdate()}

    def uitvoeren(self, form):
        intake = form.save(commit=False)
        factoren = [
            IntakeFactor(factor=f, inschatting=i, ernst=e, urgentie=form.urgentie(f))
            for f, i, e in form.factoren()
        ]
        services.intake_vastleggen(
            request=self.request,
            traject=self.traject,
            intake=intake,
            factoren=factoren,
            versie=form.cleaned_data["versie"],
        )


class IndicatieAanvragenView(ActieView):
    actie = policy.INDICATIE_AANVRAGEN
    form_class = AanvraagForm
    titel = _("Request an indication")
    knop = _("Send request to the case manager")
    tab = "indicaties"
    succes = _("The indication has been requested from the municipality.")

    def get(self, request, *args, **kwargs):
        return self._al_aangevraagd() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._al_aangevraagd() or super().post(request, *args, **kwargs)

    def _al_aangevraagd(self):
        """A request is already waiting (a second tab, the back button): say so instead of a form that
        the state machine would refuse."""
        open_aanvraag = IndicatieAanvraag.objects.filter(
            traject=self.traject, status=AanvraagStatus.OPEN
        ).first()
        if open_aanvraag is None:
            return None
        messages.info(
            self.request,
            _("An indication was already requested on %(datum)s: wait for the case manager's decision.")
            % {"datum": date_format(timezone.localtime(open_aanvraag.aangevraagd_op).date())},
        )
        return redirect(self.detail_url("indicaties"))

    def get_context_data(self, **kwargs):
        # BabythuisZorg is for babies up to one year: say up to when an indication can run.
        context = super().get_context_data(**kwargs)
        grens = indicatie_services.eerste_verjaardag(self.traject)
        if grens:
            context["uitleg"] = _(
                "The first birthday is on %(datum)s: an indication beyond that day needs a written reason "
                "from the case manager."
            ) % {"datum": date_format(grens)}
        return context

    def uitvoeren(self, form):
        indicatiebesluiten.indicatie_aanvragen(
            request=self.request,
            traject=self.traject,
            aanvraag=form.save(commit=False),
            versie=form.cleaned_data["versie"],
        )


class RegieView(ActieView):
    formulier_met_traject = True
    actie = policy.REGIE_VASTLEGGEN
    form_class = RegieForm
    titel = _("Regievoerder")
    knop = _("Save regievoerder")
    tab = "team"
    succes = _("The regievoerder has been recorded.")

    def uitvoeren(self, form):
        data = form.cleaned_data
        services.regie_vastleggen(
            request=self.request,
            traject=self.traject,
            casemanager=data["casemanager"],
            naam=data["naam"],
            skj=data["skj"],
            organisatie=data["organisatie"],
            versie=data["versie"],
        )


class TeamView(ActieView):
    """Ranked candidates with their reasons, and the assignment form."""

    formulier_met_traject = True
    actie = policy.TOEWIJZEN
    form_class = ToewijzingForm
    template_name = "trajecten/team.html"
    titel = _("Assign care workers")
    knop = _("Assign")
    tab = "team"
    succes = _("The care worker has been assigned.")

    def get_initial(self):
        return {"versie": self.traject.versie, "van": timezone.localdate()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vandaag = timezone.localdate()
        indicatie = services.geldige_indicatie(self.traject, vandaag)
        context["kandidaten"] = matching.kandidaten(
            self.traject, op=vandaag, nachten_nodig=bool(indicatie and indicatie.nachten)
        )
        context["nachten_nodig"] = bool(indicatie and indicatie.nachten)
        return context

    def uitvoeren(self, form):
        data = form.cleaned_data
        services.toewijzing_maken(
            request=self.request,
            traject=self.traject,
            medewerker=data["medewerker"],
            van=data["van"],
            tot=data["tot"],
            eerste_aanspreekpunt=data["eerste_aanspreekpunt"],
            versie=data["versie"],
        )


class ToewijzingMixin:
    """The assignment is looked up inside the trajectory the user may see; otherwise 404 (logged)."""

    def get_policy_object(self):
        traject = super().get_policy_object()
        self.toewijzing = binnen_traject(traject, Toewijzing.objects, self.kwargs["toewijzing_pk"])
        return traject


class ToewijzingBeeindigenView(ToewijzingMixin, ActieView):
    actie = policy.TOEWIJZEN
    form_class = ToewijzingBeeindigenForm
    titel = _("End assignment")
    knop = _("End assignment")
    tab = "team"
    succes = _("The assignment has been ended.")

    def get_initial(self):
        # Today as her last day: she keeps the file until tonight. Yesterday ends her access at once.
        return {**super().get_initial(), "laatste_dag": timezone.localdate()}

    def uitvoeren(self, form):
        services.toewijzing_beeindigen(
            request=self.request,
            toewijzing=self.toewijzing,
            tot=form.cleaned_data["laatste_dag"],
            reden=form.cleaned_data["reden"],
            versie=form.cleaned_data["versie"],
        )


class GeboorteView(ActieView):
    """The baby expected at the referral is born: record the date, and hear what no longer fits."""

    formulier_met_traject = True
    actie = policy.GEBOORTE_VASTLEGGEN
    form_class = GeboorteForm
    titel = _("Record the birth")
    knop = _("Record the birth")
    tab = "gezin"
    succes = _("The birth has been recorded; the first birthday now follows the date of birth.")

    def uitvoeren(self, form):
        data = form.cleaned_data
        babys = list(data["baby"])
        grens, te_lang = services.geboorte_vastleggen(
            request=self.request, traject=self.traject, baby=babys[0], geboortedatum=data["geboortedatum"],
            prematuur=data["prematuur"], versie=data["versie"], meer_babys=babys[1:],
        )  # fmt: skip
        for indicatie in te_lang:
            messages.warning(self.request, te_lang_tekst(indicatie, grens))


def te_lang_tekst(indicatie, grens) -> str:
    return _(
        "The indication runs until %(tot)s, past the first birthday on %(grens)s: BabythuisZorg ends at one "
        "year. Ask the case manager to end or change the indication."
    ) % {"tot": date_format(indicatie.tot), "grens": date_format(grens)}


class StartenView(ActieView):
    actie = policy.TRAJECT_STARTEN
    form_class = VersieForm
    titel = _("Start the trajectory")
    knop = _("Start trajectory")
    tab = "team"
    succes = _("The trajectory is active.")

    def uitvoeren(self, form):
        services.traject_starten(
            request=self.request, traject=self.traject, versie=form.cleaned_data["versie"]
        )


class HuisbezoekNieuwView(TrajectMixin, FormView):
    """The visit form for the medewerker's phone: under a minute, errors beside the fields."""

    actie = policy.HUISBEZOEK_REGISTREREN
    gebeurtenis = Gebeurtenis.AANMAKEN
    form_class = HuisbezoekForm
    template_name = "trajecten/huisbezoek.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "doelen": zorg.open_doelen_van_actueel_plan(self.traject)}

    def get_initial(self):
        return {"datum": timezone.localdate()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(traject=self.traject, week=zorg.deze_week(self.traject))
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        start, eind = zorg.bezoektijden(data["datum"], data["begin"], data["einde"])
        try:  # the service is one transaction: a refusal rolls back all it wrote
            bezoek, waarschuwingen = zorg.huisbezoek_registreren(
                request=self.request,
                traject=self.traject,
                soort=data["soort"],
                start=start,
                eind=eind,
                themas=data["themas"],
                verslag=data["verslag"],
                voortgang=form.voortgang(),
            )
        except ValidationError as fout:
            voeg_fouten_toe(form, fout)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        # First: saved, and the hours of the visit's own week (known from the service; a warning when
        # above the indicated volume). Then what else she should know (a night without nights, logged late).
        boven_volume, tekst = zorg.weekbericht(bezoek.week)
        (messages.warning if boven_volume else messages.success)(self.request, tekst)
        for waarschuwing in waarschuwingen:
            messages.warning(self.request, waarschuwing)
        return redirect("core:home")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PlanView(TrajectMixin, TemplateView):
    """A new version of the support plan, starting from the current goals."""

    actie = policy.PLAN_VASTLEGGEN
    gebeurtenis = Gebeurtenis.WIJZIGEN
    template_name = "trajecten/plan.html"

    def forms(self, data=None):
        plan = zorg.actueel_plan(self.traject)
        initial = [
            {f: getattr(d, f) for f in ("thema", "omschrijving", "betreft", "startscore", "doelscore")}
            for d in (plan.doelen.all() if plan else [])
        ]
        return (
            PlanForm(data, initial={"gebaseerd_op_versie": plan.versie if plan else 0}),
            ZorgdoelFormSet(data, initial=initial, prefix="doel"),
        )

    def get(self, request, *args, **kwargs):
        plan_form, doelen = self.forms()
        return self.render_to_response(
            self.get_context_data(form=plan_form, doelen=doelen, traject=self.traject)
        )

    def post(self, request, *args, **kwargs):
        plan_form, doelen = self.forms(request.POST)
        if plan_form.is_valid() and doelen.is_valid():
            try:
                with transaction.atomic():
                    zorg.plan_vastleggen(
                        request=request,
                        traject=self.traject,
                        doelen=[Zorgdoel(**f.cleaned_data) for f in doelen if f.cleaned_data],
                        overeengekomen_op=plan_form.cleaned_data["overeengekomen_op"],
                        woorden_ouders=plan_form.cleaned_data["woorden_ouders"],
                        gebaseerd_op_versie=plan_form.cleaned_data["gebaseerd_op_versie"],
                    )
            except ValidationError as fout:
                voeg_fouten_toe(plan_form, fout)
            else:
                messages.success(request, _("The support plan has been saved as a new version."))
                return redirect(f"{reverse('trajecten:detail', args=[self.traject.pk])}?tab=plan")
        return self.render_to_response(
            self.get_context_data(form=plan_form, doelen=doelen, traject=self.traject), status=400
        )


class SignaalNieuwView(ActieView):
    actie = policy.SIGNAAL_MELDEN
    gebeurtenis = Gebeurtenis.AANMAKEN
    form_class = SignaalForm
    titel = _("Record a signal")
    knop = _("Record signal")
    tab = "signalen"
    succes = _("The signal has been recorded.")

    def get_initial(self):
        return {}

    def uitvoeren(self, form):
        signalen.signaal_melden(request=self.request, traject=self.traject, **form.cleaned_data)


class SignaalMixin:
    """The signal is looked up inside the trajectory the user may see; otherwise 404 (logged)."""

    def get_policy_object(self):
        traject = super().get_policy_object()
        self.signaal = binnen_traject(traject, traject.signalen, self.kwargs["signaal_pk"])
        return traject

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "signaal": self.signaal}


class MeldcodeView(SignaalMixin, ActieView):
    actie = policy.MELDCODE_VASTLEGGEN
    form_class = MeldcodeForm
    template_name = "trajecten/meldcode.html"
    titel = _("Meldcode step")
    knop = _("Save step")
    tab = "signalen"
    succes = _("The Meldcode step has been saved.")

    def get_initial(self):
        volgende = len(self.signaal.meldcode.all()) + 1
        return {"stap": min(volgende, 5), "datum": timezone.localdate()}

    def uitvoeren(self, form):
        signalen.meldcode_stap_vastleggen(request=self.request, signaal=self.signaal, **form.cleaned_data)


class SignaalAfrondenView(SignaalMixin, ActieView):
    actie = policy.MELDCODE_VASTLEGGEN
    form_class = SignaalAfrondenForm
    titel = _("Close the signal")
    knop = _("Close signal")
    tab = "signalen"
    succes = _("The signal has been closed.")

    def get_initial(self):
        return {"acties": self.signaal.acties}

    def uitvoeren(self, form):
        signalen.signaal_afronden(
            request=self.request, signaal=self.signaal, acties=form.cleaned_data["acties"]
        )


class AfsluitingVoorstellenView(ActieView):
    formulier_met_traject = True
    actie = policy.AFSLUITING_VOORSTELLEN
    form_class = AfsluitingVoorstelForm
    titel = _("Propose closure")
    knop = _("Propose closure to the case manager")
    tab = "geschiedenis"
    succes = _("Closure has been proposed to the case manager.")

    def uitvoeren(self, form):
        data = form.cleaned_data
        signalen.afsluiting_voorstellen(
            request=self.request,
            traject=self.traject,
            uitkomst=data["uitkomst"],
            overgedragen_aan=data["overgedragen_aan"],
            overgedragen_aan_partner=data["overgedragen_aan_partner"],
            toelichting=data["toelichting"],
            tevredenheid_medewerker=data["tevredenheid_medewerker"],
            versie=data["versie"],
        )


class AfsluitenView(ActieView):
    actie = policy.AFSLUITEN
    form_class = AfsluitenForm
    template_name = "trajecten/afsluiten.html"
    titel = _("Close the trajectory")
    knop = _("Close trajectory")
    tab = "geschiedenis"
    succes = _("The trajectory has been closed.")

    def uitvoeren(self, form):
        data = form.cleaned_data
        signalen.traject_afsluiten(
            request=self.request,
            traject=self.traject,
            tevredenheid_client=data["tevredenheid_client"],
            tevredenheid_partner=data["tevredenheid_partner"],
            versie=data["versie"],
        )


class EersteAanspreekpuntView(ToewijzingMixin, ActieView):
    """Hand the first contact to a colleague already on the team."""

    actie = policy.TOEWIJZEN
    form_class = VersieForm
    titel = _("Hand over the first contact")
    knop = _("Make her the first contact")
    tab = "team"
    succes = _("The first contact has been handed over.")

    def uitvoeren(self, form):
        services.eerste_aanspreekpunt_overdragen(
            request=self.request,
            traject=self.traject,
            opvolger=self.toewijzing.medewerker,
            versie=form.cleaned_data["versie"],
        )


class HuisbezoekCorrigerenView(HuisbezoekNieuwView):
    """A correction is a new version with a reason; the old visit stays visible. The service decides
    who may: the medewerker herself until the visit is locked, the coordinator after that."""

    actie = policy.HUISBEZOEK_CORRIGEREN
    gebeurtenis = Gebeurtenis.WIJZIGEN
    form_class = HuisbezoekCorrectieForm

    def get_policy_object(self):
        traject = super().get_policy_object()
        self.bezoek = binnen_traject(
            traject, traject.huisbezoeken.filter(vervangen=False), self.kwargs["bezoek_pk"]
        )
        return traject

    def get(self, request, *args, **kwargs):
        return self._vergrendeld() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._vergrendeld() or super().post(request, *args, **kwargs)

    def _vergrendeld(self):
        """A locked visit: say so before she fills in the form, and who can correct it."""
        if zorg.is_vergrendeld(self.bezoek) and not policy.may(
            self.request.user, policy.HUISBEZOEK_CORRIGEREN_NA_VERGRENDELING, self.traject
        ):
            messages.error(
                self.request,
                _(
                    "This visit is locked (more than %(dagen)s days after it ended): ask your coordinator "
                    "to correct it."
                )
                % {"dagen": settings.HUISBEZOEK_VERGRENDEL_DAGEN},
            )
            return redirect(f"{reverse('trajecten:detail', args=[self.traject.pk])}?tab=bezoeken")
        return None

    def get_initial(self):
        start = self.bezoek.start.astimezone(zorg.AMSTERDAM)
        eind = self.bezoek.eind.astimezone(zorg.AMSTERDAM)
        initial = {
            "soort": self.bezoek.soort,
            "datum": start.date(),
            "begin": start.time(),
            "einde": eind.time(),
            "themas": self.bezoek.themas,
            "verslag": self.bezoek.verslag,
        }
        initial.update({f"doel_{v.doel_id}": v.score for v in self.bezoek.voortgang.all()})
        return initial

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "correctie": True, "bezoek": self.bezoek}

    def form_valid(self, form):
        data = form.cleaned_data
        start, eind = zorg.bezoektijden(data["datum"], data["begin"], data["einde"])
        try:
            with transaction.atomic():
                zorg.huisbezoek_corrigeren(
                    request=self.request, bezoek=self.bezoek, reden=data["correctiereden"], start=start, eind=eind,
                    themas=data["themas"], verslag=data["verslag"], voortgang=form.voortgang(),
                )  # fmt: skip
        except ValidationError as fout:
            voeg_fouten_toe(form, fout)
            return self.form_invalid(form)
        except PermissionDenied:
            return render(self.request, "403.html", status=403)
        messages.success(self.request, _("The correction has been saved; the earlier version stays visible."))
        return redirect(f"{reverse('trajecten:detail', args=[self.traject.pk])}?tab=bezoeken")


class BudgetUitzonderingView(ActieView):
    actie = policy.BUDGET_UITZONDERING
    form_class = BudgetUitzonderingForm
    titel = _("Continue beyond the budget")
    knop = _("Record reason")
    tab = "bezoeken"
    succes = _("The reason has been recorded: visits beyond the budget are possible now.")

    def get_initial(self):
        return {}

    def uitvoeren(self, form):
        indicatie = services.geldige_indicatie(self.traject, timezone.localdate())
        if indicatie is None:
            raise ValidationError(_("There is no current indication."))
        zorg.budget_uitzondering_vastleggen(
            request=self.request, indicatie=indicatie, reden=form.cleaned_data["reden"]
        )
