"""Care delivery rules: support plan versions, visits (times, shifts, daylight saving), hours and budget."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm

from tests.factories import IndicatieFactory, ToewijzingFactory, lid
from trajecten import zorg
from trajecten.models import Huisbezoek, Ondersteuningsplan, Zorgdoel

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def actief(traject, gebruikers):
    """An active trajectory with a 12 h/week indication, the medewerker assigned, and a plan with two goals."""
    traject.status = "actief"
    traject.regie_casemanager = gebruikers["casemanager"]
    traject.save()
    vandaag = timezone.localdate()
    IndicatieFactory(
        traject=traject,
        van=vandaag - timedelta(days=60),
        tot=vandaag + timedelta(days=60),
        uren_per_week=Decimal(12),
        budget=Decimal(20000),
    )
    mw = gebruikers["toegewezen_medewerker"]
    ToewijzingFactory(
        traject=traject, medewerker=mw, van=vandaag - timedelta(days=60), eerste_aanspreekpunt=True
    )
    assign_perm("trajecten.view_traject", mw, traject)
    return traject


@pytest.fixture
def plan(actief, gebruikers, als):
    return zorg.plan_vastleggen(
        request=als(gebruikers["coordinator"]), traject=actief,
        doelen=[Zorgdoel(thema="huilgedrag", omschrijving="Moeder herkent huilsignalen", startscore=3, doelscore=7),
                Zorgdoel(thema="dagstructuur", omschrijving="Vaste tijden voor voeden en slapen", startscore=2, doelscore=6)],
        overeengekomen_op=timezone.localdate(), woorden_ouders="Ik wil weten waarom ze huilt.", gebaseerd_op_versie=None,
    )  # fmt: skip


def registreer(als, mw, traject, start, eind, voortgang=()):
    return zorg.huisbezoek_registreren(
        request=als(mw), traject=traject, soort="huisbezoek", start=start, eind=eind, themas=["huilgedrag"],
        verslag="Samen gebadderd.", voortgang=list(voortgang),
    )  # fmt: skip


def gisteren(begin, einde):
    return zorg.bezoektijden(timezone.localdate() - timedelta(days=2), begin, einde)


# --- times and shifts ---


def test_end_before_start_means_the_next_day():
    start, eind = zorg.bezoektijden(date(2026, 11, 20), time(23, 0), time(7, 0))
    assert eind.date() == date(2026, 11, 21)
    assert (eind - start) == timedelta(hours=8)


def test_night_shift_over_the_autumn_clock_change_lasts_nine_real_hours():
    start, eind = zorg.bezoektijden(date(2026, 10, 24), time(23, 0), time(7, 0))
    assert (eind - start) == timedelta(hours=9)
    assert zorg.dienst_van(start, eind) == "nacht"


def test_night_shift_over_the_spring_clock_change_lasts_seven_real_hours():
    start, eind = zorg.bezoektijden(date(2027, 3, 27), time(23, 0), time(7, 0))
    assert (eind - start) == timedelta(hours=7)


@pytest.mark.parametrize(
    ("begin", "einde", "dienst"),
    [
        (time(9, 0), time(12, 0), "dag"),
        (time(17, 0), time(21, 0), "avond"),
        (time(22, 0), time(6, 0), "nacht"),
        (time(16, 0), time(19, 0), "dag"),
    ],
)
def test_shift_is_where_most_minutes_fall(begin, einde, dienst):
    assert zorg.dienst_van(*zorg.bezoektijden(date(2026, 11, 18), begin, einde)) == dienst


# --- visits ---


def test_medewerker_logs_a_visit_with_progress_on_two_goals(actief, plan, gebruikers, als):
    doelen = list(plan.doelen.all())
    bezoek, waarschuwingen = registreer(
        als,
        gebruikers["toegewezen_medewerker"],
        actief,
        *gisteren(time(9), time(12)),
        voortgang=[(doelen[0], 5, "rustiger"), (doelen[1], 3, "")],
    )
    assert bezoek.dienst == "dag"
    assert bezoek.voortgang.count() == 2
    assert set(Zorgdoel.objects.values_list("status", flat=True)) == {"bezig"}
    assert waarschuwingen == []


def test_visit_in_the_future_is_refused(actief, gebruikers, als):
    nu = timezone.now()
    with pytest.raises(ValidationError) as fout:
        registreer(
            als, gebruikers["toegewezen_medewerker"], actief, nu - timedelta(hours=1), nu + timedelta(hours=1)
        )
    assert "toekomst" in str(fout.value)
    assert not Huisbezoek.objects.exists()


def test_visit_outside_the_indication_names_the_indicated_period(actief, gebruikers, als):
    mw = gebruikers["toegewezen_medewerker"]
    lang_geleden = timezone.localdate() - timedelta(days=200)
    with pytest.raises(ValidationError) as fout:
        registreer(als, mw, actief, *zorg.bezoektijden(lang_geleden, time(9), time(10)))
    indicatie = actief.indicaties.get()
    from django.utils.formats import date_format

    assert f"Geïndiceerd: {date_format(indicatie.van)} – {date_format(indicatie.tot)}." in str(fout.value)


def test_visit_outside_the_indication_is_refused(actief, gebruikers, als):
    dag = timezone.localdate() - timedelta(days=90)
    with pytest.raises(ValidationError) as fout:
        registreer(
            als, gebruikers["toegewezen_medewerker"], actief, *zorg.bezoektijden(dag, time(9), time(11))
        )
    assert "indicatie" in str(fout.value)


def test_visit_outside_the_assignment_is_refused(actief, gebruikers, als):
    from trajecten.models import Toewijzing

    Toewijzing.objects.filter(traject=actief).update(van=timezone.localdate() - timedelta(days=1))
    with pytest.raises(ValidationError) as fout:
        registreer(als, gebruikers["toegewezen_medewerker"], actief, *gisteren(time(9), time(11)))
    assert "niet aan dit gezin gekoppeld" in str(fout.value)


def test_unassigned_medewerker_may_not_log(actief, gebruikers, als):
    with pytest.raises(PermissionDenied):
        registreer(als, gebruikers["medewerker"], actief, *gisteren(time(9), time(11)))


def test_overlapping_visits_are_refused_with_a_message_and_by_the_database(actief, gebruikers, als):
    mw = gebruikers["toegewezen_medewerker"]
    registreer(als, mw, actief, *gisteren(time(9), time(12)))
    with pytest.raises(ValidationError) as fout:
        registreer(als, mw, actief, *gisteren(time(11), time(13)))
    assert "overlapt met uw bezoek van" in str(fout.value)
    assert "van 09:00 tot 12:00: kies een tijd ervoor of erna" in str(fout.value)
    registreer(als, mw, actief, *gisteren(time(12), time(13)))  # adjacent is fine
    start, eind = gisteren(time(9, 30), time(10))
    with pytest.raises(IntegrityError), transaction.atomic():
        Huisbezoek.objects.create(
            traject=actief, medewerker=mw, start=start, eind=eind, dienst="dag", verslag="x"
        )


def test_database_refuses_a_visit_over_24_hours_and_end_before_start(actief, gebruikers):
    mw = gebruikers["toegewezen_medewerker"]
    start = timezone.now() - timedelta(days=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Huisbezoek.objects.create(
            traject=actief,
            medewerker=mw,
            start=start,
            eind=start + timedelta(hours=25),
            dienst="dag",
            verslag="x",
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Huisbezoek.objects.create(
            traject=actief,
            medewerker=mw,
            start=start,
            eind=start - timedelta(hours=1),
            dienst="dag",
            verslag="x",
        )


def test_score_outside_1_to_10_is_refused(actief, plan, gebruikers, als):
    doel = plan.doelen.first()
    with pytest.raises(ValidationError):
        registreer(
            als,
            gebruikers["toegewezen_medewerker"],
            actief,
            *gisteren(time(9), time(10)),
            voortgang=[(doel, 11, "")],
        )
    assert not Huisbezoek.objects.exists()


def test_weekly_volume_warns_but_total_budget_blocks(actief, gebruikers, als):
    mw = gebruikers["toegewezen_medewerker"]
    maandag = timezone.localdate() - timedelta(days=timezone.localdate().weekday() + 7)  # last week
    bezoek, _waarschuwingen = registreer(als, mw, actief, *zorg.bezoektijden(maandag, time(7), time(21)))
    assert bezoek.week.boven_volume  # said in the one message about the visit's week (zorg.weekbericht)
    assert zorg.weekbericht(bezoek.week)[0] is True
    indicatie = actief.indicaties.get()
    indicatie.budget = Decimal(100)
    indicatie.save()
    with pytest.raises(ValidationError) as fout:
        registreer(als, mw, actief, *zorg.bezoektijden(maandag + timedelta(days=1), time(9), time(11)))
    assert "budget" in str(fout.value)
    zorg.budget_uitzondering_vastleggen(
        request=als(gebruikers["coordinator"]), indicatie=indicatie, reden="Opname uitgesteld"
    )
    registreer(als, mw, actief, *zorg.bezoektijden(maandag + timedelta(days=1), time(9), time(11)))


def test_hours_per_week_against_the_indication_by_shift(actief, gebruikers, als):
    mw = gebruikers["toegewezen_medewerker"]
    dag = timezone.localdate() - timedelta(days=2)
    registreer(als, mw, actief, *zorg.bezoektijden(dag, time(9), time(12)))
    registreer(als, mw, actief, *zorg.bezoektijden(dag, time(23), time(1)))
    week = zorg.deze_week(actief, dag)
    assert week.geleverd == Decimal("5.00")
    assert week.per_dienst["dag"] == Decimal("3.00")
    assert week.per_dienst["nacht"] == Decimal("2.00")
    assert week.geindiceerd == Decimal("12.00")
    assert week.over == Decimal("7.00")


def test_correction_is_a_new_version_and_the_old_one_stays(actief, gebruikers, als):
    mw = gebruikers["toegewezen_medewerker"]
    oud, _ = registreer(als, mw, actief, *gisteren(time(9), time(12)))
    nieuw = zorg.huisbezoek_corrigeren(
        request=als(mw),
        bezoek=oud,
        reden="Eindtijd verkeerd",
        start=oud.start,
        eind=oud.start + timedelta(hours=2),
        themas=[],
        verslag="x",
        voortgang=[],
    )
    oud.refresh_from_db()
    assert oud.vervangen
    assert nieuw.vervangt == oud
    assert zorg.actuele_bezoeken(actief).get() == nieuw
    with pytest.raises(ValidationError):
        zorg.huisbezoek_corrigeren(
            request=als(mw),
            bezoek=nieuw,
            reden="",
            start=oud.start,
            eind=oud.eind,
            themas=[],
            verslag="x",
            voortgang=[],
        )


def test_locked_visit_cannot_be_corrected_by_the_medewerker_but_by_the_coordinator(
    actief, gebruikers, als, settings
):
    mw = gebruikers["toegewezen_medewerker"]
    dag = timezone.localdate() - timedelta(days=settings.HUISBEZOEK_VERGRENDEL_DAGEN + 2)
    oud, _ = registreer(als, mw, actief, *zorg.bezoektijden(dag, time(9), time(12)))
    assert zorg.is_vergrendeld(oud)
    with pytest.raises(PermissionDenied):
        zorg.huisbezoek_corrigeren(
            request=als(mw),
            bezoek=oud,
            reden="x",
            start=oud.start,
            eind=oud.eind - timedelta(hours=1),
            themas=[],
            verslag="x",
            voortgang=[],
        )
    zorg.huisbezoek_corrigeren(
        request=als(gebruikers["coordinator"]),
        bezoek=oud,
        reden="Telefonisch gecorrigeerd",
        start=oud.start,
        eind=oud.eind - timedelta(hours=1),
        themas=[],
        verslag="x",
        voortgang=[],
    )


# --- plan ---


def test_plan_is_versioned_and_a_stale_save_is_a_conflict(actief, plan, gebruikers, als):
    nieuw = zorg.plan_vastleggen(
        request=als(gebruikers["toegewezen_medewerker"]),
        traject=actief,
        doelen=[Zorgdoel(thema="vertrouwen", omschrijving="x", startscore=4, doelscore=8)],
        overeengekomen_op=None,
        woorden_ouders="",
        gebaseerd_op_versie=1,
    )
    assert nieuw.versie == 2
    assert Ondersteuningsplan.objects.get(versie=1).doelen.count() == 2  # old version readable
    with pytest.raises(ValidationError) as fout:
        zorg.plan_vastleggen(
            request=als(gebruikers["coordinator"]),
            traject=actief,
            doelen=[Zorgdoel(thema="vertrouwen", omschrijving="y", startscore=4, doelscore=8)],
            overeengekomen_op=None,
            woorden_ouders="",
            gebaseerd_op_versie=1,
        )
    assert "nieuwere versie" in str(fout.value)
    assert Ondersteuningsplan.objects.count() == 2


def test_goal_scores_are_held_by_the_database(plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        Zorgdoel.objects.create(plan=plan, thema="veiligheid", omschrijving="x", startscore=0, doelscore=11)


def test_unassigned_medewerker_cannot_write_the_plan(actief, gebruikers, als):
    with pytest.raises(PermissionDenied):
        zorg.plan_vastleggen(
            request=als(gebruikers["medewerker"]),
            traject=actief,
            doelen=[],
            overeengekomen_op=None,
            woorden_ouders="",
            gebaseerd_op_versie=None,
        )


def test_times_are_stored_in_utc():
    start, _eind = zorg.bezoektijden(date(2026, 7, 1), time(9), time(10))
    assert start.astimezone(ZoneInfo("UTC")) == datetime(2026, 7, 1, 7, 0, tzinfo=ZoneInfo("UTC"))
    _ = lid  # factories used through fixtures


def test_medewerker_corrects_her_visit_through_the_form(client, login, actief, gebruikers, als):
    from django.urls import reverse

    mw = gebruikers["toegewezen_medewerker"]
    oud, _ = registreer(als, mw, actief, *gisteren(time(9), time(12)))
    login(client, mw)
    url = reverse("trajecten:huisbezoek_corrigeren", args=[actief.pk, oud.pk])
    assert client.get(url).context["form"].initial["begin"] == time(9)
    data = {"soort": "huisbezoek", "datum": oud.start.astimezone(AMS).date().isoformat(), "begin": "09:00",
            "einde": "11:00", "verslag": "Eindtijd verbeterd", "correctiereden": ""}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 400
    assert not Huisbezoek.objects.filter(vervangen=True).exists()
    data["correctiereden"] = "Eindtijd verkeerd ingevuld"
    assert client.post(url, data).status_code == 302
    nieuw = zorg.actuele_bezoeken(actief).get()
    assert (nieuw.vervangt, nieuw.uren) == (oud, 2.0)
    tab = client.get(reverse("trajecten:detail", args=[actief.pk]), {"tab": "bezoeken"}).content.decode()
    assert "correctie: Eindtijd verkeerd ingevuld" in tab  # the new version says it is one, and why
    assert "vervangen door een correctie" in tab  # the old one stays, marked


def test_coordinator_records_a_budget_reason_through_the_form(client, login, actief, gebruikers):
    from django.urls import reverse

    from trajecten.models import BudgetUitzondering

    login(client, gebruikers["coordinator"])
    url = reverse("trajecten:budget_uitzondering", args=[actief.pk])
    assert client.post(url, {"reden": ""}).status_code == 400
    assert client.post(url, {"reden": "Opname uitgesteld"}).status_code == 302
    assert BudgetUitzondering.objects.get().reden == "Opname uitgesteld"
    login(client, gebruikers["toegewezen_medewerker"])
    assert client.post(url, {"reden": "Zelf besloten"}).status_code == 403
    assert BudgetUitzondering.objects.count() == 1


def test_visits_tab_shows_the_newest_visits_a_page_at_a_time(client, login, actief, gebruikers):
    from django.urls import reverse

    from tests.factories import HuisbezoekFactory
    from trajecten.views.dossier import BEZOEKEN_PER_PAGINA

    mw = gebruikers["toegewezen_medewerker"]
    nu = timezone.now().replace(minute=0, second=0, microsecond=0)
    for n in range(BEZOEKEN_PER_PAGINA + 3):  # one a day, the newest yesterday
        start = nu - timedelta(days=n + 1)
        HuisbezoekFactory(traject=actief, medewerker=mw, start=start, eind=start + timedelta(hours=1))
    login(client, gebruikers["coordinator"])
    url = reverse("trajecten:detail", args=[actief.pk])
    eerste = client.get(url, {"tab": "bezoeken"})
    bezoeken = eerste.context["bezoeken"]
    assert len(bezoeken) == BEZOEKEN_PER_PAGINA
    assert bezoeken[0].start == nu - timedelta(days=1)
    assert 'href="?tab=bezoeken&amp;pagina=2"' in eerste.content.decode()
    tweede = client.get(url, {"tab": "bezoeken", "pagina": 2})
    assert [b.start for b in tweede.context["bezoeken"]] == [
        nu - timedelta(days=n + 1) for n in range(20, 23)
    ]
    assert "pagina=2" not in tweede.content.decode().split("app-pagination")[1]
    assert 'href="?tab=bezoeken&amp;pagina=1"' in tweede.content.decode()


def test_hours_of_a_closed_trajectory_show_the_weeks_the_care_ran_and_older_weeks_can_be_browsed(
    client, login, traject, gebruikers
):
    from django.urls import reverse

    from tests.factories import HuisbezoekFactory
    from trajecten.models import Afsluiting
    from trajecten.zorg import uren_per_week

    vandaag = timezone.localdate()
    van, tot = vandaag - timedelta(weeks=60), vandaag - timedelta(weeks=30)  # 31 weeks of care, long ago
    traject.status = "afgesloten"
    traject.regie_casemanager = gebruikers["casemanager"]
    traject.save()
    IndicatieFactory(traject=traject, van=van, tot=tot, uren_per_week=Decimal(12), budget=Decimal(20000))
    Afsluiting.objects.create(
        traject=traject, uitkomst="zelfredzaam", voorgesteld_door=gebruikers["coordinator"],
        afgesloten_op=datetime.combine(tot, time(12), tzinfo=AMS),
    )  # fmt: skip
    laatste = datetime.combine(tot - timedelta(days=2), time(9), tzinfo=AMS)
    HuisbezoekFactory(traject=traject, medewerker=gebruikers["toegewezen_medewerker"], start=laatste,
                      eind=laatste + timedelta(hours=3))  # fmt: skip
    login(client, gebruikers["coordinator"])
    url = reverse("trajecten:detail", args=[traject.pk])

    eerste = client.get(url, {"tab": "bezoeken"})
    weken = eerste.context["weken"]
    assert len(weken) == 12
    assert weken[-1].maandag <= tot < weken[-1].maandag + timedelta(days=7)  # ends with the care, not today
    assert sum(w.geleverd for w in weken) == Decimal(3)
    assert 'href="?tab=bezoeken&amp;weken=2"' in eerste.content.decode()
    assert "Eerdere weken" in eerste.content.decode()

    vroeg = datetime.combine(tot - timedelta(weeks=16), time(9), tzinfo=AMS)  # a visit on page 2
    HuisbezoekFactory(traject=traject, medewerker=gebruikers["toegewezen_medewerker"], start=vroeg,
                      eind=vroeg + timedelta(hours=2))  # fmt: skip
    alle = uren_per_week(traject, tot=tot)
    tweede = client.get(url, {"tab": "bezoeken", "weken": 2})
    assert tweede.context["weken"] == alle[-24:-12]  # each week's hours as the whole table counts them
    assert sum(w.geleverd for w in tweede.context["weken"]) == Decimal(2)
    assert "Latere weken" in tweede.content.decode()
    oudste = client.get(url, {"tab": "bezoeken", "weken": 99})  # beyond the oldest page: the oldest
    assert oudste.context["weken"][0].maandag == alle[0].maandag
    assert oudste.context["eerdere_weken"] is None
    assert client.get(url, {"tab": "bezoeken", "weken": "x"}).context["weken"][-1] == weken[-1]


def test_a_scored_goal_counts_its_theme_without_ticking_it(client, login, actief, plan, gebruikers):
    from django.urls import reverse

    doel = plan.doelen.get(thema="dagstructuur")
    login(client, gebruikers["toegewezen_medewerker"])
    url = reverse("trajecten:huisbezoek_nieuw", args=[actief.pk])
    formulier = client.get(url).content.decode()
    assert f'<div id="id_doel_{doel.pk}" class="app-scores">' in formulier  # buttons, not a picker
    dag = (timezone.localdate() - timedelta(days=1)).isoformat()
    data = {"soort": "huisbezoek", "datum": dag, "begin": "09:00", "einde": "10:00", "themas": ["veiligheid"],
            f"doel_{doel.pk}": "6", "verslag": "Vaste tijden voor het voeden afgesproken."}  # fmt: skip

    assert client.post(url, data).status_code == 302

    bezoek = Huisbezoek.objects.get()
    assert bezoek.themas == ["veiligheid", "dagstructuur"]
    assert [(v.doel, v.score) for v in bezoek.voortgang.all()] == [(doel, 6)]
