"""The visits of a started family: its weekly rooster from the start to yesterday, with the reports a
medewerker writes."""

from datetime import time, timedelta

from trajecten.zorg import bezoektijden

from .gezinnen import DemoGezin, Slot
from .wereld import Wereld, keuze, tijd

VERSLAGEN = {
    "huilgedrag": [
        "Moeder herkende het hongerhuilen en voedde op tijd; inbakeren geoefend.",
        "Huilmomenten bijgehouden in het dagboekje; de piek ligt rond vijf uur 's middags.",
        "Rustig wiegen en minder prikkels geprobeerd; de baby viel na tien minuten in slaap.",
    ],
    "dagstructuur": [
        "Dagritme op de koelkast gehangen: voeden, wassen, slapen en zelf eten op vaste tijden.",
        "Ochtendroutine doorgelopen; moeder had ontbeten voordat de baby wakker werd.",
        "Weekplanning gemaakt met de afspraken van het consultatiebureau erin.",
    ],
    "slaap_waakritme": [
        "Slaapschema bijgehouden; de baby slaapt 's nachts nu twee keer drie uur achter elkaar.",
        "Vast avondritueel geoefend: badje, voeding, liedje, in bed.",
    ],
    "liefde_band": [
        "Huid-op-huidcontact en spelen op de mat; moeder benoemt wat de baby laat zien.",
        "Voeding met oogcontact; moeder vertelde trots dat de baby naar haar lachte.",
    ],
    "vertrouwen": [
        "Moeder deed het badje zelf; ik keek alleen mee en gaf een compliment.",
        "Besproken waar moeder zich zorgen over maakt; ze belde zelf de huisarts.",
    ],
    "gezondheid_zelfzorg": [
        "Moeder heeft geslapen terwijl ik bij de baby was; daarna de maaltijd voorbereid.",
        "Gesprek over rust en hulp vragen; afspraak bij de praktijkondersteuner gemaakt.",
    ],
    "veiligheid": [
        "Veilig slapen besproken: eigen bedje, op de rug, geen dekbed. Rookmelder getest.",
        "Het veiligheidsplan doorgenomen; de telefoonnummers hangen bij de deur.",
    ],
    "organiseren": [
        "Was en boodschappen gepland; post gesorteerd en twee rekeningen betaald.",
        "Keuken en flessen schoongemaakt; moeder maakt nu zelf een boodschappenlijst.",
    ],
}


# Visits while the baby is still expected (a family referred during pregnancy).
ZWANGERSCHAP_VERSLAGEN = [
    "Babyhoek ingericht: bedje veilig opgemaakt, uitzet gewassen en opgeborgen.",
    "Voeding besproken: borstvoeding of fles, en wat er in huis moet zijn.",
    "Met moeder naar de verloskundige geweest; zij stelde zelf haar vragen.",
    "Besproken wie moeder belt als de weeën beginnen; het lijstje hangt bij de telefoon.",
]


NACHT_THEMAS = ("slaap_waakritme", "huilgedrag", "gezondheid_zelfzorg")


def bezoeken_laden(w: Wereld, traject, g: DemoGezin, doelen, score, indicaties, medewerkers, start, zorg_tot):
    """The weekly rooster from the start to yesterday (or the last day of care): some visits cancelled,
    times a little different each week, one week above the volume, a phone call now and then."""
    z = g.zorg
    vandaag = w.vandaag
    laatste = zorg_tot - timedelta(days=1) if zorg_tot else vandaag - timedelta(days=1)
    if z.alleen_vorige_weken:
        laatste = min(laatste, vandaag - timedelta(days=vandaag.weekday() + 1))
    wissel = indicaties[1].van if len(indicaties) > 1 else None
    pauze = (start + timedelta(days=z.pauze[0]), start + timedelta(days=z.pauze[1])) if z.pauze else None
    maandag = start - timedelta(days=start.weekday())
    week = 0
    teller = 0
    while maandag <= laatste:
        uren_week = 0.0
        slots = list(z.rooster)
        if week == z.extra_week:
            slots.append(Slot(1, "14:00", "17:00"))
        for s, slot in enumerate(slots):
            dag = maandag + timedelta(days=slot.dag)
            nacht = tijd(slot.einde) <= tijd(slot.begin)
            versie = 2 if wissel and dag >= wissel else 1
            if not (start <= dag <= laatste) or (slot.versie and slot.versie != versie):
                continue
            if nacht and dag > vandaag - timedelta(days=2):
                continue  # a night that has not ended yet
            if pauze and pauze[0] <= dag < pauze[1]:
                continue
            sleutel = keuze(g.achternaam, week, s)
            if s < len(z.rooster) and sleutel % 13 == 0:
                continue  # cancelled: mother ill, or a hospital appointment
            schuif = (0, 0, 15, -15, 30)[sleutel % 5] if not nacht else 0
            begin, einde = bezoektijden(dag, tijd(slot.begin), tijd(slot.einde))
            begin, einde = begin + timedelta(minutes=schuif), einde + timedelta(minutes=schuif)
            themas = _themas(doelen, teller, nacht)
            verslag = VERSLAGEN[themas[0]][sleutel % len(VERSLAGEN[themas[0]])]
            if g.baby_dagen >= 0:
                verslag = ZWANGERSCHAP_VERSLAGEN[sleutel % len(ZWANGERSCHAP_VERSLAGEN)]
            if nacht:
                verslag = "Nacht: baby twee keer gevoed en verschoond; moeder heeft vijf uur achter elkaar geslapen."
            elif s >= len(z.rooster):
                verslag = (
                    "Extra bezoek: baby verkouden en onrustig; moeder geholpen met rust en neusdruppels."
                )
            index = w.bezoek(traject, medewerkers[slot.wie], begin, einde, themas, verslag)
            if index is None:  # she is booked elsewhere: the day after
                index = w.bezoek(
                    traject,
                    medewerkers[slot.wie],
                    begin + timedelta(days=1),
                    einde + timedelta(days=1),
                    themas,
                    verslag,
                )
            if index is None:
                continue
            teller += 1
            uren_week += (einde - begin).total_seconds() / 3600
            for doel in doelen:
                if doel.thema in themas:
                    w.voortgang.append((index, doel, score(doel, dag, (sleutel // 7) % 3 - 1)))
        if week % 4 == 3 or (pauze and maandag <= pauze[0] + timedelta(days=2) < maandag + timedelta(days=7)):
            dag = min(maandag + timedelta(days=4), laatste)
            volume = float(indicaties[1 if wissel and dag >= wissel else 0].uren_per_week)
            # A call counts as care time too: only in a week that leaves room for it.
            if dag >= start and uren_week + 0.5 <= volume:
                begin, einde = bezoektijden(dag, time(16, 0), time(16, 30))
                tekst = "Telefonisch: moeder belde over de voeding en het slapen; advies gegeven, morgen nagevraagd."
                if g.baby_dagen >= 0:
                    tekst = "Telefonisch: moeder belde over de harde buiken; verwezen naar de verloskundige."
                if pauze and pauze[0] <= dag < pauze[1]:
                    tekst = "Telefonisch: de baby ligt nog op de neonatologie; moeder kolft en mag bijna naar huis."
                w.bezoek(traject, medewerkers[0], begin, einde, ["vertrouwen"], tekst, soort="telefonisch")
        maandag += timedelta(days=7)
        week += 1


def _themas(doelen, teller: int, nacht: bool) -> list[str]:
    """The goals' themes in turn, one or two a visit; a night works on sleep and rest where a goal has it."""
    themas = [d.thema for d in doelen]
    if nacht:
        return [t for t in themas if t in NACHT_THEMAS][:1] or themas[:1]
    eerste = themas[teller % len(themas)]
    tweede = themas[(teller + 1) % len(themas)]
    return [eerste] if teller % 3 == 0 or tweede == eerste else [eerste, tweede]
