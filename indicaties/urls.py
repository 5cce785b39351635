from django.urls import path

from . import views, views_voorzieningen

app_name = "indicaties"
urlpatterns = [
    path(
        "trajecten/<int:traject_pk>/voorzieningen/",
        views_voorzieningen.VoorzieningenCheckView.as_view(),
        name="voorzieningen",
    ),
    path("indicatieaanvragen/<int:pk>/beslissen/", views.AanvraagBeslissenView.as_view(), name="beslissen"),
    path("indicaties/<int:pk>/wijzigen/", views.IndicatieWijzigenView.as_view(), name="wijzigen"),
    path("indicaties/<int:pk>/beeindigen/", views.IndicatieBeeindigenView.as_view(), name="beeindigen"),
]
