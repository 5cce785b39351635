"""The home keeps its historical URL name ``core:home`` (linked from templates, settings and every app):
config/urls.py mounts these patterns in the core namespace, above core's own."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
]
