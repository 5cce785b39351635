from django.urls import path

from . import urls_zorg
from .views import aanmelding, afsluiting, bezoeken, dossier, gezin, indicatie, plan, signalen, team, vertrek

app_name = "trajecten"
urlpatterns = [
    path("trajecten/", dossier.TrajectLijstView.as_view(), name="lijst"),
    path("aanmeldingen/nieuw/", aanmelding.AanmeldingNieuwView.as_view(), name="aanmelding_nieuw"),
    path("trajecten/<int:pk>/", dossier.TrajectDetailView.as_view(), name="detail"),
    path("trajecten/<int:pk>/accepteren/", aanmelding.AccepterenView.as_view(), name="accepteren"),
    path("trajecten/<int:pk>/afwijzen/", aanmelding.AfwijzenView.as_view(), name="afwijzen"),
    path("trajecten/<int:pk>/annuleren/", afsluiting.AnnulerenView.as_view(), name="annuleren"),
    path("trajecten/<int:pk>/intake/", aanmelding.IntakeView.as_view(), name="intake"),
    path(
        "trajecten/<int:pk>/indicatie-aanvragen/",
        indicatie.IndicatieAanvragenView.as_view(),
        name="indicatie_aanvragen",
    ),
    path("trajecten/<int:pk>/regie/", team.RegieView.as_view(), name="regie"),
    path("trajecten/<int:pk>/team/", team.TeamView.as_view(), name="team"),
    path("trajecten/<int:pk>/geboorte/", gezin.GeboorteView.as_view(), name="geboorte"),
    path(
        "trajecten/<int:pk>/toewijzingen/<int:toewijzing_pk>/beeindigen/",
        team.ToewijzingBeeindigenView.as_view(),
        name="toewijzing_beeindigen",
    ),
    path("trajecten/<int:pk>/starten/", team.StartenView.as_view(), name="starten"),
    path(
        "trajecten/<int:pk>/toewijzingen/<int:toewijzing_pk>/eerste-aanspreekpunt/",
        team.EersteAanspreekpuntView.as_view(),
        name="eerste_aanspreekpunt",
    ),
    path("trajecten/<int:pk>/plan/", plan.PlanView.as_view(), name="plan"),
    path("trajecten/<int:pk>/signalen/nieuw/", signalen.SignaalNieuwView.as_view(), name="signaal_nieuw"),
    path(
        "trajecten/<int:pk>/signalen/<int:signaal_pk>/meldcode/",
        signalen.MeldcodeView.as_view(),
        name="meldcode",
    ),
    path(
        "trajecten/<int:pk>/signalen/<int:signaal_pk>/afronden/",
        signalen.SignaalAfrondenView.as_view(),
        name="signaal_afronden",
    ),
    path(
        "trajecten/<int:pk>/afsluiting/voorstellen/",
        afsluiting.AfsluitingVoorstellenView.as_view(),
        name="afsluiting_voorstellen",
    ),
    path("trajecten/<int:pk>/afsluiten/", afsluiting.AfsluitenView.as_view(), name="afsluiten"),
    path(
        "trajecten/<int:pk>/bezoeken/nieuw/", bezoeken.HuisbezoekNieuwView.as_view(), name="huisbezoek_nieuw"
    ),
    path(
        "trajecten/<int:pk>/bezoeken/<int:bezoek_pk>/corrigeren/",
        bezoeken.HuisbezoekCorrigerenView.as_view(),
        name="huisbezoek_corrigeren",
    ),
    path("trajecten/<int:pk>/budget/", bezoeken.BudgetUitzonderingView.as_view(), name="budget_uitzondering"),
    path("trajecten/<int:pk>/verhuizing/", gezin.VerhuizingView.as_view(), name="verhuizing"),
    path("trajecten/<int:pk>/baby/", gezin.BabyToevoegenView.as_view(), name="baby_toevoegen"),
    path("trajecten/<int:pk>/bsn/", gezin.BsnToevoegenView.as_view(), name="bsn_toevoegen"),
    path("beheer/medewerkers/<int:pk>/uit-dienst/", vertrek.UitDienstView.as_view(), name="uit_dienst"),
]

# The family-network plan and evaluations keep their URLs in their own module.
urlpatterns += urls_zorg.urlpatterns
