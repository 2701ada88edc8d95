#!/usr/bin/env bash
# Relevance of newsidx's ranking choices on Reuters-21578, measured.
#
# usage: benches/relevance/run.sh [DATA_DIR] [OUT_DIR]
#   DATA_DIR  the shared data folder (default: $NEWSIDX_DATA or ../shared/data)
#   OUT_DIR   where indexes and runs go (default: a temporary folder)
#
# Builds one index per index-time choice (passage size, stemming), runs two
# topic sets through `newsidx eval` with each query-time choice (title
# boost, collapse), and prints one Markdown table per topic set.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${1:-${NEWSIDX_DATA:-$root/../shared/data}}
corpus=$data/reuters21578/reuters21578.jsonl
if [ ! -f "$corpus" ]; then
  echo "no Reuters corpus at $corpus: pass the data folder as the first argument or set NEWSIDX_DATA" >&2
  exit 2
fi
out=${2:-$(mktemp -d)}
mkdir -p "$out"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin=$root/target/release/newsidx

index() { # name, ingest flags...
  local name=$1; shift
  [ -f "$out/$name/meta.json" ] || "$bin" ingest "$corpus" --index "$out/$name" --quiet "$@"
}
index p120
index p60 --passage-words 60
index p250 --passage-words 250
index p120-nostem --no-stem

# name | index | eval flags
configs=(
  "default: 120-word passages, title x1, stemming, max|p120|"
  "60-word passages|p60|"
  "250-word passages|p250|"
  "title x1.5|p120|--title-boost 1.5"
  "title x2|p120|--title-boost 2"
  "title x4|p120|--title-boost 4"
  "no stemming|p120-nostem|"
  "collapse sum|p120|--collapse sum"
)

table() { # title, topics, qrels
  echo
  echo "### $1"
  echo
  echo "| configuration | MAP | nDCG@10 | P@10 | R@100 | MRR | bpref | p95 ms |"
  echo "|---|---|---|---|---|---|---|---|"
  for c in "${configs[@]}"; do
    IFS='|' read -r name ix flags <<<"$c"
    # shellcheck disable=SC2086
    "$bin" eval --topics "$2" --qrels "$3" --index "$out/$ix" --depth 1000 --format json $flags \
      | python3 -c '
import json, sys
r = json.load(sys.stdin); m = r["mean"]
cols = [m[k] for k in ("map", "ndcg_cut_10", "P_10", "recall_100", "recip_rank", "bpref")]
p95 = r["latency"]["p95_ms"]
print("| " + sys.argv[1] + " | " + " | ".join(f"{v:.4f}" for v in cols) + f" | {p95:.2f} |")
' "$name"
  done
}

here=$(cd "$(dirname "$0")" && pwd)
table "newsidx's own topics (benches/relevance, 8 topics)" "$here/topics.tsv" "$here/qrels.txt"
dev=$data/reuters21578/relevance-dev
if [ -f "$dev/qrels.txt" ]; then
  table "shared relevance-dev topics (6 topics, pooled judgments)" "$dev/topics.tsv" "$dev/qrels.txt"
fi
echo
echo "indexes and runs: $out"
