# ruff: noqa: S108, S608 - a benchmark: its own SQL, /tmp files
"""The database work of every page, independent of the machine's load: one request per page in-process
(production settings, the same users as the HTTP run), every SELECT it runs explained with
EXPLAIN (ANALYZE, BUFFERS) and its buffers summed (8 kB pages read from memory or disk). A page whose
database work does not grow with the country reads about as many buffers at 10 % as at 100 %; timings
over HTTP (``belasting``) move with the machine's load, these do not.

``scripts/benchmark.py werk --schaal 0.1`` and ``--schaal 1`` each write /tmp/bench-werk-<db>.json; the
second run prints the two side by side as a Markdown table."""

import json
import os
from pathlib import Path

from scripts.bench import belasting, omgeving


def _buffers(plan: dict) -> int:
    return plan.get("Shared Hit Blocks", 0) + plan.get("Shared Read Blocks", 0)


def draai(args, db: str) -> None:
    k = belasting.kenmerken(db)
    lijst = [p for p in belasting.paginas(k) if args.paginas in f"{p.rol} {p.label}" and not p.post]
    os.environ["BENCH_DB"] = db
    tijden = belasting.Bezoektijden(db, k["traject"], k["sanne"])
    # One request per page in-process, its SQL captured; twice, so that cached parts are warm as in use.
    belasting.queries_tellen(lijst, tijden)
    belasting.queries_tellen(lijst, tijden)
    omgeving.django_opzetten(db)
    from django.db import connection, transaction

    uitkomst = {}
    for p in lijst:
        per_query = []
        for sql, _tijd in p.sql:
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            with transaction.atomic(), connection.cursor() as c:
                c.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
                plan = c.fetchone()[0]
                plan = json.loads(plan) if isinstance(plan, str) else plan
                transaction.set_rollback(True)
            # Execution only: planning reads the catalogue, which depends on the connection's cache.
            per_query.append((_buffers(plan[0]["Plan"]), sql))
        buffers = sum(b for b, _sql in per_query)
        uitkomst[f"{p.rol} | {p.label}"] = {"queries": p.queries, "buffers": buffers}
        print(f"  {p.rol:<22} {p.label:<45} {p.queries:>3} queries  {buffers:>7} buffers", flush=True)
        if os.environ.get("BENCH_WERK_DETAIL"):
            for b, sql in sorted(per_query, key=lambda x: -x[0])[:2]:
                print(f"      {b:>6}  {sql[:400]}")
    Path(f"/tmp/bench-werk-{db}.json").write_text(json.dumps(uitkomst))
    _naast_elkaar()


def _naast_elkaar() -> None:
    klein, groot = Path("/tmp/bench-werk-bz_national10.json"), Path("/tmp/bench-werk-bz_national.json")
    if not (klein.exists() and groot.exists()):
        return
    a, b = json.loads(klein.read_text()), json.loads(groot.read_text())
    print("\n| role | page | queries | buffers at 10 % | buffers at 100 % | ratio |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for sleutel, w in a.items():
        if sleutel in b:
            rol, label = sleutel.split(" | ", 1)
            ratio = b[sleutel]["buffers"] / max(1, w["buffers"])
            print(
                f"| {rol} | {label} | {b[sleutel]['queries']} | {w['buffers']} | {b[sleutel]['buffers']} | {ratio:.2f} |"
            )
