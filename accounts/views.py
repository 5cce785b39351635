from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core import policy
from core.views import PolicyMixin

from . import services


class WachtwoordWijzigenView(PolicyMixin, auth_views.PasswordChangeView):
    """Her own new password. Django's PasswordChangeView keeps this session (update_session_auth_hash);
    every other session of hers ends, because the session hash follows the password."""

    actie = policy.ACCOUNT_BEVEILIGING
    template_name = "accounts/wachtwoord_wijzigen.html"
    success_url = reverse_lazy("two_factor:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.wachtwoord_gewijzigd(request=self.request, user=form.user)
        messages.success(
            self.request,
            _("Your password has been changed. You have been logged out everywhere else."),
        )
        return response
