#!/usr/bin/env python3
"""The issue 4 targets over several runs of benches/compare.sh (stdlib only).

usage: targets.py OUTDIR [OUTDIR ...]
Each OUTDIR is one run's folder (compare.sh's OUTDIR, or a round of
`ROUNDS=N compare.sh`). Every figure is computed from the run's raw
timings, as compare_table.py computes it for one run, so runs made before
this tally existed are read the same way. Prints, per target, the
smallest, median and largest value over the runs and in how many it was
met; then the times the ratios were made of, since on a shared machine
the peers move as much as newsidx does.
"""
import os
import signal
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_table import TARGETS, fmt, measure, met  # noqa: E402

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
    return 0


if __name__ == "__main__":
    # Piped into `head`, end quietly as other command-line tools do.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main(sys.argv))
