"""What the loading of the demo families shares: the invented BSNs, fixed 'random' numbers (the same
world on every load), local moments, and the world that books each medewerker's times and writes the
rows in bulk at the end."""

import zlib
from datetime import date, datetime, time, timedelta

from django.db.models import F

from accounts.models import Organisatie, User
from trajecten.models import Huisbezoek, HuisbezoekVoortgang, Zorgdoel
from trajecten.zorg import AMSTERDAM, dienst_van


def demo_bsn(n: int) -> str:
    """The n-th invented BSN: eight digits from n, the ninth chosen so the elfproef holds."""
    basis = 20000000 + n * 7919
    while True:
        for laatste in range(10):
            kandidaat = f"{basis}{laatste}"
            som = sum(int(c) * w for c, w in zip(kandidaat[:8], range(9, 1, -1), strict=True)) - laatste
            if som % 11 == 0:
                return kandidaat
        basis += 1


def keuze(*sleutel) -> int:
    """A fixed 'random' number for this key: the same world on every load."""
    return zlib.crc32("-".join(map(str, sleutel)).encode())


def moment(dag: date, uur: int, minuut: int = 0) -> datetime:
    return datetime.combine(dag, time(uur, minuut), tzinfo=AMSTERDAM)


def tijd(tekst: str) -> time:
    uur, minuut = tekst.split(":")
    return time(int(uur), int(minuut))


class Wereld:
    """What the families share while loading: users, organisations, each medewerker's booked times (so
    visits never overlap), and the rows written at the end in bulk."""

    def __init__(self, vandaag: date):
        self.vandaag = vandaag
        self.users = {u.username: u for u in User.objects.all()}
        organisaties = list(Organisatie.objects.all())
        self.gemeenten = {o.naam: o for o in organisaties if o.soort == "gemeente"}
        self.aanbieders = {o.naam: o for o in organisaties if o.soort == "zorgaanbieder"}
        self.partners = {o.naam: o for o in organisaties if o.soort == "ketenpartner"}
        self.bezet: dict[int, list[tuple[datetime, datetime]]] = {}
        self.bezoeken: list[Huisbezoek] = []
        self.voortgang: list[tuple[int, Zorgdoel, int]] = []  # (index in bezoeken, goal, score)
        self.tijden: dict[type, dict[int, tuple[object, set]]] = {}

    def tijdstip(self, obj, **velden):
        """Backdate auto_now_add fields (set after creation, written in bulk at the end)."""
        for veld, waarde in velden.items():
            setattr(obj, veld, waarde)
        _obj, namen = self.tijden.setdefault(type(obj), {}).setdefault(obj.pk, (obj, set()))
        namen.update(velden)

    def vrij(self, medewerker, start: datetime, eind: datetime) -> bool:
        return all(eind <= s or start >= e for s, e in self.bezet.get(medewerker.pk, []))

    def bezoek(self, traject, medewerker, start, eind, themas, verslag, soort="huisbezoek") -> int | None:
        if not self.vrij(medewerker, start, eind):
            return None
        self.bezet.setdefault(medewerker.pk, []).append((start, eind))
        self.bezoeken.append(
            Huisbezoek(
                traject=traject,
                medewerker=medewerker,
                soort=soort,
                start=start,
                eind=eind,
                dienst=dienst_van(start, eind),
                themas=list(themas),
                verslag=verslag,
            )
        )
        return len(self.bezoeken) - 1

    def opslaan(self):
        Huisbezoek.objects.bulk_create(self.bezoeken)
        HuisbezoekVoortgang.objects.bulk_create(
            HuisbezoekVoortgang(bezoek=self.bezoeken[i], doel=doel, score=score)
            for i, doel, score in self.voortgang
        )
        # Registered shortly after the visit ended, as a medewerker does on her phone.
        Huisbezoek.objects.filter(pk__in=[b.pk for b in self.bezoeken]).update(
            geregistreerd_op=F("eind") + timedelta(minutes=20)
        )
        for model, rijen in self.tijden.items():
            velden = set().union(*(namen for _obj, namen in rijen.values()))
            model.objects.bulk_update([obj for obj, _namen in rijen.values()], sorted(velden))
