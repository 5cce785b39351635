# ruff: noqa: S108, S311, S324, S603, S607, S608 - a benchmark: fixed commands, its own SQL, /tmp files
"""The HTTP load harness: gunicorn with production settings, the real two-factor login, every key page
per role at 1 user and at N concurrent users, and the SQL queries of one request of each page.

- Server: ``gunicorn config.wsgi:application`` with 4 sync workers on 2 cores. A sync worker holds one
  request at a time, and a page spends part of its time waiting for PostgreSQL (on the same machine):
  two workers per core keep both cores busy while one worker waits, without so many that 16 clients
  mostly measure the kernel's scheduling of Python processes against PostgreSQL and the load generator
  itself (gunicorn's own rule, 2 × cores + 1 = 5, leaves no room for those two on 2 cores).
  Connections are persistent (CONN_MAX_AGE=600): 4 workers, 4 connections.
- Login: GET /account/login/, POST username and password (wizard step "auth"), POST the TOTP code
  computed from the demo secret (step "token"). Sessions are then copied in django_session for the
  other simulated users of that role: django-otp refuses a code already used on a device, so 16 real
  logins would take 16 TOTP periods. The copies are real sessions (same user, same verified device).
  Cookies are Secure, so the harness keeps its own cookie jar and sends X-Forwarded-Proto: https.
- Times are wall-clock per request on the client (connect, send, full body read), keep-alive off
  (gunicorn's sync workers close the connection anyway).
- At 1 user a page is requested ``--herhalingen`` times (after 2 warm-up requests), at N users every
  simulated user requests it ``--per-gebruiker`` times at once; requests per second = requests / wall
  time of that batch. The visit POST uses fresh, non-overlapping evening times on sanne's trajectory.
- Queries: one request per page in-process (Django test client, CaptureQueriesContext) against the
  same database and settings, so the count includes middleware, session and access-log queries.
"""

import hashlib
import hmac
import http.client
import os
import re
import statistics
import struct
import subprocess
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import psycopg

from scripts.bench import omgeving

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TRAAG_MS = 30
MAX_QUERIES = 12
TRANSACTIEBEHEER = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE SAVEPOINT")
BENCHMARKBEZOEK = "Benchmarkbezoek."  # the report of every visit the POSTs save (removed after the run)


# --- HTTP client -----------------------------------------------------------------------------------


class Sessie:
    """One simulated browser: a cookie jar and the headers of an HTTPS request behind a proxy."""

    def __init__(self, poort: int, cookies: dict | None = None):
        self.poort = poort
        self.cookies = dict(cookies or {})

    def verzoek(self, methode, pad, data=None, timeout=120):
        headers = {
            "Host": f"127.0.0.1:{self.poort}",
            "X-Forwarded-Proto": "https",
            "Connection": "close",
            "User-Agent": "bz-benchmark",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://127.0.0.1:{self.poort}"
            headers["Referer"] = f"https://127.0.0.1:{self.poort}{pad}"
        conn = http.client.HTTPConnection("127.0.0.1", self.poort, timeout=timeout)
        start = time.perf_counter()
        conn.request(methode, pad, body=body, headers=headers)
        antwoord = conn.getresponse()
        inhoud = antwoord.read()
        ms = (time.perf_counter() - start) * 1000
        for kop, waarde in antwoord.getheaders():
            if kop.lower() == "set-cookie":
                naam, _, rest = waarde.partition("=")
                self.cookies[naam.strip()] = rest.split(";")[0]
        conn.close()
        return antwoord.status, antwoord.getheader("Location"), inhoud.decode("utf-8", "replace"), ms


def totp(sleutel_hex: str, t: int) -> str:
    mac = hmac.new(bytes.fromhex(sleutel_hex), struct.pack(">Q", t), hashlib.sha1).digest()
    o = mac[-1] & 0x0F
    return f"{(struct.unpack('>I', mac[o : o + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def _csrf(html: str) -> str:
    m = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not m:
        raise RuntimeError("no CSRF token in the page")
    return m.group(1)


def inloggen(poort: int, username: str) -> Sessie:
    """The real login: username and password, then the TOTP code of the current period (waiting for
    the next period when this device already used the current one)."""
    for poging in range(3):
        s = Sessie(poort)
        status, _loc, html, _ms = s.verzoek("GET", "/account/login/")
        stap = {"csrfmiddlewaretoken": _csrf(html), "login_view-current_step": "auth",
                "auth-username": username, "auth-password": omgeving.DEMO_PASSWORD}  # fmt: skip
        status, loc, html, _ms = s.verzoek("POST", "/account/login/", stap)
        if 'name="token-otp_token"' not in html:
            raise RuntimeError(f"login {username}: no token step (status {status}, {loc})")
        code = totp(omgeving.DEMO_TOTP_KEY_HEX, int(time.time()) // 30)
        stap = {
            "csrfmiddlewaretoken": _csrf(html),
            "login_view-current_step": "token",
            "token-otp_token": code,
        }
        status, loc, html, _ms = s.verzoek("POST", "/account/login/", stap)
        if status == 302:
            return s
        wacht = 30 - time.time() % 30 + 1
        print(f"  login {username}: token refused (attempt {poging + 1}), waiting {wacht:.0f} s", flush=True)
        time.sleep(wacht)
    raise RuntimeError(f"login {username} failed")


def sessies_kopieren(db: str, sessie: Sessie, aantal: int) -> list[Sessie]:
    """``aantal`` sessions of the same login: the original plus copies of its django_session row."""
    sleutel = sessie.cookies["sessionid"]
    kopieen = [sessie]
    with psycopg.connect(omgeving.database_url(db), autocommit=True) as conn:
        for i in range(aantal - 1):
            nieuw = f"bench{i:03d}{hashlib.sha1(f'{sleutel}{i}{time.time()}'.encode()).hexdigest()[:24]}"
            conn.execute(
                "INSERT INTO django_session (session_key, session_data, expire_date) "
                "SELECT %s, session_data, expire_date FROM django_session WHERE session_key = %s",
                [nieuw, sleutel],
            )
            kopieen.append(Sessie(sessie.poort, {**sessie.cookies, "sessionid": nieuw}))
    return kopieen


# --- server ----------------------------------------------------------------------------------------


def server_starten(db: str, poort: int, workers: int):
    env = omgeving.omgeving(db)
    omgeving.statisch_verzamelen(db)
    log = open(f"/tmp/bench-gunicorn-{poort}.log", "w")  # noqa: SIM115
    proces = subprocess.Popen(
        [str(omgeving.ROOT / ".venv" / "bin" / "gunicorn"), "config.wsgi:application",
         "--bind", f"127.0.0.1:{poort}", "--workers", str(workers), "--worker-class", "sync",
         "--timeout", "300", "--backlog", "256"],
        cwd=omgeving.ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    for _ in range(120):
        try:
            http.client.HTTPConnection("127.0.0.1", poort, timeout=2).request("GET", "/account/login/")
            break
        except OSError:
            time.sleep(0.5)
    else:
        proces.terminate()
        raise RuntimeError(f"gunicorn did not start, see /tmp/bench-gunicorn-{poort}.log")
    return proces


# --- what to measure -----------------------------------------------------------------------------


@dataclass
class Pagina:
    rol: str
    user: str
    pad: str
    label: str
    post: bool = False
    resultaten: dict = field(default_factory=dict)
    queries: int | None = None


class Bezoektijden:
    """Fresh 5-minute evening visits (21:05–23:55 local) on days of sanne's trajectory that are free:
    never overlapping her visits, also not those of earlier runs."""

    def __init__(self, db: str, traject_id: int, medewerker_id: int):
        with psycopg.connect(omgeving.database_url(db)) as conn:
            van = conn.execute(
                """SELECT greatest(i.van, w.van) FROM indicaties_indicatie i JOIN trajecten_toewijzing w
                   ON w.traject_id = i.traject_id AND w.medewerker_id = %s
                   WHERE i.traject_id = %s AND i.tot >= current_date ORDER BY i.van DESC LIMIT 1""",
                [medewerker_id, traject_id],
            ).fetchone()[0]
            bezet = conn.execute(
                "SELECT start, eind FROM trajecten_huisbezoek WHERE medewerker_id = %s AND NOT vervangen AND eind > %s",
                [medewerker_id, datetime.combine(van, datetime.min.time(), AMSTERDAM)],
            ).fetchall()
        self.bezet = bezet
        self.lock = threading.Lock()
        self.vrij = self._vrije(van)

    def _vrije(self, van: date):
        gisteren = datetime.now(AMSTERDAM).date() - timedelta(days=1)
        dag = gisteren
        while dag >= van:
            for minuut in range(21 * 60 + 5, 23 * 60 + 55, 5):
                start = datetime(dag.year, dag.month, dag.day, minuut // 60, minuut % 60, tzinfo=AMSTERDAM)
                eind = start + timedelta(minutes=5)
                if all(eind <= s or start >= e for s, e in self.bezet):
                    yield start
            dag -= timedelta(days=1)

    def volgende(self) -> dict:
        with self.lock:
            start = next(self.vrij)
        eind = start + timedelta(minutes=5)
        return {"soort": "huisbezoek", "datum": start.date().isoformat(), "begin": start.strftime("%H:%M"),
                "einde": eind.strftime("%H:%M"), "verslag": BENCHMARKBEZOEK}  # fmt: skip


def bezoeken_opruimen(db: str) -> None:
    """Remove the visits the POSTs saved: about 160 per run, all in the last weeks of sanne's trajectory,
    which would otherwise make the pages of that one family (the visits tab's hours table) read more with
    every run. The dataset stays what `genereer` made."""
    with psycopg.connect(omgeving.database_url(db), autocommit=True) as conn:
        weg = conn.execute("DELETE FROM trajecten_huisbezoek WHERE verslag = %s", [BENCHMARKBEZOEK]).rowcount
    print(f"# removed the {weg} visits saved by this run", flush=True)


def kenmerken(db: str) -> dict:
    """The ids the pages need: sanne's running trajectory with the most visits, a family, a municipality."""
    with psycopg.connect(omgeving.database_url(db)) as conn:
        sanne = conn.execute("SELECT id FROM accounts_user WHERE username = 'sanne'").fetchone()[0]
        traject, gezin, bezoeken = conn.execute(
            """SELECT t.id, t.gezin_id, count(h.id) FROM trajecten_traject t
               JOIN trajecten_toewijzing w ON w.traject_id = t.id AND w.medewerker_id = %s AND w.tot IS NULL
               JOIN indicaties_indicatie i ON i.traject_id = t.id AND i.tot >= current_date + 14
               LEFT JOIN trajecten_huisbezoek h ON h.traject_id = t.id
               WHERE t.status = 'actief' GROUP BY t.id ORDER BY count(h.id) DESC LIMIT 1""",
            [sanne],
        ).fetchone()
        groningen = conn.execute(
            "SELECT id FROM accounts_organisatie WHERE naam = 'Gemeente Groningen'"
        ).fetchone()[0]
        dienst = conn.execute("SELECT id FROM ketenpartners_dienst ORDER BY id LIMIT 1").fetchone()
        tellingen = conn.execute(
            """SELECT (SELECT count(*) FROM trajecten_traject), (SELECT count(*) FROM trajecten_traject WHERE status = 'actief'),
                      (SELECT count(*) FROM trajecten_huisbezoek), (SELECT count(*) FROM core_toegangslog),
                      (SELECT count(*) FROM accounts_lidmaatschap WHERE rol = 'medewerker')"""
        ).fetchone()
    return {"sanne": sanne, "traject": traject, "gezin": gezin, "bezoeken": bezoeken, "groningen": groningen,
            "dienst": dienst[0] if dienst else "", "tellingen": tellingen}  # fmt: skip


def paginas(k: dict) -> list[Pagina]:
    t = k["traject"]
    lijst = [
        Pagina("coordinator", "coordinator.noord", "/", "coordinator home (worklist + dashboard)"),
        # The same home with its worklist cards built anew (werkplek.werklijsten keeps them a minute).
        Pagina("coordinator", "coordinator.noord", "/?vernieuwen=1", "coordinator home, lists rebuilt"),
        Pagina("coordinator", "coordinator.noord", "/trajecten/", "trajectory list"),
        Pagina(
            "coordinator", "coordinator.noord", "/trajecten/?status=actief", "trajectory list, status=actief"
        ),
        Pagina(
            "coordinator",
            "coordinator.noord",
            "/trajecten/?achternaam=Jansen",
            "trajectory list, achternaam=Jansen",
        ),
    ]
    tabs = [
        "gezin",
        "intake",
        "indicaties",
        "team",
        "plan",
        "bezoeken",
        "netwerk",
        "evaluaties",
        "signalen",
        "geschiedenis",
    ]
    for tab in tabs:
        for rol, user in (("coordinator", "coordinator.noord"), ("medewerker", "sanne")):
            lijst.append(Pagina(rol, user, f"/trajecten/{t}/?tab={tab}", f"trajectory detail, tab {tab}"))
    lijst += [
        Pagina("medewerker", "sanne", "/", "medewerker home (Mijn gezinnen)"),
        Pagina("medewerker", "sanne", "/?vernieuwen=1", "medewerker home, lists rebuilt"),
        Pagina("medewerker", "sanne", f"/trajecten/{t}/bezoeken/nieuw/", "visit form"),
        Pagina("medewerker", "sanne", f"/trajecten/{t}/bezoeken/nieuw/", "visit POST (save a visit)", post=True),
        Pagina("casemanager", "casemanager.groningen", "/", "casemanager home"),
        Pagina("casemanager", "casemanager.groningen", "/?vernieuwen=1", "casemanager home, lists rebuilt"),
        Pagina("casemanager", "casemanager.groningen", "/ketenoverzicht/", "chain overview (ketenoverzicht)"),
        Pagina("gemeente-rapportage", "rapportage.groningen", "/", "gemeente-rapportage home (12 months)"),
        Pagina("gemeente-rapportage", "rapportage.groningen", "/rapporten/trajecten/", "trajectories by number"),
        Pagina("beheerder (global)", "beheer.landelijk", "/beheer/toegangslog/", "access log, first page"),
        Pagina("beheerder (global)", "beheer.landelijk", f"/beheer/toegangslog/?gezin_id={k['gezin']}", "access log by family"),
        Pagina("beheerder (global)", "beheer.landelijk", "/beheer/toegangslog/?gebruikersnaam=sanne", "access log by user name"),
        Pagina("beheerder (provider)", "beheer.noord", "/beheer/toegangslog/?gebruikersnaam=sanne", "access log by user name"),
        Pagina("casemanager", "casemanager.groningen",
               f"/sociale-kaart/?gemeente={k['groningen']}&dienst={k['dienst']}", "social map search"),
    ]  # fmt: skip
    return lijst


# --- measuring -----------------------------------------------------------------------------------


def _verzoek(sessie: Sessie, p: Pagina, tijden: Bezoektijden):
    if p.post:
        status, loc, html, ms = sessie.verzoek(
            "POST", p.pad, {"csrfmiddlewaretoken": sessie.cookies.get("csrftoken", ""), **tijden.volgende()}
        )
        ok = status == 302
    else:
        status, loc, html, ms = sessie.verzoek("GET", p.pad)
        ok = status == 200
    if not ok:
        fout = re.findall(r'class="[^"]*(?:error|fout|invalid)[^"]*"[^>]*>([^<]{3,200})', html)[:3]
        raise RuntimeError(
            f"{p.user} {'POST' if p.post else 'GET'} {p.pad}: status {status} {loc or ''} {fout}"
        )
    return ms


def statistiek(tijden: list[float], wand: float) -> dict:
    tijden = sorted(tijden)
    p95 = tijden[min(len(tijden) - 1, max(0, round(0.95 * len(tijden)) - 1))]
    return {"mediaan": statistics.median(tijden), "p95": p95, "rps": len(tijden) / wand, "n": len(tijden)}


def meten(
    p: Pagina,
    sessies: list[Sessie],
    gebruikers: int,
    herhalingen: int,
    per_gebruiker: int,
    tijden: Bezoektijden,
):
    if gebruikers == 1:
        s = sessies[0]
        for _ in range(2):
            _verzoek(s, p, tijden)
        gemeten, begin = [], time.perf_counter()
        for _ in range(herhalingen):
            gemeten.append(_verzoek(s, p, tijden))
            if time.perf_counter() - begin > 20 and len(gemeten) >= 5:
                break
        return statistiek(gemeten, time.perf_counter() - begin)

    def gebruiker(s):
        uit = []
        for _ in range(per_gebruiker):
            uit.append(_verzoek(s, p, tijden))
        return uit

    with ThreadPoolExecutor(gebruikers) as pool:
        begin = time.perf_counter()
        resultaten = list(pool.map(gebruiker, sessies[:gebruikers]))
        wand = time.perf_counter() - begin
    return statistiek([ms for r in resultaten for ms in r], wand)


def ingelogde_clients(lijst: list[Pagina]) -> dict:
    """A Django test client per user of ``lijst``, logged in with a verified second factor (in-process
    steps: query counts, CPU profiles). Needs ``omgeving.django_opzetten`` first."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    from accounts.models import User

    clients = {}
    for p in lijst:
        if p.user in clients:
            continue
        user = User.objects.get(username=p.user)
        c = Client(HTTP_X_FORWARDED_PROTO="https")
        c.force_login(user)
        sessie = c.session
        sessie[DEVICE_ID_SESSION_KEY] = user.totpdevice_set.get().persistent_id
        sessie.save()
        c.get("/", secure=True)
        clients[p.user] = c
    return clients


def queries_tellen(lijst: list[Pagina], tijden: Bezoektijden) -> None:
    """One request per page in-process, counting SQL queries (same database, same settings)."""
    omgeving.django_opzetten(os.environ.get("BENCH_DB", ""))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clients = ingelogde_clients(lijst)
    for p in lijst:
        c = clients[p.user]
        with CaptureQueriesContext(connection) as ctx:
            if p.post:
                r = c.post(p.pad, tijden.volgende(), secure=True)
            else:
                r = c.get(p.pad, secure=True)
        if r.status_code not in (200, 302):
            print(f"  (query count) {p.user} {p.pad}: status {r.status_code}")
        # As tests/prestaties/test_querybudget.py counts: queries, and apart from them the statements
        # that only delimit transactions (BEGIN, COMMIT, savepoints).
        beheer = [q for q in ctx.captured_queries if q["sql"].startswith(TRANSACTIEBEHEER)]
        p.queries, p.transactie = len(ctx) - len(beheer), len(beheer)
        p.sql = [(q["sql"], float(q["time"])) for q in ctx.captured_queries]
    connection.close()


def draai(args, db: str) -> None:
    poort = omgeving.poort(args.schaal)
    os.environ["BENCH_DB"] = db
    begin_load = open("/proc/loadavg").read().split()[:3]
    k = kenmerken(db)
    lijst = [p for p in paginas(k) if args.paginas in f"{p.rol} {p.label}"]
    print(f"# {db}: {k['tellingen'][0]:,} trajectories ({k['tellingen'][1]:,} actief), {k['tellingen'][2]:,} visits, "
          f"{k['tellingen'][3]:,} access-log rows, {k['tellingen'][4]:,} medewerkers; sanne's trajectory {k['traject']} "
          f"({k['bezoeken']} visits)", flush=True)  # fmt: skip
    print(
        f"# start {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, load {' '.join(begin_load)}",
        flush=True,
    )
    k["referentie"] = cpu_referentie(db)
    print(f"# CPU reference: {k['referentie']:.0f} ms (Django work without the database)", flush=True)
    tijden = Bezoektijden(db, k["traject"], k["sanne"])
    proces = None if args.zonder_server else server_starten(db, poort, args.workers)
    try:
        sessies = {}
        for user in dict.fromkeys(p.user for p in lijst):
            sessies[user] = sessies_kopieren(db, inloggen(poort, user), args.gelijktijdig)
        print(
            f"# logged in through the two-factor form: {', '.join(sessies)}; {args.gelijktijdig} sessions each",
            flush=True,
        )
        for gebruikers in (1, args.gelijktijdig):
            for p in lijst:
                r = meten(p, sessies[p.user], gebruikers, args.herhalingen, args.per_gebruiker, tijden)
                p.resultaten[gebruikers] = r
                print(f"  {gebruikers:>2} user(s)  {p.rol:<22} {p.label:<42} median {r['mediaan']:7.0f} ms  "
                      f"p95 {r['p95']:7.0f} ms  {r['rps']:6.1f} req/s  (n={r['n']})", flush=True)  # fmt: skip
    finally:
        if proces is not None:
            proces.terminate()
            proces.wait(30)
    eind_load = open("/proc/loadavg").read().split()[:3]
    queries_tellen(lijst, tijden)
    bezoeken_opruimen(db)
    tabel = markdown(lijst, args.gelijktijdig, db, k, begin_load, eind_load, args)
    print(tabel)
    if args.uit:
        with open(args.uit, "a") as f:
            f.write(tabel + "\n")
    _sql_bewaren(lijst, db)


_REFERENTIE = """
import statistics, time
import django
django.setup()
from django.db.models import Exists, OuterRef
from django.template import engines
from indicaties.models import Indicatie
from trajecten.models import Traject

sjabloon = engines["django"].from_string(
    "{% for r in rijen %}<li><a href='/t/{{ r.pk }}/'>{{ r.naam|upper }}</a> {{ r.datum|date:'j F Y' }}</li>{% endfor %}"
)
rijen = [{"pk": i, "naam": f"gezin {i}", "datum": None} for i in range(50)]
tijden = []
for _ in range(7):
    begin = time.process_time()
    for _ in range(20):
        qs = (Traject.objects.select_related("gezin__gemeente", "aanbieder", "aanmelding")
              .annotate(i=Exists(Indicatie.objects.filter(traject=OuterRef("pk")))).filter(status="actief"))
        qs.query.get_compiler("default").as_sql()
        sjabloon.render({"rijen": rijen})
    tijden.append((time.process_time() - begin) * 1000)
print(round(statistics.median(tijden), 1))
"""


def cpu_referentie(db: str) -> float:
    """A fixed piece of Django work without the database (20 × compiling a trajectory query with three
    joins and a subquery, and rendering a 50-row list), median of 7, in ms of CPU: how fast this machine
    runs Django at the time of the run. The machine is a shared virtual one; the same pages ran up to 2×
    slower on one day than on another, so rounds are compared by this figure too."""
    uit = subprocess.run([omgeving.PYTHON, "-c", _REFERENTIE], cwd=omgeving.ROOT, env=omgeving.omgeving(db),
                         capture_output=True, text=True, check=True)  # fmt: skip
    return float(uit.stdout.strip().splitlines()[-1])


def _queries(p) -> str:
    if p.queries is None:
        return "?"
    return f"{p.queries} (+{p.transactie})" if getattr(p, "transactie", 0) else str(p.queries)


def markdown(lijst, n, db, k, begin_load, eind_load, args) -> str:
    t = k["tellingen"]
    regels = [
        f"### {db}: {t[0]:,} trajectories, {t[2]:,} visits, {t[3]:,} access-log rows "
        f"({datetime.now(AMSTERDAM):%Y-%m-%d %H:%M})",
        "",
        f"Machine: {os.cpu_count()} cores; load average at start {' '.join(begin_load)}, at end {' '.join(eind_load)}. "
        f"gunicorn {args.workers} sync workers, production settings; load generator on the same machine. "
        f"1 user: {args.herhalingen} requests after 2 warm-up; {n} users: {args.per_gebruiker} requests each, all at once. "
        f"CPU reference (`cpu_referentie`, Django work without the database, before the run): "
        f"{k.get('referentie', 0):.0f} ms.",
        "",
        f"| role | page | queries | 1 user median (ms) | p95 | req/s | {n} users median (ms) | p95 | req/s |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for p in lijst:
        a, b = p.resultaten.get(1), p.resultaten.get(n)
        pad = re.sub(r"/trajecten/\d+/", "/trajecten/<pk>/", p.pad)
        pad = re.sub(r"gezin_id=\d+", "gezin_id=<id>", pad)
        regels.append(
            f"| {p.rol} | {p.label} `{pad}` | {_queries(p)} | "
            + (f"{a['mediaan']:.0f} | {a['p95']:.0f} | {a['rps']:.1f} | " if a else "– | – | – | ")
            + (f"{b['mediaan']:.0f} | {b['p95']:.0f} | {b['rps']:.1f} |" if b else "– | – | – |")
        )
    # Permission-scoped (medewerker) against broad (coordinator) on the same trajectory pages.
    paren = {}
    for p in lijst:
        if p.label.startswith("trajectory detail"):
            paren.setdefault(p.label, {})[p.rol] = p
    if paren:
        regels += ["", f"| same page: medewerker (scoped) vs coordinator (broad) | 1 user ratio | {n} users ratio | queries |",
                   "| --- | ---: | ---: | --- |"]  # fmt: skip
        for label, rollen in paren.items():
            m, c = rollen.get("medewerker"), rollen.get("coordinator")
            if not (m and c and m.resultaten and c.resultaten):
                continue
            r1 = m.resultaten[1]["mediaan"] / c.resultaten[1]["mediaan"]
            rn = (
                m.resultaten[n]["mediaan"] / c.resultaten[n]["mediaan"]
                if n in m.resultaten and n in c.resultaten
                else 0
            )
            regels.append(f"| {label} | {r1:.2f}× | {rn:.2f}× | {m.queries} vs {c.queries} |")
    return "\n".join(regels)


def _sql_bewaren(lijst, db):
    """The queries of slow or query-heavy pages, for scripts/benchmark.py explain."""
    import json

    traag = [
        {"label": f"{p.rol}: {p.label}", "pad": p.pad, "user": p.user, "queries": p.queries,
         "mediaan": p.resultaten.get(1, {}).get("mediaan"), "sql": getattr(p, "sql", [])}
        for p in lijst
        if (p.resultaten.get(1, {}).get("mediaan") or 0) > TRAAG_MS or (p.queries or 0) > MAX_QUERIES
    ]  # fmt: skip
    with open(f"/tmp/bench-traag-{db}.json", "w") as f:
        json.dump(traag, f, default=str)
