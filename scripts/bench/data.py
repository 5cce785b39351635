# ruff: noqa: S108, S311, S324, S603, S607, S608 - a benchmark: fixed commands, its own SQL, /tmp files
"""The national dataset, generated with bulk SQL (COPY of a per-trajectory plan, then INSERT … SELECT).

Shape at scale 1 (``--schaal 0.1`` scales everything but the organisations):
- 342 municipalities and 60 providers in 12 regions; every municipality has a contract with the five
  providers of its region, so each provider has about 1/60 of the country. Region 0 is the demo's north:
  Gemeente Groningen gets 2 % of all families (~2,000), Kraamzorg Noord 1/60.
- 100,000 trajectories referred over the last 800 days: ~6 % declined or cancelled, the youngest still
  in referral/intake/indication request, ~12,000 running (``actief``), the rest closed. Each family
  has one or two parents, a baby, a referral; each trajectory that got care has a granted indication
  request, an indication, one assignment (first contact), a support plan with three goals, an
  evaluation (closed ones also a final one), status history, an intake, and ~5 % a signal.
- 3,000 medewerkers (50 per provider). Visits follow "lanes": a lane is one medewerker's fixed daily
  time slot on even or odd days. A trajectory holds one lane for its whole care period and gets a
  visit every other day in it; lanes are handed out greedily in time order, so one lane never serves
  two trajectories at once and a medewerker's visits never overlap (the exclusion constraint checks
  it on insert). Every visit lies inside the trajectory's indication and assignment. Sanne gets ten
  lanes, filled first: ~10 running families and a year of visits. About 4,000,000 visits.
- 5,000,000 access-log rows (50 per trajectory over its life, by its medewerker, coordinator and
  casemanager), inserted in time order.

The demo world (accounts.demo, trajecten.demo, ketenpartners.demo) is loaded first, so every demo
login works and owns its share. All constraints and triggers stay enabled during the inserts.
"""

import bisect
import random
import time as klok
from datetime import date, timedelta

SLOTS = [("08:00", "10:00"), ("10:30", "12:30"), ("13:00", "15:00"), ("15:30", "17:30"), ("19:00", "21:00")]
REGIOS = 12
AANBIEDERS_PER_REGIO = 5
GEMEENTEN = 342
DAGEN_HISTORIE = 800
TOEGANGSLOG_PER_TRAJECT = 50
ACHTERNAMEN = (
    "de Jong Jansen de Vries van den Berg van Dijk Bakker Janssen Visser Smit Meijer de Boer Mulder "
    "de Groot Bos Vos Peters Hendriks van Leeuwen Dekker Brouwer de Wit Dijkstra Smits de Graaf van der "
    "Meer van der Linden Kok Jacobs de Haan Vermeulen van den Heuvel van der Veen van den Broek de Bruijn "
    "de Bruin van der Heijden Schouten van Beek Willems van Wijk Hoekstra van Vliet Koster Verbeek Prins "
    "Postma Kuipers Yilmaz El Amrani Kaya Nowak Bouali Haddou Öztürk Kowalski"
).split(" ")
ACHTERNAMEN = [n.replace("_", " ") for n in ACHTERNAMEN]
VOORNAMEN = "Anna Emma Fleur Sara Lotte Noor Eva Julia Lisa Fatima Aylin Yasmina Kim Sanne Iris Maud".split()
THEMAS = [
    "vertrouwen", "liefde_band", "huilgedrag", "slaap_waakritme",
    "dagstructuur", "gezondheid_zelfzorg", "veiligheid", "organiseren",
]  # fmt: skip


class Stappen:
    def __init__(self):
        self.begin = klok.perf_counter()
        self.vorige = self.begin

    def __call__(self, naam: str, extra: str = ""):
        nu = klok.perf_counter()
        print(f"  {naam:<44} {nu - self.vorige:7.1f} s  {extra}", flush=True)
        self.vorige = nu

    def totaal(self):
        return klok.perf_counter() - self.begin


def genereer(schaal: float, seed: int = 2026) -> None:
    from django.db import connection
    from django.utils import timezone

    from accounts.demo import laad_demo_wereld
    from ketenpartners.demo import laad_demo_ketenpartners
    from trajecten.demo import laad_demo_trajecten

    stap = Stappen()
    vandaag = timezone.localdate()
    rnd = random.Random(seed)
    laad_demo_wereld(vandaag)
    laad_demo_trajecten(vandaag)
    laad_demo_ketenpartners(vandaag)
    stap("demo world (accounts, trajecten, ketenpartners)")

    with connection.cursor() as c:
        cur = c.cursor  # psycopg 3
        cur.execute("SET synchronous_commit = off")
        cur.execute("SET maintenance_work_mem = '512MB'")
        cur.execute("SET work_mem = '256MB'")
        cur.execute("CREATE SCHEMA IF NOT EXISTS bench")
        w = _Wereld(cur, rnd, vandaag, schaal)
        w.organisaties()
        stap("organisations, contracts", f"{len(w.gemeenten)} municipalities, {len(w.aanbieders)} providers")
        w.gebruikers()
        stap("users, memberships, profiles", f"{w.aantal_medewerkers} medewerkers")
        w.plan()
        stap("plan per trajectory (Python, COPY)", w.plan_samenvatting)
        w.gezinnen_en_trajecten()
        stap("families, parents, babies, trajectories, referrals")
        w.zorg()
        stap("intakes, requests, indications, assignments, plans …")
        n = w.bezoeken()
        stap("visits (Huisbezoek)", f"{n:,} rows")
        n = w.toegangslog()
        stap("access log (Toegangslog)", f"{n:,} rows")
        w.reeksen()
        w.controle()
        stap("checks (visits inside indication and assignment)")
    connection.close()
    with connection.cursor() as c:
        c.execute("VACUUM ANALYZE")
    stap("VACUUM ANALYZE")
    print(f"  {'total':<44} {stap.totaal():7.1f} s")


class _Wereld:
    def __init__(self, cur, rnd, vandaag, schaal):
        self.cur, self.rnd, self.vandaag, self.schaal = cur, rnd, vandaag, schaal
        self.n_trajecten = round(100_000 * schaal)

    def q(self, sql, params=None):
        self.cur.execute(sql, params)
        return self.cur

    def een(self, sql, params=None):
        return self.q(sql, params).fetchone()[0]

    def insert(self, tabel: str, kolommen: dict[str, str], van: str, params=None) -> int:
        """INSERT INTO tabel (…) SELECT … van; every NOT NULL column without a default that is not named
        gets an empty value of its type, so a new column elsewhere does not break the generator."""
        rijen = self.q(
            """SELECT column_name, data_type FROM information_schema.columns
               WHERE table_schema = 'public' AND table_name = %s AND is_nullable = 'NO'
                 AND column_default IS NULL AND is_identity = 'NO'""",
            [tabel],
        ).fetchall()
        leeg = {
            "boolean": "false", "ARRAY": "'{}'", "integer": "0", "smallint": "0", "bigint": "0",
            "numeric": "0", "timestamp with time zone": "now()", "date": "current_date", "jsonb": "'{}'",
        }  # fmt: skip
        kolommen = dict(kolommen)
        for naam, soort in rijen:
            if naam not in kolommen:
                kolommen[naam] = leeg.get(soort, "''")
        sql = f"INSERT INTO {tabel} ({', '.join(kolommen)}) SELECT {', '.join(kolommen.values())} {van}"
        return self.q(sql, params).rowcount

    def copy(self, tabel: str, kolommen: list[str], rijen) -> None:
        with self.cur.copy(f"COPY {tabel} ({', '.join(kolommen)}) FROM STDIN") as copy:
            for rij in rijen:
                copy.write_row(rij)

    # --- organisations ------------------------------------------------------------------------------

    def organisaties(self):
        q, rnd = self.q, self.rnd
        demo_g = dict(q("SELECT naam, id FROM accounts_organisatie WHERE soort = 'gemeente'").fetchall())
        demo_a = dict(q("SELECT naam, id FROM accounts_organisatie WHERE soort = 'zorgaanbieder'").fetchall())
        q(
            """INSERT INTO accounts_organisatie (naam, soort, gemeentecode, plaats, vog_max_maanden,
                   eerste_evaluatie_na_weken, evaluatie_interval_weken, actief)
               SELECT 'Gemeente Plaats ' || lpad(g::text, 3, '0'), 'gemeente', lpad((1000 + g)::text, 4, '0'),
                      'Plaats ' || lpad(g::text, 3, '0'), NULL, 6, 8, true
               FROM generate_series(1, %s) g ON CONFLICT (naam) DO NOTHING""",
            [GEMEENTEN - len(demo_g)],
        )
        q(
            """INSERT INTO accounts_organisatie (naam, soort, gemeentecode, plaats, vog_max_maanden,
                   eerste_evaluatie_na_weken, evaluatie_interval_weken, actief)
               SELECT 'Kraamzorg Regio ' || lpad(g::text, 2, '0'), 'zorgaanbieder', '', 'Regio', 36, 6, 8, true
               FROM generate_series(1, %s) g ON CONFLICT (naam) DO NOTHING""",
            [REGIOS * AANBIEDERS_PER_REGIO - len(demo_a)],
        )
        extra_g = [
            r[0]
            for r in q(
                "SELECT id FROM accounts_organisatie WHERE naam LIKE 'Gemeente Plaats %%' ORDER BY naam"
            )
        ]
        extra_a = [
            r[0]
            for r in q(
                "SELECT id FROM accounts_organisatie WHERE naam LIKE 'Kraamzorg Regio %%' ORDER BY naam"
            )
        ]
        groningen = demo_g["Gemeente Groningen"]
        noord = demo_a["Kraamzorg Noord"]
        self.noord, self.groningen = noord, groningen
        # Regions: region 0 holds the demo municipalities and providers.
        demo_gemeenten = [groningen, demo_g["Gemeente Leeuwarden"], demo_g["Gemeente Assen"]]
        gemeenten = demo_gemeenten + extra_g
        per_regio = len(gemeenten) // REGIOS
        self.regio_gemeenten = [gemeenten[r * per_regio : (r + 1) * per_regio] for r in range(REGIOS)]
        self.regio_gemeenten[-1] += gemeenten[REGIOS * per_regio :]
        aanbieders = [noord, demo_a["Kraamzorg De Wadden"]] + extra_a
        self.regio_aanbieders = [
            aanbieders[r * AANBIEDERS_PER_REGIO : (r + 1) * AANBIEDERS_PER_REGIO] for r in range(REGIOS)
        ]
        self.gemeenten, self.aanbieders = gemeenten, aanbieders
        # Weights: each region 1/12 of the country; inside a region a Zipf-like spread of municipality
        # sizes; Groningen 2 %, Leeuwarden 0.9 %, Assen 0.5 %.
        gewicht = {}
        for r, leden in enumerate(self.regio_gemeenten):
            vast = {groningen: 0.02, demo_g["Gemeente Leeuwarden"]: 0.009, demo_g["Gemeente Assen"]: 0.005}
            vast = {g: v for g, v in vast.items() if g in leden}
            rest = [g for g in leden if g not in vast]
            ruw = [1 / (i + 1) ** 0.7 for i in range(len(rest))]
            rnd.shuffle(ruw)
            over = 1 / REGIOS - sum(vast.values())
            for g, v in zip(rest, ruw, strict=True):
                gewicht[g] = v / sum(ruw) * over
            gewicht.update(vast)
            for g in leden:
                self.regio_van = getattr(self, "regio_van", {})
                self.regio_van[g] = r
        self.gewicht_gemeenten = list(gewicht)
        cum, totaal = [], 0.0
        for g in self.gewicht_gemeenten:
            totaal += gewicht[g]
            cum.append(totaal)
        self.cum = [x / totaal for x in cum]
        # Contracts: every municipality with the five providers of its region, from three years back.
        # The demo's own contracts (from 1 January last year) get a predecessor for the years before.
        drie_jaar = self.vandaag - timedelta(days=3 * 365)
        bestaand = {
            (g, a): van
            for g, a, van in q(
                "SELECT gemeente_id, aanbieder_id, min(geldig_van) FROM indicaties_contract GROUP BY 1, 2"
            )
        }
        rijen = []
        self.tarief = {}
        for r in range(REGIOS):
            for g in self.regio_gemeenten[r]:
                for a in self.regio_aanbieders[r]:
                    tarief = round(rnd.uniform(54, 64), 2)
                    self.tarief[g, a] = tarief
                    if (g, a) in bestaand:
                        rijen.append((g, a, tarief, drie_jaar, bestaand[g, a] - timedelta(days=1)))
                    else:
                        rijen.append((g, a, tarief, drie_jaar, None))
        self.copy(
            "indicaties_contract",
            ["gemeente_id", "aanbieder_id", "uurtarief", "geldig_van", "geldig_tot"],
            rijen,
        )
        self.ketenpartners = [
            r[0] for r in q("SELECT id FROM accounts_organisatie WHERE soort = 'ketenpartner' ORDER BY id")
        ]

    # --- users ---------------------------------------------------------------------------------------

    def gebruikers(self):
        q = self.q
        wachtwoord = self.een("SELECT password FROM accounts_user WHERE username = 'sanne'")
        self.wachtwoord = wachtwoord
        users = []  # (username, first, last, organisatie, rol)
        namen_org = dict(q("SELECT id, naam FROM accounts_organisatie").fetchall())
        self.casemanager = {}
        for g in self.gemeenten:
            naam = namen_org[g]
            if naam.startswith("Gemeente Plaats"):
                users.append((f"casemanager.p{naam[-3:]}", "Casemanager", naam[9:], g, "casemanager"))
        self.coordinator = {}
        for a in self.aanbieders:
            naam = namen_org[a]
            if naam.startswith("Kraamzorg Regio"):
                users.append((f"coordinator.r{naam[-2:]}", "Coördinator", naam[10:], a, "coordinator"))
        demo_mw = dict(
            q(
                """SELECT l.organisatie_id, count(*) FROM accounts_lidmaatschap l
                   WHERE l.rol = 'medewerker' GROUP BY 1"""
            ).fetchall()
        )
        per_aanbieder = max(3, round(3000 * self.schaal / len(self.aanbieders)))
        for i, a in enumerate(self.aanbieders):
            for k in range(per_aanbieder - demo_mw.get(a, 0)):
                users.append((f"mw.a{i:02d}.{k:03d}", "Medewerker", f"A{i:02d}-{k:03d}", a, "medewerker"))
        self.copy(
            "accounts_user",
            [
                "password",
                "is_superuser",
                "username",
                "first_name",
                "last_name",
                "email",
                "is_staff",
                "is_active",
                "date_joined",
            ],
            (
                (
                    wachtwoord,
                    False,
                    u,
                    f,
                    a,
                    f"{u}@bench.example",
                    False,
                    True,
                    self.vandaag - timedelta(days=1000),
                )
                for u, f, a, _o, _r in users
            ),
        )
        ids = dict(q("SELECT username, id FROM accounts_user").fetchall())
        self.copy(
            "accounts_lidmaatschap",
            ["user_id", "organisatie_id", "rol"],
            ((ids[u], o, r) for u, _f, _l, o, r in users),
        )
        self.insert(
            "accounts_medewerkerprofiel",
            {
                "user_id": "u.id", "kckz_nummer": "'KCKZ-' || u.id", "kckz_geldig_tot": "current_date + 700",
                "vog_datum": "current_date - 200", "basistraining_datum": "current_date - 400",
                "jaren_ervaring": "(u.id % 20)::smallint", "expertises": "'{}'", "talen": "'{nl}'",
                "nachtbeschikbaar": "u.id % 3 = 0", "regio": "''", "contracturen_per_week": "24",
            },
            "FROM accounts_user u WHERE u.username LIKE 'mw.a%%'",
        )  # fmt: skip
        # Each user one TOTP device with the demo secret (the harness may log in as any of them).
        self.insert(
            "otp_totp_totpdevice",
            {"user_id": "u.id", "name": "'default'", "confirmed": "true", "key": f"'{_totp_key()}'",
             "step": "30", "t0": "0", "digits": "6", "tolerance": "1", "drift": "0", "last_t": "-1"},
            "FROM accounts_user u WHERE NOT EXISTS (SELECT 1 FROM otp_totp_totpdevice d WHERE d.user_id = u.id)",
        )  # fmt: skip
        rollen = q(
            "SELECT l.organisatie_id, l.rol, u.id, u.username FROM accounts_lidmaatschap l JOIN accounts_user u ON u.id = l.user_id"
            " WHERE u.is_active"  # the demo world's departed medewerker gets no new assignments
        ).fetchall()
        self.medewerkers = {a: [] for a in self.aanbieders}
        for org, rol, uid, username in sorted(rollen, key=lambda r: r[3]):
            if rol == "casemanager":
                self.casemanager.setdefault(org, uid)
            elif rol == "coordinator":
                self.coordinator.setdefault(org, uid)
            elif rol == "medewerker" and org in self.medewerkers:
                self.medewerkers[org].append((uid, username))
        self.sanne = ids["sanne"]
        self.aantal_medewerkers = sum(len(v) for v in self.medewerkers.values())

    # --- the plan: one row per trajectory ----------------------------------------------------------

    def plan(self):
        import heapq

        rnd, vandaag = self.rnd, self.vandaag
        gezin0 = self.een("SELECT coalesce(max(id), 0) FROM trajecten_gezin") + 1000
        traject0 = self.een("SELECT coalesce(max(id), 0) FROM trajecten_traject") + 1000
        # Lanes per provider: (free after date, medewerker, slot, parity). Sanne: all five slots.
        banen = {}
        sanne_banen = []
        for a, leden in self.medewerkers.items():
            heap = []
            for m, (uid, _naam) in enumerate(leden):
                slots = range(5) if uid == self.sanne else [(m + k) % 5 for k in range(3)]
                for s in slots:
                    for p in (0, 1):
                        baan = [date.min, uid, s, p]
                        if uid == self.sanne:
                            sanne_banen.append(baan)
                        else:
                            heap.append((date.min, len(heap), baan))
            heapq.heapify(heap)
            banen[a] = heap
        rijen = []
        teller = {"zonder_baan": 0}
        trajecten = []
        for nr in range(self.n_trajecten):
            g = self.gewicht_gemeenten[bisect.bisect_left(self.cum, rnd.random())]
            r = self.regio_van[g]
            a = rnd.choice(self.regio_aanbieders[r])
            ontvangen = vandaag - timedelta(days=rnd.randrange(DAGEN_HISTORIE))
            wacht = rnd.randint(7, 21)
            weken = rnd.randint(8, 20)
            van = ontvangen + timedelta(days=wacht)
            tot = van + timedelta(days=7 * weken - 1)
            x = rnd.random()
            if x < 0.04:
                status = "afgewezen"
            elif x < 0.06:
                status = "geannuleerd"
            elif van > vandaag:
                leeftijd = (vandaag - ontvangen).days
                status = (
                    "aangemeld" if leeftijd < 3 else "intake" if leeftijd < 7 else "indicatie_aangevraagd"
                )
            elif tot >= vandaag:
                status = "actief"
            else:
                status = "afgesloten"
            trajecten.append([nr, g, a, ontvangen, van, tot, weken, status])
        trajecten.sort(key=lambda t: t[4])  # by start of care: lanes in time order
        for nr, g, a, ontvangen, van, tot, weken, status in trajecten:
            mw = slot = pariteit = None
            if status in ("actief", "afgesloten"):
                baan = None
                if a == self.noord:
                    baan = next((b for b in sanne_banen if b[0] < van), None)
                if baan is None:
                    heap = banen[a]
                    if heap and heap[0][0] < van:
                        _vrij, volg, baan = heapq.heappop(heap)
                        baan[0] = tot
                        heapq.heappush(heap, (tot, volg, baan))
                else:
                    baan[0] = tot
                if baan is None:
                    teller["zonder_baan"] += 1
                    mw = self.rnd.choice(self.medewerkers[a])[0]
                else:
                    mw, slot, pariteit = baan[1], baan[2], baan[3]
            uren = rnd.choice([8, 9, 10, 12])
            tarief = self.tarief[g, a]
            rijen.append((
                nr, gezin0 + nr, traject0 + nr, g, a, self.casemanager[g], self.coordinator[a], status,
                ontvangen, van, tot, weken, uren, tarief, mw, slot, pariteit,
                ACHTERNAMEN[nr % len(ACHTERNAMEN)], VOORNAMEN[nr % len(VOORNAMEN)],
            ))  # fmt: skip
        self.q("DROP TABLE IF EXISTS bench.traject")
        self.q(
            """CREATE TABLE bench.traject (nr int, gezin_id bigint, traject_id bigint, gemeente_id bigint,
               aanbieder_id bigint, casemanager_id bigint, coordinator_id bigint, status text, ontvangen date,
               van date, tot date, weken int, uren numeric, tarief numeric, medewerker_id bigint, slot int,
               pariteit int, achternaam text, voornaam text)"""
        )
        self.copy(
            "bench.traject",
            ["nr", "gezin_id", "traject_id", "gemeente_id", "aanbieder_id", "casemanager_id", "coordinator_id",
             "status", "ontvangen", "van", "tot", "weken", "uren", "tarief", "medewerker_id", "slot", "pariteit",
             "achternaam", "voornaam"],
            rijen,
        )  # fmt: skip
        self.q("CREATE INDEX ON bench.traject (traject_id)")
        self.q("ANALYZE bench.traject")
        self.q("DROP TABLE IF EXISTS bench.slot")
        self.q("CREATE TABLE bench.slot (slot int, begin time, eind time, dienst text)")
        self.copy("bench.slot", ["slot", "begin", "eind", "dienst"],
                  [(i, b, e, "avond" if b >= "18:00" else "dag") for i, (b, e) in enumerate(SLOTS)])  # fmt: skip
        # BSNs: a few hundred valid ones, encrypted with the server's keys, used in turn.
        from django.db import connection

        from trajecten.demo.wereld import demo_bsn
        from trajecten.models import Ouder
        from trajecten.services import bsn_hash

        veld = Ouder._meta.get_field("bsn")
        self.q("DROP TABLE IF EXISTS bench.bsn")
        self.q("CREATE TABLE bench.bsn (i int, versleuteld text, hash text)")
        bsns = [demo_bsn(100_000 + i) for i in range(500)]
        self.copy("bench.bsn", ["i", "versleuteld", "hash"],
                  [(i, veld.get_db_prep_save(b, connection), bsn_hash(b)) for i, b in enumerate(bsns)])  # fmt: skip
        tellingen = dict(self.q("SELECT status, count(*) FROM bench.traject GROUP BY 1").fetchall())
        self.plan_samenvatting = f"{tellingen}, zonder baan {teller['zonder_baan']}"

    # --- families and trajectories ----------------------------------------------------------------

    def gezinnen_en_trajecten(self):
        ins = self.insert
        ins(
            "trajecten_gezin",
            {"id": "t.gezin_id", "gemeente_id": "t.gemeente_id", "straat": "'Benchstraat'", "huisnummer": "t.nr % 99999 + 1",
             "postcode": "'1234 AB'", "woonplaats": "'Plaats'", "taal": "'nl'", "eerste_kind": "t.nr % 2 = 0",
             "aangemaakt_op": "t.ontvangen + time '09:00'"},
            "FROM bench.traject t ORDER BY t.gezin_id",
        )  # fmt: skip
        ins(
            "trajecten_ouder",
            {"gezin_id": "t.gezin_id", "rol": "CASE WHEN o = 1 THEN 'moeder' ELSE 'partner' END",
             "voornaam": "CASE WHEN o = 1 THEN t.voornaam ELSE 'Partner' END", "achternaam": "t.achternaam",
             "geboortedatum": "t.ontvangen - (9000 + t.nr % 3000)", "bsn": "b.versleuteld", "bsn_hash": "b.hash",
             "opleidingsniveau": "''", "telefoon": "''"},
            "FROM bench.traject t CROSS JOIN generate_series(1, 2) o JOIN bench.bsn b ON b.i = (t.nr * 2 + o) % 500 "
            "WHERE o = 1 OR t.nr % 2 = 0 ORDER BY t.gezin_id, o",
        )  # fmt: skip
        ins(
            "trajecten_baby",
            {"gezin_id": "t.gezin_id", "voornaam": "''", "geboortedatum": "t.ontvangen - 10", "prematuur": "t.nr % 10 = 0",
             "kindfactoren": "''"},
            "FROM bench.traject t ORDER BY t.gezin_id",
        )  # fmt: skip
        ins(
            "trajecten_traject",
            {"id": "t.traject_id", "gezin_id": "t.gezin_id", "aanbieder_id": "t.aanbieder_id", "status": "t.status",
             "versie": "1",
             "regie_casemanager_id": "CASE WHEN t.status IN ('actief', 'afsluiten', 'afgesloten') THEN t.casemanager_id END",
             "regie_naam": "''", "regie_skj": "''", "aangemaakt_op": "t.ontvangen + time '09:00'",
             "gestart_op": "CASE WHEN t.status IN ('actief', 'afgesloten') THEN t.van END"},
            "FROM bench.traject t ORDER BY t.traject_id",
        )  # fmt: skip
        partners = self.ketenpartners or [None]
        ins(
            "trajecten_aanmelding",
            {"traject_id": "t.traject_id", "verwijzer_soort": "(ARRAY['jgz','verloskundige','huisarts','sociaal_team'])[1 + mod(t.nr, 4)]",
             "verwijzer_organisatie_id": "CASE WHEN t.gemeente_id = ANY(%s) AND mod(t.nr, 2) = 0 THEN (%s::bigint[])[1 + mod(t.nr, %s)] END",
             "verwijzer_naam": "'Verwijzer ' || t.nr", "verwijzer_contact": "''", "hulpvraag": "'Ondersteuning na de geboorte.'",
             "kwetsbaarheden": "'{}'", "urgentie": "'normaal'", "toestemming_client": "true", "ontvangen_op": "t.ontvangen",
             "ingediend_door_id": "t.coordinator_id", "afwijzingsreden": "CASE WHEN t.status = 'afgewezen' THEN 'Past niet.' ELSE '' END",
             "advies": "''"},
            "FROM bench.traject t ORDER BY t.traject_id",
            [self.regio_gemeenten[0], [p for p in partners if p], max(1, len([p for p in partners if p]))],
        )  # fmt: skip
        # Status history: every step the trajectory passed, dated along its life.
        ins(
            "trajecten_statusovergang",
            {"traject_id": "t.traject_id", "van": "s.van", "naar": "s.naar", "door_id": "t.coordinator_id",
             "op": "(CASE s.stap WHEN 1 THEN t.ontvangen WHEN 2 THEN t.ontvangen + 2 WHEN 3 THEN t.ontvangen + 5 "
                   "WHEN 4 THEN t.van ELSE t.tot END) + time '10:00'", "reden": "''"},
            """FROM bench.traject t JOIN (VALUES (1, '', 'aangemeld'), (2, 'aangemeld', 'intake'),
                   (3, 'intake', 'indicatie_aangevraagd'), (4, 'indicatie_aangevraagd', 'actief'),
                   (5, 'actief', 'afgesloten')) s(stap, van, naar)
               ON s.stap <= CASE t.status WHEN 'aangemeld' THEN 1 WHEN 'intake' THEN 2 WHEN 'indicatie_aangevraagd' THEN 3
                                 WHEN 'actief' THEN 4 WHEN 'afgesloten' THEN 5 ELSE 1 END
               ORDER BY t.traject_id, s.stap""",
        )  # fmt: skip
        ins(
            "trajecten_statusovergang",
            {"traject_id": "t.traject_id", "van": "'aangemeld'", "naar": "t.status", "door_id": "t.coordinator_id",
             "op": "t.ontvangen + time '11:00'", "reden": "'Past niet bij BabythuisZorg.'"},
            "FROM bench.traject t WHERE t.status IN ('afgewezen', 'geannuleerd')",
        )  # fmt: skip

    def zorg(self):
        ins = self.insert
        zorg = "t.status IN ('actief', 'afgesloten')"
        ins(
            "trajecten_intake",
            {"traject_id": "t.traject_id", "datum": "t.ontvangen + 5", "uitgevoerd_door_id": "t.coordinator_id",
             "client_visie": "'Wil graag hulp bij het ritme.'", "risiconiveau": "(ARRAY['laag','midden','hoog'])[1 + t.nr % 3]",
             "conclusie": "'Ondersteuning past.'", "componenten": "'{aanvullen,eigen_kracht}'"},
            "FROM bench.traject t WHERE t.status IN ('indicatie_aangevraagd', 'actief', 'afgesloten')",
        )  # fmt: skip
        ins(
            "indicaties_indicatieaanvraag",
            {"traject_id": "t.traject_id", "product": "'regulier'", "gewenste_start": "t.van", "gewenste_eind": "t.tot",
             "uren_per_week": "t.uren", "nachten_nodig": "false", "toelichting": "'Volgens intake.'",
             "aangevraagd_door_id": "t.coordinator_id", "aangevraagd_op": "t.ontvangen + 5 + time '12:00'",
             "status": f"CASE WHEN {zorg} THEN 'toegekend' ELSE 'open' END",
             "beslist_door_id": f"CASE WHEN {zorg} THEN t.casemanager_id END",
             "beslist_op": f"CASE WHEN {zorg} THEN t.ontvangen + 6 + time '12:00' END", "afwijzingsreden": "''"},
            "FROM bench.traject t WHERE t.status IN ('indicatie_aangevraagd', 'actief', 'afgesloten') ORDER BY t.traject_id",
        )  # fmt: skip
        ins(
            "indicaties_indicatie",
            {"traject_id": "t.traject_id", "aanvraag_id": "a.id", "wijziging": "'nieuw'",
             "beschikkingsnummer": "'BS-' || t.traject_id", "product": "'regulier'", "van": "t.van", "tot": "t.tot",
             "oorspronkelijk_tot": "t.tot", "uren_per_week": "t.uren", "nachten": "false", "uurtarief": "t.tarief",
             "budget": "round(t.uren * t.weken * t.tarief * 1.2, 2)", "motivatie_na_eerste_verjaardag": "''",
             "afgegeven_door_id": "t.casemanager_id", "afgegeven_op": "t.ontvangen + 6 + time '12:00'",
             "beeindigingsreden": "''"},
            f"FROM bench.traject t JOIN indicaties_indicatieaanvraag a ON a.traject_id = t.traject_id WHERE {zorg} ORDER BY t.traject_id",
        )  # fmt: skip
        ins(
            "trajecten_toewijzing",
            {"traject_id": "t.traject_id", "medewerker_id": "t.medewerker_id", "van": "t.van",
             "tot": "CASE WHEN t.status = 'afgesloten' THEN t.tot END", "eerste_aanspreekpunt": "true",
             "toegewezen_door_id": "t.coordinator_id"},
            f"FROM bench.traject t WHERE {zorg} ORDER BY t.traject_id",
        )  # fmt: skip
        ins(
            "guardian_userobjectpermission",
            {"object_pk": "t.traject_id::text",
             "content_type_id": "(SELECT id FROM django_content_type WHERE app_label = 'trajecten' AND model = 'traject')",
             "permission_id": "(SELECT p.id FROM auth_permission p JOIN django_content_type ct ON ct.id = p.content_type_id "
                              "WHERE ct.app_label = 'trajecten' AND ct.model = 'traject' AND p.codename = 'view_traject')",
             "user_id": "t.medewerker_id"},
            "FROM bench.traject t WHERE t.status = 'actief'",
        )  # fmt: skip
        ins(
            "trajecten_ondersteuningsplan",
            {"traject_id": "t.traject_id", "versie": "1", "overeengekomen_op": "t.van + 7",
             "woorden_ouders": "'Rust in huis en een vast ritme.'", "vastgelegd_door_id": "coalesce(t.medewerker_id, t.coordinator_id)",
             "aangemaakt_op": "t.van + 7 + time '12:00'"},
            f"FROM bench.traject t WHERE {zorg} AND t.van + 7 <= current_date ORDER BY t.traject_id",
        )  # fmt: skip
        ins(
            "trajecten_zorgdoel",
            {"plan_id": "p.id", "thema": f"(ARRAY{THEMAS})[1 + (t.nr + d) % 8]", "omschrijving": "'Doel ' || d",
             "betreft": "'moeder'", "startscore": "3 + d", "doelscore": "7 + d",
             "status": "CASE WHEN t.status = 'afgesloten' THEN 'bereikt' ELSE 'bezig' END"},
            "FROM bench.traject t JOIN trajecten_ondersteuningsplan p ON p.traject_id = t.traject_id "
            "CROSS JOIN generate_series(0, 2) d ORDER BY p.id, d",
        )  # fmt: skip
        ins(
            "trajecten_evaluatie",
            {"traject_id": "t.traject_id", "gepland_op": "t.van + 42",
             "gehouden_op": "CASE WHEN t.van + 42 < current_date THEN t.van + 42 END", "eindevaluatie": "false",
             "deelnemers": "'Ouders, medewerker, casemanager'",
             "conclusie": "CASE WHEN t.van + 42 < current_date THEN 'voortzetten' ELSE '' END", "toelichting": "''",
             "vastgelegd_door_id": "t.coordinator_id"},
            f"FROM bench.traject t WHERE {zorg} AND t.van + 42 <= t.tot ORDER BY t.traject_id",
        )  # fmt: skip
        ins(
            "trajecten_evaluatie",
            {"traject_id": "t.traject_id", "gepland_op": "t.tot", "gehouden_op": "t.tot", "eindevaluatie": "true",
             "deelnemers": "'Ouders, medewerker, casemanager'", "conclusie": "'afsluiten'", "toelichting": "''",
             "vastgelegd_door_id": "t.coordinator_id"},
            "FROM bench.traject t WHERE t.status = 'afgesloten' ORDER BY t.traject_id",
        )  # fmt: skip
        ins(
            "trajecten_signaal",
            {"traject_id": "t.traject_id", "categorie": "(ARRAY['medisch','postpartum','wonen_financien','kindveiligheid'])[1 + t.nr % 4]",
             "ernst": "(ARRAY['laag','midden','midden','ernstig'])[1 + (t.nr / 20) % 4]", "beschrijving": "'Zorg gemeld.'",
             "acties": "''", "status": "CASE WHEN t.status = 'afgesloten' THEN 'afgerond' ELSE 'open' END",
             "gemeld_door_id": "coalesce(t.medewerker_id, t.coordinator_id)", "gemeld_op": "t.van + 10 + time '14:00'",
             "afgerond_op": "CASE WHEN t.status = 'afgesloten' THEN t.tot + time '12:00' END"},
            f"FROM bench.traject t WHERE {zorg} AND t.nr % 20 = 0 AND t.van + 10 <= current_date",
        )  # fmt: skip
        ins(
            "trajecten_afsluiting",
            {"traject_id": "t.traject_id", "uitkomst": "(ARRAY['zelfredzaam','zelfredzaam','verhuisd','voortijdig_gestopt'])[1 + t.nr % 4]",
             "overgedragen_aan": "''", "toelichting": "''", "tevredenheid_client": "7 + t.nr % 4", "tevredenheid_partner": "7",
             "voorgesteld_door_id": "t.coordinator_id", "voorgesteld_op": "t.tot + time '10:00'",
             "afgesloten_door_id": "t.casemanager_id", "afgesloten_op": "t.tot + time '15:00'"},
            "FROM bench.traject t WHERE t.status = 'afgesloten'",
        )  # fmt: skip

    def bezoeken(self) -> int:
        """Every other day of the care period (up to yesterday) in the trajectory's lane. Demo medewerkers
        already have demo visits: their generated visits skip any that would overlap one."""
        kolommen = {
            "traject_id": "t.traject_id", "medewerker_id": "t.medewerker_id",
            "soort": "CASE WHEN (d - t.van) % 10 = 4 THEN 'telefonisch' ELSE 'huisbezoek' END",
            "start": "(d + s.begin) AT TIME ZONE 'Europe/Amsterdam'",
            "eind": "(d + CASE WHEN (d - t.van) % 10 = 4 THEN s.begin + interval '30 minutes' ELSE s.eind END) AT TIME ZONE 'Europe/Amsterdam'",
            "dienst": "s.dienst", "themas": f"ARRAY[(ARRAY{THEMAS})[1 + (d - t.van) % 8]]",
            "verslag": "'Bezoek volgens plan.'",
            "geregistreerd_op": "(d + s.eind) AT TIME ZONE 'Europe/Amsterdam' + interval '20 minutes'",
            "correctiereden": "''", "vervangen": "false",
        }  # fmt: skip
        bron = """FROM bench.traject t JOIN bench.slot s ON s.slot = t.slot
                  CROSS JOIN LATERAL generate_series(t.van, least(t.tot, current_date - 1), interval '1 day') g(dag)
                  CROSS JOIN LATERAL (SELECT g.dag::date AS d) dd
                  WHERE t.slot IS NOT NULL AND (d - date '2000-01-01') % 2 = t.pariteit"""
        demo = "(SELECT u.id FROM accounts_user u JOIN accounts_lidmaatschap l ON l.user_id = u.id WHERE l.rol = 'medewerker' AND u.username NOT LIKE 'mw.a%%')"
        n = self.insert(
            "trajecten_huisbezoek",
            kolommen,
            f"{bron} AND t.medewerker_id NOT IN {demo} ORDER BY d, t.medewerker_id",
        )
        n += self.insert(
            "trajecten_huisbezoek",
            kolommen,
            f"""{bron} AND t.medewerker_id IN {demo} AND NOT EXISTS (
                  SELECT 1 FROM trajecten_huisbezoek h WHERE h.medewerker_id = t.medewerker_id AND NOT h.vervangen
                  AND tstzrange(h.start, h.eind, '[)') && tstzrange((d + s.begin) AT TIME ZONE 'Europe/Amsterdam',
                                                                   (d + s.eind) AT TIME ZONE 'Europe/Amsterdam', '[)'))
                ORDER BY d""",
        )
        return n

    def toegangslog(self) -> int:
        n = self.een("SELECT count(*) FROM bench.traject")
        per = max(1, round(5_000_000 * self.schaal / n))
        return self.insert(
            "core_toegangslog",
            {"tijdstip": "x.tijdstip", "gebeurtenis": "CASE WHEN x.g % 25 = 0 THEN 'wijzigen' ELSE 'lezen' END",
             "uitkomst": "'toegestaan'", "gebruiker_id": "u.id", "gebruikersnaam": "u.username", "rol": "l.rol",
             "organisatie_id": "l.organisatie_id", "gezin_id": "x.gezin_id", "traject_id": "x.traject_id",
             "object_type": "'trajecten.traject'", "object_id": "x.traject_id::text", "omschrijving": "''", "reden": "''",
             "pad": "'/trajecten/' || x.traject_id || '/'", "ip_adres": "'10.0.0.1'::inet"},
            f"""FROM (SELECT t.*, g,
                        CASE WHEN g % 10 < 7 AND t.medewerker_id IS NOT NULL THEN t.medewerker_id
                             WHEN g % 10 < 9 THEN t.coordinator_id ELSE t.casemanager_id END AS wie,
                        least(now() - interval '1 minute',
                              t.ontvangen + time '08:00' + (least(t.tot, current_date) - t.ontvangen + 1) * (g::float / {per}) * interval '1 day'
                              + (t.nr % 600) * interval '1 minute') AS tijdstip
                  FROM bench.traject t CROSS JOIN generate_series(1, {per}) g) x
               JOIN accounts_user u ON u.id = x.wie JOIN accounts_lidmaatschap l ON l.user_id = u.id
               ORDER BY x.tijdstip""",
        )  # fmt: skip

    def reeksen(self):
        for tabel in ("trajecten_gezin", "trajecten_traject"):
            self.q(f"SELECT setval(pg_get_serial_sequence('{tabel}', 'id'), (SELECT max(id) FROM {tabel}))")

    def controle(self):
        buiten = self.een(
            """SELECT count(*) FROM trajecten_huisbezoek h
               WHERE NOT EXISTS (SELECT 1 FROM indicaties_indicatie i WHERE i.traject_id = h.traject_id
                     AND (h.start AT TIME ZONE 'Europe/Amsterdam')::date BETWEEN i.van AND i.tot)
                  OR NOT EXISTS (SELECT 1 FROM trajecten_toewijzing w WHERE w.traject_id = h.traject_id
                     AND w.medewerker_id = h.medewerker_id AND w.van <= (h.start AT TIME ZONE 'Europe/Amsterdam')::date
                     AND (w.tot IS NULL OR w.tot >= (h.start AT TIME ZONE 'Europe/Amsterdam')::date))"""
        )
        if buiten:
            raise SystemExit(f"{buiten} visits lie outside their indication or assignment")
        rijen = self.q(
            """SELECT (SELECT count(*) FROM trajecten_traject), (SELECT count(*) FROM trajecten_traject WHERE status = 'actief'),
                      (SELECT count(*) FROM trajecten_huisbezoek), (SELECT count(*) FROM core_toegangslog),
                      (SELECT count(*) FROM accounts_lidmaatschap WHERE rol = 'medewerker'),
                      (SELECT count(*) FROM trajecten_traject t JOIN trajecten_gezin g ON g.id = t.gezin_id WHERE g.gemeente_id = %s),
                      (SELECT count(*) FROM trajecten_traject WHERE aanbieder_id = %s),
                      (SELECT count(DISTINCT w.traject_id) FROM trajecten_toewijzing w JOIN trajecten_traject t ON t.id = w.traject_id
                        WHERE w.medewerker_id = %s AND t.status = 'actief' AND w.tot IS NULL),
                      (SELECT count(*) FROM trajecten_huisbezoek WHERE medewerker_id = %s AND start > now() - interval '1 year')""",
            [self.groningen, self.noord, self.sanne, self.sanne],
        ).fetchone()
        print(
            "  rows: trajecten {:,} (actief {:,}), huisbezoeken {:,}, toegangslog {:,}, medewerkers {:,};\n"
            "        Gemeente Groningen {:,} trajecten, Kraamzorg Noord {:,}, sanne {} running families and {:,} visits "
            "in the last year".format(*rijen)
        )


def _totp_key():
    from scripts.bench.omgeving import DEMO_TOTP_KEY_HEX

    return DEMO_TOTP_KEY_HEX
