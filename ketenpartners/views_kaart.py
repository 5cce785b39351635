"""The social map (search, a partner's page, its own beheerder's update) and the chain overview of a
municipality."""

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from accounts.constants import OrganisatieSoort
from core import policy
from core.constants import Gebeurtenis
from core.toegangslog import log_toegang
from core.views import NietZichtbaar, PolicyMixin, ServiceFormMixin

from . import selectors, services
from .constants import WACHTTIJD_VEROUDERD_NA_WEKEN
from .forms import KetenoverzichtForm, KetenpartnerForm, ZoekForm


def _traject_voor_kaart(request):
    """The trajectory the social map is searched for (``?traject=``), when the user may add partners
    to it; reading it is logged. Anything else is ignored, without saying whether it exists."""
    try:
        pk = int(request.GET.get("traject", ""))
    except ValueError:
        return None
    traject = selectors.traject_voor_keten(fetched_by=request.user, pk=pk)
    if traject is None or not policy.may(request.user, policy.BETROKKENHEID_BEHEREN, traject):
        return None
    log_toegang(
        request, gebeurtenis=Gebeurtenis.LEZEN, obj=traject, omschrijving="sociale kaart voor traject"
    )
    return traject


def _dagen(duur) -> float | None:
    return None if duur is None else duur.total_seconds() / 86400


class ZoekenView(PolicyMixin, TemplateView):
    """Every role: "who helps with X for a family in municipality Y", shortest waiting time first."""

    actie = policy.SOCIALE_KAART_ZOEKEN
    template_name = "ketenpartners/zoeken.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        traject = _traject_voor_kaart(self.request)
        data = self.request.GET.copy()
        if "gemeente" not in data:
            # A family's municipality, or the user's own: the question is nearly always about it.
            eigen = policy.lidmaatschap_van(user).organisatie
            if traject is not None:
                data["gemeente"] = str(traject.gezin.gemeente_id)
            elif eigen is not None and eigen.soort == OrganisatieSoort.GEMEENTE:
                data["gemeente"] = str(eigen.pk)
        form = ZoekForm(data)
        criteria = form.cleaned_data if form.is_valid() else {}
        partners = selectors.sociale_kaart(
            fetched_by=user,
            dienst=criteria.get("dienst"),
            gemeente=criteria.get("gemeente"),
            soort=criteria.get("soort", ""),
            tekst=criteria.get("tekst", ""),
        )
        page = Paginator(partners if form.is_valid() else partners.none(), 25).get_page(
            self.request.GET.get("pagina")
        )
        page.object_list = list(page.object_list)
        vandaag = timezone.localdate()
        for partner in page.object_list:
            partner.verouderd = partner.wachttijd_verouderd(vandaag)
            partner.skj_aantal = sum(1 for c in partner.contactpersonen.all() if c.skj_geldig(vandaag))
        query = data.copy()
        query.pop("pagina", None)
        context.update(
            form=form,
            page=page,
            query=query.urlencode(),
            traject=traject,
            gezocht=criteria,
            verouderd_na_weken=WACHTTIJD_VEROUDERD_NA_WEKEN,
        )
        return context


class KetenpartnerView(PolicyMixin, TemplateView):
    actie = policy.SOCIALE_KAART_ZOEKEN
    template_name = "ketenpartners/detail.html"

    def get_policy_object(self):
        self.partner = selectors.ketenpartner_detail(fetched_by=self.request.user, pk=self.kwargs["pk"])
        if self.partner is None:
            raise NietZichtbaar()
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vandaag = timezone.localdate()
        partner = self.partner
        partner.verouderd = partner.wachttijd_verouderd(vandaag)
        context.update(
            partner=partner,
            vandaag=vandaag,
            contactpersonen=[(c, c.skj_geldig(vandaag)) for c in partner.contactpersonen.all()],
            traject=_traject_voor_kaart(self.request),
            mag_bijwerken=selectors.beheerbare_ketenpartners(fetched_by=self.request.user)
            .filter(pk=partner.pk)
            .exists(),
        )
        return context


class BijwerkenView(PolicyMixin, ServiceFormMixin, FormView):
    """A beheerder confirms or changes the waiting time and contact details of one partner."""

    actie = policy.BEHEER
    form_class = KetenpartnerForm
    template_name = "ketenpartners/bijwerken.html"
    succes = _("The partner's details have been updated.")

    def get_policy_object(self):
        if not policy.may(self.request.user, policy.BEHEER):
            return None  # refused by the policy check that follows: 403
        self.partner = (
            selectors.beheerbare_ketenpartners(fetched_by=self.request.user)
            .filter(pk=self.kwargs["pk"])
            .first()
        )
        if self.partner is None:
            raise NietZichtbaar()
        return None

    def get_initial(self):
        p = self.partner
        return {"telefoon": p.telefoon, "email": p.email, "wachttijd_dagen": p.wachttijd_dagen}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "partner": self.partner}

    def uitvoeren(self, form):
        services.ketenpartner_bijwerken(request=self.request, ketenpartner=self.partner, **form.cleaned_data)

    def succes_url(self):
        return reverse("ketenpartners:detail", args=[self.partner.pk])


class KetenoverzichtView(PolicyMixin, TemplateView):
    """Per municipality: which partners take part, referrals made and received, time to start."""

    actie = policy.KETENOVERZICHT_BEKIJKEN
    template_name = "ketenpartners/ketenoverzicht.html"

    def get_policy_object(self):
        gemeenten = selectors.gemeenten()
        gekozen = self.request.GET.get("gemeente", "")
        if gekozen.isdigit():
            self.gemeente = gemeenten.filter(pk=gekozen).first()
            if self.gemeente is None:
                raise NietZichtbaar()
        else:
            eigen = policy.lidmaatschap_van(self.request.user).organisatie
            self.gemeente = (
                eigen
                if eigen is not None and eigen.soort == OrganisatieSoort.GEMEENTE
                else (gemeenten.first() if policy.is_globale_beheerder(self.request.user) else None)
            )
        return self.gemeente

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, gemeente = self.request.user, self.gemeente
        cijfers = selectors.ketenoverzicht_cijfers(fetched_by=user, gemeente=gemeente)
        for partner in cijfers["partners"]:
            partner.dagen = _dagen(partner.dagen_tot_start)
        cijfers["totaal"]["dagen"] = _dagen(cijfers["totaal"]["dagen_tot_start"])
        context.update(
            gemeente=gemeente,
            partners=cijfers["partners"],
            totaal=cijfers["totaal"],
            bijgewerkt_op=cijfers["bijgewerkt_op"],
            kies_form=KetenoverzichtForm(initial={"gemeente": gemeente})
            if policy.is_globale_beheerder(user)
            else None,
        )
        return context
