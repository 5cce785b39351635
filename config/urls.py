from django.contrib import admin
from django.urls import include, path

from core import urls as core_urls
from werkplek import urls as werkplek_urls

urlpatterns = [
    path("", include("accounts.urls")),
    path("", include("accounts.urls_account")),
    # The home (werkplek, the top app) keeps its name core:home: one namespace with core's own pages.
    path("", include((werkplek_urls.urlpatterns + core_urls.urlpatterns, core_urls.app_name))),
    path("", include("trajecten.urls")),
    path("", include("trajecten.urls_indicaties")),  # namespace "indicaties"
    path("", include("ketenpartners.urls")),
    path("", include("rapportage.urls")),
    path("", include("bewaring.urls")),
    path("beheer/admin/", admin.site.urls),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
# Renders without the database; an unreachable database is answered with a Dutch 503 (core.storingen).
handler500 = "core.storingen.server_error"
