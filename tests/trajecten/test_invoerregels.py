"""Issue 11: the input rules of core/validators.py, in the model and as the database's own wall."""

import importlib

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone

from core.validators import (
    DOELEN_PER_PLAN_MAX,
    TEKST_LANG,
    naam_valideren,
    postcode_normaliseren,
    telefoon_normaliseren,
    telefoon_weergave,
)
from tests.factories import (
    AanmeldingFactory,
    GezinFactory,
    OndersteuningsplanFactory,
    OuderFactory,
    SignaalFactory,
    TrajectFactory,
    ZorgdoelFactory,
)
from trajecten.forms import ZorgdoelFormSet
from trajecten.models import Aanmelding, Gezin, Ouder, Signaal, Zorgdoel


def weigert(fn, naam: str):
    with pytest.raises((IntegrityError, DataError), match=naam), transaction.atomic():
        fn()


@pytest.mark.parametrize(
    ("invoer", "opgeslagen", "getoond"),
    [
        ("06 12345678", "+31612345678", "06 12345678"),
        ("050-3674000", "+31503674000", "050 367 4000"),
        ("+31 (0)50 1234567", "+31501234567", "050 123 4567"),
        ("0800-2000", "+318002000", "0800 2000"),
        ("+44 20 7946 0000", "+442079460000", "+44 20 7946 0000"),
        ("", "", ""),
    ],
)
def test_phone_numbers_are_stored_in_e164_and_shown_as_people_read_them(invoer, opgeslagen, getoond):
    assert telefoon_normaliseren(invoer) == opgeslagen
    assert telefoon_weergave(opgeslagen) == getoond


@pytest.mark.parametrize(
    "naam",
    [
        "\u200b",
        "\u200b\u200c\u2060",
        "Jan\u202esen",
        "An\u0000na",
        "Piet\r\nX",
        "\u2066Ali\u2069",
        "   ",
        "\u00ad",
    ],
)
def test_names_with_control_invisible_or_direction_characters_are_refused(naam):
    with pytest.raises(ValidationError):
        naam_valideren(naam)


@pytest.mark.parametrize(
    "naam", ["Öztürk", "van der Berg-de Vries", "O'Neill", "محمد", "Zoë", "Nguyễn", "Ali (zus)"]
)
def test_real_names_pass(naam):
    naam_valideren(naam)


def test_names_are_stored_in_nfc(db):
    ouder = OuderFactory.build(gezin=GezinFactory(), achternaam="Zoe\u0308  ")  # e + combining diaeresis
    ouder.full_clean()
    assert ouder.achternaam == "Zoë"


@pytest.mark.parametrize(("invoer", "uit"), [("9711ab", "9711 AB"), (" 9711  AB ", "9711 AB")])
def test_postcodes_are_normalised(invoer, uit):
    assert postcode_normaliseren(invoer) == uit


@pytest.mark.parametrize("invoer", ["0711 AB", "9711 SS", "97111 AB", "9711 A", "ABCD EF"])
def test_other_postcodes_are_refused(invoer):
    with pytest.raises(ValidationError):
        postcode_normaliseren(invoer)


# --- the database's own wall ------------------------------------------------------------------------


def test_database_refuses_an_invisible_or_reversed_surname(db):
    ouder = OuderFactory()
    for naam in ("\u200b\u200c", "Jan\u202esen", "   "):
        weigert(
            lambda naam=naam: Ouder.objects.filter(pk=ouder.pk).update(achternaam=naam),
            "ouder_achternaam_naam",
        )


def test_database_refuses_a_parent_born_in_1800_and_a_referral_in_9999(db):
    ouder = OuderFactory()
    weigert(
        lambda: Ouder.objects.filter(pk=ouder.pk).update(geboortedatum="1800-01-01"),
        "ouder_geboortedatum_redelijk",
    )
    aanmelding = AanmeldingFactory()
    weigert(
        lambda: Aanmelding.objects.filter(pk=aanmelding.pk).update(ontvangen_op="9999-12-31"),
        "aanmelding_ontvangen_redelijk",
    )


def test_database_refuses_house_numbers_letters_and_additions_outside_the_bag(db):
    gezin = GezinFactory()
    weigert(lambda: Gezin.objects.filter(pk=gezin.pk).update(huisnummer=0), "gezin_huisnummer_bag")
    weigert(lambda: Gezin.objects.filter(pk=gezin.pk).update(huisnummer=100000), "gezin_huisnummer_bag")
    weigert(lambda: Gezin.objects.filter(pk=gezin.pk).update(huisletter="1"), "gezin_huisletter_bag")
    weigert(
        lambda: Gezin.objects.filter(pk=gezin.pk).update(huisnummertoevoeging="<b>"), "gezin_toevoeging_bag"
    )


def test_database_refuses_free_text_over_its_maximum_or_with_control_characters(db):
    signaal = SignaalFactory()
    weigert(
        lambda: Signaal.objects.filter(pk=signaal.pk).update(beschrijving="a" * (TEKST_LANG + 1)),
        "signaal_beschrijving_max",
    )
    weigert(
        lambda: Signaal.objects.filter(pk=signaal.pk).update(beschrijving="tekst \x1b[31m rood"),
        "signaal_beschrijving_max",
    )
    Signaal.objects.filter(pk=signaal.pk).update(beschrijving="a" * TEKST_LANG)  # the maximum itself is fine


def test_a_support_plan_takes_at_most_40_goals_in_the_form_and_the_database(db):
    data = {"form-TOTAL_FORMS": DOELEN_PER_PLAN_MAX + 1, "form-INITIAL_FORMS": 0}
    for n in range(DOELEN_PER_PLAN_MAX + 1):
        data |= {
            f"form-{n}-thema": "huilgedrag",
            f"form-{n}-omschrijving": f"Doel {n}",
            f"form-{n}-betreft": "moeder",
            f"form-{n}-startscore": 3,
            f"form-{n}-doelscore": 7,
        }
    formset = ZorgdoelFormSet(data)
    assert not formset.is_valid()
    assert "40" in " ".join(formset.non_form_errors())

    plan = OndersteuningsplanFactory(traject=TrajectFactory())
    Zorgdoel.objects.bulk_create(
        Zorgdoel(plan=plan, thema="huilgedrag", omschrijving=f"Doel {n}", startscore=3, doelscore=7)
        for n in range(DOELEN_PER_PLAN_MAX)
    )
    weigert(lambda: ZorgdoelFactory(plan=plan), "zorgdoel_max_per_plan")
    assert plan.doelen.count() == DOELEN_PER_PLAN_MAX


# --- the migration that split the house number ------------------------------------------------------


@pytest.mark.parametrize(
    ("oud", "nieuw"),
    [
        ("12", ("12", "", "")),
        ("12A", ("12", "A", "")),
        ("12 a", ("12", "A", "")),
        ("12-2", ("12", "", "2")),
        ("12 bis", ("12", "", "BIS")),
        ("12a-3", ("12", "A", "3")),
        ("12A3", ("12", "", "A3")),
        ("nr 7 achter", ("7", "", "ACHT")),
        ("geen nummer", ("", "", "")),
    ],
)
def test_the_migration_splits_an_old_house_number_sensibly(oud, nieuw):
    migratie = importlib.import_module("trajecten.migrations.0009_gegevens_normaliseren")
    assert migratie._huisnummer(oud) == nieuw


def test_today_is_a_valid_referral_date(db):
    AanmeldingFactory(ontvangen_op=timezone.localdate()).full_clean()
