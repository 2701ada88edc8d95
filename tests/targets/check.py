#!/usr/bin/env python3
"""benches/targets.py on three made-up runs whose targets are known.

usage: tests/targets/check.py
Run A meets every target. Run B sits on the thresholds: ingest exactly
1.5x tantivy-cli's (met: "at least") and exactly FTS5's speed (missed:
"faster than"); its batch p95 is 0.6 ms against the fastest peer's 1.0
(missed). Run C's batch p95 is exactly half (met: "at most"). The tally
must say so, name the fastest peer of each run, and give each run's row
(B's: the times, the ratios and the fastest peer's p95 it was judged on).
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def write(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f)


def peer(run, name, index_s, p95, index_mb=10.0):
    write(os.path.join(run, name, "timings.json"), {
        "index_s": index_s, "corpus_bytes": 20_000_000, "index_bytes": index_mb * 1e6,
        "query_mean_ms": p95 / 2, "query_p50_ms": p95 / 2, "query_p95_ms": p95,
    })
    with open(os.path.join(run, name, "maxrss_kb"), "w") as f:
        f.write("50000\n")


def newsidx(run, name, p95, file):
    # 20 queries, two passes: the nearest-rank p95 of the per-query medians
    # is the 19th smallest, which is `p95` (only the slowest is above it).
    times = [p95 / 4] * 18 + [p95, p95 * 1.5]
    write(os.path.join(run, name, file), {"passes_ms": [times, times]})


def make_run(run, newsidx_s, tantivy_s, fts5_s, batch_p95):
    peer(run, "tantivy-cli", tantivy_s, 3.0, index_mb=10.0)
    peer(run, "sqlite-fts5", fts5_s, 5.0)
    peer(run, "bm25s", 6.0, 1.0)
    peer(run, "newsidx-cli", newsidx_s, 9.0, index_mb=11.0)
    newsidx(run, "newsidx", batch_p95, "timings.1.json")
    newsidx(run, "newsidx-ids", 0.2, "timings.json")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        runs = [os.path.join(tmp, r) for r in "abc"]
        make_run(runs[0], newsidx_s=1.0, tantivy_s=4.0, fts5_s=1.5, batch_p95=0.4)
        make_run(runs[1], newsidx_s=2.0, tantivy_s=3.0, fts5_s=2.0, batch_p95=0.6)
        make_run(runs[2], newsidx_s=1.0, tantivy_s=2.0, fts5_s=1.25, batch_p95=0.5)
        out = subprocess.run(
            [sys.executable, os.path.join(ROOT, "benches", "targets.py"), *runs],
            check=True, capture_output=True, text=True,
        ).stdout
    rows = {line.split(" | ")[0].lstrip("| "): line for line in out.splitlines() if line.startswith("| ")}
    expect = {
        "ingest at least 1.5x tantivy-cli's MB/s": ("1.50 / 2.00 / 4.00", "3 of 3"),
        "ingest faster than SQLite FTS5": ("1.00 / 1.25 / 1.50", "2 of 3"),
        "batch p95 (100 highlighted hits) at most half the fastest peer's": ("0.400 / 0.500 / 0.600", "2 of 3"),
        "ids only, as the peers return them: p95 at most half the fastest peer's": ("0.200 / 0.200 / 0.200", "3 of 3"),
        "one-shot `newsidx search` under 20 ms": ("9.00 / 9.00 / 9.00", "3 of 3"),
        "index at most 1.2x tantivy-cli's": ("1.10 / 1.10 / 1.10", "3 of 3"),
    }
    failed = []
    for target, (spread, met) in expect.items():
        row = rows.get(target, "")
        if f"| {spread} | {met} |" not in row:
            failed.append(f"{target}: expected {spread}, met in {met}; got {row or 'no row'}")
    if "Fastest peer by p95: bm25s 3." not in out:
        failed.append("fastest peer not bm25s in every run")
    row_b = ("| b | 2.000 | 3.000 | 2.000 | 1.50x | 1.00x | 0.600 | bm25s 1.00 | 0.600x "
             "| 0.200 | 0.200x | 9.00 | 1.100x | 51.20 | n/a |")
    if row_b not in out.splitlines():
        failed.append(f"run B's row: expected {row_b}")
    if failed:
        print(out)
        print("\n".join(failed), file=sys.stderr)
        return 1
    print(f"targets.py: {len(expect)} targets tallied as expected over three runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
