"""Friendly Dutch error pages that leak nothing."""

import pytest
from django.test import Client, override_settings
from django.urls import path

from core.storingen import server_error


def kapot(request):
    raise RuntimeError("geheime interne fout met BSN 123456782")


urlpatterns = [path("kapot/", kapot)]
handler500 = server_error


def test_404_is_dutch_and_shows_no_url_list(client, db):
    response = client.get("/bestaat-niet/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Pagina niet gevonden" in body
    assert "urlpatterns" not in body
    assert "bestaat-niet" not in body


@override_settings(ROOT_URLCONF=__name__)
def test_500_is_dutch_and_leaks_nothing(db):
    client = Client(raise_request_exception=False)
    response = client.get("/kapot/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in body
    assert "123456782" not in body
    assert "RuntimeError" not in body


def test_403_page_names_no_reason(client, login, gebruikers):
    login(client, gebruikers["medewerker"])
    response = client.get("/beheer/toegangslog/")
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


@pytest.mark.parametrize("header", ["Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"])
def test_security_headers_are_sent(client, db, header):
    response = client.get("/account/login/")
    assert response.has_header(header)


def test_csp_allows_only_our_own_origin(client, db):
    csp = client.get("/account/login/")["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
