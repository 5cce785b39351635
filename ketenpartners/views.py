"""The partners in one trajectory: who is involved, and the client's consent to share with them.
The social map is views_kaart, handovers views_overdracht."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from core import policy
from core.constants import Gebeurtenis
from core.toegangslog import log_toegang
from core.views import NietZichtbaar, PolicyMixin, ServiceFormMixin, binnen_traject

from . import selectors, services
from .constants import BetrokkenheidRol
from .forms import BetrokkenheidForm, EindeForm, IntrekkenForm, ToestemmingForm
from .models import Betrokkenheid, Toestemming


def keten_url(traject) -> str:
    return reverse("ketenpartners:traject", args=[traject.pk])


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
