#!/usr/bin/env python3
"""The table of benches/compare.sh (stdlib only).

usage: compare_table.py OUTDIR PEER [PEER ...]
Prints the run's table, newsidx's ratios to each peer and the issue 4
targets as this run measured them (benches/targets.py tallies them over
runs with `measure`). Reads OUTDIR/<peer>/timings.json and maxrss_kb
(written by compare.sh and the peer harness), newsidx's batch timings
(OUTDIR/newsidx/timings.N.json), its ids-only timings
(OUTDIR/newsidx-ids/timings.json, `eval --passes`) and its index (built
by the newsidx-cli run, which all three newsidx rows share). MB = 10^6
bytes; MB/s = corpus bytes / index seconds. newsidx's batch p50/p95 are
nearest-rank percentiles over the per-query medians of the passes, the
harness's own rule.
"""
import glob
import json
import os
import statistics
import sys


def percentile(values, p):
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(-(-p * len(s) // 100)) - 1))
    return s[k]


def maxrss_mb(paths):
    kb = [int(open(p).read().split()[-1]) for p in paths if os.path.exists(p)]
    return max(kb) * 1024 / 1e6 if kb else None


def peer_row(outdir, name):
    path = os.path.join(outdir, name, "timings.json")
    if not os.path.exists(path):
        return None
    r = json.load(open(path))
    return {
        "name": name,
        "index_s": r.get("index_s") or None,
        "corpus_bytes": r["corpus_bytes"],
        "index_mb": r["index_bytes"] / 1e6,
        "mean_ms": r.get("query_mean_ms"),
        "p50_ms": r.get("query_p50_ms"),
        "p95_ms": r.get("query_p95_ms"),
        "peak_mb": maxrss_mb([os.path.join(outdir, name, "maxrss_kb")]),
    }


def newsidx_row(outdir, cli, name):
    """A newsidx row timed in one process over passes: OUTDIR/NAME holds
    timings*.json (`--passes N --timings`) and maxrss_kb* (GNU time). Ingest
    and index figures are the CLI row's: the three rows share one index."""
    d = os.path.join(outdir, name)
    files = [json.load(open(p)) for p in sorted(glob.glob(os.path.join(d, "timings*.json")))]
    if not files or cli is None:
        return None
    # One list of per-query times per pass: a file of `--passes N` holds N
    # (passes_ms); an older file, one pass per process.
    passes = [p for r in files for p in (r["passes_ms"] if "passes_ms" in r else [r["per_query_ms"]])]
    med = [statistics.median(q) for q in zip(*passes)]
    # Mean as the harness takes it: the median pass's total over the queries.
    totals = sorted(sum(p) for p in passes)
    row = dict(cli)
    row.update(
        name=name,
        mean_ms=totals[len(totals) // 2] / len(med),
        p50_ms=percentile(med, 50),
        p95_ms=percentile(med, 95),
        peak_mb=max(
            x for x in [cli["peak_mb"], maxrss_mb(glob.glob(os.path.join(d, "maxrss_kb*")))]
            if x is not None
        ),
    )
    return row


def preload(outdir):
    """What newsidx's batch run held in memory before its first query
    (`preload` in its --timings file), or None."""
    for p in sorted(glob.glob(os.path.join(outdir, "newsidx", "timings*.json"))):
        held = json.load(open(p)).get("preload")
        if held:
            return held
    return None


# The targets of issue 4 on one run: key, the target, how it is measured,
# the comparison that meets it and its threshold.
TARGETS = [
    ("ingest_vs_tantivy", "ingest at least 1.5x tantivy-cli's MB/s",
     "tantivy-cli's index seconds / newsidx's", ">=", 1.5),
    ("ingest_vs_fts5", "ingest faster than SQLite FTS5",
     "sqlite-fts5's index seconds / newsidx's", ">", 1.0),
    ("batch_p95", "batch p95 (100 highlighted hits) at most half the fastest peer's",
     "newsidx's batch p95 / the lowest peer p95", "<=", 0.5),
    ("ids_p95", "ids only, as the peers return them: p95 at most half the fastest peer's",
     "newsidx-ids' p95 / the lowest peer p95", "<=", 0.5),
    ("cli_p95_ms", "one-shot `newsidx search` under 20 ms", "newsidx-cli's p95, ms", "<", 20.0),
    ("index_vs_tantivy", "index at most 1.2x tantivy-cli's",
     "newsidx's index MB / tantivy-cli's", "<=", 1.2),
]

COMPARE = {
    ">=": lambda v, t: v >= t,
    ">": lambda v, t: v > t,
    "<=": lambda v, t: v <= t,
    "<": lambda v, t: v < t,
}


def met(value, op, threshold):
    """Whether a target's value meets it; None when it was not measured."""
    return None if value is None else COMPARE[op](value, threshold)


def ingest_ratio(peer, nx):
    """newsidx's ingest speed over a peer's (the peer's index seconds over
    newsidx's: >1, newsidx faster); None when either built no index."""
    return peer["index_s"] / nx["index_s"] if peer and peer["index_s"] and nx["index_s"] else None


def target_values(nx, cli, ids, peers):
    """Each target's value on this run (None where a tool is missing)."""
    by = {r["name"]: r for r in peers if r is not None}
    fastest = min((r for r in by.values() if r["p95_ms"]), key=lambda r: r["p95_ms"], default=None)
    tantivy = by.get("tantivy-cli")
    return {
        "ingest_vs_tantivy": ingest_ratio(tantivy, nx),
        "ingest_vs_fts5": ingest_ratio(by.get("sqlite-fts5"), nx),
        "batch_p95": nx["p95_ms"] / fastest["p95_ms"] if fastest else None,
        "ids_p95": ids["p95_ms"] / fastest["p95_ms"] if fastest and ids else None,
        "cli_p95_ms": cli["p95_ms"] if cli else None,
        "index_vs_tantivy": nx["index_mb"] / tantivy["index_mb"] if tantivy else None,
        "fastest_peer": fastest["name"] if fastest else None,
    }


def fmt(v, nd=2):
    if v is None:
        return "n/a"
    if abs(v) >= 100:
        return f"{v:.0f}"
    if abs(v) >= 1:
        return f"{v:.{nd}f}"
    return f"{v:.3f}"


def measure(outdir, peers):
    """The run's tools' names and rows (None for a tool that failed), and
    the targets' values (None when newsidx's batch row is missing)."""
    cli = peer_row(outdir, "newsidx-cli")
    ids = newsidx_row(outdir, cli, "newsidx-ids")
    rows = [newsidx_row(outdir, cli, "newsidx"), cli, ids] + [peer_row(outdir, p) for p in peers]
    names = ["newsidx", "newsidx-cli", "newsidx-ids"] + peers
    values = target_values(rows[0], cli, ids, rows[3:]) if rows[0] else None
    return names, rows, values


def main(argv):
    outdir, peers = argv[1], argv[2:]
    names, rows, values = measure(outdir, peers)
    cli, ids = rows[1], rows[2]
    print("| tool | index s | MB/s ingest | index MB | query mean ms | p50 ms | p95 ms | peak MB |")
    print("|---|---|---|---|---|---|---|---|")
    for name, r in zip(names, rows):
        if r is None:
            print(f"| {name} | FAILED | | | | | | |")
            continue
        mbps = r["corpus_bytes"] / 1e6 / r["index_s"] if r["index_s"] else None
        print(
            f"| {name} | {fmt(r['index_s'], 3) if r['index_s'] else 'no index'} | {fmt(mbps)} | "
            f"{fmt(r['index_mb'])} | {fmt(r['mean_ms'])} | {fmt(r['p50_ms'])} | {fmt(r['p95_ms'])} | "
            f"{fmt(r['peak_mb'])} |"
        )
    nx = rows[0]
    if nx is None:
        return
    held = preload(outdir)
    if held:
        print()
        print(f"newsidx (batch) held {held['documents']} stored documents in memory "
              f"({held['bytes'] / 2**20:.1f} MiB, {held['segments_left']} segments left to the doc store), "
              f"loaded in {held['ms']:.0f} ms before the first query (`--preload-mb`; not in the latencies, "
              "in the peak memory).")
    print()
    print("newsidx (batch) against each peer: ingest speed ratio (>1: newsidx faster), "
          "p95 ratio (<1: newsidx faster), index size ratio, peak memory ratio; "
          "newsidx-cli p95 and newsidx-ids p95 (ids only, as the peers) against the peer's.")
    print()
    print("| peer | ingest MB/s x | p95 x | index size x | peak memory x | newsidx-cli p95 x | newsidx-ids p95 x |")
    print("|---|---|---|---|---|---|---|")
    for name, r in zip(names[3:], rows[3:]):
        if r is None:
            continue
        ingest = ingest_ratio(r, nx)
        p95 = nx["p95_ms"] / r["p95_ms"] if r["p95_ms"] else None
        size = nx["index_mb"] / r["index_mb"] if r["index_mb"] else None
        mem = nx["peak_mb"] / r["peak_mb"] if r["peak_mb"] else None
        cli_p95 = cli["p95_ms"] / r["p95_ms"] if cli and r["p95_ms"] else None
        ids_p95 = ids["p95_ms"] / r["p95_ms"] if ids and r["p95_ms"] else None
        print(f"| {name} | {fmt(ingest)} | {fmt(p95)} | {fmt(size)} | {fmt(mem)} | {fmt(cli_p95)} | {fmt(ids_p95)} |")
    print()
    print(f"The targets of issue 4 on this run (fastest peer by p95: {values['fastest_peer']}); "
          "one run is one sample of a noisy machine: `ROUNDS=N benches/compare.sh` tallies N.")
    print()
    print("| target | measured as | this run | met? |")
    print("|---|---|---|---|")
    for key, what, how, op, threshold in TARGETS:
        v = values[key]
        ok = met(v, op, threshold)
        print(f"| {what} | {how} {op} {threshold:g} | {fmt(v)} | {'n/a' if ok is None else 'yes' if ok else 'no'} |")


if __name__ == "__main__":
    main(sys.argv)
