from django.contrib import admin

from core import policy
from core.admin import PolicyAdminMixin, PolicyInlineMixin

from .models import Contactpersoon, Convenant, Dienst, Ketenpartner, Ondertekening


class KaartAdminMixin(PolicyAdminMixin):
    """The social map is kept by global beheerders. Others see the rows the policy's admin scope gives
    them (core.policy._BEHEER_SCOPE_PATHS): none until it names these models."""

    def get_queryset(self, request):
        if policy.is_globale_beheerder(request.user):
            return admin.ModelAdmin.get_queryset(self, request)
        return super().get_queryset(request)

    def has_add_permission(self, request):
        return policy.is_globale_beheerder(request.user)


class ContactpersoonInline(PolicyInlineMixin, admin.TabularInline):
    model = Contactpersoon
    extra = 0
    fields = ["naam", "functie", "telefoon", "email", "skj_nummer", "skj_geldig_tot", "actief"]


class OndertekeningInline(PolicyInlineMixin, admin.TabularInline):
    model = Ondertekening
    extra = 0
    alleen_globaal = True
    autocomplete_fields = ["ketenpartner"]


@admin.register(Ketenpartner)
class KetenpartnerAdmin(KaartAdminMixin, admin.ModelAdmin):
    list_display = ["organisatie", "soort", "domein", "wachttijd_dagen", "wachttijd_bijgewerkt_op"]
    list_filter = ["soort", "domein", "diensten", "gemeenten"]
    list_select_related = ["organisatie"]
    search_fields = ["organisatie__naam"]
    filter_horizontal = ["diensten", "gemeenten"]
    inlines = [ContactpersoonInline]

    def get_readonly_fields(self, request, obj=None):
        # The profile belongs to one organisation for good; only a global beheerder creates it.
        return ["organisatie"] if obj is not None else []


@admin.register(Dienst)
class DienstAdmin(KaartAdminMixin, admin.ModelAdmin):
    """Service tags: reference data for everyone, kept by global beheerders."""

    list_display = ["naam", "code"]
    search_fields = ["naam"]

    def has_change_permission(self, request, obj=None):
        return policy.is_globale_beheerder(request.user)


@admin.register(Convenant)
class ConvenantAdmin(KaartAdminMixin, admin.ModelAdmin):
    list_display = ["naam", "ingangsdatum"]
    filter_horizontal = ["gemeenten"]
    inlines = [OndertekeningInline]
