from django.contrib import admin

from core import policy
from core.admin import PolicyAdminMixin

from .models import Regio


@admin.register(Regio)
class RegioAdmin(PolicyAdminMixin, admin.ModelAdmin):
    """Regions (issue 13): named groups of municipalities, kept by a national beheerder."""

    list_display = ["naam"]
    search_fields = ["naam"]
    filter_horizontal = ["gemeenten"]

    def has_add_permission(self, request):
        return policy.is_globale_beheerder(request.user)

    def has_change_permission(self, request, obj=None):
        return policy.is_globale_beheerder(request.user)
