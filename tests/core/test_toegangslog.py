"""The access log (NEN 7513): append-only in the database, written by one helper, searchable by beheerders."""

from datetime import UTC, datetime

import pytest
from django.db import InternalError, ProgrammingError, connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.constants import Rol
from core.constants import Gebeurtenis, Uitkomst
from core.models import Toegangslog
from core.toegangslog import log_toegang
from core.views import ToegangslogView
from tests.factories import ToegangslogFactory

URL = reverse("core:toegangslog")


@pytest.mark.django_db
def test_database_refuses_to_change_a_log_row():
    regel = ToegangslogFactory()
    with pytest.raises((InternalError, ProgrammingError)), transaction.atomic():
        Toegangslog.objects.filter(pk=regel.pk).update(omschrijving="weggepoetst")
    regel.refresh_from_db()
    assert regel.omschrijving == "gezinsdossier gelezen"


@pytest.mark.django_db
def test_database_refuses_to_delete_a_log_row_even_in_raw_sql():
    regel = ToegangslogFactory()
    with (
        pytest.raises((InternalError, ProgrammingError)),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM core_toegangslog WHERE id = %s", [regel.pk])
    assert Toegangslog.objects.filter(pk=regel.pk).exists()


@pytest.mark.django_db
def test_log_toegang_records_who_what_and_where(gebruikers, settings):
    settings.TOEGANGSLOG_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    request = RequestFactory().get("/trajecten/7/", HTTP_X_FORWARDED_FOR="198.51.100.7, 10.0.0.1")
    request.user = gebruikers["coordinator"]

    regel = log_toegang(
        request, gebeurtenis=Gebeurtenis.LEZEN, gezin_id=42, traject_id=7, omschrijving="dossier"
    )

    assert regel.gebruiker == gebruikers["coordinator"]
    assert regel.rol == Rol.COORDINATOR
    assert regel.organisatie.naam == "Kraamzorg Noord"
    assert (regel.gezin_id, regel.traject_id, regel.pad) == (42, 7, "/trajecten/7/")
    assert regel.ip_adres == "198.51.100.7"
    assert regel.uitkomst == Uitkomst.TOEGESTAAN
    assert regel.tijdstip.utcoffset().total_seconds() == 0  # stored and returned in UTC


def test_beheerder_searches_by_family_and_sees_only_her_organisation(client, login, gebruikers):
    eigen = ToegangslogFactory(organisatie=gebruikers["beheerder"].organisatie, gezin_id=501)
    ToegangslogFactory(organisatie=gebruikers["beheerder"].organisatie, gezin_id=502)
    ToegangslogFactory(organisatie=gebruikers["andere_coordinator"].organisatie, gezin_id=501)
    login(client, gebruikers["beheerder"])

    response = client.get(URL, {"gezin_id": 501})

    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [eigen]
    zoekactie = Toegangslog.objects.filter(gebruiker=gebruikers["beheerder"]).get()
    assert (zoekactie.gebeurtenis, zoekactie.gezin_id) == (Gebeurtenis.ZOEKEN, 501)


def test_beheerder_searches_by_user(client, login, gebruikers):
    ToegangslogFactory(organisatie=gebruikers["beheerder"].organisatie, gebruikersnaam="sanne")
    ToegangslogFactory(organisatie=gebruikers["beheerder"].organisatie, gebruikersnaam="fatima")
    login(client, gebruikers["beheerder"])
    response = client.get(URL, {"gebruikersnaam": " sanne "})
    assert [r.gebruikersnaam for r in response.context["page"].object_list] == ["sanne"]
    # An exact name (an index finds it among millions of rows); part of a name finds nothing.
    response = client.get(URL, {"gebruikersnaam": "san"})
    assert list(response.context["page"].object_list) == []


def test_pages_are_browsed_without_counting_the_whole_log(
    client, login, gebruikers, django_assert_max_num_queries
):
    per_pagina = ToegangslogView.paginate_by
    ToegangslogFactory.create_batch(
        per_pagina + 1, organisatie=gebruikers["beheerder"].organisatie, gebruikersnaam="sanne"
    )
    login(client, gebruikers["beheerder"])

    eerste = client.get(URL, {"gebruikersnaam": "sanne"})
    html = eerste.content.decode()
    assert len(eerste.context["page"].object_list) == per_pagina == 25
    assert "pagina=2" in html
    assert "Regels 1 tot 25" in html
    tweede = client.get(URL, {"gebruikersnaam": "sanne", "pagina": 2})
    assert len(tweede.context["page"].object_list) == 1
    assert "pagina=3" not in tweede.content.decode()
    with CaptureQueriesContext(connection) as ctx:
        client.get(URL, {"gebruikersnaam": "sanne"})
    assert not [q for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]


def test_a_day_is_a_dutch_day(client, login, gebruikers):
    """'Up to and including 1 July' includes 23:30 Dutch time that day (21:30 UTC), not the next day."""
    organisatie = gebruikers["beheerder"].organisatie
    laat = ToegangslogFactory(organisatie=organisatie, tijdstip=datetime(2026, 7, 1, 21, 30, tzinfo=UTC))
    ToegangslogFactory(
        organisatie=organisatie, tijdstip=datetime(2026, 7, 1, 22, 30, tzinfo=UTC)
    )  # 2 July NL
    login(client, gebruikers["beheerder"])
    response = client.get(URL, {"van": "2026-07-01", "tot": "2026-07-01"})
    assert list(response.context["page"].object_list) == [laat]


@pytest.mark.parametrize("invoer", ["BTZ-000004", "btz-4", " BTZ 000004 ", "000004", "4"])
def test_the_trajectory_number_is_accepted_as_people_write_it(client, login, gebruikers, invoer):
    organisatie = gebruikers["beheerder"].organisatie
    gezocht = ToegangslogFactory(organisatie=organisatie, traject_id=4)
    ToegangslogFactory(organisatie=organisatie, traject_id=40)
    login(client, gebruikers["beheerder"])

    response = client.get(URL, {"traject_id": invoer})

    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [gezocht]


@pytest.mark.parametrize(
    ("criteria", "melding"),
    [
        ({"traject_id": "BTZ-abc"}, "Vul een trajectnummer in zoals BTZ-000004"),
        ({"gezin_id": "99999999999999999999"}, "hoogstens 9223372036854775807"),
        ({"traject_id": "-4"}, "minstens 1"),
        ({"van": "9999-12-31"}, "Kies een datum tussen 1 januari 2000 en vandaag."),
        ({"gebruikersnaam": "x" * 151}, "niet meer dan 150 tekens"),
        ({"pagina": "99999999999999999999999"}, None),
    ],
)
def test_out_of_range_criteria_get_a_dutch_message_never_an_error(
    client, login, gebruikers, criteria, melding
):
    ToegangslogFactory(organisatie=gebruikers["beheerder"].organisatie)
    login(client, gebruikers["beheerder"])
    response = client.get(URL, criteria)
    assert response.status_code == 200
    if melding:
        assert melding in response.content.decode()
        assert list(response.context["page"].object_list) == []


def test_global_beheerder_sees_every_organisation(client, login, gebruikers):
    ToegangslogFactory(organisatie=gebruikers["beheerder"].organisatie)
    ToegangslogFactory(organisatie=gebruikers["andere_coordinator"].organisatie)
    login(client, gebruikers["globale_beheerder"])
    response = client.get(URL)
    assert len(response.context["page"].object_list) == 2


def test_dates_in_the_wrong_order_give_a_dutch_error_and_no_rows(client, login, gebruikers):
    ToegangslogFactory(organisatie=gebruikers["beheerder"].organisatie)
    login(client, gebruikers["beheerder"])
    response = client.get(URL, {"van": "2026-11-20", "tot": "2026-11-01"})
    assert (
        "De einddatum ligt vóór de begindatum. Kies een einddatum op of na de begindatum."
        in response.content.decode()
    )
    assert list(response.context["page"].object_list) == []


@pytest.mark.parametrize("rol", ["casemanager", "coordinator", "medewerker", "rapportage"])
def test_other_roles_are_refused_and_the_refusal_is_logged(client, login, gebruikers, rol):
    ToegangslogFactory(organisatie=gebruikers[rol].organisatie, gezin_id=77)
    login(client, gebruikers[rol])
    response = client.get(URL, {"gezin_id": 77})
    assert response.status_code == 403
    assert ">77<" not in response.content.decode()  # no log row shown (a bare "77" may be in the CSRF token)
    weigering = Toegangslog.objects.get(gebruiker=gebruikers[rol])
    assert weigering.uitkomst == Uitkomst.GEWEIGERD


def test_anonymous_is_sent_to_login_and_the_attempt_is_logged(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:login"))
    assert Toegangslog.objects.get().reden == "niet ingelogd"


def test_query_count_does_not_grow_with_rows(client, login, gebruikers):
    login(client, gebruikers["beheerder"])
    organisatie = gebruikers["beheerder"].organisatie

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx)

    ToegangslogFactory(organisatie=organisatie)
    een = queries()
    ToegangslogFactory.create_batch(3, organisatie=organisatie)
    assert queries() == een
