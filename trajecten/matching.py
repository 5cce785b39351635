"""Matching: which medewerkers may be assigned to a trajectory, and who fits best (DESIGN §3 step 6).

Two layers:

* **Hard rules** (``bezwaren``): every violated rule is one sentence. A candidate with any objection is
  not assignable, whatever her score. The rules: she belongs to the trajectory's provider; a valid KCKZ
  registration on the day; a VOG not older than the provider's limit (``Organisatie.vog_max_maanden``,
  ``STANDAARD_VOG_MAX_MAANDEN`` when empty); at least ``MIN_JAREN_ERVARING`` years' experience as a
  kraamverzorgende; night availability when the indication needs nights; without the completed basic
  training she cannot be first contact, and may only join a trajectory that has a trained first contact.

* **Ranking** (``kandidaten``): assignable candidates first, then by score (high to low), then by name.
  The score adds up these weights; every part that counts is explained in ``Kandidaat.redenen``:

  ================================  ==========================================================
  ``GEWICHT_EXPERTISE`` = 30        per vulnerability of the referral that her expertise answers
                                    (``EXPERTISE_VOOR``), at most ``MAX_EXPERTISE_TREFFERS`` = 2
                                    counted (all matches are named in the reasons)
  ``GEWICHT_CONTINUITEIT`` = 40     she was the family's kraamverzorgende in the kraamweek
  ``GEWICHT_TAAL`` = 20             she speaks the family's home language
  ``GEWICHT_REGIO`` = 10            her region is the family's place of residence (case-insensitive)
  ``GEWICHT_CAPACITEIT_MAX`` = 20   free capacity: ``PUNTEN_PER_VRIJ_UUR`` (1) per free hour a week,
                                    capped at 20; no points when she is fully booked
  ``GEWICHT_NACHT`` = 10            available for nights, only when the indication needs nights
  ================================  ==========================================================

  Free capacity is her contract hours per week minus the hours of her current assignments. The hours of
  one assignment are estimated as the current indication's hours per week of that trajectory, divided by
  the number of medewerkers assigned to it on that day; a trajectory without a current indication
  counts 0.

``kandidaten`` runs a fixed number of queries, however many medewerkers the provider has.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from accounts.constants import Expertise, Rol, Taal
from accounts.models import MedewerkerProfiel, User
from indicaties.models import Indicatie

from .constants import EXPERTISE_VOOR, Kwetsbaarheid
from .models import Toewijzing, Traject

# Hard rules
STANDAARD_VOG_MAX_MAANDEN = 36
MIN_JAREN_ERVARING = 2

# Ranking weights
GEWICHT_EXPERTISE = 30
MAX_EXPERTISE_TREFFERS = 2
GEWICHT_CONTINUITEIT = 40
GEWICHT_TAAL = 20
GEWICHT_REGIO = 10
GEWICHT_CAPACITEIT_MAX = 20
PUNTEN_PER_VRIJ_UUR = 1
GEWICHT_NACHT = 10


def _datum(dag: date) -> str:
    return date_format(dag, "DATE_FORMAT")


def _uren(uren: Decimal) -> str:
    afgerond = Decimal(uren).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if afgerond == afgerond.to_integral_value():
        return number_format(int(afgerond))
    return number_format(afgerond, decimal_pos=1)


def _actief_op(op: date, prefix: str = "") -> Q:
    """Assignments (Toewijzing) running on ``op``: from ``van`` up to and including ``tot`` (open end)."""
    return Q(**{f"{prefix}van__lte": op}) & (
        Q(**{f"{prefix}tot__isnull": True}) | Q(**{f"{prefix}tot__gte": op})
    )


def vog_max_maanden(traject: Traject) -> int:
    return traject.aanbieder.vog_max_maanden or STANDAARD_VOG_MAX_MAANDEN


def bezwaren(
    profiel: MedewerkerProfiel,
    *,
    traject: Traject,
    op: date,
    nachten_nodig: bool,
    als_eerste_aanspreekpunt: bool,
    heeft_getrainde_eerste_aanspreekpunt: bool,
) -> list[str]:
    """The hard rules this medewerker violates for this trajectory on ``op``; empty: she may be assigned.

    ``als_eerste_aanspreekpunt``: she would become the first contact.
    ``heeft_getrainde_eerste_aanspreekpunt``: the trajectory has (or gets) a first contact with the
    completed basic training, alongside whom she would work.
    """
    resultaat = []

    lidmaatschap = getattr(profiel.user, "lidmaatschap", None)
    if lidmaatschap is None or lidmaatschap.organisatie_id != traject.aanbieder_id:
        resultaat.append(_("Does not work for the care provider of this trajectory."))

    if not profiel.kckz_geldig(op):
        if profiel.kckz_nummer and profiel.kckz_geldig_tot:
            resultaat.append(
                _("KCKZ registration expired (valid until %(datum)s).")
                % {"datum": _datum(profiel.kckz_geldig_tot)}
            )
        else:
            resultaat.append(_("No KCKZ registration on file."))

    max_maanden = vog_max_maanden(traject)
    if not profiel.vog_geldig(op, max_maanden):
        if profiel.vog_datum:
            resultaat.append(
                _("VOG too old: issued on %(datum)s, this provider accepts at most %(maanden)s months.")
                % {"datum": _datum(profiel.vog_datum), "maanden": max_maanden}
            )
        else:
            resultaat.append(_("No VOG (certificate of good conduct) on file."))

    if profiel.jaren_ervaring < MIN_JAREN_ERVARING:
        resultaat.append(
            _("%(jaren)s years' experience as a maternity carer; at least %(minimum)s are required.")
            % {"jaren": profiel.jaren_ervaring, "minimum": MIN_JAREN_ERVARING}
        )

    if nachten_nodig and not profiel.nachtbeschikbaar:
        resultaat.append(_("Not available for nights, and this indication includes nights."))

    if not profiel.basistraining_afgerond:
        if als_eerste_aanspreekpunt:
            resultaat.append(_("Basic training not completed, so she cannot be the first contact."))
        elif not heeft_getrainde_eerste_aanspreekpunt:
            resultaat.append(
                _("Basic training not completed: she may only be assigned alongside a trained first contact.")
            )

    return resultaat


@dataclass
class Kandidaat:
    user: User
    profiel: MedewerkerProfiel
    score: int = 0
    redenen: list[str] = field(default_factory=list)
    bezwaren: list[str] = field(default_factory=list)
    vrije_uren: Decimal = Decimal("0")
    # No objection except that she cannot be the first contact: she can join alongside one.
    naast_eerste_aanspreekpunt: bool = False

    @property
    def toewijsbaar(self) -> bool:
        return not self.bezwaren

    @property
    def naam(self) -> str:
        return self.user.get_full_name() or self.user.username


def _bezette_uren(medewerker_ids: list[int], op: date) -> dict[int, Decimal]:
    """Per medewerker: the estimated hours per week of her assignments running on ``op`` (one query)."""
    uren_indicatie = Subquery(
        Indicatie.objects.filter(traject=OuterRef("traject"), van__lte=op, tot__gte=op).values(
            "uren_per_week"
        )[:1],
        output_field=DecimalField(max_digits=5, decimal_places=2),
    )
    aantal_medewerkers = Subquery(
        Toewijzing.objects.filter(_actief_op(op), traject=OuterRef("traject"))
        .order_by()
        .values("traject")
        .annotate(n=Count("medewerker", distinct=True))
        .values("n")[:1]
    )
    rijen = (
        Toewijzing.objects.filter(_actief_op(op), medewerker_id__in=medewerker_ids)
        .annotate(uren=Coalesce(uren_indicatie, Decimal("0")), aantal=aantal_medewerkers)
        .values_list("medewerker_id", "uren", "aantal")
    )
    bezet: dict[int, Decimal] = {}
    for medewerker_id, uren, aantal in rijen:
        bezet[medewerker_id] = bezet.get(medewerker_id, Decimal("0")) + Decimal(uren) / max(aantal or 1, 1)
    return bezet


def _score(
    kandidaat: Kandidaat,
    *,
    traject: Traject,
    kwetsbaarheden: list[str],
    nachten_nodig: bool,
    bezet: Decimal,
) -> None:
    profiel = kandidaat.profiel
    gezin = traject.gezin
    score = 0
    redenen = kandidaat.redenen

    treffers = 0
    for kwetsbaarheid in kwetsbaarheden:
        expertise = EXPERTISE_VOOR.get(kwetsbaarheid)
        if expertise and expertise in profiel.expertises:
            treffers += 1
            redenen.append(
                _("Expertise in %(expertise)s, for the vulnerability “%(kwetsbaarheid)s”.")
                % {
                    "expertise": Expertise(expertise).label,
                    "kwetsbaarheid": dict(Kwetsbaarheid.choices).get(kwetsbaarheid, kwetsbaarheid),
                }
            )
    score += GEWICHT_EXPERTISE * min(treffers, MAX_EXPERTISE_TREFFERS)

    if traject.kraamweek_medewerker_id and traject.kraamweek_medewerker_id == kandidaat.user.pk:
        score += GEWICHT_CONTINUITEIT
        redenen.append(_("Was the family's maternity carer in the maternity week (continuity)."))

    if gezin.taal and gezin.taal in profiel.talen:
        score += GEWICHT_TAAL
        redenen.append(
            _("Speaks %(taal)s, the family's home language.")
            % {"taal": dict(Taal.choices).get(gezin.taal, gezin.taal)}
        )

    if (
        profiel.regio
        and gezin.woonplaats
        and profiel.regio.strip().casefold() == gezin.woonplaats.strip().casefold()
    ):
        score += GEWICHT_REGIO
        redenen.append(_("Works in the family's region (%(regio)s).") % {"regio": profiel.regio})

    contract = Decimal(profiel.contracturen_per_week or 0)
    vrij = contract - bezet
    kandidaat.vrije_uren = vrij
    if vrij > 0:
        punten = min(vrij * PUNTEN_PER_VRIJ_UUR, Decimal(GEWICHT_CAPACITEIT_MAX))
        score += int(punten.quantize(Decimal("1"), rounding=ROUND_HALF_UP))
        redenen.append(
            _("Free capacity: %(vrij)s of %(contract)s contract hours per week.")
            % {"vrij": _uren(vrij), "contract": _uren(contract)}
        )
    else:
        redenen.append(
            _(
                "No free capacity: her current trajectories take %(bezet)s of %(contract)s contract hours per week."
            )
            % {"bezet": _uren(bezet), "contract": _uren(contract)}
        )

    if nachten_nodig and profiel.nachtbeschikbaar:
        score += GEWICHT_NACHT
        redenen.append(_("Available for nights."))

    kandidaat.score = score


def kandidaten(traject: Traject, *, op: date, nachten_nodig: bool) -> list[Kandidaat]:
    """The provider's active medewerkers who are not yet assigned to ``traject`` on ``op``, ranked:
    assignable first, then by score (high to low), then by name. Each with reasons and objections.

    Whether a candidate would become the first contact follows from the trajectory: without a first
    contact on ``op`` she would be it; with one, she joins alongside (trained or not)."""
    traject = Traject.objects.select_related("aanbieder", "gezin", "aanmelding").get(pk=traject.pk)
    aanmelding = getattr(traject, "aanmelding", None)
    kwetsbaarheden = list(dict.fromkeys(aanmelding.kwetsbaarheden if aanmelding else []))

    huidige = list(
        Toewijzing.objects.filter(_actief_op(op), traject=traject).select_related(
            "medewerker__medewerkerprofiel"
        )
    )
    al_toegewezen = {t.medewerker_id for t in huidige}
    eerste = next((t for t in huidige if t.eerste_aanspreekpunt), None)
    eerste_profiel = getattr(eerste.medewerker, "medewerkerprofiel", None) if eerste else None
    als_eerste_aanspreekpunt = eerste is None
    heeft_getrainde_eerste_aanspreekpunt = bool(eerste_profiel and eerste_profiel.basistraining_afgerond)

    users = list(
        User.objects.filter(
            is_active=True,
            lidmaatschap__rol=Rol.MEDEWERKER,
            lidmaatschap__organisatie_id=traject.aanbieder_id,
        )
        .exclude(pk__in=al_toegewezen)
        .select_related("lidmaatschap", "medewerkerprofiel")
    )
    bezet = _bezette_uren([u.pk for u in users], op) if users else {}

    resultaat = []
    for user in users:
        # A medewerker without a profile is shown with every missing credential as an objection.
        profiel = getattr(user, "medewerkerprofiel", None) or MedewerkerProfiel(user=user)
        kandidaat = Kandidaat(user=user, profiel=profiel)
        kandidaat.bezwaren = bezwaren(
            profiel,
            traject=traject,
            op=op,
            nachten_nodig=nachten_nodig,
            als_eerste_aanspreekpunt=als_eerste_aanspreekpunt,
            heeft_getrainde_eerste_aanspreekpunt=heeft_getrainde_eerste_aanspreekpunt,
        )
        kandidaat.naast_eerste_aanspreekpunt = bool(kandidaat.bezwaren) and not bezwaren(
            profiel,
            traject=traject,
            op=op,
            nachten_nodig=nachten_nodig,
            als_eerste_aanspreekpunt=False,
            heeft_getrainde_eerste_aanspreekpunt=True,
        )
        _score(
            kandidaat,
            traject=traject,
            kwetsbaarheden=kwetsbaarheden,
            nachten_nodig=nachten_nodig,
            bezet=bezet.get(user.pk, Decimal("0")),
        )
        resultaat.append(kandidaat)

    resultaat.sort(key=lambda k: (not k.toewijsbaar, -k.score, k.naam.casefold(), k.user.pk))
    return resultaat
