"""A second URL configuration for tests/core/test_urlweergave.py: the same name at another path."""

from django.http import HttpResponse
from django.urls import include, path

urlpatterns = [
    path("ergens-anders/", include(([path("", lambda request: HttpResponse(), name="lijst")], "trajecten"))),
]
