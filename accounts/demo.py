"""The demo world of DESIGN.md section 7: three northern municipalities, two providers, staff with
varied credentials, chain partners, and one login per role per organisation.

All demo users share one password and one TOTP secret (README), so a visitor can log in with two
factors without enrolling a phone. Idempotent: running it twice changes nothing.
"""

import zlib
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils.timezone import localdate
from django_otp.plugins.otp_totp.models import TOTPDevice

from .constants import Expertise, OrganisatieSoort, Rol, Taal, TeamSoort, Trainingsmodule
from .models import Lidmaatschap, MedewerkerProfiel, Organisatie, Team, User

DEMO_PASSWORD = "Demo-wachtwoord-2026"  # noqa: S105 - published in the README on purpose
# RFC 6238's test secret "12345678901234567890"; base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ.
DEMO_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"
DEMO_TOTP_KEY_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

GEMEENTEN = [
    # naam, CBS-code, team
    ("Gemeente Groningen", "0014", "Groningen", "WIJ Groningen — team Oost", TeamSoort.WIJKTEAM),
    (
        "Gemeente Leeuwarden",
        "0080",
        "Leeuwarden",
        "Sociaal Wijkteam Leeuwarden-Noord",
        TeamSoort.SOCIAAL_TEAM,
    ),
    ("Gemeente Assen", "0106", "Assen", "Centrum voor Jeugd en Gezin Assen", TeamSoort.BUURTTEAM),
]
AANBIEDERS = [("Kraamzorg Noord", "Groningen", 36), ("Kraamzorg De Wadden", "Leeuwarden", 24)]
KETENPARTNERS = [
    ("Verloskundigenpraktijk De Wieg", "Groningen"),
    ("Huisartsenpraktijk Oosterpoort", "Groningen"),
    ("GGD Groningen — Jeugdgezondheidszorg", "Groningen"),
    ("Medisch Maatschappelijk Werk Friesland", "Leeuwarden"),
    ("Moeder-kindhuis De Haven", "Assen"),
    ("Veilig Thuis Drenthe", "Assen"),
]


@dataclass(frozen=True)
class DemoMedewerker:
    username: str
    voornaam: str
    achternaam: str
    aanbieder: int
    kckz_jaren: int  # registration valid for this many years from today; negative = expired
    vog_maanden_oud: int
    basistraining: bool
    ervaring: int
    expertises: tuple[str, ...] = ()
    talen: tuple[str, ...] = (Taal.NEDERLANDS,)
    nacht: bool = False
    regio: str = ""
    uren: int = 24
    vertrokken: bool = False  # left the provider: trajecten.demo reports her departure; no demo login


MEDEWERKERS = [
    DemoMedewerker(
        "sanne",
        "Sanne",
        "de Vries",
        0,
        2,
        10,
        True,
        12,
        (Expertise.HUILBABY, Expertise.PREMATURITEIT),
        nacht=True,
        regio="Groningen",
        uren=32,
    ),
    DemoMedewerker(
        "fatima",
        "Fatima",
        "El Amrani",
        0,
        3,
        6,
        True,
        7,
        (Expertise.HUISELIJK_GEWELD, Expertise.PSYCHIATRIE),
        (Taal.NEDERLANDS, Taal.ARABISCH),
        nacht=True,
        regio="Groningen",
        uren=28,
    ),
    DemoMedewerker(
        "agnieszka",
        "Agnieszka",
        "Kowalska",
        0,
        1,
        14,
        True,
        5,
        (Expertise.LVB,),
        (Taal.NEDERLANDS, Taal.POOLS),
        regio="Groningen",
        uren=24,
    ),
    DemoMedewerker(
        "marieke", "Marieke", "Bakker", 0, -1, 8, True, 15, (Expertise.VERSLAVING,), regio="Groningen"
    ),
    DemoMedewerker("ingrid", "Ingrid", "Mulder", 0, 2, 48, True, 20, (Expertise.SCHULDEN,), regio="Assen"),
    DemoMedewerker(
        "lotte", "Lotte", "Jansen", 0, 2, 3, False, 3, (Expertise.TIENERMOEDER,), regio="Groningen", uren=20
    ),
    DemoMedewerker(
        "hilde",
        "Hilde",
        "Postma",
        1,
        2,
        12,
        True,
        9,
        (Expertise.HUILBABY, Expertise.LVB),
        (Taal.NEDERLANDS, Taal.FRIES),
        regio="Leeuwarden",
        uren=32,
    ),
    DemoMedewerker(
        "janna",
        "Janna",
        "de Boer",
        1,
        3,
        5,
        True,
        4,
        (Expertise.PSYCHIATRIE,),
        (Taal.NEDERLANDS, Taal.FRIES),
        regio="Leeuwarden",
    ),
    DemoMedewerker(
        "esther", "Esther", "Visser", 1, 1, 20, True, 1, (Expertise.PREMATURITEIT,), regio="Leeuwarden"
    ),
    # Worked for Kraamzorg Noord until a few weeks ago (her visits stay on her name; issue 12).
    DemoMedewerker(
        "anouk", "Anouk", "Smit", 0, 2, 10, True, 6, (Expertise.HUILBABY,), regio="Groningen", vertrokken=True
    ),
]


def _user(username, voornaam, achternaam, organisatie, rol, team=None) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": voornaam,
            "last_name": achternaam,
            "email": f"{username}@demo.babythuiszorg.example",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    Lidmaatschap.objects.update_or_create(
        user=user, defaults={"organisatie": organisatie, "rol": rol, "team": team}
    )
    TOTPDevice.objects.get_or_create(
        user=user, name="default", defaults={"key": DEMO_TOTP_KEY_HEX, "confirmed": True}
    )
    return user


@transaction.atomic
def laad_demo_wereld(vandaag: date | None = None) -> dict[str, list[str]]:
    """Create (or complete) the demo world; returns the logins per role for the README and console."""
    vandaag = vandaag or localdate()
    logins: dict[str, list[str]] = {rol.value: [] for rol in Rol}

    for naam, code, plaats, teamnaam, teamsoort in GEMEENTEN:
        gemeente, _ = Organisatie.objects.get_or_create(
            naam=naam, defaults={"soort": OrganisatieSoort.GEMEENTE, "gemeentecode": code, "plaats": plaats}
        )
        team, _ = Team.objects.get_or_create(
            organisatie=gemeente, naam=teamnaam, defaults={"soort": teamsoort}
        )
        slug = plaats.lower()
        _user(f"casemanager.{slug}", "Casemanager", plaats, gemeente, Rol.CASEMANAGER, team)
        _user(f"rapportage.{slug}", "Contractmanager", plaats, gemeente, Rol.GEMEENTE_RAPPORTAGE)
        _user(f"beheer.{slug}", "Beheerder", plaats, gemeente, Rol.BEHEERDER)
        logins[Rol.CASEMANAGER].append(f"casemanager.{slug}")
        logins[Rol.GEMEENTE_RAPPORTAGE].append(f"rapportage.{slug}")
        logins[Rol.BEHEERDER].append(f"beheer.{slug}")

    aanbieders = []
    for naam, plaats, vog_max in AANBIEDERS:
        aanbieder, _ = Organisatie.objects.get_or_create(
            naam=naam,
            defaults={
                "soort": OrganisatieSoort.ZORGAANBIEDER,
                "plaats": plaats,
                "vog_max_maanden": vog_max,
                "certificeringen": ["hkz", "iso_9001"] if "Noord" in naam else ["hkz"],  # issue 13
            },
        )
        aanbieders.append(aanbieder)
        slug = "noord" if "Noord" in naam else "wadden"
        _user(
            f"coordinator.{slug}", "Coördinator", naam.removeprefix("Kraamzorg "), aanbieder, Rol.COORDINATOR
        )
        _user(f"beheer.{slug}", "Beheerder", naam.removeprefix("Kraamzorg "), aanbieder, Rol.BEHEERDER)
        logins[Rol.COORDINATOR].append(f"coordinator.{slug}")
        logins[Rol.BEHEERDER].append(f"beheer.{slug}")

    for m in MEDEWERKERS:
        user = _user(m.username, m.voornaam, m.achternaam, aanbieders[m.aanbieder], Rol.MEDEWERKER)
        MedewerkerProfiel.objects.update_or_create(
            user=user,
            defaults={
                "kckz_nummer": f"KCKZ-{zlib.crc32(m.username.encode()) % 900000 + 100000}",
                "kckz_geldig_tot": vandaag
                + relativedelta(years=m.kckz_jaren, days=-1 if m.kckz_jaren < 0 else 0),
                "vog_datum": vandaag - relativedelta(months=m.vog_maanden_oud),
                "basistraining_datum": vandaag - relativedelta(months=6) if m.basistraining else None,
                "jaren_ervaring": m.ervaring,
                "expertises": list(m.expertises),
                "talen": list(m.talen),
                "nachtbeschikbaar": m.nacht,
                "regio": m.regio,
                "contracturen_per_week": m.uren,
                # Issue 13: MBO level and the five training modules (all of them after the basic training).
                "mbo_niveau": 4 if m.ervaring >= 5 else 3,
                "trainingsmodules": list(Trainingsmodule.values)
                if m.basistraining
                else ["hechting_ouderschap"],
            },
        )
        if not m.vertrokken:
            logins[Rol.MEDEWERKER].append(m.username)

    for naam, plaats in KETENPARTNERS:
        Organisatie.objects.get_or_create(
            naam=naam, defaults={"soort": OrganisatieSoort.KETENPARTNER, "plaats": plaats}
        )

    _user("beheer.landelijk", "Functioneel", "beheer", None, Rol.BEHEERDER)
    logins[Rol.BEHEERDER].append("beheer.landelijk")
    return logins
