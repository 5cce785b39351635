# ruff: noqa: S108, S311, S324, S603, S607, S608 - a benchmark: fixed commands, its own SQL, /tmp files
"""EXPLAIN (ANALYZE, BUFFERS) of the slowest queries of every page the last HTTP run found slow (median
over 30 ms at 1 user) or query-heavy (more than 12 queries). Reads /tmp/bench-traag-<db>.json, written
by ``scripts/benchmark.py http``; runs each plan inside a transaction that is rolled back."""

import json
from collections import Counter

PER_PAGINA = 3


def draai(args, db: str) -> None:
    from django.db import connection, transaction

    with open(f"/tmp/bench-traag-{db}.json") as f:
        paginas = json.load(f)
    uit = [f"## {db}: slow or query-heavy pages, their slowest queries\n"]
    for p in paginas:
        sql = p["sql"]
        totaal = sum(t for _q, t in sql)
        herhaald = Counter(_vorm(q) for q, _t in sql)
        dubbel = [(n, v) for v, n in herhaald.items() if n > 1]
        mediaan = f"{p['mediaan']:.0f} ms" if p["mediaan"] else "?"
        uit.append(f"### {p['label']} `{p['pad']}` ({p['user']}): median {mediaan}, {p['queries']} queries, "
                   f"{totaal * 1000:.0f} ms in SQL in-process\n")  # fmt: skip
        if dubbel:
            uit.append("Repeated query shapes: " + "; ".join(f"{n}× `{v[:140]}`" for n, v in dubbel) + "\n")
        for q, t in sorted(sql, key=lambda x: -x[1])[:PER_PAGINA]:
            if not q.lstrip().upper().startswith(("SELECT", "WITH")):
                uit.append(f"- {t * 1000:.1f} ms (not a SELECT): `{q[:300]}`\n")
                continue
            try:
                with transaction.atomic(), connection.cursor() as c:
                    c.execute("EXPLAIN (ANALYZE, BUFFERS) " + q)
                    plan = "\n".join(r[0] for r in c.fetchall())
                    transaction.set_rollback(True)
            except Exception as fout:  # noqa: BLE001 - a finding, not a failure
                plan = f"(EXPLAIN failed: {fout})"
            uit.append(f"- {t * 1000:.1f} ms:\n\n```sql\n{q[:3000]}\n```\n\n```\n{plan}\n```\n")
    tekst = "\n".join(uit)
    if args.uit:
        with open(args.uit, "a") as f:
            f.write(tekst + "\n")
        print(f"{len(paginas)} pages written to {args.uit}")
    else:
        print(tekst)


def _vorm(sql: str) -> str:
    import re

    return re.sub(r"\b\d+\b|'[^']*'", "?", sql)
