from django.urls import path

from . import views

app_name = "bewaring"
urlpatterns = [
    path("trajecten/<int:pk>/rechten/", views.RechtenView.as_view(), name="rechten"),
    path("trajecten/<int:pk>/rechten/inzage/", views.InzageAanvragenView.as_view(), name="inzage"),
    path(
        "trajecten/<int:pk>/rechten/correcties/nieuw/",
        views.CorrectieverzoekNieuwView.as_view(),
        name="correctieverzoek_nieuw",
    ),
    path(
        "trajecten/<int:pk>/rechten/correcties/<int:verzoek_pk>/besluiten/",
        views.CorrectieverzoekBeslissenView.as_view(),
        name="correctieverzoek_beslissen",
    ),
    path("trajecten/<int:pk>/rechten/wissen/", views.WissenView.as_view(), name="wissen"),
]
