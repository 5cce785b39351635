"""Two-factor pages from django-two-factor-auth, without its 'disable' page: two factors are mandatory."""

from django.urls import path
from two_factor import views as tf

app_name = "two_factor"
urlpatterns = [
    path("account/login/", tf.LoginView.as_view(), name="login"),
    path("account/tweede-factor/instellen/", tf.SetupView.as_view(), name="setup"),
    path("account/tweede-factor/qrcode/", tf.QRGeneratorView.as_view(), name="qr"),
    path("account/tweede-factor/ingesteld/", tf.SetupCompleteView.as_view(), name="setup_complete"),
    path("account/tweede-factor/herstelcodes/", tf.BackupTokensView.as_view(), name="backup_tokens"),
    path("account/beveiliging/", tf.ProfileView.as_view(), name="profile"),
]
