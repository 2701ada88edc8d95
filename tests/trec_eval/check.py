#!/usr/bin/env python3
"""Check `newsidx eval score` against pytrec_eval (the trec_eval C code).

Generates qrels and runs with the awkward cases (tied scores, unjudged
documents, graded and negative-free judgments, topics judged but absent
from the run, run topics without judgments, topics with no relevant
document), scores each run with both, and fails unless every per-topic
value and every mean agrees to 1e-9 (trec_eval prints 4 decimals).

Means follow `trec_eval -c`: pytrec_eval returns per-topic values for the
topics in the run, so a judged topic absent from the run counts as 0 here,
exactly as `trec_eval -c` does.

Usage: check.py NEWSIDX_BINARY [ROUNDS]
"""
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import pytrec_eval

MEASURES = {"map", "ndcg_cut.10,100", "P.10", "recall.100,1000", "recip_rank", "bpref"}
NAMES = ["map", "ndcg_cut_10", "ndcg_cut_100", "P_10", "recall_100", "recall_1000", "recip_rank", "bpref"]


def generate(rng):
    docs = [f"d{i:04d}" for i in range(400)]
    qrels, run = {}, {}
    for q in range(rng.randint(5, 40)):
        qid = f"q{q}"
        judged = rng.sample(docs, rng.randint(1, 150))
        if rng.random() < 0.1:
            grades = {d: 0 for d in judged}  # no relevant document at all
        else:
            grades = {d: rng.choice([0, 0, 0, 1, 1, 2, 3]) for d in judged}
        if rng.random() < 0.8 or not run:
            pass
        qrels[qid] = grades
        if rng.random() < 0.15:
            continue  # judged, absent from the run
        n = rng.randint(1, 1200 if rng.random() < 0.3 else 150)
        retrieved = rng.sample(docs, min(n, len(docs)))
        # Coarse scores make many ties, which trec_eval breaks by docid.
        coarse = rng.random() < 0.5
        run[qid] = {d: round(rng.uniform(0, 10), 1 if coarse else 4) for d in retrieved}
    for q in range(rng.randint(0, 3)):  # run topics without judgments
        run[f"x{q}"] = {d: rng.random() for d in rng.sample(docs, 20)}
    return qrels, run


def expected(qrels, run):
    ev = pytrec_eval.RelevanceEvaluator(qrels, MEASURES)
    per = ev.evaluate({q: docs for q, docs in run.items() if q in qrels})
    out = {}
    for qid in qrels:
        out[qid] = [per.get(qid, {}).get(n, 0.0) for n in NAMES]
    return out


def newsidx(binary, qrels, run, tmp):
    qpath, rpath = Path(tmp) / "qrels", Path(tmp) / "run"
    with open(qpath, "w") as f:
        for qid, grades in qrels.items():
            for d, g in grades.items():
                f.write(f"{qid} 0 {d} {g}\n")
    with open(rpath, "w") as f:
        for qid, docs in run.items():
            # Ranks deliberately scrambled: trec_eval ignores them.
            for rank, (d, s) in enumerate(sorted(docs.items())):
                f.write(f"{qid} Q0 {d} {rank + 1} {s} t\n")
    out = subprocess.run(
        [binary, "eval", "score", str(rpath), "--qrels", str(qpath), "--per-query", "--format", "json"],
        check=True, capture_output=True, text=True,
    ).stdout
    report = json.loads(out)
    return {row["qid"]: [row[n] for n in NAMES] for row in report["per_query"]}, report["mean"]


def main():
    binary = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    rng = random.Random(20261125)
    checked = 0
    for r in range(rounds):
        qrels, run = generate(rng)
        want = expected(qrels, run)
        with tempfile.TemporaryDirectory() as tmp:
            got, mean = newsidx(binary, qrels, run, tmp)
        assert set(got) == set(want), (r, set(got) ^ set(want))
        for qid in want:
            for n, a, b in zip(NAMES, got[qid], want[qid]):
                if abs(a - b) > 1e-9:
                    sys.exit(f"round {r} topic {qid} {n}: newsidx {a} != trec_eval {b}")
                checked += 1
        for i, n in enumerate(NAMES):
            m = sum(v[i] for v in want.values()) / len(want)
            if abs(mean[n] - m) > 1e-9:
                sys.exit(f"round {r} mean {n}: newsidx {mean[n]} != trec_eval -c {m}")
    print(f"trec_eval check: {rounds} generated runs, {checked} per-topic values equal to pytrec_eval")
    print(f"{rounds} passed, 0 failed")


if __name__ == "__main__":
    main()
