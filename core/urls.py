from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("beheer/toegangslog/", views.ToegangslogView.as_view(), name="toegangslog"),
    path("account/logout/", views.LogoutView.as_view(), name="logout"),
    path("meldingen/<int:pk>/", views.MeldingView.as_view(), name="melding"),
]
