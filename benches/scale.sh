#!/usr/bin/env bash
# How newsidx's costs grow with the corpus: ingest time, index size, peak
# memory and query p95 at 1/4, 1/2, 1, 4 and 16 times a JSON Lines corpus.
# Fractions take the first records; multiples repeat every record with a new
# id (`<id>~2`, `<id>~3`, ...). Writes OUTDIR/scale.md (the table),
# OUTDIR/scale.svg (the plot) and OUTDIR/anon-FACTOR.tsv (private memory
# over time during each ingest), and prints the table.
#
# usage: benches/scale.sh CORPUS.jsonl QUERIES.tsv [OUTDIR]
#   e.g. benches/scale.sh ../shared/data/reuters21578/reuters21578.jsonl \
#          benches/queries/reuters.tsv target/scale
# env: FACTORS (default "0.25 0.5 1 4 16"), MEMORY_MB (ingest budget, default
#      newsidx's 256), THREADS (ingest threads, default newsidx's), PASSES
#      (query passes, each query's median taken, default 3 as compare.sh's
#      PEER_REPS), NEWSIDX_PRELOAD_MB (search --preload-mb, default 0: hits
#      read from the doc store at every size).
set -euo pipefail
if [ $# -lt 2 ] || [ $# -gt 3 ]; then sed -n '2,16p' "$0" >&2; exit 2; fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=$(realpath "$1"); QUERIES=$(realpath "$2"); OUT=${3:-$ROOT/target/scale}
[ -f "$CORPUS" ] || { echo "scale.sh: no corpus at $1" >&2; exit 2; }
FACTORS=${FACTORS:-"0.25 0.5 1 4 16"}
mkdir -p "$OUT"; OUT=$(realpath "$OUT")
(cd "$ROOT" && cargo build --release --quiet)
NX=$ROOT/target/release/newsidx
opts=()
[ -n "${MEMORY_MB:-}" ] && opts+=(--memory-mb "$MEMORY_MB")
[ -n "${THREADS:-}" ] && opts+=(--threads "$THREADS")

echo "factor,records,corpus_bytes,ingest_s,index_bytes,peak_rss_kb,peak_anon_kb,query_p50_ms,query_p95_ms,ranking_p95_ms,hits_p95_ms" > "$OUT/scale.csv"
for f in $FACTORS; do
  c=$OUT/corpus-$f.jsonl
  python3 - "$CORPUS" "$f" "$c" <<'PY'
import json, sys
src, factor, dst = sys.argv[1], float(sys.argv[2]), sys.argv[3]
lines = [l for l in open(src, encoding="utf-8") if l.strip()]
with open(dst, "w", encoding="utf-8") as out:
    if factor <= 1:
        out.writelines(lines[: max(1, int(len(lines) * factor))])
    else:
        for k in range(int(factor)):
            for l in lines:
                if k == 0:
                    out.write(l)
                    continue
                r = json.loads(l)
                r["id"] = f"{r['id']}~{k + 1}"
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
  ix=$OUT/index-$f; rm -rf "$ix"
  /usr/bin/time -f '%e %M' -o "$OUT/time-$f" "$NX" ingest "$c" --index "$ix" --quiet "${opts[@]}" &
  # Peak RSS (GNU time) counts the index files tantivy maps while merging,
  # page cache the kernel can reclaim; the peak of private memory (RssAnon)
  # is what the --memory-mb budget bounds. Sampled every 50 ms; the samples
  # (seconds since start, kB) go to OUTDIR/anon-FACTOR.tsv, a timeline that
  # shows whether memory comes back after each segment is written.
  # Times come from bash's own clock (no process per sample beside the
  # pgrep and awk the peak already needs).
  anon=0; start=${EPOCHREALTIME/./}; : > "$OUT/anon-$f.tsv"
  while kill -0 $! 2>/dev/null; do
    pid=$(pgrep -n -f "newsidx ingest $c" || true)
    a=$( [ -n "$pid" ] && awk '/RssAnon/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    if [ -n "$a" ]; then
      [ "$a" -gt "$anon" ] && anon=$a
      ms=$(( (${EPOCHREALTIME/./} - start) / 1000 ))
      printf '%d.%03d %d\n' $((ms / 1000)) $((ms % 1000)) "$a" >> "$OUT/anon-$f.tsv"
    fi
    sleep 0.05
  done
  wait $!
  read -r secs rss < "$OUT/time-$f"
  # Hits read from the doc store at every size (by default a short batch
  # over a small index would hold the passages in memory, a large one not).
  "$NX" search --batch "$QUERIES" --index "$ix" -n 100 -f tsv --quiet \
    --passes "${PASSES:-3}" --preload-mb "${NEWSIDX_PRELOAD_MB:-0}" \
    --timings "$OUT/timings-$f.json" > /dev/null
  python3 - "$f" "$c" "$secs" "$(du -sb "$ix" | cut -f1)" "$rss" "$anon" "$OUT/timings-$f.json" >> "$OUT/scale.csv" <<'PY'
import json, os, sys
f, c, secs, size, rss, anon, t = sys.argv[1:]
timings = json.load(open(t))
lat, stages = timings["latency"], timings["stages"]
rank, hits = stages["ranking"]["latency"], stages["hits"]["latency"]
records = sum(1 for _ in open(c, encoding="utf-8"))
print(f"{f},{records},{os.path.getsize(c)},{secs},{size},{rss},{anon},{lat['p50_ms']:.3f},{lat['p95_ms']:.3f},{rank['p95_ms']:.3f},{hits['p95_ms']:.3f}")
PY
  rm -f "$c"
  echo "scale.sh: x$f done" >&2
done
python3 "$ROOT/benches/scale_plot.py" "$OUT/scale.csv" "$OUT/scale.svg" | tee "$OUT/scale.md"
