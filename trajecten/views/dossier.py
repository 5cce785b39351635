"""The trajectory list and the file of one trajectory, tab by tab (each tab reads what it shows)."""

from datetime import timedelta

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core import policy
from core.constants import Gebeurtenis
from core.paginering import pagina_zonder_telling
from core.toegangslog import log_toegang
from core.views import PolicyMixin
from indicaties.constants import AanvraagStatus
from trajecten import evaluaties, netwerk, selectors, services, signalen, zorg
from trajecten.constants import TrajectStatus
from trajecten.filters import TrajectFilter
from trajecten.forms import VersieForm
from trajecten.models import HuisbezoekVoortgang

from .basis import TrajectMixin
from .gezin import te_lang_tekst

BEZOEKEN_PER_PAGINA = 20
WEKEN_PER_PAGINA = 12


def _weken_context(traject, weken_param) -> dict:
    """Hours per ISO week over the weeks the care ran, 12 at a time; page 1 holds the latest weeks
    (up to today, or to the end of a closed trajectory), page 2 the 12 before, and so on."""
    eerste, tot = zorg.eerste_week(traject), zorg.laatste_zorgdag(traject)
    aantal = (tot - eerste).days // 7 + 1 if eerste is not None and eerste <= tot else 0
    paginas = max(1, -(-aantal // WEKEN_PER_PAGINA))
    try:
        pagina = min(max(int(weken_param or 1), 1), paginas)
    except ValueError:
        pagina = 1
    eind = aantal - (pagina - 1) * WEKEN_PER_PAGINA
    begin = max(0, eind - WEKEN_PER_PAGINA)
    # Only this page's weeks are read, not the trajectory's whole history.
    weken = (
        zorg.uren_per_week(
            traject, van=eerste + timedelta(weeks=begin), tot=min(tot, eerste + timedelta(weeks=eind - 1))
        )
        if aantal
        else []
    )
    return {
        "weken": weken,
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

    def gekozen_tab(self) -> str:
        tab = self.request.GET.get("tab", "gezin")
        return tab if tab in dict(TABS) else "gezin"

    def traject_relaties(self):
        return selectors.TAB_RELATIES.get(self.gekozen_tab(), ())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tab = self.gekozen_tab()
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
                # The goals with their scores in one query; a correction shows only that it is one.
                traject.huisbezoeken.select_related("medewerker").prefetch_related(
                    Prefetch("voortgang", queryset=HuisbezoekVoortgang.objects.select_related("doel"))
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
