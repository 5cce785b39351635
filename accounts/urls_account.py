from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("account/wachtwoord/", views.WachtwoordWijzigenView.as_view(), name="wachtwoord_wijzigen"),
]
