#!/usr/bin/env bash
# Crash safety: SIGKILL `newsidx ingest` at random moments, KILLS times.
#
# After every kill: `search` and `stats` open the index and answer from the
# last commit, and the next ingest starts at once (the lock of a killed
# process does not block it). Searches run alongside one ingest and must
# never fail. At the end a full ingest completes with exactly the counts of
# a clean ingest of the same corpus (no duplicates, no losses), and one more
# ingest indexes nothing.
#
# So that every kill lands mid-write, each round either starts a fresh
# index (every fifth) or first appends records to two feed files, which the
# ingest must then delete and write anew. The reference counts come from a
# clean ingest of the final corpus.
#
# usage: tests/crash/kill.sh NEWSIDX_BINARY [KILLS]
# The corpus (JSON Lines in 6 files, plus 300 text pages) is generated
# here, seeded, so the run needs nothing else.
set -euo pipefail
bin=$(realpath "$1")
kills=${2:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

python3 - <<'PY'
import json, random, os
rng = random.Random(7)
words = [w.strip() for w in open("/usr/share/dict/words")] if os.path.exists("/usr/share/dict/words") else \
    ["oil", "cocoa", "bank", "merger", "tender", "quota", "crude", "talks", "dollar", "yen", "grain", "wheat",
     "shares", "profit", "loss", "market", "opec", "tariff", "debt", "loan", "rate", "bond", "trade", "export"]
os.makedirs("corpus/pages", exist_ok=True)
n = 0
for f in range(6):
    with open(f"corpus/feed{f}.jsonl", "w") as out:
        for _ in range(8000):
            n += 1
            body = " ".join(" ".join(rng.choice(words) for _ in range(rng.randint(8, 20))).capitalize() + "."
                            for _ in range(rng.randint(3, 40)))
            out.write(json.dumps({"id": f"r{n}", "title": " ".join(rng.choice(words) for _ in range(6)),
                                  "date": f"1987-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                                  "body": body}) + "\n")
for p in range(300):
    with open(f"corpus/pages/p{p}.txt", "w") as out:
        out.write("Page headline " + rng.choice(words) + "\n\n" + " ".join(rng.choice(words) for _ in range(300)) + ".\n")
PY
echo "corpus: $(du -sh corpus | cut -f1)"

counts() { "$bin" stats --index "$1" --format json | python3 -c '
import json, sys; s = json.load(sys.stdin); print(s["files"], s["leads"], s["teasers"], s["passages"])'; }

start=$(date +%s.%N)
"$bin" -q ingest corpus --index first --commit-every 20000
clean=$(python3 -c "print($(date +%s.%N) - $start)")
echo "clean ingest: ${clean}s"

grow() { # append records to two feed files, so that they must be replaced
  python3 - "$1" <<'PY'
import json, random, sys
rng = random.Random(int(sys.argv[1]))
for f in rng.sample(range(6), 2):
    with open(f"corpus/feed{f}.jsonl", "a") as out:
        for k in range(500):
            out.write(json.dumps({"id": f"g{sys.argv[1]}-{f}-{k}", "title": "grown record",
                                  "body": "Crude oil talks. " * rng.randint(5, 60)}) + "\n")
PY
}

fail() { echo "FAIL: $*"; exit 1; }
for i in $(seq 1 "$kills"); do
  if [ $((i % 5)) -eq 1 ]; then rm -rf ix; else grow "$i"; fi
  "$bin" -q ingest corpus --index ix --commit-every 20000 2>ingest.err &
  pid=$!
  # Kill somewhere in the first 90% of a clean ingest's time.
  delay=$(python3 -c "import random; print(round(random.uniform(0.05, $clean * 0.9), 2))")
  if [ "$i" -eq 1 ]; then
    # Search while this ingest writes: every answer is hits or none.
    end=$(python3 -c "import time; print(time.time() + $delay)")
    while python3 -c "import time, sys; sys.exit(0 if time.time() < $end else 1)"; do
      code=0; "$bin" -q search crude --index ix -n 3 >/dev/null 2>search.err || code=$?
      [ "$code" -le 1 ] || [ ! -f ix/meta.json ] || fail "search during ingest exited $code: $(cat search.err)"
    done
  elif [ "$i" -eq 2 ]; then
    # A second ingest into the same index while this one runs fails at
    # once, with a clear message, not a hang.
    sleep 0.3
    code=0; timeout 10 "$bin" -q ingest corpus --index ix 2>second.err || code=$?
    [ "$code" -eq 2 ] && grep -q "being written by another newsidx process" second.err \
      || fail "second ingest: exit $code: $(cat second.err)"
    echo "second ingest while one runs: refused at once ($(cat second.err))"
    sleep "$delay"
  else
    sleep "$delay"
  fi
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if grep -q "being written by another" ingest.err; then fail "a killed ingest's lock blocked the next one"; fi
  if [ -f ix/meta.json ]; then
    code=0; "$bin" -q search crude --index ix -n 3 >/dev/null 2>search.err || code=$?
    [ "$code" -le 1 ] || fail "search after kill $i exited $code: $(cat search.err)"
    got=$(counts ix) || fail "stats after kill $i"
    echo "kill $i after ${delay}s: index answers (files leads teasers passages: $got)"
  else
    echo "kill $i after ${delay}s: before the index existed"
  fi
done

"$bin" -q ingest corpus --index ix --commit-every 20000
got=$(counts ix)
"$bin" -q ingest corpus --index ref --commit-every 20000
want=$(counts ref)
[ "$got" = "$want" ] || fail "after $kills kills and a full ingest: $got, clean ingest: $want"
again=$("$bin" ingest corpus --index ix 2>&1 | head -1)
case "$again" in *" 0 indexed, 306 unchanged"*) ;; *) fail "re-ingest was not a no-op: $again" ;; esac
echo "crash test: $kills kills, final counts equal a clean ingest ($got)"
echo "1 passed, 0 failed"
