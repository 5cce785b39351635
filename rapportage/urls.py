from django.urls import path

from . import evaluatie_views, views

app_name = "rapportage"
urlpatterns = [
    path("rapporten/", views.RapportLijstView.as_view(), name="lijst"),
    path("rapporten/periode/", views.PeriodeAanvragenView.as_view(), name="periode"),
    path("rapporten/evaluatie/", evaluatie_views.EvaluatieAanvragenView.as_view(), name="evaluatie"),
    path("rapporten/trajecten/", views.RapportageTrajectenView.as_view(), name="trajecten"),
    path("rapporten/<uuid:sleutel>/", views.RapportView.as_view(), name="detail"),
    path("rapporten/<uuid:sleutel>/opnieuw/", views.OpnieuwView.as_view(), name="opnieuw"),
    path("rapporten/<uuid:sleutel>/pdf/", views.DownloadView.as_view(), {"formaat": "pdf"}, name="pdf"),
    path("rapporten/<uuid:sleutel>/csv/", views.DownloadView.as_view(), {"formaat": "csv"}, name="csv"),
    path("rapporten/<uuid:sleutel>/json/", views.DownloadView.as_view(), {"formaat": "json"}, name="json"),
    path("trajecten/<int:pk>/rapport/", views.TrajectrapportAanvragenView.as_view(), name="trajectrapport"),
    path("trajecten/<int:pk>/netwerkplan/pdf/", views.NetwerkplanPdfView.as_view(), name="netwerkplan_pdf"),
    path(
        "trajecten/<int:pk>/overdrachten/<int:overdracht_pk>/pdf/",
        views.OverdrachtPdfView.as_view(),
        name="overdracht_pdf",
    ),
]
