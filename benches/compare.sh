#!/usr/bin/env bash
# newsidx against its peers, side by side, in one run on this machine.
#
# usage: benches/compare.sh CORPUS.jsonl QUERIES.tsv [OUTDIR]
#   e.g. benches/compare.sh ../shared/data/reuters21578/reuters21578.jsonl \
#          benches/queries/reuters.tsv target/compare
#
# Runs the peer harness (../shared/peers: tantivy-cli, SQLite FTS5, Xapian,
# bm25s, ripgrep) and newsidx on the same corpus and queries, and prints one
# table: ingest seconds and MB/s, index size, query mean/p50/p95, peak memory,
# and newsidx's ratio to each peer. newsidx appears twice:
#   newsidx        batch mode: `newsidx search --batch --passes PEER_REPS`
#                  (one process, every query with 100 highlighted hits, the
#                  file run PEER_REPS times; each query's median in-process
#                  latency), as the harness times the in-process peers;
#                  stored passages held in memory first (`--preload-mb`)
#   newsidx-cli    one process per query (`newsidx search -n 100 -f tsv`):
#                  start-up and index open included, what a CLI user sees
# and a third time, like for like with the peers, which return ids only:
#   newsidx-ids    `newsidx eval --topics --depth 100 --passes PEER_REPS`:
#                  the 100 best articles' ids per query, no snippets (on
#                  the same index: ingest and index figures are shared)
# Every tool gets the harness's normalised query (lower-cased words, ORed).
#
# env: PEERS (default "tantivy-cli sqlite-fts5 xapian bm25s ripgrep"),
#      PEERS_SRC (default ../shared/peers), PEERS_DIR (writable copy of the
#      harness with its installs; default target/peers), SKIP_INSTALL=1,
#      PEER_REPS (3), PEER_DATE_FROM / PEER_DATE_TO (YYYY-MM-DD filter for
#      every tool), NEWSIDX_INGEST_ARGS (extra `newsidx ingest` options),
#      NEWSIDX_PRELOAD_MB (256; 0 reads every hit from the doc store),
#      ROUNDS (1): more than one runs the whole comparison ROUNDS times,
#      into OUTDIR/round-1 ... round-N, and then tallies the issue 4
#      targets over the rounds (benches/targets.py, OUTDIR/targets.md):
#      a single run on a shared machine can meet or miss a target by noise.
# Peak memory is the largest resident set of the tool's processes (GNU time
# %M over the harness process and its children), index build and queries.
set -euo pipefail
if [ $# -lt 2 ] || [ $# -gt 3 ]; then sed -n '2,36p' "$0" >&2; exit 2; fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=$(realpath "$1"); QUERIES=$(realpath "$2"); OUT=${3:-$ROOT/target/compare}
[ -f "$CORPUS" ] || { echo "compare.sh: no corpus at $1" >&2; exit 2; }
[ -f "$QUERIES" ] || { echo "compare.sh: no queries at $2" >&2; exit 2; }
PEERS_SRC=${PEERS_SRC:-$ROOT/../shared/peers}
PEERS_DIR=${PEERS_DIR:-$ROOT/target/peers}
PEERS=${PEERS-"tantivy-cli sqlite-fts5 xapian bm25s ripgrep"}
export PEER_REPS=${PEER_REPS:-3}
mkdir -p "$OUT"; OUT=$(realpath "$OUT")
ROUNDS=${ROUNDS:-1}
case $ROUNDS in ''|*[!0-9]*|0) echo "compare.sh: ROUNDS must be a positive number, not '$ROUNDS'" >&2; exit 2 ;; esac
if [ "$ROUNDS" -gt 1 ]; then
  done_rounds=()
  for r in $(seq "$ROUNDS"); do
    echo "== round $r of $ROUNDS" >&2
    # A round that fails is reported and left out of the tally.
    if ROUNDS=1 bash "$0" "$CORPUS" "$QUERIES" "$OUT/round-$r" > /dev/null; then
      done_rounds+=("$OUT/round-$r")
    else
      echo "compare.sh: round $r failed; left out of the tally" >&2
    fi
    export SKIP_INSTALL=1  # installed by the first round
  done
  [ ${#done_rounds[@]} -gt 0 ] || { echo "compare.sh: every round failed" >&2; exit 1; }
  python3 "$ROOT/benches/targets.py" "${done_rounds[@]}" | tee "$OUT/targets.md"
  exit
fi

# The harness folder is read-only; its installs go into a writable copy.
if [ ! -f "$PEERS_DIR/run_all.sh" ]; then
  [ -d "$PEERS_SRC" ] || { echo "compare.sh: no peer harness at $PEERS_SRC" >&2; exit 2; }
  mkdir -p "$PEERS_DIR"; cp -r "$PEERS_SRC/." "$PEERS_DIR/"; chmod -R u+w "$PEERS_DIR"
fi
# install.sh runs `rg --version | head -1` under pipefail: when head exits
# before rg has written everything, rg dies of SIGPIPE and the install
# fails at random. The copy reads the whole output instead.
sed -i 's/rg --version | head -1/rg --version | sed -n 1p/' "$PEERS_DIR/install.sh"
if [ "${SKIP_INSTALL:-0}" != 1 ]; then
  echo "== installing peers into $PEERS_DIR (idempotent)" >&2
  bash "$PEERS_DIR/install.sh" > "$OUT/install.log" 2>&1 || { tail -20 "$OUT/install.log" >&2; exit 1; }
fi
VENV_PY=$PEERS_DIR/.venv/bin/python; export VENV_PY XAPIAN_PY=/usr/bin/python3
export PATH="$PEERS_DIR/tools/bin:$PATH"

echo "== building newsidx (release)" >&2
(cd "$ROOT" && cargo build --release --quiet)
NX=$ROOT/target/release/newsidx

filter=""
[ -n "${PEER_DATE_FROM:-}" ] && filter+=" --since $PEER_DATE_FROM"
[ -n "${PEER_DATE_TO:-}" ] && filter+=" --until $PEER_DATE_TO"

echo "corpus: $CORPUS ($(wc -l < "$CORPUS") lines, $(stat -c %s "$CORPUS") bytes); queries: $(grep -c . "$QUERIES")" >&2
run_peer() {  # name, command...
  local name=$1; shift
  local d=$OUT/$name; mkdir -p "$d"; rm -f "$d/timings.json" "$d/run.trec"
  printf '== %-12s ' "$name" >&2
  local start; start=$(date +%s.%N)
  if /usr/bin/time -f '%M' -o "$d/maxrss_kb" "$@" "$CORPUS" "$QUERIES" "$d" > "$d/stdout.json" 2> "$d/log.txt"; then
    printf 'ok   (%.1fs wall)\n' "$(echo "$(date +%s.%N) - $start" | bc)" >&2
  else
    echo "FAILED (see $d/log.txt)" >&2; tail -5 "$d/log.txt" >&2
  fi
}
for p in $PEERS; do
  case $p in
    tantivy-cli) run_peer "$p" "$VENV_PY" "$PEERS_DIR/tantivy_cli.py" ;;
    sqlite-fts5) run_peer "$p" "$VENV_PY" "$PEERS_DIR/sqlite_fts5.py" ;;
    xapian)      run_peer "$p" "$XAPIAN_PY" "$PEERS_DIR/xapian_bm25.py" ;;
    bm25s)       run_peer "$p" "$VENV_PY" "$PEERS_DIR/bm25s_peer.py" ;;
    ripgrep)     run_peer "$p" "$VENV_PY" "$PEERS_DIR/ripgrep_peer.py" ;;
    *) echo "unknown peer $p" >&2 ;;
  esac
done

# newsidx, one process per query: the harness's generic CLI adapter.
CMD_NAME=newsidx-cli CMD_VERSION="$("$NX" --version)" \
CMD_INDEX="$NX ingest {corpus} --index {index} --quiet ${NEWSIDX_INGEST_ARGS:-}" \
CMD_SEARCH="$NX search --index {index} -n {k} -f tsv --quiet$filter {terms}; test \$? -le 1" \
  run_peer newsidx-cli "$VENV_PY" "$PEERS_DIR/cmd_peer.py"

# newsidx, batch mode, over the index just built and the same normalised queries.
d=$OUT/newsidx; mkdir -p "$d"
"$VENV_PY" - "$PEERS_DIR" "$QUERIES" > "$d/queries.tsv" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import common
for qid, text in common.read_queries(sys.argv[2]):
    print(f"{qid}\t{' '.join(common.query_terms(text))}")
PY
printf '== %-12s ' newsidx >&2
# As the harness times its in-process peers (common.time_queries): every
# query PEER_REPS times in one process, each query's median. The stored
# passages are held in memory first, as a long-running process would
# (--preload-mb; without it, a batch this short would not hold them): the
# table says how long that took, outside the latencies, as the peers'
# index loading is.
rm -f "$d"/timings.*.json "$d"/maxrss_kb.*
/usr/bin/time -f '%M' -o "$d/maxrss_kb.1" "$NX" search --batch "$d/queries.tsv" \
  --index "$OUT/newsidx-cli/index" -n 100 -f tsv --quiet$filter \
  --passes "$PEER_REPS" --preload-mb "${NEWSIDX_PRELOAD_MB:-256}" \
  --timings "$d/timings.1.json" > "$d/hits.tsv"
"$NX" search --batch "$d/queries.tsv" --index "$OUT/newsidx-cli/index" -n 100 -f trec --quiet$filter > "$d/run.trec"
# Ranking alone: article ids, as the peers return them.
d=$OUT/newsidx-ids; mkdir -p "$d"; rm -f "$d/timings.json" "$d/maxrss_kb"
/usr/bin/time -f '%M' -o "$d/maxrss_kb" "$NX" eval --topics "$OUT/newsidx/queries.tsv" \
  --index "$OUT/newsidx-cli/index" --depth 100 --quiet$filter --passes "$PEER_REPS" \
  --timings "$d/timings.json" --run "$d/run.trec" > /dev/null
echo "ok" >&2
echo >&2
"$VENV_PY" "$ROOT/benches/compare_table.py" "$OUT" $PEERS | tee "$OUT/summary.md"
