"""Rows for tests/core/test_permission_matrix.py, in its MATRIX format. That module imports this one
(not the other way round), so its helpers come in as parameters:

    from tests.ketenpartners import matrix as ketenpartners_matrix
    MATRIX.update(ketenpartners_matrix.rows(status, op_traject))
    # in the samples fixture, after the trajectory is made:
    samples.update(ketenpartners_matrix.samples(gebruikers, traject))

The admin pages of Ketenpartner, Dienst and Convenant are added by that module's loop over the admin
registry; it needs ANDERE_ORG_OBJECT entries naming the samples below (see ADMIN_SAMPLES) and the
three labels in ALLEEN_GLOBAAL_TOEVOEGEN (see ALLEEN_GLOBAAL)."""

from django.utils.timezone import localdate

from ketenpartners.constants import BetrokkenheidRol, Reikwijdte, ToestemmingWijze
from ketenpartners.models import (
    Betrokkenheid,
    Contactpersoon,
    Convenant,
    Dienst,
    Ketenpartner,
    Overdracht,
    Toestemming,
)

ADMIN_SAMPLES = {
    "ketenpartners_ketenpartner": "ketenpartner",
    "ketenpartners_dienst": "dienst",
    "ketenpartners_convenant": "convenant",
}
ALLEEN_GLOBAAL = {"ketenpartners.Ketenpartner", "ketenpartners.Dienst", "ketenpartners.Convenant"}


def rows(status, op_traject) -> dict:
    traject = lambda s: {"pk": s["traject"].pk}  # noqa: E731
    partner = lambda s: {"pk": s["ketenpartner"].pk}  # noqa: E731
    beheren = op_traject(casemanager=200, coordinator=200)
    return {
        # Issue 13: a chain meeting about the family, recorded by the casemanager or the coordinator.
        "ketenpartners:ketenoverleg_nieuw": (traject, op_traject(casemanager=200, coordinator=200)),
        # The social map: every role searches and reads it.
        "ketenpartners:zoeken": (None, status(302, 302, ingelogd=200)),
        "ketenpartners:detail": (partner, status(302, 302, ingelogd=200)),
        # Kept by global beheerders; another beheerder does not find the partner in her admin scope.
        "ketenpartners:bijwerken": (
            partner,
            status(302, 302, ingelogd=403, beheerder=404, globale_beheerder=200),
        ),
        # Per municipality: its casemanagers and reporting users (their own), global beheerders (any).
        "ketenpartners:ketenoverzicht": (
            None,
            status(
                302,
                302,
                ingelogd=403,
                casemanager=200,
                rapportage=200,
                andere_casemanager=200,
                globale_beheerder=200,
            ),
        ),
        "ketenpartners:traject": (
            traject,
            op_traject(casemanager=200, coordinator=200, toegewezen_medewerker=200),
        ),
        "ketenpartners:betrokkenheid_nieuw": (traject, beheren),
        "ketenpartners:betrokkenheid_beeindigen": (
            lambda s: {"pk": s["traject"].pk, "betrokkenheid_pk": s["betrokkenheid"].pk},
            beheren,
        ),
        "ketenpartners:toestemming_nieuw": (traject, beheren),
        "ketenpartners:toestemming_intrekken": (
            lambda s: {"pk": s["traject"].pk, "toestemming_pk": s["toestemming"].pk},
            beheren,
        ),
        "ketenpartners:overdracht_nieuw": (traject, beheren),
        "ketenpartners:overdracht": (
            lambda s: {"pk": s["traject"].pk, "overdracht_pk": s["overdracht"].pk},
            op_traject(casemanager=200, coordinator=200, toegewezen_medewerker=200),
        ),
        "ketenpartners:overdracht_delen": (
            lambda s: {"pk": s["traject"].pk, "overdracht_pk": s["overdracht"].pk},
            beheren,
        ),
    }


def samples(gebruikers, traject) -> dict:
    """A partner in the family's municipality, involved in ``traject`` with consent and a handover."""
    from tests.factories import OrganisatieFactory

    gemeente = traject.gezin.gemeente
    dienst, _ = Dienst.objects.get_or_create(
        code="huilbaby", defaults={"naam": "Huilbaby / excessief huilen"}
    )
    ketenpartner = Ketenpartner.objects.create(
        organisatie=OrganisatieFactory(ketenpartner=True, naam="GGD Matrix — JGZ"),
        soort="jgz",
        domein="medisch",
        telefoon="+31503674000",
        email="jgz@matrix.example",
    )
    ketenpartner.gemeenten.add(gemeente)
    ketenpartner.diensten.add(dienst)
    persoon = Contactpersoon.objects.create(
        ketenpartner=ketenpartner,
        naam="Anouk van Dijk",
        functie="Jeugdverpleegkundige",
        telefoon="+31612345678",
    )
    coordinator = gebruikers["coordinator"]
    convenant, _ = Convenant.objects.get_or_create(
        naam="Convenant Matrix", defaults={"ingangsdatum": localdate()}
    )
    return {
        "ketenpartner": ketenpartner,
        "dienst": dienst,
        "convenant": convenant,
        "betrokkenheid": Betrokkenheid.objects.create(
            traject=traject,
            ketenpartner=ketenpartner,
            rol=BetrokkenheidRol.MEDEBEHANDELAAR,
            contactpersoon=persoon,
            verantwoordelijkheden="Huilspreekuur; BabythuisZorg oefent thuis.",
            van=localdate(),
            vastgelegd_door=coordinator,
        ),
        "toestemming": Toestemming.objects.create(
            traject=traject,
            ketenpartner=ketenpartner,
            reikwijdte=[Reikwijdte.OVERDRACHT],
            wijze=ToestemmingWijze.SCHRIFTELIJK,
            gegeven_op=localdate(),
            vastgelegd_door=coordinator,
        ),
        "overdracht": Overdracht.objects.create(
            traject=traject,
            ketenpartner=ketenpartner,
            aanleiding="doorverwijzing",
            doelen="- Huilgedrag: start 3, nu 5, doel 7",
            wens_gezin="Dat ze weten wat helpt.",
            opgesteld_door=coordinator,
        ),
    }
