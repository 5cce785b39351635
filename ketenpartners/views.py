from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from accounts.constants import OrganisatieSoort
from core import policy
from core.constants import Gebeurtenis, Uitkomst
from core.toegangslog import log_toegang
from core.views import NietZichtbaar, PolicyMixin, ServiceFormMixin, binnen_traject, voeg_fouten_toe

from . import selectors, services
from .constants import WACHTTIJD_VEROUDERD_NA_WEKEN, BetrokkenheidRol, Reikwijdte
from .forms import (
    BetrokkenheidForm,
    EindeForm,
    IntrekkenForm,
    KetenoverzichtForm,
    KetenpartnerForm,
    LeegForm,
    OverdrachtForm,
    ToestemmingForm,
    ZoekForm,
)
from .models import Betrokkenheid, Overdracht, Toestemming


def keten_url(traject) -> str:
    return reverse("ketenpartners:traject", args=[traject.pk])


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


# --- the social map ------------------------------------------------------------------------------


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


# --- partners in a trajectory --------------------------------------------------------------------


class KetenTrajectMixin(PolicyMixin):
    """Pages about one trajectory's chain: the trajectory is fetched within the user's scope, else 404
    (logged), as on the trajectory's own pages."""

    client_data = True

    def get_policy_object(self):
        traject = selectors.traject_voor_keten(fetched_by=self.request.user, pk=self.kwargs["pk"])
        if traject is None:
            raise NietZichtbaar(traject_id=self.kwargs["pk"])
        self.traject = traject
        return traject


class TrajectKetenView(KetenTrajectMixin, TemplateView):
    """The trajectory's chain: involved partners with responsibilities, consents, handovers."""

    actie = policy.TRAJECT_BEKIJKEN
    template_name = "ketenpartners/traject.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, traject = self.request.user, self.traject
        keten = selectors.traject_keten(traject)
        log_toegang(
            self.request,
            gebeurtenis=Gebeurtenis.LEZEN,
            obj=traject,
            omschrijving="ketenpartners, toestemmingen en overdrachten",
        )
        vandaag = timezone.localdate()
        geldig = {t.ketenpartner_id: t for t in keten["toestemmingen"] if not t.ingetrokken}
        for betrokkenheid in keten["betrokkenheden"]:
            betrokkenheid.toestemming = geldig.get(betrokkenheid.ketenpartner_id)
        for overdracht in keten["overdrachten"]:
            gedeeld = [v.gedeeld_op for v in overdracht.verstrekkingen.all()]
            overdracht.laatst_gedeeld = max(gedeeld) if gedeeld else None
        aanmelding = getattr(traject, "aanmelding", None)
        verwijzer = aanmelding.verwijzer_organisatie if aanmelding else None
        verwijzer_partner = getattr(verwijzer, "ketenpartner", None) if verwijzer else None
        context.update(
            keten,
            traject=traject,
            vandaag=vandaag,
            lopend=[b for b in keten["betrokkenheden"] if b.tot is None or b.tot >= vandaag],
            eerder=[b for b in keten["betrokkenheden"] if b.tot is not None and b.tot < vandaag],
            geldige_toestemmingen=list(geldig.values()),
            ingetrokken_toestemmingen=[t for t in keten["toestemmingen"] if t.ingetrokken],
            aanmelding=aanmelding,
            verwijzer_partner=verwijzer_partner,
            verwijzer_vastgelegd=any(
                b.ketenpartner_id == getattr(verwijzer_partner, "pk", None)
                and b.rol == BetrokkenheidRol.VERWIJZER
                for b in keten["betrokkenheden"]
            ),
            mag={
                "betrokkenheid": policy.may(user, policy.BETROKKENHEID_BEHEREN, traject),
                "toestemming": policy.may(user, policy.TOESTEMMING_VASTLEGGEN, traject),
                "overdracht": policy.may(user, policy.OVERDRACHT_DELEN, traject),
            },
        )
        return context


class KetenActieView(KetenTrajectMixin, ServiceFormMixin, FormView):
    """A form on the trajectory's chain that calls one service; errors beside the fields, nothing saved."""

    template_name = "ketenpartners/actie.html"
    titel = ""
    knop = ""
    uitleg = ""

    def gelezen(self):
        """What the form shows of the family's chain (its reading is logged)."""
        return self.traject

    def get(self, request, *args, **kwargs):
        log_toegang(
            request,
            gebeurtenis=Gebeurtenis.LEZEN,
            obj=self.gelezen(),
            omschrijving=f"formulier: {self.titel}",
        )
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return {"versie": self.traject.versie}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            traject=self.traject,
            titel=self.titel,
            knop=self.knop,
            uitleg=self.uitleg,
            terug=keten_url(self.traject),
        )
        return context

    def succes_url(self):
        return keten_url(self.traject)


class BetrokkenheidNieuwView(KetenActieView):
    actie = policy.BETROKKENHEID_BEHEREN
    gebeurtenis = Gebeurtenis.AANMAKEN
    form_class = BetrokkenheidForm
    template_name = "ketenpartners/betrokkenheid.html"
    titel = _("Add a chain partner")
    knop = _("Add partner")
    succes = _("The partner has been added to the trajectory.")

    def gekozen_partner(self):
        pk = self.request.GET.get("partner", "")
        return selectors.actieve_ketenpartners().filter(pk=pk).first() if pk.isdigit() else None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partner": self.gekozen_partner()}

    def get_initial(self):
        rol = self.request.GET.get("rol", "")
        return {
            **super().get_initial(),
            "van": timezone.localdate(),
            "ketenpartner": self.gekozen_partner(),
            "rol": rol if rol in BetrokkenheidRol.values else BetrokkenheidRol.MEDEBEHANDELAAR,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kaart_url"] = f"{reverse('ketenpartners:zoeken')}?traject={self.traject.pk}"
        context["gemeente"] = self.traject.gezin.gemeente
        return context

    def uitvoeren(self, form):
        data = form.cleaned_data
        services.betrokkenheid_toevoegen(
            request=self.request,
            traject=self.traject,
            ketenpartner=data["ketenpartner"],
            rol=data["rol"],
            contactpersoon=data["contactpersoon"],
            verantwoordelijkheden=data["verantwoordelijkheden"],
            van=data["van"],
            tot=data["tot"],
            versie=data["versie"],
        )


class BetrokkenheidBeeindigenView(KetenActieView):
    actie = policy.BETROKKENHEID_BEHEREN
    gebeurtenis = Gebeurtenis.WIJZIGEN
    form_class = EindeForm
    titel = _("End the involvement")
    knop = _("End involvement")
    succes = _("The involvement has been ended.")

    def get_policy_object(self):
        traject = super().get_policy_object()
        self.betrokkenheid = binnen_traject(
            traject,
            Betrokkenheid.objects.select_related("ketenpartner__organisatie", "traject"),
            self.kwargs["betrokkenheid_pk"],
        )
        return traject

    def gelezen(self):
        return self.betrokkenheid

    def get_initial(self):
        return {**super().get_initial(), "tot": timezone.localdate()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        b = self.betrokkenheid
        context["uitleg"] = _("%(partner)s as %(rol)s, from %(van)s.") % {
            "partner": b.ketenpartner,
            "rol": b.get_rol_display().lower(),
            "van": date_format(b.van),
        }
        return context

    def uitvoeren(self, form):
        services.betrokkenheid_beeindigen(
            request=self.request,
            betrokkenheid=self.betrokkenheid,
            tot=form.cleaned_data["tot"],
            versie=form.cleaned_data["versie"],
        )


class ToestemmingNieuwView(KetenActieView):
    actie = policy.TOESTEMMING_VASTLEGGEN
    gebeurtenis = Gebeurtenis.AANMAKEN
    form_class = ToestemmingForm
    titel = _("Record the client's consent")
    knop = _("Record consent")
    uitleg = _(
        "Nothing is shared with a partner without the client's consent on file. Record what the client "
        "agreed to, with whom, and how; she can withdraw it at any time."
    )
    succes = _("The consent has been recorded.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "traject": self.traject}

    def get_initial(self):
        partner = self.request.GET.get("partner", "")
        return {
            **super().get_initial(),
            "gegeven_op": timezone.localdate(),
            "ketenpartner": partner if partner.isdigit() else None,
        }

    def uitvoeren(self, form):
        services.toestemming_vastleggen(request=self.request, traject=self.traject, **form.cleaned_data)


class ToestemmingIntrekkenView(KetenActieView):
    actie = policy.TOESTEMMING_VASTLEGGEN
    gebeurtenis = Gebeurtenis.WIJZIGEN
    form_class = IntrekkenForm
    titel = _("Withdraw consent")
    knop = _("Withdraw consent")
    succes = _("The consent has been withdrawn: from now on nothing is shared with this partner.")

    def get_policy_object(self):
        traject = super().get_policy_object()
        self.toestemming = binnen_traject(
            traject,
            Toestemming.objects.select_related("ketenpartner__organisatie", "traject"),
            self.kwargs["toestemming_pk"],
        )
        return traject

    def gelezen(self):
        return self.toestemming

    def get_initial(self):
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        t = self.toestemming
        context["uitleg"] = _(
            "Consent to share with %(partner)s (%(wat)s), given on %(datum)s. The withdrawal takes effect at once."
        ) % {
            "partner": t.ketenpartner,
            "wat": ", ".join(str(label).lower() for label in t.reikwijdte_labels),
            "datum": date_format(t.gegeven_op),
        }
        return context

    def uitvoeren(self, form):
        services.toestemming_intrekken(
            request=self.request, toestemming=self.toestemming, toelichting=form.cleaned_data["toelichting"]
        )


class OverdrachtNieuwView(KetenActieView):
    actie = policy.OVERDRACHT_DELEN
    gebeurtenis = Gebeurtenis.AANMAKEN
    form_class = OverdrachtForm
    titel = _("Write a warm handover")
    knop = _("Save handover")
    uitleg = _(
        "A summary for the receiving partner: the goals and where they stand, the family-network plan, and "
        "what the family asked to pass on. Saving shares nothing yet."
    )
    succes = _("The handover has been saved. Share it once the client's consent is on file.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "traject": self.traject}

    def get_initial(self):
        partner = self.request.GET.get("partner", "")
        return {
            **super().get_initial(),
            **selectors.overdracht_voorstel(self.traject),
            "ketenpartner": partner if partner.isdigit() else None,
        }

    def uitvoeren(self, form):
        self.overdracht = services.overdracht_opstellen(
            request=self.request, traject=self.traject, **form.cleaned_data
        )

    def succes_url(self):
        return reverse("ketenpartners:overdracht", args=[self.traject.pk, self.overdracht.pk])


class OverdrachtMixin:
    """The handover is looked up inside the trajectory the user may see; otherwise 404 (logged)."""

    def get_policy_object(self):
        traject = super().get_policy_object()
        self.overdracht = binnen_traject(
            traject,
            Overdracht.objects.select_related(
                "ketenpartner__organisatie", "contactpersoon", "opgesteld_door", "traject"
            ),
            self.kwargs["overdracht_pk"],
        )
        return traject

    def overdracht_context(self):
        overdracht = self.overdracht
        return {
            "overdracht": overdracht,
            "verstrekkingen": list(overdracht.verstrekkingen.select_related("gedeeld_door", "toestemming")),
            "toestemming": selectors.geldige_toestemming(
                traject=self.traject,
                ketenpartner=overdracht.ketenpartner,
                reikwijdte=Reikwijdte.OVERDRACHT,
                op=timezone.localdate(),
            ),
        }


class OverdrachtView(OverdrachtMixin, KetenTrajectMixin, TemplateView):
    """The handover document as the partner receives it."""

    actie = policy.TRAJECT_BEKIJKEN
    template_name = "ketenpartners/overdracht.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        log_toegang(
            self.request,
            gebeurtenis=Gebeurtenis.LEZEN,
            obj=self.overdracht,
            omschrijving=f"warme overdracht {self.overdracht.pk} gelezen",
        )
        context.update(
            self.overdracht_context(),
            traject=self.traject,
            ouders=list(self.traject.gezin.ouders.all()),
            babys=list(self.traject.gezin.babys.all()),
            terug=keten_url(self.traject),
            mag_delen=policy.may(self.request.user, policy.OVERDRACHT_DELEN, self.traject),
        )
        return context


class OverdrachtDelenView(OverdrachtMixin, KetenActieView):
    """Share the handover with its partner. Refused without valid consent, and the refusal is logged."""

    actie = policy.OVERDRACHT_DELEN
    gebeurtenis = Gebeurtenis.EXPORTEREN
    form_class = LeegForm
    template_name = "ketenpartners/delen.html"
    titel = _("Share the handover")
    knop = _("Share handover")
    succes = _("The handover has been shared with the partner.")

    def gelezen(self):
        return self.overdracht

    def get_initial(self):
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.overdracht_context())
        context["terug"] = reverse("ketenpartners:overdracht", args=[self.traject.pk, self.overdracht.pk])
        return context

    def form_valid(self, form):
        try:
            with transaction.atomic():
                services.overdracht_delen(request=self.request, overdracht=self.overdracht)
        except ValidationError as fout:
            log_toegang(
                self.request,
                gebeurtenis=Gebeurtenis.EXPORTEREN,
                uitkomst=Uitkomst.GEWEIGERD,
                obj=self.overdracht,
                reden="geen geldige toestemming van de cliënt",
            )
            voeg_fouten_toe(form, fout)
            return self.form_invalid(form)
        except PermissionDenied:
            return render(self.request, "403.html", status=403)
        messages.success(
            self.request,
            _("The handover has been shared with %(partner)s.") % {"partner": self.overdracht.ketenpartner},
        )
        return redirect(reverse("ketenpartners:overdracht", args=[self.traject.pk, self.overdracht.pk]))
