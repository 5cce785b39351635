"""Visits and hours: logging a visit (on a phone, in under a minute), correcting one, the budget
exception."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from core import policy
from core.constants import Gebeurtenis
from core.views import binnen_traject, voeg_fouten_toe
from trajecten import services, zorg
from trajecten.forms import BudgetUitzonderingForm, HuisbezoekCorrectieForm, HuisbezoekForm

from .basis import ActieView, TrajectMixin


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
