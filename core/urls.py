from django.urls import path

from . import gezondheid, views

# The home ("core:home") is werkplek.urls, mounted in this namespace by config/urls.py.
app_name = "core"
urlpatterns = [
    path("beheer/toegangslog/", views.ToegangslogView.as_view(), name="toegangslog"),
    path("account/logout/", views.LogoutView.as_view(), name="logout"),
    path("meldingen/<int:pk>/", views.MeldingView.as_view(), name="melding"),
    path("gezondheid/", gezondheid.GezondheidView.as_view(), name="gezondheid"),
    path("gezondheid/gereed/", gezondheid.GereedView.as_view(), name="gezondheid_gereed"),
    path("gezondheid/leeft/", gezondheid.LeeftView.as_view(), name="gezondheid_leeft"),
]
