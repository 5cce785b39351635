# ruff: noqa: S108, S311, S324, S603, S607, S608 - a benchmark: fixed commands, its own SQL, /tmp files
"""Benchmark at national scale (issue 10): a generated country, timed over real HTTP behind gunicorn.

Not a test: figures go to docs/benchmark.md. Commands (from the project root; PostgreSQL on 127.0.0.1):

    # 1. Generate the datasets (drops and recreates the database, migrates, loads the demo world, then
    #    bulk SQL; prints the time per step). 100 % takes some minutes, 10 % well under one.
    .venv/bin/python scripts/benchmark.py genereer --schaal 0.1      # database bz_national10
    .venv/bin/python scripts/benchmark.py genereer --schaal 1        # database bz_national

    # 2. Time the pages over HTTP: starts gunicorn (production settings, 4 sync workers) on port 8101
    #    (10 %) or 8100 (100 %), logs in through the two-factor form, times every key page at 1 and at
    #    16 concurrent users, counts each page's SQL queries in-process, prints a Markdown table.
    .venv/bin/python scripts/benchmark.py http --schaal 0.1
    .venv/bin/python scripts/benchmark.py http --schaal 1 --herhalingen 20 --gelijktijdig 16

    # 3. Time the reports the way the worker makes them (rapportage.maken.rapport_maken: data, HTML,
    #    WeasyPrint PDF, file) for Gemeente Groningen (~2,000 trajectories at 100 %).
    .venv/bin/python scripts/benchmark.py rapporten --schaal 1

    # 4. Insert timing of the exclusion constraints, equality column first (now) against range first
    #    (before migration trajecten 0008 / indicaties 0005); rolled back, the data stays as it was.
    .venv/bin/python scripts/benchmark.py invoegen --schaal 1

    # 5. The database work per page (buffers read by its queries), which does not move with the machine's
    #    load: run at both scales, the second run prints them side by side.
    .venv/bin/python scripts/benchmark.py werk --schaal 0.1
    .venv/bin/python scripts/benchmark.py werk --schaal 1

    # 6. CPU per page in-process (Django test client, production settings): what each page costs the
    #    application alone; --profiel also writes a cProfile of every page to --uit.
    .venv/bin/python scripts/benchmark.py profiel --schaal 1 --paginas home --profiel --uit /tmp/p.txt

    # Extras: EXPLAIN (ANALYZE, BUFFERS) of the slowest queries of the slow pages, to a Markdown file.
    .venv/bin/python scripts/benchmark.py explain --schaal 1 --uit /tmp/bench-findings.md

Options: --db NAME overrides the database; `http --paginas coordinator` runs only pages whose label
contains that text; `genereer --daarna CMD` runs a management command after the data (e.g. one that
rebuilds summary tables, since bulk SQL bypasses the application's own bookkeeping).
The shared settings (bench secrets, DATABASE_URL) are in scripts/bench/omgeving.py.
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.bench import omgeving  # noqa: E402


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "stap", choices=["genereer", "http", "rapporten", "explain", "invoegen", "werk", "profiel"]
    )
    parser.add_argument("--schaal", type=float, default=0.1)
    parser.add_argument("--db")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--daarna", action="append", default=[])
    parser.add_argument("--herhalingen", type=int, default=15, help="requests per page at 1 user")
    parser.add_argument("--gelijktijdig", type=int, default=16)
    parser.add_argument("--per-gebruiker", type=int, default=4, help="requests per simulated user at N users")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--paginas", default="")
    parser.add_argument("--uit", default="")
    parser.add_argument("--profiel", action="store_true", help="profiel: also a cProfile per page")
    parser.add_argument("--zonder-server", action="store_true", help="use a server already on the port")
    args = parser.parse_args()
    db = omgeving.database(args.schaal, args.db)

    if args.stap == "genereer":
        begin = time.perf_counter()
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "--force", db], check=True
        )
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", db], check=True)
        subprocess.run(
            [omgeving.PYTHON, "manage.py", "migrate", "-v", "0"],
            cwd=omgeving.ROOT,
            env=omgeving.omgeving(db),
            check=True,
        )
        print(f"database {db} created and migrated in {time.perf_counter() - begin:.1f} s", flush=True)
        omgeving.django_opzetten(db)
        from scripts.bench.data import genereer

        genereer(args.schaal, seed=args.seed)
        for commando in args.daarna:
            from django.core.management import call_command

            call_command(*commando.split())
        print(f"done in {time.perf_counter() - begin:.0f} s")
    elif args.stap == "http":
        from scripts.bench.belasting import draai

        draai(args, db)
    elif args.stap == "rapporten":
        omgeving.django_opzetten(db)
        from scripts.bench.rapporten import draai

        draai(args)
    elif args.stap == "invoegen":
        from scripts.bench.invoegen import meten

        print(meten(db))
    elif args.stap == "werk":
        from scripts.bench.werk import draai

        draai(args, db)
    elif args.stap == "profiel":
        from scripts.bench.profiel import draai

        draai(args, db)
    elif args.stap == "explain":
        omgeving.django_opzetten(db)
        from scripts.bench.explain import draai

        draai(args, db)


if __name__ == "__main__":
    main()
