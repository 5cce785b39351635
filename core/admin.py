from django.contrib import admin

from . import policy
from .models import Toegangslog


class PolicyAdminMixin:
    """Admin access through the one policy: beheerders only, and only rows of their own organisation
    unless they are global. ``organisatie_veld`` names the foreign key a non-global beheerder is bound to."""

    organisatie_veld: str | None = None

    def get_queryset(self, request):
        return policy.zichtbaar(request.user, super().get_queryset(request))

    def has_module_permission(self, request):
        return policy.may(request.user, policy.BEHEER)

    def has_view_permission(self, request, obj=None):
        return policy.may(request.user, policy.BEHEER)

    def has_add_permission(self, request):
        return policy.may(request.user, policy.BEHEER)

    def has_change_permission(self, request, obj=None):
        return policy.may(request.user, policy.BEHEER)

    def has_delete_permission(self, request, obj=None):
        return policy.is_globale_beheerder(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == self.organisatie_veld and not policy.is_globale_beheerder(request.user):
            eigen = policy.lidmaatschap_van(request.user).organisatie_id
            field.queryset = field.queryset.filter(pk=eigen)
            field.required = True
            field.empty_label = None
        elif db_field.remote_field.model._meta.label in policy._BEHEER_SCOPE_PATHS:
            field.queryset = policy.zichtbaar(request.user, field.queryset)
        return field


class PolicyInlineMixin:
    """Inlines follow the same policy as their parent admin; ``alleen_globaal`` for reference data."""

    alleen_globaal = False

    def _mag(self, request):
        if self.alleen_globaal:
            return policy.is_globale_beheerder(request.user)
        return policy.may(request.user, policy.BEHEER)

    def has_add_permission(self, request, obj=None):
        return self._mag(request)

    def has_change_permission(self, request, obj=None):
        return self._mag(request)

    def has_view_permission(self, request, obj=None):
        return self._mag(request)

    def has_delete_permission(self, request, obj=None):
        return self.alleen_globaal and self._mag(request)


@admin.register(Toegangslog)
class ToegangslogAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = [
        "tijdstip",
        "gebruikersnaam",
        "rol",
        "organisatie",
        "gebeurtenis",
        "uitkomst",
        "gezin_id",
        "pad",
    ]
    list_filter = ["gebeurtenis", "uitkomst"]
    search_fields = ["gebruikersnaam", "=gezin_id", "=traject_id"]
    list_select_related = ["organisatie"]

    # Append-only: nobody adds, changes or deletes a row (the database trigger agrees).
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
