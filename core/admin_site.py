from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render

from . import policy
from .constants import Gebeurtenis
from .toegangslog import log_toegang
from .views import schrijfverzoek_atomair


class BeheerSite(admin.AdminSite):
    """The Django admin for functioneel beheerders, behind the same policy and two-factor login."""

    site_header = "BabythuisZorg — beheer"
    site_title = "BabythuisZorg beheer"
    index_title = "Functioneel beheer"

    def has_permission(self, request):
        return policy.may(request.user, policy.BEHEER)

    def login(self, request, extra_context=None):
        # No login of its own: everyone logs in with two factors on our login page.
        if self.has_permission(request):
            return redirect("admin:index")
        if request.user.is_authenticated:
            return render(request, "403.html", status=403)
        return redirect_to_login(request.GET.get("next", request.get_full_path()))

    def password_change(self, request, extra_context=None):
        """The beheerder's own new password: her other sessions end (Django's session hash follows the
        password, the admin keeps this one); written to the access log like every credential change."""
        response = super().password_change(request, extra_context)
        if request.method == "POST" and response.status_code == 302:
            log_toegang(
                request,
                gebeurtenis=Gebeurtenis.WIJZIGEN,
                obj=request.user,
                omschrijving=f"wachtwoord gewijzigd voor {request.user.username}; andere sessies beëindigd",
            )
        return response

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def wrapper(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                return render(request, "403.html", status=403)
            with schrijfverzoek_atomair(request):
                return inner(request, *args, **kwargs)

        return update_wrapper(wrapper, inner)
