"""Issue 12: the visit form as a care worker reads it, and what it tells her and the coordinator."""

# ruff: noqa: F811 - the fixture `actief` is imported from test_zorg

from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from core.models import Melding
from tests.trajecten.test_zorg import actief, gisteren, registreer  # noqa: F401
from trajecten import zorg
from trajecten.models import Huisbezoek

VANDAAG = timezone.localdate()


def bezoekdata(dag, begin, einde):
    return {
        "soort": "huisbezoek",
        "datum": dag.isoformat(),
        "begin": begin,
        "einde": einde,
        "verslag": "Gebadderd.",
    }


def berichten(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_form_says_end_not_the_verb_and_prints_the_night_hint_once(client, login, actief, gebruikers):
    login(client, gebruikers["toegewezen_medewerker"])

    html = client.get(reverse("trajecten:huisbezoek_nieuw", args=[actief.pk])).content.decode()

    assert ">Einde" in html
    assert "Beëindigen" not in html
    assert html.count("valt op de volgende dag (nachtdienst)") == 1


def test_above_the_volume_the_figures_have_dutch_decimals_and_hours_left_is_never_negative(
    client,
    login,
    actief,
    gebruikers,
):
    """12 h a week indicated; 14 h in one visit of a week that is not this one."""
    mw = gebruikers["toegewezen_medewerker"]
    login(client, mw)
    dag = VANDAAG - timedelta(days=VANDAAG.weekday() + 7)  # Monday of last week

    response = client.post(
        reverse("trajecten:huisbezoek_nieuw", args=[actief.pk]), bezoekdata(dag, "07:00", "21:00")
    )

    assert response.status_code == 302
    week = dag.isocalendar().week
    zondag = dag + timedelta(days=6)
    # One message (issue 12: there were two, one about the ISO week), about the visit's own week.
    [tekst] = berichten(response)
    assert tekst == (
        f"Bezoek opgeslagen. Week {week} ({date_format(dag, 'j F')} – {date_format(zondag, 'j F Y')}): "
        "14,0 uur gegeven van 12,0 geïndiceerd voor dit gezin, 2,0 uur meer dan geïndiceerd."
    )
    assert "-2" not in tekst


def test_within_the_volume_one_message_names_the_visits_week_and_the_hours_left(
    client, login, actief, gebruikers
):
    login(client, gebruikers["toegewezen_medewerker"])
    dag = VANDAAG - timedelta(days=VANDAAG.weekday() + 7)  # Monday of last week

    response = client.post(
        reverse("trajecten:huisbezoek_nieuw", args=[actief.pk]), bezoekdata(dag, "09:00", "11:00")
    )

    assert response.status_code == 302
    [tekst] = berichten(response)
    assert tekst.startswith(f"Bezoek opgeslagen. Week {dag.isocalendar().week} ({date_format(dag, 'j F')} – ")
    assert "nog 10,0 van 12,0 geïndiceerde uur over voor dit gezin" in tekst


def test_the_home_says_hours_more_than_indicated_instead_of_negative_hours_left(
    client, login, actief, gebruikers, als
):
    mw = gebruikers["toegewezen_medewerker"]
    actief.indicaties.update(uren_per_week=Decimal("0.5"))
    start = timezone.now().astimezone(zorg.AMSTERDAM).replace(hour=0, minute=5, second=0, microsecond=0)
    start = start - timedelta(days=start.weekday())  # this week's Monday
    if timezone.now() - start < timedelta(hours=1):
        pytest.skip("the first hour of the week: no visit of an hour has ended yet")
    registreer(als, mw, actief, start, start + timedelta(hours=1))
    login(client, mw)

    html = client.get(reverse("core:home")).content.decode()

    assert "0,5</strong> uur meer dan geïndiceerd deze week" in html
    assert "-0,5" not in html


def test_a_night_shift_on_an_indication_without_nights_gets_a_clear_word(actief, gebruikers, als):
    assert not actief.indicaties.get().nachten
    with translation.override("nl"):
        _bezoek, waarschuwingen = registreer(
            als, gebruikers["toegewezen_medewerker"], actief, *gisteren(time(23), time(7))
        )
    assert any("de indicatie omvat geen nachten" in w for w in waarschuwingen)
    actief.indicaties.update(nachten=True)
    _bezoek, waarschuwingen = registreer(
        als,
        gebruikers["toegewezen_medewerker"],
        actief,
        *zorg.bezoektijden(VANDAAG - timedelta(days=4), time(23), time(7)),
    )
    assert not any("nachten" in w or "nights" in w for w in waarschuwingen)


def test_a_visit_logged_long_after_the_fact_is_flagged_to_the_coordinator(actief, gebruikers, als):
    mw = gebruikers["toegewezen_medewerker"]
    registreer(als, mw, actief, *zorg.bezoektijden(VANDAAG - timedelta(days=14), time(9), time(11)))
    assert not Melding.objects.exists()  # 14 days: in time

    with translation.override("nl"):
        _bezoek, waarschuwingen = registreer(
            als, mw, actief, *zorg.bezoektijden(VANDAAG - timedelta(days=40), time(9), time(11))
        )

    melding = Melding.objects.get()
    assert melding.gebruiker == gebruikers["coordinator"]
    assert "40 dagen later geregistreerd" in melding.tekst
    assert actief.nummer in melding.tekst
    assert any("40 dagen geleden" in w for w in waarschuwingen)


@pytest.fixture
def vergrendeld(actief, gebruikers, als):
    bezoek, _ = registreer(
        als,
        gebruikers["toegewezen_medewerker"],
        actief,
        *zorg.bezoektijden(VANDAAG - timedelta(days=10), time(9), time(11)),
    )
    assert zorg.is_vergrendeld(bezoek)
    return bezoek


def test_a_locked_visit_offers_no_correction_to_the_care_worker(
    client, login, actief, gebruikers, vergrendeld
):
    login(client, gebruikers["toegewezen_medewerker"])
    url = reverse("trajecten:huisbezoek_corrigeren", args=[actief.pk, vergrendeld.pk])

    tab = client.get(reverse("trajecten:detail", args=[actief.pk]) + "?tab=bezoeken").content.decode()
    formulier = client.get(url)
    poging = client.post(
        url, {**bezoekdata(VANDAAG - timedelta(days=10), "09:00", "10:00"), "correctiereden": "x"}
    )

    assert url not in tab
    assert formulier.status_code == 302
    assert "vergrendeld" in " ".join(berichten(formulier))
    assert "coördinator" in " ".join(berichten(formulier))
    assert poging.status_code == 302
    assert Huisbezoek.objects.count() == 1  # nothing changed


def test_the_coordinator_still_corrects_a_locked_visit(client, login, actief, gebruikers, vergrendeld):
    login(client, gebruikers["coordinator"])
    url = reverse("trajecten:huisbezoek_corrigeren", args=[actief.pk, vergrendeld.pk])

    tab = client.get(reverse("trajecten:detail", args=[actief.pk]) + "?tab=bezoeken").content.decode()

    assert url in tab
    assert client.get(url).status_code == 200
    assert vergrendeld.uren == Decimal("2") or vergrendeld.uren == 2
