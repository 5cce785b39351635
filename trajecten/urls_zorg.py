"""URLs of the family-network plan and evaluations (issue 4); part of the "trajecten" namespace."""

from django.urls import path

from . import views_zorg

urlpatterns: list = [
    path(
        "trajecten/<int:pk>/netwerk/nieuw/",
        views_zorg.NetwerkLidNieuwView.as_view(),
        name="netwerk_lid_nieuw",
    ),
    path(
        "trajecten/<int:pk>/netwerk/<int:lid_pk>/wijzigen/",
        views_zorg.NetwerkLidWijzigenView.as_view(),
        name="netwerk_lid_wijzigen",
    ),
    path(
        "trajecten/<int:pk>/netwerk/<int:lid_pk>/verwijderen/",
        views_zorg.NetwerkLidVerwijderenView.as_view(),
        name="netwerk_lid_verwijderen",
    ),
    path(
        "trajecten/<int:pk>/netwerk/afspraak/",
        views_zorg.NetwerkAfspraakView.as_view(),
        name="netwerk_afspraak",
    ),
    path(
        "trajecten/<int:pk>/netwerk/afdrukken/",
        views_zorg.NetwerkAfdrukkenView.as_view(),
        name="netwerk_afdrukken",
    ),
    path(
        "trajecten/<int:pk>/evaluaties/plannen/",
        views_zorg.EvaluatiesPlannenView.as_view(),
        name="evaluatie_plannen",
    ),
    path(
        "trajecten/<int:pk>/evaluaties/nieuw/",
        views_zorg.EvaluatieNieuwView.as_view(),
        name="evaluatie_nieuw",
    ),
    path(
        "trajecten/<int:pk>/evaluaties/<int:evaluatie_pk>/vastleggen/",
        views_zorg.EvaluatieVastleggenView.as_view(),
        name="evaluatie_vastleggen",
    ),
]
