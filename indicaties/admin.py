from django.contrib import admin

from core import policy
from core.admin import PolicyAdminMixin, PolicyInlineMixin

from .models import Contract, Criterium, Voorziening


@admin.register(Contract)
class ContractAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["gemeente", "aanbieder", "uurtarief", "geldig_van", "geldig_tot"]
    list_select_related = ["gemeente", "aanbieder"]
    list_filter = ["gemeente", "aanbieder"]

    # Both parties' beheerders read their contracts; tariffs are set centrally.
    def has_add_permission(self, request):
        return policy.is_globale_beheerder(request.user)

    def has_change_permission(self, request, obj=None):
        return policy.is_globale_beheerder(request.user)


class CriteriumInline(PolicyInlineMixin, admin.TabularInline):
    model = Criterium
    extra = 0
    alleen_globaal = True


@admin.register(Voorziening)
class VoorzieningAdmin(PolicyAdminMixin, admin.ModelAdmin):
    """The preceding provisions table (seed 001): data a global beheerder keeps current."""

    list_display = ["naam", "kosten_omschrijving", "prijspeil", "actief"]
    inlines = [CriteriumInline]

    def has_add_permission(self, request):
        return policy.is_globale_beheerder(request.user)

    def has_change_permission(self, request, obj=None):
        return policy.is_globale_beheerder(request.user)
