"""URLs of the family-network plan and evaluations (issue 4); part of the "trajecten" namespace."""

from django.urls import path

from .views import evaluaties, plan

urlpatterns: list = [
    path(
        "trajecten/<int:pk>/netwerk/nieuw/",
        plan.NetwerkLidNieuwView.as_view(),
        name="netwerk_lid_nieuw",
    ),
    path(
        "trajecten/<int:pk>/netwerk/<int:lid_pk>/wijzigen/",
        plan.NetwerkLidWijzigenView.as_view(),
        name="netwerk_lid_wijzigen",
    ),
    path(
        "trajecten/<int:pk>/netwerk/<int:lid_pk>/verwijderen/",
        plan.NetwerkLidVerwijderenView.as_view(),
        name="netwerk_lid_verwijderen",
    ),
    path(
        "trajecten/<int:pk>/netwerk/afspraak/",
        plan.NetwerkAfspraakView.as_view(),
        name="netwerk_afspraak",
    ),
    path(
        "trajecten/<int:pk>/netwerk/afdrukken/",
        plan.NetwerkAfdrukkenView.as_view(),
        name="netwerk_afdrukken",
    ),
    path(
        "trajecten/<int:pk>/evaluaties/plannen/",
        evaluaties.EvaluatiesPlannenView.as_view(),
        name="evaluatie_plannen",
    ),
    path(
        "trajecten/<int:pk>/evaluaties/nieuw/",
        evaluaties.EvaluatieNieuwView.as_view(),
        name="evaluatie_nieuw",
    ),
    path(
        "trajecten/<int:pk>/evaluaties/<int:evaluatie_pk>/vastleggen/",
        evaluaties.EvaluatieVastleggenView.as_view(),
        name="evaluatie_vastleggen",
    ),
]
