# ruff: noqa: S608 - a benchmark: its own SQL on its own database
"""Insert timing of the exclusion constraints (issue 10): the same rows inserted with the constraint as it
is (equality column first) and with the old order (date range first), each in a transaction that is
rolled back, so the dataset is unchanged afterwards.

    .venv/bin/python scripts/benchmark.py invoegen --schaal 1

The copied rows keep their trajectory and medewerker and move back in time (indications 2 years, visits
1 year): each then overlaps in time with thousands of rows of other trajectories and medewerkers (the
country's load), which the old range-first index had to look through, and a copy that collides with a
row of its own trajectory or medewerker is skipped (ON CONFLICT DO NOTHING; the probe is made all the
same). Triggers are switched off for the inserts (session_replication_role = replica, superuser only),
since the moved rows lie outside their indications: what is measured is the constraint's index probe.
The other indexes are the same in both runs.
"""

import time

import psycopg

from . import omgeving

GEVALLEN = [
    # (table, constraint, old definition with the range first, rows to copy, shifted columns)
    (
        "indicaties_indicatie",
        "indicatie_niet_overlappend",
        "EXCLUDE USING gist (daterange(van, tot, '[]') WITH &&, traject_id WITH =)",
        "id % 4 = 0",
        {"van": "van - interval '2 years'", "tot": "tot - interval '2 years'", "vorige_id": "NULL"},
    ),
    (
        "trajecten_huisbezoek",
        "huisbezoek_geen_overlap",
        "EXCLUDE USING gist (tstzrange(start, eind, '[)') WITH &&, medewerker_id WITH =) WHERE (NOT vervangen)",
        "id % 200 = 0",
        {
            "medewerker_id": "medewerker_id + 100000000",
            "traject_id": "traject_id + 100000000",
            "vervangt_id": "NULL",
        },
    ),
]


def _kolommen(conn, tabel: str) -> list[str]:
    rijen = conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name <> 'id'"
        " ORDER BY ordinal_position",
        [tabel],
    ).fetchall()
    return [r[0] for r in rijen]


def _invoegen(conn, tabel, kolommen, waar, verschoven) -> tuple[str, float]:
    lijst = ", ".join(f'"{k}"' for k in kolommen)
    bron = ", ".join(verschoven.get(k, f'"{k}"') for k in kolommen)
    aangeboden = conn.execute(f"SELECT count(*) FROM {tabel} WHERE {waar}").fetchone()[0]
    begin = time.perf_counter()
    aantal = conn.execute(
        f"INSERT INTO {tabel} ({lijst}) SELECT {bron} FROM {tabel} WHERE {waar} ON CONFLICT DO NOTHING"
    ).rowcount
    return f"{aangeboden:,} ({aantal:,})", time.perf_counter() - begin


def meten(db: str) -> str:
    regels = [
        "| table | rows offered (inserted) | equality first (now) | range first (before) |",
        "| --- | ---: | ---: | ---: |",
    ]
    with psycopg.connect(omgeving.database_url(db), autocommit=False) as conn:
        for tabel, naam, oud, waar, verschoven in GEVALLEN:
            kolommen = _kolommen(conn, tabel)
            for _warm in range(2):  # the second run, with the table in the cache as for the other
                conn.execute("SET session_replication_role = replica")
                aantal, nu = _invoegen(conn, tabel, kolommen, waar, verschoven)
                conn.rollback()
            conn.execute("SET session_replication_role = replica")
            conn.execute(f"ALTER TABLE {tabel} DROP CONSTRAINT {naam}")
            gebouwd = time.perf_counter()
            conn.execute(f"ALTER TABLE {tabel} ADD CONSTRAINT {naam} {oud}")
            gebouwd = time.perf_counter() - gebouwd
            _aantal, voor = _invoegen(conn, tabel, kolommen, waar, verschoven)
            conn.rollback()
            print(
                f"{tabel}: {aantal} rows, now {nu:.2f} s, before {voor:.2f} s (old index built in {gebouwd:.0f} s)"
            )
            regels.append(f"| {tabel} | {aantal} | {nu:.2f} s | {voor:.2f} s |")
    return "\n".join(regels)
