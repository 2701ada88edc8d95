#!/usr/bin/env bash
# Two builds of newsidx, alternated on one batch of queries: the per-query
# timing of each stage and of the whole query (the latency compare.sh
# reports), as the "What was tried" rows of benches/README.md quote it
# (each query's median over the rounds, then mean and p95 over the
# queries), and each round's p95 of the whole query, old against new.
#
# usage: benches/ab.sh OLD_BIN OLD_INDEX NEW_BIN NEW_INDEX QUERIES.tsv
#   e.g. benches/ab.sh /tmp/old/newsidx /tmp/ix_old target/release/newsidx \
#          /tmp/ix_new target/compare/newsidx/queries.tsv
# Give the same index twice when the builds read the same schema.
#
# env: ROUNDS (4: alternations), PASSES (10: `search --batch --passes`,
#      each pass's median is one round's figure), HITS (100), THREADS (1),
#      SEARCH_ARGS (more `search` options for both builds, e.g.
#      "--preload-mb 256" as compare.sh times its batch).
set -euo pipefail
if [ $# -ne 5 ]; then sed -n '2,16p' "$0" >&2; exit 2; fi
OLD=$1 OLD_IX=$2 NEW=$3 NEW_IX=$4 QUERIES=$5
ROUNDS=${ROUNDS:-4} PASSES=${PASSES:-10} HITS=${HITS:-100} THREADS=${THREADS:-1}
OUT=$(mktemp -d); trap 'rm -rf "$OUT"' EXIT
for i in $(seq "$ROUNDS"); do
  for b in old new; do
    if [ $b = old ]; then bin=$OLD ix=$OLD_IX; else bin=$NEW ix=$NEW_IX; fi
    "$bin" search --batch "$QUERIES" -i "$ix" -n "$HITS" -f trec -q \
      --passes "$PASSES" --threads "$THREADS" --timings "$OUT/$b-$i.json" ${SEARCH_ARGS:-} > /dev/null
  done
done
python3 - "$OUT" "$ROUNDS" <<'PY'
import json, math, statistics as st, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def p95(v):
    # Nearest rank, as newsidx's own latency line and compare_table.py.
    v = sorted(v)
    return v[max(0, math.ceil(0.95 * len(v)) - 1)]
runs = {
    b: [json.load(open(f"{out}/{b}-{i}.json")) for i in range(1, rounds + 1)]
    for b in ("old", "new")
}
print("build  stage    mean ms   p95 ms   slowest ms")
for b in ("old", "new"):
    for stage in ("ranking", "hits", "query"):
        per = [
            r["per_query_ms"] if stage == "query" else r["stages"][stage]["per_query_ms"]
            for r in runs[b]
        ]
        med = [st.median(q) for q in zip(*per)]
        print(f"{b:6} {stage:8} {st.mean(med):8.3f} {p95(med):8.3f} {max(med):10.3f}")
pairs = [(o["latency"]["p95_ms"], n["latency"]["p95_ms"]) for o, n in zip(runs["old"], runs["new"])]
print("each round's p95 ms, old -> new: " + ", ".join(f"{o:.3f} -> {n:.3f}" for o, n in pairs))
print(f"new lower in {sum(n < o for o, n in pairs)} of {len(pairs)} rounds")
PY
