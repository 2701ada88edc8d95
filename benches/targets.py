#!/usr/bin/env python3
"""The issue 4 targets over several runs of benches/compare.sh (stdlib only).

usage: targets.py OUTDIR [OUTDIR ...]
Each OUTDIR is one run's folder (compare.sh's OUTDIR, or a round of
`ROUNDS=N compare.sh`). Every figure is computed from the run's raw
timings, as compare_table.py computes it for one run, so runs made before
this tally existed are read the same way. Prints, per target, the
smallest, median and largest value over the runs and in how many it was
met; then the times the ratios were made of, since on a shared machine
the peers move as much as newsidx does; then each run's row.
"""
import os
import signal
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_table import TARGETS, fmt, measure, met, preload  # noqa: E402

NEWSIDX = {"newsidx", "newsidx-cli", "newsidx-ids"}


def peers_of(outdir):
    """The peers a run measured: its folders with the harness's timings."""
    return sorted(
        name for name in os.listdir(outdir)
        if name not in NEWSIDX and os.path.exists(os.path.join(outdir, name, "timings.json"))
    )


def spread(values):
    """`smallest / median / largest` of the values that were measured."""
    v = [x for x in values if x is not None]
    if not v:
        return "n/a"
    return f"{fmt(min(v))} / {fmt(statistics.median(v))} / {fmt(max(v))}"


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    runs = []
    for outdir in argv[1:]:
        names, rows, values = measure(outdir, peers_of(outdir))
        if values is None:
            print(f"{outdir}: no newsidx batch timings; left out", file=sys.stderr)
            continue
        runs.append((outdir, dict(zip(names, rows)), values))
    if not runs:
        print("targets.py: no run with newsidx's timings", file=sys.stderr)
        return 1
    n = len(runs)
    print(f"The issue 4 targets over {n} run{'s' if n > 1 else ''} of benches/compare.sh "
          f"({', '.join(os.path.normpath(d) for d, _, _ in runs)}).")
    print()
    print("| target | measured as | smallest / median / largest | met in |")
    print("|---|---|---|---|")
    for key, what, how, op, threshold in TARGETS:
        values = [v[key] for _, _, v in runs]
        oks = [met(x, op, threshold) for x in values]
        measured = sum(ok is not None for ok in oks)
        tally = f"{sum(ok is True for ok in oks)} of {measured}" if measured else "not measured"
        print(f"| {what} | {how} {op} {threshold:g} | {spread(values)} | {tally} |")
    print()
    print("What the ratios were made of (smallest / median / largest over the runs):")
    print()
    print("| tool | index s | query p95 ms |")
    print("|---|---|---|")
    tools = []
    for _, rows, _ in runs:
        tools += [t for t in rows if t not in tools]
    for tool in tools:
        rows = [r.get(tool) for _, r, _ in runs]
        index_s = [x["index_s"] if x else None for x in rows]
        p95 = [x["p95_ms"] if x else None for x in rows]
        failed = sum(x is None for x in rows)
        note = f" (failed in {failed})" if failed else ""
        print(f"| {tool}{note} | {spread(index_s)} | {spread(p95)} |")
    fastest = [v["fastest_peer"] for _, _, v in runs]
    print()
    print("Fastest peer by p95: " + ", ".join(f"{p} {fastest.count(p)}" for p in sorted(set(fastest), key=str)) + ".")
    print()
    print_runs(runs)
    return 0


def label(outdir):
    """A run's name in the table: its folder and, for a round, the folder
    of the rounds (`compare228/round-1`)."""
    parts = os.path.normpath(os.path.abspath(outdir)).split(os.sep)
    return "/".join(parts[-2:]) if parts[-1].startswith("round-") else parts[-1]


def print_runs(runs):
    """One row per run: the times and ratios each target was judged on."""
    print("Each run (x: the target's ratio; the fastest peer by p95; peak MB and "
          "preload ms are newsidx's batch run's):")
    print()
    print("| run | newsidx ingest s | tantivy-cli s | FTS5 s | x tantivy-cli | x FTS5 | batch p95 ms "
          "| fastest peer p95 ms | p95 x | ids-only p95 ms | ids-only x | CLI p95 ms "
          "| index x tantivy-cli | peak MB | preload ms |")
    print("|" + "---|" * 15)
    for outdir, rows, v in runs:
        nx, cli, ids = rows["newsidx"], rows.get("newsidx-cli"), rows.get("newsidx-ids")

        def index_s(name):
            r = rows.get(name)
            return fmt(r["index_s"], 3) if r and r["index_s"] else "n/a"

        def x(key, nd=2):
            return "n/a" if v[key] is None else fmt(v[key], nd) + "x"

        fastest = rows.get(v["fastest_peer"]) if v["fastest_peer"] else None
        held = preload(outdir)
        cells = [
            label(outdir), index_s("newsidx"), index_s("tantivy-cli"), index_s("sqlite-fts5"),
            x("ingest_vs_tantivy"), x("ingest_vs_fts5"), fmt(nx["p95_ms"]),
            f"{fastest['name']} {fmt(fastest['p95_ms'])}" if fastest else "n/a", x("batch_p95"),
            fmt(ids["p95_ms"]) if ids else "n/a", x("ids_p95"),
            fmt(cli["p95_ms"]) if cli else "n/a", x("index_vs_tantivy", 3), fmt(nx["peak_mb"]),
            f"{held['ms']:.0f}" if held else "n/a",
        ]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    # Piped into `head`, end quietly as other command-line tools do.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main(sys.argv))
