#!/usr/bin/env bash
# Extraction quality, measured: runs `newsidx extract` over the extraction
# sets and prints body F1 (the public benchmark's own scorer), title and
# date accuracy, extraction speed, the teasers split out of the Yahoo
# Finance records' "More from ..." blocks, and how Reuters-21578's
# hard-wrapped bodies come out (paragraph breaks left inside sentences,
# REUTER sign-offs).
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

four_places() { # truth, predictions.json: the scorer's own averages, to four places
  python3 - "$scorer" "$1" "$2" <<'PY'
import json, os, sys
sys.path.insert(0, os.path.dirname(sys.argv[1]))
import extraction_f1 as E
truth, pred = E.load_truth(sys.argv[2]), json.load(open(sys.argv[3]))
rows = [E.page_counts(truth[k].get("articleBody", ""), pred[k].get("articleBody", "")) for k in sorted(truth)]
ps = [E.precision(*c) for c in rows if c[0] + c[1] > 0]
rs = [E.recall(*c) for c in rows if c[0] + c[2] > 0]
P, R = sum(ps) / len(ps), sum(rs) / len(rs)
print(f"  to four places: precision {P:.4f} recall {R:.4f} F1 {2 * P * R / (P + R):.4f}")
PY
}

echo "== extraction-dev (91 pages): body F1"
run dev "$data/extraction-dev/html"
predictions "$out/dev.jsonl" "$out/dev.json"
python3 "$scorer" "$data/extraction-dev/ground-truth.json" "$out/dev.json"
four_places "$data/extraction-dev/ground-truth.json" "$out/dev.json"

echo
echo "== wcxb-dev-articles (792 pages): body F1, title, date"
run wcxb "$data/wcxb-dev-articles/html"
predictions "$out/wcxb.jsonl" "$out/wcxb.json"
python3 "$scorer" "$data/wcxb-dev-articles/ground-truth" "$out/wcxb.json"
four_places "$data/wcxb-dev-articles/ground-truth" "$out/wcxb.json"
python3 - "$out/wcxb.jsonl" "$data/wcxb-dev-articles/ground-truth" "$data/wcxb-dev-articles/html" <<'PY'
import datetime, gzip, json, os, re, sys
MONTHS = ["january", "february", "march", "april", "may", "june", "july",
          "august", "september", "october", "november", "december"]
def spellings(day):
    """Common ways a page writes a day (lower case)."""
    y, m, d = day.year, day.month, day.day
    out = [f"{y}-{m:02d}-{d:02d}", f"{y}/{m:02d}/{d:02d}", f"{m:02d}/{d:02d}/{y}", f"{m}/{d}/{y}",
           f"{d:02d}.{m:02d}.{y}", f"{d}.{m}.{y}", f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"{y}{m:02d}{d:02d}"]
    for name in (MONTHS[m - 1], MONTHS[m - 1][:3], MONTHS[m - 1][:3] + "."):
        out += [f"{name} {d}, {y}", f"{name} {d:02d}, {y}", f"{d} {name} {y}", f"{d} {name}, {y}",
                f"{name} {d} {y}", f"{d}. {name} {y}"]
        out += [f"{d}{s} {name} {y}" for s in ("st", "nd", "rd", "th")]
        out += [f"{name} {d}{s}, {y}" for s in ("st", "nd", "rd", "th")]
    return out
def shown_in_page(key, want):
    """Whether the page's HTML spells the labelled day anywhere."""
    try:
        day = datetime.date.fromisoformat(want)
    except ValueError:  # a label of month precision
        return False
    page = gzip.open(os.path.join(sys.argv[3], key + ".html.gz")).read().decode("utf-8", "replace")
    page = re.sub(r"\s+", " ", page).lower()
    return any(s in page for s in spellings(day))
def epoch_in_page(key, want):
    """Whether the page holds a Unix time (seconds or milliseconds) on the
    labelled day in UTC."""
    try:
        day = datetime.date.fromisoformat(want)
    except ValueError:
        return False
    start = int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc).timestamp())
    page = gzip.open(os.path.join(sys.argv[3], key + ".html.gz")).read().decode("utf-8", "replace")
    return any(start <= int(m[:10]) < start + 86400 for m in re.findall(r"\b1[0-9]{9}(?:[0-9]{3})?\b", page))
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
def fold_quotes(t):
    return t.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
right = wrong = missing = 0
absent = 0  # not right, and the labelled day spelled nowhere in the page
absent_epoch = 0  # of those, pages holding a Unix time on that day
titles = title_ok = title_folded = 0
sources = {}
conflicts = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    key = os.path.basename(r["path"]).removesuffix(".gz").removesuffix(".html")
    gt = json.load(open(os.path.join(sys.argv[2], key + ".json")))["ground_truth"]
    leads = [a for a in r["articles"] if a["kind"] == "lead"]
    lead = leads[0] if leads else {}
    if gt.get("title"):
        titles += 1
        ours, theirs = norm(strip_site(lead.get("title") or "")), norm(strip_site(gt["title"]))
        title_ok += ours == theirs
        title_folded += fold_quotes(ours) == fold_quotes(theirs)
    if gt.get("publish_date"):
        want = gt["publish_date"][:10]
        got = lead.get("date")
        if got != want and not shown_in_page(key, gt["publish_date"][:10]):
            absent += 1
            absent_epoch += epoch_in_page(key, gt["publish_date"][:10])
        if got is None: missing += 1
        elif got == want: right += 1
        else: wrong += 1
        if got is not None:
            src = lead["date_source"].split(";")[0].split(":")[0]
            ok, bad = sources.get(src, (0, 0))
            sources[src] = (ok + (got == want), bad + (got != want))
            # A conflict: "chosen; other says YYYY-MM-DD". Which side was WCXB's?
            if " says " in lead["date_source"]:
                other_src, other = lead["date_source"].split("; ", 1)[1].rsplit(" says ", 1)
                kind = f"{src} over {other_src.split(':')[0]}"
                c = conflicts.setdefault(kind, [0, 0, 0])
                c[0 if got == want else 1 if other == want else 2] += 1
n = right + wrong + missing
print(f"  date: {right}/{n} right ({right/n:.1%}), {wrong} wrong ({wrong/n:.1%}), {missing} missing ({missing/n:.1%})")
print(f"  date labels spelled nowhere in their page (of those not right; {len(spellings(datetime.date(2000, 1, 1)))} spellings tried): "
      f"{absent}; a rule reading only the page reaches at most {(n - absent)/n:.1%} "
      f"({(n - absent + absent_epoch)/n:.1%} if the {absent_epoch} holding a Unix time on that day count)")
print("  date by source (right/wrong): " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(sources.items())))
print("  where sources disagree (WCXB has the chosen / the other / neither): "
      + ", ".join(f"{k} {v[0]}/{v[1]}/{v[2]}" for k, v in sorted(conflicts.items())))
print(f"  title: {title_ok}/{titles} equal after trimming a site name ({title_ok/titles:.1%}); "
      f"{title_folded} ({title_folded/titles:.1%}) also counting typographic quotes as ASCII")
PY

yahoo=$data/yahoo-finance/yahoo_finance_news.jsonl
if [ -f "$yahoo" ]; then
  echo
  echo "== yahoo-finance (4,253 records): teasers from \"More from ...\" blocks"
  "$bin" -q extract "$yahoo" --format json > "$out/yahoo.json" || true
  python3 - "$out/yahoo.json" "$yahoo" <<'PY'
import json, re, sys
from collections import defaultdict
(page,) = [json.loads(l) for l in open(sys.argv[1])]
records = [json.loads(l) for l in open(sys.argv[2])]
leads, teasers = {}, defaultdict(list)
for a in page["articles"]:
    if a["kind"] == "teaser":
        teasers[a["lead_id"]].append(a)
    else:
        leads[a["id"]] = a
more = re.compile(r"(?m)^More from\b.*$")
blocks = split = produced = empty = prose = other = leaked = 0
for r in records:
    rid = str(r["id"])
    m = more.search(r["body"] or "")
    if not m:
        continue
    blocks += 1
    mine = teasers.get(rid, [])
    body = leads[rid]["body"]
    if mine:
        split += 1
        produced += len(mine)
    elif more.search(body):
        prose += 1
    elif not r["body"][m.end():].strip():
        empty += 1
    else:
        other += 1
    leaked += sum(1 for t in mine if t["title"] in body)
total = sum(len(v) for v in teasers.values())
print(f"  records with a line opening \"More from\": {blocks}; split into teasers: {split} "
      f"({produced} teasers); heading with nothing after it (heading dropped): {empty}; "
      f"\"More from\" line left in the lead as prose: {prose}; other: {other}")
print(f"  teaser headlines found again in their lead's body: {leaked}")
print(f"  all teasers in the file (blocks and one-line story links): {total} from {len(teasers)} records")
PY
fi

reuters=$data/reuters21578/reuters21578.jsonl
if [ -f "$reuters" ]; then
  echo
  echo "== reuters21578 (20,841 hard-wrapped records): paragraphs and sign-offs"
  "$bin" -q extract "$reuters" --format json > "$out/reuters.json" || true
  python3 - "$out/reuters.json" "$reuters" <<'PY'
import json, re, sys
articles = json.load(open(sys.argv[1]))["articles"]
records = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
# A paragraph break right before a lower-case word, after no sentence end:
# a wrapped line left as a paragraph of its own (tables and lists remain).
broken = re.compile(r'[^.!?:")]\n\n[a-z]')
signoff = re.compile(r"(?i)\breuters?\b")
print(f"  bodies with a paragraph break before a lower-case word: "
      f"{sum(1 for a in articles if broken.search(a['body']))} of {len(articles)}")
ends_signed = re.compile(r"(?i)\n\s*reuters?\W*$")
signed = sum(1 for r in records if ends_signed.search(r.get("body") or ""))
named = sum(1 for a in articles if signoff.search(a["body"]))
print(f"  records whose raw body ends in a REUTER sign-off line: {signed}; "
      f"bodies that still name Reuter(s) anywhere: {named}")
PY
fi
