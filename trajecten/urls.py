from django.urls import path

from . import urls_zorg, views, views_gezin, views_vertrek

app_name = "trajecten"
urlpatterns = [
    path("trajecten/", views.TrajectLijstView.as_view(), name="lijst"),
    path("aanmeldingen/nieuw/", views.AanmeldingNieuwView.as_view(), name="aanmelding_nieuw"),
    path("trajecten/<int:pk>/", views.TrajectDetailView.as_view(), name="detail"),
    path("trajecten/<int:pk>/accepteren/", views.AccepterenView.as_view(), name="accepteren"),
    path("trajecten/<int:pk>/afwijzen/", views.AfwijzenView.as_view(), name="afwijzen"),
    path("trajecten/<int:pk>/annuleren/", views.AnnulerenView.as_view(), name="annuleren"),
    path("trajecten/<int:pk>/intake/", views.IntakeView.as_view(), name="intake"),
    path(
        "trajecten/<int:pk>/indicatie-aanvragen/",
        views.IndicatieAanvragenView.as_view(),
        name="indicatie_aanvragen",
    ),
    path("trajecten/<int:pk>/regie/", views.RegieView.as_view(), name="regie"),
    path("trajecten/<int:pk>/team/", views.TeamView.as_view(), name="team"),
    path("trajecten/<int:pk>/geboorte/", views.GeboorteView.as_view(), name="geboorte"),
    path(
        "trajecten/<int:pk>/toewijzingen/<int:toewijzing_pk>/beeindigen/",
        views.ToewijzingBeeindigenView.as_view(),
        name="toewijzing_beeindigen",
    ),
    path("trajecten/<int:pk>/starten/", views.StartenView.as_view(), name="starten"),
    path(
        "trajecten/<int:pk>/toewijzingen/<int:toewijzing_pk>/eerste-aanspreekpunt/",
        views.EersteAanspreekpuntView.as_view(),
        name="eerste_aanspreekpunt",
    ),
    path("trajecten/<int:pk>/plan/", views.PlanView.as_view(), name="plan"),
    path("trajecten/<int:pk>/signalen/nieuw/", views.SignaalNieuwView.as_view(), name="signaal_nieuw"),
    path(
        "trajecten/<int:pk>/signalen/<int:signaal_pk>/meldcode/",
        views.MeldcodeView.as_view(),
        name="meldcode",
    ),
    path(
        "trajecten/<int:pk>/signalen/<int:signaal_pk>/afronden/",
        views.SignaalAfrondenView.as_view(),
        name="signaal_afronden",
    ),
    path(
        "trajecten/<int:pk>/afsluiting/voorstellen/",
        views.AfsluitingVoorstellenView.as_view(),
        name="afsluiting_voorstellen",
    ),
    path("trajecten/<int:pk>/afsluiten/", views.AfsluitenView.as_view(), name="afsluiten"),
    path("trajecten/<int:pk>/bezoeken/nieuw/", views.HuisbezoekNieuwView.as_view(), name="huisbezoek_nieuw"),
    path(
        "trajecten/<int:pk>/bezoeken/<int:bezoek_pk>/corrigeren/",
        views.HuisbezoekCorrigerenView.as_view(),
        name="huisbezoek_corrigeren",
    ),
    path("trajecten/<int:pk>/budget/", views.BudgetUitzonderingView.as_view(), name="budget_uitzondering"),
    path("trajecten/<int:pk>/verhuizing/", views_gezin.VerhuizingView.as_view(), name="verhuizing"),
    path("trajecten/<int:pk>/baby/", views_gezin.BabyToevoegenView.as_view(), name="baby_toevoegen"),
    path("trajecten/<int:pk>/bsn/", views_gezin.BsnToevoegenView.as_view(), name="bsn_toevoegen"),
    path("beheer/medewerkers/<int:pk>/uit-dienst/", views_vertrek.UitDienstView.as_view(), name="uit_dienst"),
]

# The family-network plan and evaluations keep their URLs in their own module.
urlpatterns += urls_zorg.urlpatterns
