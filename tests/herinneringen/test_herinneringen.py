"""Daily reminders: what is due, who hears of it, once only, and e-mails that name no client."""

import smtplib
import threading
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.constants import Rol
from core.models import Melding
from herinneringen import services, tasks
from herinneringen.models import Herinnering
from tests.factories import (
    BabyFactory,
    EvaluatieFactory,
    IndicatieFactory,
    OuderFactory,
    SignaalFactory,
    TrajectFactory,
    lid,
)
from trajecten.signalen import ontvangers_ernstig_signaal

OP = timezone.localdate()
NL_MAANDEN = {
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
}  # fmt: skip


@pytest.fixture
def mensen(gebruikers, gemeente):
    """The conftest users plus a second casemanager of the family's municipality."""
    return {**gebruikers, "casemanager2": lid(Rol.CASEMANAGER, gemeente, username="cm2")}


def actief_traject(mensen, *, regie=None, status="actief"):
    """An active trajectory of a Groningen family with Kraamzorg Noord. Regie: the given casemanager,
    else a chain partner's SKJ professional (then all casemanagers of the municipality hear of it)."""
    traject = TrajectFactory(
        gezin__gemeente=mensen["casemanager"].organisatie,
        aanbieder=mensen["coordinator"].organisatie,
        status=status,
        regie_casemanager=regie,
        regie_naam="" if regie else "J. de Groot",
        regie_skj="" if regie else "1234567",
        gezinsleden=False,
    )
    OuderFactory(gezin=traject.gezin, voornaam="Fatima", achternaam="El Khatib")
    BabyFactory(gezin=traject.gezin, voornaam="Noor")
    return traject


def ontvangers(soort=None) -> set[str]:
    meldingen = Herinnering.objects.filter(soort=soort) if soort else Herinnering.objects.all()
    return set(meldingen.values_list("ontvanger__username", flat=True))


def oud_signaal(traject, dagen, **kwargs):
    signaal = SignaalFactory(traject=traject, ernstig=True, **kwargs)
    gemeld = timezone.now() - timedelta(days=dagen)
    type(signaal).objects.filter(pk=signaal.pk).update(gemeld_op=gemeld)
    return signaal


# --- evaluation due within 7 days -----------------------------------------------------------------


@pytest.mark.parametrize(("dagen", "herinnerd"), [(0, True), (7, True), (8, False), (-1, False)])
def test_evaluation_due_within_seven_days_is_reminded(mensen, dagen, herinnerd):
    traject = actief_traject(mensen, regie=mensen["casemanager"])
    evaluatie = EvaluatieFactory(traject=traject, gepland_op=OP + timedelta(days=dagen))

    services.herinneringen_versturen(op=OP)
    aantal = Herinnering.objects.filter(soort="evaluatie").count()

    if herinnerd:
        assert aantal == 2
        assert ontvangers("evaluatie") == {"coord", "cm"}  # the regie casemanager only, not cm2
        herinnering = Herinnering.objects.get(ontvanger=mensen["casemanager"])
        assert herinnering.onderwerp == f"evaluatie:{evaluatie.pk}:{evaluatie.gepland_op.isoformat()}"
        assert herinnering.traject_id == traject.pk
        melding = Melding.objects.get(gebruiker=mensen["coordinator"])
        assert melding.url == f"/trajecten/{traject.pk}/?tab=evaluaties"
        assert traject.nummer in melding.tekst
    else:
        assert aantal == 0
        if dagen > 0:  # the day after, it is overdue: another kind (test below)
            assert not Melding.objects.exists()
            assert mail.outbox == []


@pytest.mark.parametrize(("dagen", "herinnerd"), [(1, True), (60, True), (61, False), (0, False)])
def test_an_overdue_evaluation_is_reminded_once(mensen, dagen, herinnerd):
    traject = actief_traject(mensen, regie=mensen["casemanager"])
    EvaluatieFactory(traject=traject, gepland_op=OP - timedelta(days=dagen))

    services.herinneringen_versturen(op=OP)

    assert ontvangers("evaluatie_te_laat") == ({"coord", "cm"} if herinnerd else set())
    if herinnerd:
        with translation.override("nl"):
            tekst = Melding.objects.get(gebruiker=mensen["casemanager"]).tekst
        assert "is niet vastgelegd" in tekst
        assert date_format(OP - timedelta(days=dagen), "j F Y") in tekst
        assert services.herinneringen_versturen(op=OP) == 0  # once only
        assert services.herinneringen_versturen(op=OP + timedelta(days=1)) == 0


def test_an_evaluation_moved_to_another_day_is_reminded_again(mensen):
    traject = actief_traject(mensen, regie=mensen["casemanager"])
    evaluatie = EvaluatieFactory(traject=traject, gepland_op=OP + timedelta(days=2))
    assert services.herinneringen_versturen(op=OP) == 2
    assert services.herinneringen_versturen(op=OP) == 0
    evaluatie.gepland_op = OP + timedelta(days=5)
    evaluatie.save()
    assert services.herinneringen_versturen(op=OP) == 2


def test_held_evaluation_or_inactive_trajectory_is_not_reminded(mensen):
    traject = actief_traject(mensen, regie=mensen["casemanager"])
    EvaluatieFactory(
        traject=traject, gepland_op=OP + timedelta(days=2), gehouden_op=OP, conclusie="voortzetten"
    )
    in_intake = actief_traject(mensen, status="intake")
    EvaluatieFactory(traject=in_intake, gepland_op=OP + timedelta(days=2))

    assert services.herinneringen_versturen(op=OP) == 0


# --- indication ending within 14 days -------------------------------------------------------------


@pytest.mark.parametrize(("dagen", "herinnerd"), [(0, True), (14, True), (15, False), (-1, False)])
def test_indication_ending_within_fourteen_days_is_reminded(mensen, dagen, herinnerd):
    traject = actief_traject(mensen)  # regie by a chain partner: all casemanagers of the municipality
    IndicatieFactory(traject=traject, van=OP - timedelta(days=90), tot=OP + timedelta(days=dagen))

    services.herinneringen_versturen(op=OP)

    assert ontvangers("indicatie") == ({"coord", "cm", "cm2"} if herinnerd else set())


def test_indication_followed_by_a_later_version_or_ended_on_purpose_is_not_reminded(mensen):
    verlengd = actief_traject(mensen)
    eerste = IndicatieFactory(traject=verlengd, van=OP - timedelta(days=90), tot=OP + timedelta(days=5))
    IndicatieFactory(
        traject=verlengd,
        vorige=eerste,
        wijziging="verlengen",
        van=OP + timedelta(days=6),
        tot=OP + timedelta(days=90),
    )
    nieuw_besluit = actief_traject(mensen)
    IndicatieFactory(traject=nieuw_besluit, van=OP - timedelta(days=90), tot=OP + timedelta(days=5))
    IndicatieFactory(traject=nieuw_besluit, van=OP + timedelta(days=20), tot=OP + timedelta(days=90))
    beeindigd = actief_traject(mensen)
    IndicatieFactory(
        traject=beeindigd,
        van=OP - timedelta(days=90),
        tot=OP + timedelta(days=5),
        beeindigd_op=OP + timedelta(days=5),
    )

    assert services.herinneringen_versturen(op=OP) == 0


# --- baby turning one within 30 days --------------------------------------------------------------


@pytest.mark.parametrize(("dagen", "herinnerd"), [(0, True), (30, True), (31, False), (-1, False)])
def test_baby_turning_one_within_thirty_days_is_reminded(mensen, dagen, herinnerd):
    traject = actief_traject(mensen, regie=mensen["casemanager"])
    jarig = BabyFactory(
        gezin=traject.gezin, geboortedatum=OP + timedelta(days=dagen) - relativedelta(years=1)
    )

    services.herinneringen_versturen(op=OP)

    assert ontvangers("eerste_verjaardag") == ({"coord", "cm"} if herinnerd else set())
    if herinnerd:
        assert set(Herinnering.objects.values_list("onderwerp", flat=True)) == {f"baby:{jarig.pk}"}


def test_baby_born_on_29_february_turns_one_on_28_february(mensen):
    traject = actief_traject(mensen, regie=mensen["casemanager"])
    BabyFactory(gezin=traject.gezin, geboortedatum=date(2024, 2, 29))

    services.herinneringen_versturen(op=date(2025, 1, 28))
    assert not Herinnering.objects.exists()  # 28 February 2025 is 31 days away
    services.herinneringen_versturen(op=date(2025, 1, 29))
    assert set(Herinnering.objects.values_list("datum", flat=True)) == {date(2025, 2, 28)}


def test_baby_of_a_trajectory_that_is_not_active_is_not_reminded(mensen):
    traject = actief_traject(mensen, status="indicatie_aangevraagd")
    BabyFactory(gezin=traject.gezin, geboortedatum=OP + timedelta(days=10) - relativedelta(years=1))

    assert services.herinneringen_versturen(op=OP) == 0


# --- serious signal open longer than 2 days -------------------------------------------------------


@pytest.mark.parametrize(("dagen", "herinnerd"), [(3, True), (10, True), (1, False)])
def test_serious_signal_open_more_than_two_days_is_reminded(mensen, dagen, herinnerd):
    traject = actief_traject(mensen, regie=mensen["casemanager"])
    oud_signaal(traject, dagen)

    services.herinneringen_versturen(op=OP)

    verwacht = {u.username for u in ontvangers_ernstig_signaal(traject)} if herinnerd else set()
    assert ontvangers("signaal") == verwacht
    assert verwacht in ({"coord", "cm"}, set())
    if herinnerd:
        assert Melding.objects.filter(url=f"/trajecten/{traject.pk}/?tab=signalen").count() == 2


def test_signal_being_handled_or_not_serious_is_not_reminded(mensen):
    traject = actief_traject(mensen, regie=mensen["casemanager"])
    oud_signaal(traject, 5, status="in_behandeling")
    laag = SignaalFactory(traject=traject, ernst="laag")
    type(laag).objects.filter(pk=laag.pk).update(gemeld_op=timezone.now() - timedelta(days=5))

    assert services.herinneringen_versturen(op=OP) == 0


# --- KCKZ registration or VOG expiring within 60 days ---------------------------------------------


@pytest.mark.parametrize(("dagen", "herinnerd"), [(0, True), (60, True), (61, False), (-1, False)])
def test_kckz_registration_expiring_within_sixty_days_is_reminded(mensen, dagen, herinnerd):
    profiel = mensen["medewerker"].medewerkerprofiel
    profiel.kckz_geldig_tot = OP + timedelta(days=dagen)
    profiel.save()

    services.herinneringen_versturen(op=OP)

    # The care worker herself and her coordinator; not the other provider's coordinator, not a colleague.
    assert ontvangers("kckz") == ({"mw", "coord"} if herinnerd else set())
    if herinnerd:
        onderwerp = f"kckz:{mensen['medewerker'].pk}:{profiel.kckz_geldig_tot.isoformat()}"
        assert set(Herinnering.objects.values_list("onderwerp", flat=True)) == {onderwerp}


def test_vog_expires_after_the_providers_own_limit(mensen, aanbieder):
    aanbieder.vog_max_maanden = 12
    aanbieder.save()
    profiel = mensen["medewerker"].medewerkerprofiel
    profiel.vog_datum = OP + timedelta(days=30) - relativedelta(months=12)
    profiel.save()
    # The other provider keeps 36 months: a VOG of the same age is not expiring there.
    collega = lid(Rol.MEDEWERKER, mensen["andere_coordinator"].organisatie, username="mw.wadden")
    collega.medewerkerprofiel.vog_datum = profiel.vog_datum
    collega.medewerkerprofiel.save()

    services.herinneringen_versturen(op=OP)

    assert ontvangers("vog") == {"mw", "coord"}
    assert set(Herinnering.objects.values_list("datum", flat=True)) == {OP + timedelta(days=30)}


def test_vog_expiring_beyond_sixty_days_is_not_reminded(mensen):
    profiel = mensen["medewerker"].medewerkerprofiel
    profiel.vog_datum = OP + timedelta(days=61) - relativedelta(months=36)  # the provider's limit is 36
    profiel.save()

    assert services.herinneringen_versturen(op=OP) == 0


def test_credentials_reminder_names_the_care_worker_in_app_but_not_by_e_mail(mensen):
    medewerker = mensen["medewerker"]
    medewerker.first_name, medewerker.last_name = "Anouk", "Hoekstra"
    medewerker.save()
    profiel = medewerker.medewerkerprofiel
    profiel.kckz_geldig_tot = OP + timedelta(days=20)
    profiel.save()

    services.herinneringen_versturen(op=OP)

    assert "Anouk Hoekstra" in Melding.objects.get(gebruiker=mensen["coordinator"]).tekst
    assert "Anouk Hoekstra" not in Melding.objects.get(gebruiker=medewerker).tekst
    aan_coordinator = next(m for m in mail.outbox if m.to == [mensen["coordinator"].email])
    assert "Anouk" not in aan_coordinator.body
    assert "Hoekstra" not in aan_coordinator.subject
    assert Melding.objects.get(gebruiker=medewerker).url == "/"


def test_deactivated_care_worker_is_not_reminded(mensen):
    medewerker = mensen["medewerker"]
    medewerker.is_active = False
    medewerker.save()
    medewerker.medewerkerprofiel.kckz_geldig_tot = OP + timedelta(days=20)
    medewerker.medewerkerprofiel.save()

    assert services.herinneringen_versturen(op=OP) == 0


# --- recipients and tenancy -----------------------------------------------------------------------


def test_regie_casemanager_of_another_municipality_gets_nothing(mensen):
    """A regie casemanager who is not (or no longer) a casemanager of the family's municipality gets
    nothing; the municipality's own casemanagers hear of it instead."""
    # She held the regie as a casemanager of the municipality and moved to another one since (the
    # database refuses a regievoerder of another municipality when the regie is written, issue 12).
    vertrokken = lid(Rol.CASEMANAGER, mensen["casemanager"].organisatie, username="cm.verhuisd")
    traject = actief_traject(mensen, regie=vertrokken)
    vertrokken.lidmaatschap.organisatie = mensen["andere_casemanager"].organisatie
    vertrokken.lidmaatschap.save()
    EvaluatieFactory(traject=traject, gepland_op=OP + timedelta(days=3))

    services.herinneringen_versturen(op=OP)

    assert ontvangers() == {"coord", "cm", "cm2"}


def test_inactive_coordinator_and_other_providers_coordinator_get_nothing(mensen, aanbieder):
    slapend = lid(Rol.COORDINATOR, aanbieder, username="coord.oud", is_active=False)
    assert not slapend.is_active
    traject = actief_traject(mensen, regie=mensen["casemanager"])
    EvaluatieFactory(traject=traject, gepland_op=OP + timedelta(days=3))

    services.herinneringen_versturen(op=OP)

    assert ontvangers() == {"coord", "cm"}
    assert {m.to[0] for m in mail.outbox} == {mensen["coordinator"].email, mensen["casemanager"].email}


# --- once only ------------------------------------------------------------------------------------


def alles_klaarzetten(mensen, n=1, reeks="a"):
    """n subjects of every kind, all due on OP."""
    for i in range(n):
        traject = actief_traject(mensen, regie=mensen["casemanager"])
        EvaluatieFactory(traject=traject, gepland_op=OP + timedelta(days=3))
        IndicatieFactory(traject=traject, van=OP - timedelta(days=90), tot=OP + timedelta(days=10))
        BabyFactory(gezin=traject.gezin, geboortedatum=OP + timedelta(days=20) - relativedelta(years=1))
        oud_signaal(traject, 4)
        medewerker = lid(
            Rol.MEDEWERKER, mensen["coordinator"].organisatie, username=f"mw.verloopt.{reeks}{i}"
        )
        medewerker.medewerkerprofiel.kckz_geldig_tot = OP + timedelta(days=40)
        medewerker.medewerkerprofiel.vog_datum = OP + timedelta(days=50) - relativedelta(months=36)
        medewerker.medewerkerprofiel.save()


def test_running_twice_sends_nothing_new(mensen):
    alles_klaarzetten(mensen)

    eerste = services.herinneringen_versturen(op=OP)
    meldingen, emails = Melding.objects.count(), len(mail.outbox)
    tweede = services.herinneringen_versturen(op=OP)
    morgen = services.herinneringen_versturen(op=OP + timedelta(days=1))

    assert (
        eerste == 12
    )  # 4 trajectory kinds × (coordinator + casemanager), 2 credentials × (her + coordinator)
    assert meldingen == 12
    assert emails == 12
    assert (tweede, morgen) == (0, 0)
    assert Melding.objects.count() == meldingen
    assert len(mail.outbox) == emails


def test_each_kind_reaches_each_recipient_once_even_with_twins(mensen):
    traject = actief_traject(mensen, regie=mensen["casemanager"])
    geboren = OP + timedelta(days=5) - relativedelta(years=1)
    BabyFactory(gezin=traject.gezin, geboortedatum=geboren)
    BabyFactory(gezin=traject.gezin, geboortedatum=geboren)

    assert services.herinneringen_versturen(op=OP) == 4  # a reminder per baby, per recipient


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_reminder_once(mensen):
    alles_klaarzetten(mensen)
    start = threading.Barrier(2)
    uitkomsten, fouten = [], []

    def worker():
        try:
            start.wait()
            uitkomsten.append(services.herinneringen_versturen(op=OP))
        except Exception as fout:  # noqa: BLE001 - reported by the assertion below
            fouten.append(fout)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert fouten == []
    assert sum(uitkomsten) == 12
    assert Herinnering.objects.count() == 12
    assert Melding.objects.count() == 12
    assert len(mail.outbox) == 12


def test_query_count_does_not_grow_with_the_number_of_subjects(mensen, django_assert_max_num_queries):
    alles_klaarzetten(mensen, n=1, reeks="a")
    with CaptureQueriesContext(connection) as een:
        assert services.herinneringen_versturen(op=OP) == 12
    alles_klaarzetten(mensen, n=2, reeks="b")  # now three of every kind are due, two of them new
    with CaptureQueriesContext(connection) as drie:
        assert services.herinneringen_versturen(op=OP) == 24
    assert len(drie) == len(een)
    # 7 finds, 1 recipients, insert + notifications, 2 e-mail blocks (select + mark, select), savepoints.
    assert len(een) <= 20  # including removing records past their keeping period
    with django_assert_max_num_queries(len(een)):
        assert services.herinneringen_versturen(op=OP) == 0


# --- e-mail ---------------------------------------------------------------------------------------


def test_email_names_the_trajectory_number_and_date_but_not_the_family(mensen, settings):
    settings.SITE_URL = "https://btz.example.nl"
    traject = actief_traject(mensen, regie=mensen["casemanager"])
    ouder = traject.gezin.ouders.get()
    gepland = OP + timedelta(days=2)
    EvaluatieFactory(traject=traject, gepland_op=gepland)
    with translation.override("nl"):
        datum = date_format(gepland, "j F Y")
    assert datum.split()[1] in NL_MAANDEN

    services.herinneringen_versturen(op=OP)

    assert len(mail.outbox) == 2
    for bericht in mail.outbox:
        assert len(bericht.to) == 1  # one recipient per e-mail: nobody sees who else was told
        assert traject.nummer in bericht.subject
        assert traject.nummer in bericht.body
        assert datum in bericht.body
        assert f"https://btz.example.nl/trajecten/{traject.pk}/?tab=evaluaties" in bericht.body
        tekst = bericht.subject + bericht.body
        for geheim in (
            "Fatima",
            "El Khatib",
            "Noor",
            ouder.bsn,
            traject.gezin.straat,
            traject.gezin.postcode,
        ):
            assert geheim not in tekst
    assert not Herinnering.objects.filter(gemaild_op__isnull=True).exists()


class KapotteMailserver(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("connection unexpectedly closed")


def test_email_that_failed_is_sent_on_the_next_run_without_a_second_notification(mensen, settings):
    traject = actief_traject(mensen, regie=mensen["casemanager"])
    EvaluatieFactory(traject=traject, gepland_op=OP + timedelta(days=3))
    settings.EMAIL_BACKEND = f"{__name__}.KapotteMailserver"

    assert services.herinneringen_versturen(op=OP) == 2
    assert Melding.objects.count() == 2  # in-app does not wait for the mail server
    assert Herinnering.objects.filter(gemaild_op__isnull=True).count() == 2

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.herinneringen_versturen(op=OP + timedelta(days=1)) == 0
    assert len(mail.outbox) == 2
    assert Melding.objects.count() == 2
    assert not Herinnering.objects.filter(gemaild_op__isnull=True).exists()


def test_recipient_without_email_gets_the_notification_only(mensen):
    mensen["casemanager"].email = ""
    mensen["casemanager"].save()
    traject = actief_traject(mensen, regie=mensen["casemanager"])
    EvaluatieFactory(traject=traject, gepland_op=OP + timedelta(days=3))

    assert services.herinneringen_versturen(op=OP) == 2
    assert [m.to for m in mail.outbox] == [[mensen["coordinator"].email]]
    assert Melding.objects.filter(gebruiker=mensen["casemanager"]).exists()


# --- the Celery task ------------------------------------------------------------------------------


def test_celery_task_sends_todays_reminders(mensen):
    traject = actief_traject(mensen, regie=mensen["casemanager"])
    EvaluatieFactory(traject=traject, gepland_op=timezone.localdate() + timedelta(days=2))

    assert tasks.herinneringen_versturen.apply().get() == 2
    assert tasks.herinneringen_versturen.apply().get() == 0
    assert len(mail.outbox) == 2


def test_records_of_reminders_are_kept_for_a_while_then_removed(mensen):
    from tests.herinneringen.factories import HerinneringFactory

    oud = HerinneringFactory(ontvanger=mensen["coordinator"], onderwerp="evaluatie:1:2025-01-01")
    recent = HerinneringFactory(ontvanger=mensen["coordinator"], onderwerp="evaluatie:2:2026-10-01")
    Herinnering.objects.filter(pk=oud.pk).update(aangemaakt_op=timezone.now() - timedelta(days=401))
    Herinnering.objects.filter(pk=recent.pk).update(aangemaakt_op=timezone.now() - timedelta(days=399))
    services.herinneringen_versturen(op=OP)
    assert list(Herinnering.objects.values_list("pk", flat=True)) == [recent.pk]
