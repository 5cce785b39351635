"""The URLs of the indication decisions and the provisions check. Their views act on a trajectory and
live in trajecten (indicaties sits below it); the namespace stays "indicaties", as the names always were."""

from django.urls import path

from .views import indicatie

app_name = "indicaties"
urlpatterns = [
    path(
        "trajecten/<int:traject_pk>/voorzieningen/",
        indicatie.VoorzieningenCheckView.as_view(),
        name="voorzieningen",
    ),
    path(
        "indicatieaanvragen/<int:pk>/beslissen/",
        indicatie.AanvraagBeslissenView.as_view(),
        name="beslissen",
    ),
    path("indicaties/<int:pk>/wijzigen/", indicatie.IndicatieWijzigenView.as_view(), name="wijzigen"),
    path(
        "indicaties/<int:pk>/beeindigen/",
        indicatie.IndicatieBeeindigenView.as_view(),
        name="beeindigen",
    ),
]
