//! `newsidx eval`: topics in three formats, runs, metrics, compare, errors.

use crate::harness::{SEED, TestEnv};

fn env_with_index() -> TestEnv {
    let env = TestEnv::with_corpus();
    env.ok(&["ingest"], 0);
    env
}

#[test]
fn runs_topics_writes_a_trec_run_and_scores_it() {
    let env = env_with_index();
    env.write(
        "topics.tsv",
        "q1\tvucic lithium\textra column\nq2\tmartial law korea\nq3\tnothing matches zzzz\n",
    );
    env.write(
        "qrels.txt",
        format!("q1 0 {SEED}/t8 2\nq1 0 {SEED} 0\nq2 0 {SEED}/t1 1\nq3 0 {SEED} 1\n"),
    );
    let out = env.ok(
        &[
            "eval",
            "--topics",
            "topics.tsv",
            "--qrels",
            "qrels.txt",
            "--run",
            "run.trec",
            "--per-query",
            "--format",
            "json",
        ],
        0,
    );
    let report: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    assert_eq!(report["topics"], 3);
    let q1 = &report["per_query"][0];
    assert_eq!(q1["qid"], "q1");
    assert_eq!(q1["recip_rank"], 1.0, "{report}");
    // q3 matches nothing: it scores 0 and still counts in the mean.
    assert_eq!(report["per_query"][2]["map"], 0.0);
    assert!(report["latency"]["p95_ms"].as_f64().unwrap() >= 0.0);

    let run = std::fs::read_to_string(env.path("run.trec")).unwrap();
    let first = run.lines().next().unwrap();
    let cols: Vec<&str> = first.split_whitespace().collect();
    assert_eq!(cols.len(), 6);
    assert_eq!(
        (cols[0], cols[1], cols[2], cols[3], cols[5]),
        ("q1", "Q0", &*format!("{SEED}/t8"), "1", "newsidx")
    );
    // The run file scores to the same numbers.
    let scored = env
        .ok(
            &[
                "eval",
                "score",
                "run.trec",
                "--qrels",
                "qrels.txt",
                "--format",
                "json",
            ],
            0,
        )
        .stdout;
    let scored: serde_json::Value = serde_json::from_str(scored.trim()).unwrap();
    assert_eq!(scored["mean"], report["mean"]);
}

#[test]
fn without_qrels_it_is_the_batch_mode() {
    let env = env_with_index();
    env.write(
        "topics.jsonl",
        "{\"qid\": 1, \"query\": \"taliban\"}\n{\"qid\": \"b\", \"query\": \"assad\"}\n",
    );
    let out = env.ok(
        &[
            "eval",
            "--topics",
            "topics.jsonl",
            "--run",
            "run.trec",
            "--depth",
            "2",
        ],
        0,
    );
    assert!(
        out.stdout.contains("latency over 2 queries"),
        "{}",
        out.stdout
    );
    let run = std::fs::read_to_string(env.path("run.trec")).unwrap();
    assert!(run.lines().filter(|l| l.starts_with("1 ")).count() <= 2);
}

#[test]
fn passes_time_each_topic_by_its_median_and_keep_the_run() {
    let env = env_with_index();
    env.write("topics.tsv", "a\ttaliban\nb\tassad syria\nc\tzzzz\n");
    env.ok(&["eval", "--topics", "topics.tsv", "--run", "one.trec"], 0);
    let out = env.ok(
        &[
            "eval",
            "--topics",
            "topics.tsv",
            "--run",
            "three.trec",
            "--passes",
            "3",
            "--timings",
            "t.json",
        ],
        0,
    );
    assert!(
        out.stdout
            .contains("latency over 3 queries (in-process, search only, median of 3 passes)"),
        "{}",
        out.stdout
    );
    // Repeating the topics changes only the timing, not the run.
    assert_eq!(
        std::fs::read_to_string(env.path("one.trec")).unwrap(),
        std::fs::read_to_string(env.path("three.trec")).unwrap()
    );
    let t: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(env.path("t.json")).unwrap()).unwrap();
    let passes: Vec<Vec<f64>> = serde_json::from_value(t["passes_ms"].clone()).unwrap();
    let per_query: Vec<f64> = serde_json::from_value(t["per_query_ms"].clone()).unwrap();
    assert_eq!(passes.len(), 3);
    assert!(passes.iter().all(|p| p.len() == 3));
    for (q, median) in per_query.iter().enumerate() {
        let mut times: Vec<f64> = passes.iter().map(|p| p[q]).collect();
        times.sort_by(f64::total_cmp);
        assert_eq!(*median, times[1], "topic {q}: {t}");
    }
    assert_eq!(t["latency"]["queries"], 3);
    // The JSON report says over how many passes.
    let out = env.ok(
        &[
            "eval",
            "--topics",
            "topics.tsv",
            "--passes",
            "2",
            "-f",
            "json",
        ],
        0,
    );
    let v: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    assert_eq!(v["passes"], 2, "{v}");
    env.ok(&["eval", "--topics", "topics.tsv", "--passes", "0"], 2);
}

#[test]
fn trec_topic_files_are_read() {
    let env = env_with_index();
    env.write("topics.trec", "<top>\n<num> Number: 301\n<title> Serbian lithium\n<desc> Description:\nAnything.\n</top>\n");
    env.ok(&["eval", "--topics", "topics.trec", "--run", "r"], 0);
    assert!(
        std::fs::read_to_string(env.path("r"))
            .unwrap()
            .starts_with("301 Q0 ")
    );
}

#[test]
fn compare_reports_means_difference_and_p_value() {
    let env = TestEnv::empty();
    env.write("qrels", "1 0 a 1\n1 0 b 0\n2 0 c 1\n2 0 d 0\n");
    env.write(
        "a.run",
        "1 Q0 b 1 2 x\n1 Q0 a 2 1 x\n2 Q0 d 1 2 x\n2 Q0 c 2 1 x\n",
    );
    env.write(
        "b.run",
        "1 Q0 a 1 2 y\n1 Q0 b 2 1 y\n2 Q0 c 1 2 y\n2 Q0 d 2 1 y\n",
    );
    let out = env.ok(
        &[
            "eval", "compare", "a.run", "b.run", "--qrels", "qrels", "--format", "json",
        ],
        0,
    );
    let v: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    let map = &v["metrics"][0];
    assert_eq!(map["metric"], "map");
    assert_eq!(map["mean_a"], 0.5);
    assert_eq!(map["mean_b"], 1.0);
    assert_eq!(map["improved"], 2);
    assert!(map["p_value"].as_f64().unwrap() > 0.0);
    let text = env
        .ok(
            &["eval", "compare", "a.run", "b.run", "--qrels", "qrels"],
            0,
        )
        .stdout;
    assert!(text.contains("randomization"), "{text}");
}

#[test]
fn malformed_lines_are_one_line_errors_naming_file_and_line() {
    let env = TestEnv::empty();
    env.write("qrels", "1 0 a 1\n1 0 b\n");
    env.write("run", "1 Q0 a 1 1 x\n");
    env.write("bad.run", "1 Q0 a 1 1 x\n1 Q0 b one 1\n");
    env.write("topics.tsv", "1\tok\n2\n");
    for (args, needle) in [
        (
            vec!["eval", "score", "run", "--qrels", "qrels"],
            "qrels:2: expected `qid iter docid grade`",
        ),
        (
            vec!["eval", "compare", "bad.run", "run", "--qrels", "qrels"],
            "qrels:2:",
        ),
        (
            vec!["eval", "--topics", "topics.tsv"],
            "topics.tsv:2: expected qid<TAB>query",
        ),
    ] {
        let out = env.ok(&args, 2);
        assert!(out.stderr.contains(needle), "{args:?}: {}", out.stderr);
        assert_eq!(out.stderr.trim().lines().count(), 1);
    }
    env.write("qrels", "1 0 a 1\n");
    let out = env.ok(&["eval", "score", "bad.run", "--qrels", "qrels"], 2);
    assert!(
        out.stderr
            .contains("bad.run:2: expected `qid Q0 docid rank score tag`"),
        "{}",
        out.stderr
    );
}
