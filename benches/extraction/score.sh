#!/usr/bin/env bash
# Extraction quality, measured: runs `newsidx extract` over the extraction
# sets and prints body F1 (the public benchmark's own scorer), title and
# date accuracy, and extraction speed.
#
# usage: benches/extraction/score.sh [DATA_DIR]
#   DATA_DIR: the shared data folder (default $NEWSIDX_DATA or ../shared/data)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${1:-${NEWSIDX_DATA:-$root/../shared/data}}
scorer=$(cd "$data/.." && pwd)/tools/extraction_f1.py
[ -d "$data/extraction-dev" ] || { echo "no extraction data under $data" >&2; exit 2; }
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin=$root/target/release/newsidx
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

run() { # name, html folder -> $out/name.jsonl, prints speed
  local start end
  start=$(date +%s.%N)
  "$bin" -q extract "$2" --format json > "$out/$1.jsonl" || true
  end=$(date +%s.%N)
  python3 - "$out/$1.jsonl" "$2" "$start" "$end" <<'PY'
import json, os, sys, gzip
rows = [json.loads(l) for l in open(sys.argv[1])]
folder = sys.argv[2]
raw = sum(len(gzip.open(os.path.join(folder, f)).read()) for f in os.listdir(folder) if f.endswith(".gz"))
secs = float(sys.argv[4]) - float(sys.argv[3])
print(f"  speed: {len(rows)} pages in {secs:.2f} s = {len(rows)/secs:.0f} pages/s, {raw/secs/1e6:.1f} MB/s of HTML (process start included, 2 cores)")
PY
}

predictions() { # jsonl -> predictions.json keyed by file name without .html.gz
  python3 - "$1" > "$2" <<'PY'
import json, os, sys
pred = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    key = os.path.basename(r["path"]).removesuffix(".gz").removesuffix(".html")
    leads = [a for a in r["articles"] if a["kind"] == "lead"]
    pred[key] = {"articleBody": leads[0]["body"] if leads else ""}
print(json.dumps(pred))
PY
}

echo "== extraction-dev (91 pages): body F1"
run dev "$data/extraction-dev/html"
predictions "$out/dev.jsonl" "$out/dev.json"
python3 "$scorer" "$data/extraction-dev/ground-truth.json" "$out/dev.json"

echo
echo "== wcxb-dev-articles (792 pages): body F1, title, date"
run wcxb "$data/wcxb-dev-articles/html"
predictions "$out/wcxb.jsonl" "$out/wcxb.json"
python3 "$scorer" "$data/wcxb-dev-articles/ground-truth" "$out/wcxb.json"
python3 - "$out/wcxb.jsonl" "$data/wcxb-dev-articles/ground-truth" <<'PY'
import json, os, re, sys
def norm(t):
    t = re.sub(r"\s+", " ", (t or "")).strip().lower()
    return t
def strip_site(t):
    for sep in [" | ", " – ", " — ", " - ", " :: ", " · "]:
        if sep in t:
            head, tail = t.rsplit(sep, 1)
            if len(tail.split()) <= 5 and len(head.split()) >= 2:
                t = head
            head, tail = (t.split(sep, 1) + [""])[:2]
            if tail and len(head.split()) <= 4 and len(tail.split()) >= 3:
                t = tail
    return t
right = wrong = missing = 0
titles = title_ok = 0
for line in open(sys.argv[1]):
    r = json.loads(line)
    key = os.path.basename(r["path"]).removesuffix(".gz").removesuffix(".html")
    gt = json.load(open(os.path.join(sys.argv[2], key + ".json")))["ground_truth"]
    leads = [a for a in r["articles"] if a["kind"] == "lead"]
    lead = leads[0] if leads else {}
    if gt.get("title"):
        titles += 1
        title_ok += norm(strip_site(lead.get("title") or "")) == norm(strip_site(gt["title"]))
    if gt.get("publish_date"):
        want = gt["publish_date"][:10]
        got = lead.get("date")
        if got is None: missing += 1
        elif got == want: right += 1
        else: wrong += 1
n = right + wrong + missing
print(f"  date: {right}/{n} right ({right/n:.1%}), {wrong} wrong ({wrong/n:.1%}), {missing} missing ({missing/n:.1%})")
print(f"  title: {title_ok}/{titles} equal after trimming a site name ({title_ok/titles:.1%})")
PY
