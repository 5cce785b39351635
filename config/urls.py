from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.urls import include, path

from core import policy

# The admin has no login of its own: everyone logs in with two factors on our login page.
admin.site.login = lambda request, extra_context=None: redirect_to_login(request.get_full_path())
admin.site.site_header = "BabythuisZorg — beheer"
admin.site.site_title = "BabythuisZorg beheer"

urlpatterns = [
    path("", include("accounts.urls")),
    path("", include("core.urls")),
    path("beheer/admin/", admin.site.urls),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

# Admin access is the policy's BEHEER action (beheerders with both factors), not Django's is_staff.
admin.site.has_permission = lambda request: policy.may(request.user, policy.BEHEER)
