from django.urls import path

from . import views, views_kaart, views_overdracht

app_name = "ketenpartners"
urlpatterns = [
    path("sociale-kaart/", views_kaart.ZoekenView.as_view(), name="zoeken"),
    path("sociale-kaart/<int:pk>/", views_kaart.KetenpartnerView.as_view(), name="detail"),
    path("sociale-kaart/<int:pk>/bijwerken/", views_kaart.BijwerkenView.as_view(), name="bijwerken"),
    path("ketenoverzicht/", views_kaart.KetenoverzichtView.as_view(), name="ketenoverzicht"),
    path("trajecten/<int:pk>/ketenpartners/", views.TrajectKetenView.as_view(), name="traject"),
    path(
        "trajecten/<int:pk>/ketenpartners/nieuw/",
        views.BetrokkenheidNieuwView.as_view(),
        name="betrokkenheid_nieuw",
    ),
    path(
        "trajecten/<int:pk>/ketenpartners/<int:betrokkenheid_pk>/beeindigen/",
        views.BetrokkenheidBeeindigenView.as_view(),
        name="betrokkenheid_beeindigen",
    ),
    path(
        "trajecten/<int:pk>/toestemmingen/nieuw/",
        views.ToestemmingNieuwView.as_view(),
        name="toestemming_nieuw",
    ),
    path(
        "trajecten/<int:pk>/toestemmingen/<int:toestemming_pk>/intrekken/",
        views.ToestemmingIntrekkenView.as_view(),
        name="toestemming_intrekken",
    ),
    path(
        "trajecten/<int:pk>/overdrachten/nieuw/",
        views_overdracht.OverdrachtNieuwView.as_view(),
        name="overdracht_nieuw",
    ),
    path(
        "trajecten/<int:pk>/overdrachten/<int:overdracht_pk>/",
        views_overdracht.OverdrachtView.as_view(),
        name="overdracht",
    ),
    path(
        "trajecten/<int:pk>/overdrachten/<int:overdracht_pk>/delen/",
        views_overdracht.OverdrachtDelenView.as_view(),
        name="overdracht_delen",
    ),
]
