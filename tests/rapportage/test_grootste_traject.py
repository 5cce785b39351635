"""Issue 11, item 3: the largest trajectory the rules allow still makes its report well within the
worker's limit, and nothing in it is truncated or dropped.

Built here: a year of visits (four a week), the maximum number of goals in the current plan, every
free text the trajectory report prints at its maximum length (with one long unbroken "word" in each,
the worst case for line breaking), many signals with Meldcode steps, evaluations with a comment per
goal, a full network, partners and a closure. The report is made the way the worker makes it
(rapportage.maken.rapport_maken), rendered by WeasyPrint and read back with pypdf."""

import io
import time
from datetime import time as tijd
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone, translation
from pypdf import PdfReader

from core.validators import (
    DOELEN_PER_PLAN_MAX,
    NOTITIE,
    TEKST_KORT,
    TEKST_LANG,
    TEKST_MIDDEL,
)
from ketenpartners.models import Betrokkenheid
from rapportage import maken
from rapportage.models import Rapport
from tests.factories import (
    BudgetUitzonderingFactory,
    EvaluatieDoelFactory,
    EvaluatieFactory,
    HuisbezoekFactory,
    HuisbezoekVoortgangFactory,
    MeldcodeRegistratieFactory,
    NetwerkLidFactory,
    OndersteuningsplanFactory,
    SignaalFactory,
    ZorgdoelFactory,
)
from trajecten.models import Aanmelding, Afsluiting, Netwerkplan, Ondersteuningsplan
from trajecten.zorg import bezoektijden, dienst_van

from .factories_traject import volledig_traject

SIGNALEN = 30
NETWERKLEDEN = 25
BEZOEKEN_PER_WEEK = 4
# Well within the worker's soft limit (300 s); the measured time is printed with -s.
GRENS_SECONDEN = 60


def lange_tekst(lengte: int, slot: str) -> str:
    """Exactly ``lengte`` characters: words, one unbroken 'word' of up to 400 characters (a pasted
    link or a held-down key), and ``slot`` as the last word, so a cut or a dropped field shows."""
    woorden = "De moeder vertelt dat de nachten zwaar zijn en dat de baby veel huilt na de voeding. "
    onafgebroken = "x" * min(400, lengte // 4)
    kern = f"{onafgebroken} "
    staart = f" {slot}"
    vulling = (woorden * (lengte // len(woorden) + 1))[: lengte - len(kern) - len(staart)]
    tekst = kern + vulling + staart
    assert len(tekst) == lengte
    return tekst


def tekst(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def grootste_traject(gemeente, aanbieder):
    feiten = volledig_traject(gemeente=gemeente, aanbieder=aanbieder, aantal=1)
    traject = feiten.traject
    vandaag = timezone.localdate()
    jaar_terug = vandaag - timedelta(days=364)
    traject.gestart_op = jaar_terug
    traject.save(update_fields=["gestart_op"])
    eerste = traject.indicaties.order_by("van").first()
    eerste.van = jaar_terug
    eerste.beeindigingsreden = lange_tekst(TEKST_MIDDEL, "SLOTBEEINDIGING")
    eerste.save()
    traject.indicaties.exclude(pk=eerste.pk).update(
        motivatie_na_eerste_verjaardag=lange_tekst(TEKST_MIDDEL, "SLOTMOTIVATIE")
    )
    BudgetUitzonderingFactory(indicatie=eerste, reden=lange_tekst(TEKST_MIDDEL, "SLOTBUDGETREDEN"))
    Aanmelding.objects.filter(traject=traject).update(hulpvraag=lange_tekst(TEKST_LANG, "SLOTHULPVRAAG"))

    # The current plan: the maximum number of goals, each at its maximum length.
    medewerker = traject.huisbezoeken.first().medewerker
    plan = OndersteuningsplanFactory(
        traject=traject,
        versie=Ondersteuningsplan.objects.filter(traject=traject).count() + 1,
        woorden_ouders=lange_tekst(TEKST_MIDDEL, "SLOTWOORDENPLAN"),
    )
    doelen = [
        ZorgdoelFactory(plan=plan, thema="huilgedrag", omschrijving=lange_tekst(TEKST_KORT, f"SLOTDOEL{n}"))
        for n in range(1, DOELEN_PER_PLAN_MAX + 1)
    ]

    # A year of visits, four a week, each report at its maximum length; progress on a few goals.
    eerste_bezoek = None
    for dag_nummer in range(364):
        dag = jaar_terug + timedelta(days=dag_nummer)
        if dag.weekday() >= BEZOEKEN_PER_WEEK or dag >= vandaag - timedelta(days=2):
            continue
        start, eind = bezoektijden(dag, tijd(14), tijd(16))
        bezoek = HuisbezoekFactory(
            traject=traject,
            medewerker=medewerker,
            start=start,
            eind=eind,
            dienst=dienst_van(start, eind),
            verslag=lange_tekst(TEKST_LANG, "SLOTVERSLAG"),
        )
        eerste_bezoek = eerste_bezoek or bezoek
    for doel in doelen:
        HuisbezoekVoortgangFactory(bezoek=eerste_bezoek, doel=doel, score=6, notitie="x" * NOTITIE)

    # An evaluation every eight weeks, with a comment on every goal.
    for n in range(6):
        dag = jaar_terug + timedelta(weeks=8 * n + 4)
        evaluatie = EvaluatieFactory(
            traject=traject,
            gepland_op=dag,
            gehouden_op=dag,
            conclusie="voortzetten",
            deelnemers=lange_tekst(NOTITIE, "SLOTDEELNEMERS"),
            toelichting=lange_tekst(TEKST_LANG, f"SLOTEVALUATIE{n}"),
        )
        for doel in doelen:
            EvaluatieDoelFactory(
                evaluatie=evaluatie, doel=doel, realisatie=6, opmerking=lange_tekst(NOTITIE, "SLOTOPMERKING")
            )

    for n in range(SIGNALEN):
        signaal = SignaalFactory(
            traject=traject,
            categorie="postpartum",
            ernst="midden",
            beschrijving=lange_tekst(TEKST_LANG, f"SLOTSIGNAAL{n}"),
            acties=lange_tekst(TEKST_LANG, f"SLOTACTIES{n}"),
            gemeld_door=medewerker,
        )
        for stap in (1, 2, 3):
            MeldcodeRegistratieFactory(
                signaal=signaal, stap=stap, notitie=lange_tekst(TEKST_LANG, f"SLOTMELDCODE{n}X{stap}")
            )

    for n in range(NETWERKLEDEN):
        NetwerkLidFactory(
            traject=traject,
            naam=f"Netwerklid {n}",
            relatie="familie",
            toelichting=lange_tekst(NOTITIE, f"SLOTNETWERK{n}"),
            bereikbaar=lange_tekst(200, "SLOTBEREIK"),
            afgesproken=True,
        )
    Netwerkplan.objects.filter(traject=traject).update(
        woorden_ouders=lange_tekst(TEKST_MIDDEL, "SLOTNETWERKPLAN")
    )
    Betrokkenheid.objects.filter(traject=traject).update(
        verantwoordelijkheden=lange_tekst(TEKST_MIDDEL, "SLOTVERANTWOORDELIJK")
    )
    Afsluiting.objects.filter(traject=traject).update(toelichting=lange_tekst(TEKST_LANG, "SLOTAFSLUITING"))
    return traject


@pytest.mark.django_db
def test_the_largest_trajectory_the_rules_allow_makes_its_report_in_time_and_whole(
    gebruikers, gemeente, aanbieder
):
    traject = grootste_traject(gemeente, aanbieder)
    rapport = Rapport.objects.create(
        soort="traject", traject=traject, aangevraagd_door=gebruikers["casemanager"]
    )

    with translation.override("nl"):
        begin = time.monotonic()
        uitkomst = maken.rapport_maken(rapport.pk)
        duur = time.monotonic() - begin
    print(f"\nTrajectrapport van het grootste traject: {duur:.1f} s")  # noqa: T201 - measured, for the README

    rapport.refresh_from_db()
    assert uitkomst == "gereed", rapport.foutmelding
    assert duur < GRENS_SECONDEN
    assert GRENS_SECONDEN < settings.CELERY_TASK_SOFT_TIME_LIMIT
    pdf = maken.bestand_lezen(rapport.pdf_bestand)
    # Without spaces: a narrow column may break a long word over two lines.
    inhoud = "".join(tekst(pdf).split())
    # The last goal, and the end of every long text the report prints: nothing cut, nothing dropped.
    for slot in (
        f"SLOTDOEL{DOELEN_PER_PLAN_MAX}",
        "SLOTDOEL1",
        "SLOTHULPVRAAG",
        "SLOTWOORDENPLAN",
        "SLOTEVALUATIE5",
        "SLOTOPMERKING",
        f"SLOTSIGNAAL{SIGNALEN - 1}",
        f"SLOTACTIES{SIGNALEN - 1}",
        f"SLOTMELDCODE{SIGNALEN - 1}X3",
        f"SLOTNETWERK{NETWERKLEDEN - 1}",
        "SLOTNETWERKPLAN",
        "SLOTVERANTWOORDELIJK",
        "SLOTAFSLUITING",
        "SLOTMOTIVATIE",
        "SLOTBUDGETREDEN",
        "SLOTBEEINDIGING",
    ):
        assert slot in inhoud, slot
