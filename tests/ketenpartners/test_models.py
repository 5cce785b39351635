"""The rules that hold when every form and service is bypassed: validators with Dutch messages on the
models, and database constraints behind them."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils.timezone import localdate

from ketenpartners.constants import WACHTTIJD_VEROUDERD_NA_WEKEN, BetrokkenheidRol
from ketenpartners.models import Contactpersoon, Ketenpartner, Toestemming, Verstrekking
from tests.factories import OrganisatieFactory

from .conftest import contact
from .factories import (
    BetrokkenheidFactory,
    ContactpersoonFactory,
    KetenpartnerFactory,
    OverdrachtFactory,
    ToestemmingFactory,
)

VANDAAG = localdate()

GELDIGE_NUMMERS = [
    "050-1234567",
    "050 123 4567",
    "06 12345678",
    "06-12345678",
    "0612345678",
    "+31 6 12345678",
    "+31612345678",
    "0031 6 1234 5678",
    "+31 (0)50 1234567",
    "0592-345678",
    "0800-2000",
    "0900-1234567",
]
ONGELDIGE_NUMMERS = [
    "12345",
    "06-1234567",
    "06 123456789",
    "+32 6 12345678",
    "050-123456a",
    "telefoon",
    "0012345678",
    "javascript:0612345678",
    "06\r\n12345678",
    "06 1234 5678 x12",
]


def weigert(fn, constraint: str):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        fn()


# --- phone, e-mail, SKJ -------------------------------------------------------------------------


@pytest.mark.parametrize("nummer", GELDIGE_NUMMERS)
def test_dutch_phone_numbers_pass_the_form_rule_and_the_database(db, nummer):
    persoon = ContactpersoonFactory.build(ketenpartner=KetenpartnerFactory(), telefoon=nummer)
    persoon.full_clean()
    persoon.save()
    # Stored in one form (E.164), whichever way it was typed.
    assert persoon.telefoon.startswith("+31")
    assert persoon.telefoon[1:].isdigit()


@pytest.mark.parametrize("nummer", ONGELDIGE_NUMMERS)
def test_other_phone_numbers_get_a_dutch_message_and_the_database_refuses_them(db, nummer):
    persoon = ContactpersoonFactory.build(ketenpartner=KetenpartnerFactory(), telefoon=nummer)
    with pytest.raises(ValidationError) as fout:
        persoon.full_clean()
    assert "geldig telefoonnummer" in " ".join(fout.value.message_dict["telefoon"])
    # Saved past the form and the model: the CHECK constraint refuses it (or the column's length does).
    with (
        pytest.raises((IntegrityError, DataError), match="contactpersoon_telefoon_e164|too long"),
        transaction.atomic(),
    ):
        persoon.save()


@pytest.mark.parametrize(
    "adres", ["geen-adres", "naam@", "@organisatie.nl", "naam@organisatie", "na am@org.nl"]
)
def test_invalid_email_gets_a_dutch_message(db, adres):
    partner = KetenpartnerFactory.build(organisatie=OrganisatieFactory(ketenpartner=True), email=adres)
    with pytest.raises(ValidationError) as fout:
        partner.full_clean()
    assert "geldig e-mailadres" in " ".join(fout.value.message_dict["email"])


def test_database_refuses_an_email_without_at_sign(db):
    partner = KetenpartnerFactory()
    weigert(
        lambda: Ketenpartner.objects.filter(pk=partner.pk).update(email="info.partner.nl"), "email_geldig"
    )


def test_database_refuses_a_partner_phone_number_not_in_e164(db):
    partner = KetenpartnerFactory()
    # Through the ORM a readable number is normalised on its way in; anything else meets the CHECK.
    weigert(
        lambda: Ketenpartner.objects.filter(pk=partner.pk).update(telefoon="tel:050367400"),
        "telefoon_e164",
    )
    weigert(
        lambda: Ketenpartner.objects.filter(pk=partner.pk).update(telefoon="+31 6\r\n1234"), "telefoon_e164"
    )


def test_a_foreign_number_is_kept_in_e164(db):
    persoon = ContactpersoonFactory.build(ketenpartner=KetenpartnerFactory(), telefoon="+44 20 7946 0000")
    persoon.full_clean()
    assert persoon.telefoon == "+442079460000"


def test_a_contact_person_needs_a_phone_number_or_an_email_address(db):
    persoon = ContactpersoonFactory.build(ketenpartner=KetenpartnerFactory(), telefoon="", email="")
    with pytest.raises(ValidationError, match="telefoonnummer of een e-mailadres"):
        persoon.full_clean()
    weigert(persoon.save, "contactpersoon_bereikbaar")


def test_skj_number_is_digits_and_its_date_needs_a_number(db):
    persoon = ContactpersoonFactory()
    weigert(lambda: Contactpersoon.objects.filter(pk=persoon.pk).update(skj_nummer="SKJ-12"), "skj_cijfers")
    weigert(
        lambda: Contactpersoon.objects.filter(pk=persoon.pk).update(skj_geldig_tot=VANDAAG),
        "skj_datum_met_nummer",
    )


def test_skj_registration_is_valid_through_its_last_day(db):
    persoon = ContactpersoonFactory(skj=True, skj_geldig_tot=VANDAAG)
    assert persoon.skj_geldig(VANDAAG)
    assert not persoon.skj_geldig(VANDAAG + timedelta(days=1))
    assert not ContactpersoonFactory().skj_geldig(VANDAAG)


# --- waiting time --------------------------------------------------------------------------------


def test_database_refuses_a_waiting_time_below_zero(db):
    partner = KetenpartnerFactory()
    weigert(
        lambda: Ketenpartner.objects.filter(pk=partner.pk).update(wachttijd_dagen=-1),
        "wachttijd_niet_negatief",
    )


def test_waiting_time_below_zero_gets_a_dutch_message(db):
    partner = KetenpartnerFactory.build(organisatie=OrganisatieFactory(ketenpartner=True), wachttijd_dagen=-3)
    with pytest.raises(ValidationError) as fout:
        partner.full_clean()
    assert fout.value.message_dict["wachttijd_dagen"] == ["Een wachttijd kan niet onder nul zijn."]


def test_database_refuses_a_waiting_time_without_its_date(db):
    partner = KetenpartnerFactory()
    weigert(
        lambda: Ketenpartner.objects.filter(pk=partner.pk).update(wachttijd_bijgewerkt_op=None),
        "wachttijd_met_datum",
    )


def test_a_waiting_time_is_out_of_date_one_day_after_the_limit(db):
    grens = VANDAAG - timedelta(weeks=WACHTTIJD_VEROUDERD_NA_WEKEN)
    assert not KetenpartnerFactory(wachttijd_bijgewerkt_op=grens).wachttijd_verouderd(VANDAAG)
    assert KetenpartnerFactory(wachttijd_bijgewerkt_op=grens - timedelta(days=1)).wachttijd_verouderd(VANDAAG)
    assert not KetenpartnerFactory(wachttijd_dagen=None, wachttijd_bijgewerkt_op=None).wachttijd_verouderd(
        VANDAAG
    )


def test_only_a_chain_partner_organisation_has_a_profile(db, gemeente):
    partner = KetenpartnerFactory.build(organisatie=gemeente)
    with pytest.raises(ValidationError, match="soort ketenpartner"):
        partner.full_clean()


# --- involvement, consent, handover ---------------------------------------------------------------


def test_database_refuses_an_involvement_without_responsibilities(traject):
    weigert(lambda: BetrokkenheidFactory(traject=traject, verantwoordelijkheden=""), "verantwoordelijkheden")


def test_database_refuses_an_involvement_ending_before_it_starts(traject):
    weigert(
        lambda: BetrokkenheidFactory(traject=traject, tot=VANDAAG - timedelta(days=1)),
        "betrokkenheid_tot_na_van",
    )


def test_database_refuses_the_same_role_twice_in_one_period(traject, partner):
    BetrokkenheidFactory(traject=traject, ketenpartner=partner, tot=VANDAAG + timedelta(days=30))
    weigert(
        lambda: BetrokkenheidFactory(traject=traject, ketenpartner=partner, van=VANDAAG + timedelta(days=30)),
        "betrokkenheid_rol_niet_dubbel",
    )
    # The day after, or in another role, is fine.
    BetrokkenheidFactory(traject=traject, ketenpartner=partner, van=VANDAAG + timedelta(days=31))
    BetrokkenheidFactory(traject=traject, ketenpartner=partner, rol=BetrokkenheidRol.OVERDRACHT)


def test_database_refuses_a_regievoerder_without_a_named_person(traject, partner):
    weigert(
        lambda: BetrokkenheidFactory(
            traject=traject, ketenpartner=partner, rol=BetrokkenheidRol.REGIEVOERDER
        ),
        "regievoerder_heeft_persoon",
    )


def test_database_refuses_two_partners_holding_the_regie_at_once(traject, partner, verre_partner):
    BetrokkenheidFactory(
        traject=traject,
        ketenpartner=partner,
        rol=BetrokkenheidRol.REGIEVOERDER,
        contactpersoon=contact(partner, "Anouk van Dijk"),
    )
    weigert(
        lambda: BetrokkenheidFactory(
            traject=traject,
            ketenpartner=verre_partner,
            rol=BetrokkenheidRol.REGIEVOERDER,
            contactpersoon=contact(verre_partner, "Gerda Smit"),
        ),
        "betrokkenheid_een_regievoerder",
    )


def test_database_refuses_a_second_valid_consent_for_one_partner(traject, partner):
    ToestemmingFactory(traject=traject, ketenpartner=partner)
    weigert(
        lambda: ToestemmingFactory(traject=traject, ketenpartner=partner),
        "toestemming_een_geldige_per_partner",
    )


def test_a_withdrawn_consent_leaves_room_for_a_new_one(traject, partner, gebruikers):
    oud = ToestemmingFactory(traject=traject, ketenpartner=partner)
    Toestemming.objects.filter(pk=oud.pk).update(
        ingetrokken_op=oud.vastgelegd_op, ingetrokken_door=gebruikers["coordinator"]
    )
    ToestemmingFactory(traject=traject, ketenpartner=partner)


def test_database_refuses_consent_without_scope_or_half_a_withdrawal(traject, partner, gebruikers):
    weigert(
        lambda: ToestemmingFactory(traject=traject, ketenpartner=partner, reikwijdte=[]),
        "toestemming_reikwijdte",
    )
    toestemming = ToestemmingFactory(traject=traject, ketenpartner=partner)
    weigert(
        lambda: Toestemming.objects.filter(pk=toestemming.pk).update(
            ingetrokken_door=gebruikers["coordinator"]
        ),
        "toestemming_intrekking_compleet",
    )


def test_database_refuses_a_handover_without_goals_or_the_familys_wish(traject, partner):
    weigert(
        lambda: OverdrachtFactory(traject=traject, ketenpartner=partner, wens_gezin=""), "overdracht_inhoud"
    )
    weigert(lambda: OverdrachtFactory(traject=traject, ketenpartner=partner, doelen=""), "overdracht_inhoud")


def test_database_refuses_a_disclosure_without_consent(traject, partner, gebruikers):
    overdracht = OverdrachtFactory(traject=traject, ketenpartner=partner)
    weigert(
        lambda: Verstrekking.objects.create(
            overdracht=overdracht, toestemming=None, gedeeld_door=gebruikers["coordinator"]
        ),
        "toestemming_id",
    )
