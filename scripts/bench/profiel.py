# ruff: noqa: S108 - a benchmark: /tmp files
"""CPU per page, in-process: the application's own cost without HTTP, the load generator or other users.

At 16 users on 2 cores a page's median is its throughput: 16 requests wait while each costs its CPU, so a
median of 150 ms needs about 18 ms of CPU per request for everything (Django, PostgreSQL, the client).
This step times each key page with the Django test client (production settings, the same database as
``http``): the process CPU time and the wall time per request, median over ``--herhalingen`` after a
warm-up, and with ``--profiel`` a cProfile of each page, its top functions written to ``--uit``.
"""

import cProfile
import io
import pstats
import statistics
import time

from scripts.bench import omgeving


def draai(args, db: str) -> None:
    from scripts.bench.belasting import Bezoektijden, ingelogde_clients, kenmerken, paginas

    k = kenmerken(db)
    lijst = [p for p in paginas(k) if args.paginas in f"{p.rol} {p.label}"]
    tijden = Bezoektijden(db, k["traject"], k["sanne"])
    omgeving.django_opzetten(db)
    clients = ingelogde_clients(lijst)
    rapport = io.StringIO()
    # The minimum too: on a shared virtual machine the median moves with the neighbours, the minimum
    # much less, which is what an A/B of one change needs.
    print(f"{'role':<22} {'page':<44} {'CPU ms':>7} {'min':>6} {'wall ms':>8}")
    for p in lijst:
        c = clients[p.user]

        def verzoek(c=c, p=p):
            r = c.post(p.pad, tijden.volgende(), secure=True) if p.post else c.get(p.pad, secure=True)
            if r.status_code not in (200, 302):
                raise RuntimeError(f"{p.user} {p.pad}: {r.status_code}")

        for _ in range(3):
            verzoek()
        cpu, wand = [], []
        for _ in range(args.herhalingen):
            c0, w0 = time.process_time(), time.perf_counter()
            verzoek()
            cpu.append((time.process_time() - c0) * 1000)
            wand.append((time.perf_counter() - w0) * 1000)
        print(
            f"{p.rol:<22} {p.label[:44]:<44} {statistics.median(cpu):7.1f} {min(cpu):6.1f} {statistics.median(wand):8.1f}",
            flush=True,
        )
        if args.profiel:
            profiel = cProfile.Profile()
            profiel.enable()
            for _ in range(args.herhalingen):
                verzoek()
            profiel.disable()
            profiel.dump_stats(f"{args.uit or '/tmp/bench-profiel.txt'}.{lijst.index(p)}.prof")
            rapport.write(f"\n\n## {p.rol}: {p.label} ({p.pad})\n\n")
            stats = pstats.Stats(profiel, stream=rapport)
            # Function calls per request: deterministic, so a change can be compared when CPU time is noisy.
            print(f"{'':<22} {'  function calls per request':<44} {stats.total_calls // args.herhalingen:>7}")
            stats.sort_stats("tottime").print_stats(35)
            stats.sort_stats("cumulative").print_stats(60)
    if args.profiel:
        uit = args.uit or "/tmp/bench-profiel.txt"
        with open(uit, "w") as f:
            f.write(rapport.getvalue())
        print(f"profiles written to {uit}")
