from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import policy
from core.admin import PolicyAdminMixin, PolicyInlineMixin

from . import services, vertrek
from .constants import Certificering, Trainingsmodule
from .models import Lidmaatschap, MedewerkerProfiel, Organisatie, Team, User

# Rights come from memberships and the policy; Django's groups are not used. The OTP device admins
# would show a user's secret to a beheerder: a lost phone is handled by the reset action below.
for model in (Group, TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


def _weiger_bij_lopend_werk(user, veld: str):
    """Her running work is handed over on its own page first (a medewerker's assignments: 'Report
    departure'); a checkbox or a changed membership here would leave it with nobody."""
    werk = vertrek.lopend_werk(user)
    if werk:
        raise ValidationError(
            {
                veld: _(
                    "She still has %(aantal)s running assignment(s). Hand them over first with 'Report "
                    "departure' (link at Status); that also deactivates her account."
                )
                % {"aantal": sum(n for _bron, n in werk)}
            }
        )


class GebruikerWijzigenForm(UserChangeForm):
    def clean(self):
        data = super().clean()
        if self.instance.pk and self.instance.is_active and data.get("is_active") is False:
            _weiger_bij_lopend_werk(self.instance, "is_active")
        return data


class LidmaatschapForm(forms.ModelForm):
    class Meta:
        model = Lidmaatschap
        fields = ["organisatie", "team", "rol"]

    def clean(self):
        data = super().clean()
        if self.instance.pk and ({"organisatie", "rol"} & set(self.changed_data)):
            _weiger_bij_lopend_werk(
                self.instance.user, "rol" if "rol" in self.changed_data else "organisatie"
            )
        return data


class LidmaatschapInline(PolicyInlineMixin, admin.StackedInline):
    model = Lidmaatschap
    form = LidmaatschapForm
    can_delete = False
    fields = ["organisatie", "team", "rol"]
    # Every user has exactly one role; without it she could not be scoped to an organisation.
    min_num = 1
    validate_min = True

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in {"organisatie", "team"}:
            field.queryset = policy.zichtbaar(request.user, field.queryset)
            if db_field.name == "organisatie" and not policy.is_globale_beheerder(request.user):
                field.required = True
                field.empty_label = None
        return field


class MedewerkerProfielInline(PolicyInlineMixin, admin.StackedInline):
    model = MedewerkerProfiel
    can_delete = False


@admin.register(User)
class UserAdmin(PolicyAdminMixin, DjangoUserAdmin):
    inlines = [LidmaatschapInline, MedewerkerProfielInline]
    list_display = ["username", "first_name", "last_name", "rol_label", "organisatie_label", "is_active"]
    list_select_related = ["lidmaatschap__organisatie"]
    list_filter = ["is_active", "lidmaatschap__rol"]
    # Rights come from the membership and the policy, not from Django's groups and permissions.
    form = GebruikerWijzigenForm
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (
            _("Status"),
            {"fields": ("is_active", "vertrek", "last_login", "date_joined", "sessies_beeindigd_op")},
        ),
    )
    readonly_fields = ["vertrek", "last_login", "date_joined", "sessies_beeindigd_op"]
    actions = ["tweede_factor_resetten"]

    @admin.action(description=_("Reset second factor (lost phone): the user sets it up again at next login"))
    def tweede_factor_resetten(self, request, queryset):
        # A step of its own: who, and why (written to the access log), before anything happens.
        users = list(queryset)
        reden = request.POST.get("reden", "").strip()
        fout = ""
        if request.POST.get("bevestigd"):
            fout = services.resetreden_fout(reden)  # the service's rule, asked before anything happens
        if not request.POST.get("bevestigd") or fout:
            return TemplateResponse(
                request,
                "admin/accounts/user/tweede_factor_resetten.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Reset second factor"),
                    "users": users,
                    "reden": reden[:255],
                    "fout": fout,
                    "opts": self.model._meta,
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                },
                status=400 if fout else 200,
            )
        for user in users:
            services.tweede_factor_resetten(request=request, user=user, reden=reden)
        self.message_user(
            request,
            ngettext(
                "Second factor reset for %(count)d user. Every session of theirs has ended: they log in "
                "with their password again and then set up a new authenticator.",
                "Second factor reset for %(count)d users. Every session of theirs has ended: they log in "
                "with their password again and then set up a new authenticator.",
                len(users),
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data:
            if obj.is_active:
                services.gebruiker_gereactiveerd(request=request, user=obj)
            else:
                services.gebruiker_gedeactiveerd(request=request, user=obj)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            # Saved: Django's session hash already ends every other session of hers; this logs it.
            services.wachtwoord_gewijzigd(request=request, user=self.get_object(request, id))
        return response

    @admin.display(description=_("Departure"))
    def vertrek(self, obj):
        werk = vertrek.lopend_werk(obj) if obj.is_active else []
        if not werk:
            return _("No running work to hand over.") if obj.is_active else "—"
        return format_html_join(
            " ",
            '<a href="{}">{}</a>',
            (
                (
                    reverse(bron.url_naam, args=[obj.pk]),
                    _("Report departure (%(aantal)s running)") % {"aantal": n},
                )
                for bron, n in werk
            ),
        )

    @admin.display(description=_("role"))
    def rol_label(self, obj):
        lid = getattr(obj, "lidmaatschap", None)
        return lid.get_rol_display() if lid else "—"

    @admin.display(description=_("organisation"))
    def organisatie_label(self, obj):
        lid = getattr(obj, "lidmaatschap", None)
        return (lid.organisatie or _("all organisations")) if lid else "—"


def keuzevakjes(veld, keuzes):
    """An ArrayField of choices as checkboxes (issue 13) instead of a comma-separated code list."""
    return forms.TypedMultipleChoiceField(
        label=veld.verbose_name,
        choices=keuzes,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=veld.help_text,
    )


# The admin builds the Meta (model and fields) around these forms.
class OrganisatieForm(forms.ModelForm):
    certificeringen = keuzevakjes(Organisatie._meta.get_field("certificeringen"), Certificering.choices)


class MedewerkerProfielForm(forms.ModelForm):
    trainingsmodules = keuzevakjes(
        MedewerkerProfiel._meta.get_field("trainingsmodules"), Trainingsmodule.choices
    )


@admin.register(Organisatie)
class OrganisatieAdmin(PolicyAdminMixin, admin.ModelAdmin):
    form = OrganisatieForm
    list_display = ["naam", "soort", "plaats", "gemeentecode", "actief"]
    list_filter = ["soort", "actief"]
    search_fields = ["naam", "plaats"]

    def has_add_permission(self, request):
        return policy.is_globale_beheerder(request.user)


@admin.register(Team)
class TeamAdmin(PolicyAdminMixin, admin.ModelAdmin):
    organisatie_veld = "organisatie"
    list_display = ["naam", "soort", "organisatie"]
    list_select_related = ["organisatie"]


@admin.register(MedewerkerProfiel)
class MedewerkerProfielAdmin(PolicyAdminMixin, admin.ModelAdmin):
    form = MedewerkerProfielForm
    list_display = [
        "user",
        "kckz_geldig_tot",
        "vog_datum",
        "basistraining_datum",
        "jaren_ervaring",
        "nachtbeschikbaar",
    ]
    list_select_related = ["user"]
    search_fields = ["user__first_name", "user__last_name", "kckz_nummer"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "user":
            field.queryset = policy.zichtbaar(request.user, field.queryset)
        return field
