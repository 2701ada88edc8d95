//! Everyday use on the bundled corpus: whole-output snapshots of search,
//! timeline, show, explain and stats, and output etiquette.

use crate::harness::{SEED, TestEnv, s};
use newsidx::store::schema::SCHEMA_VERSION;
use std::io::Read;
use std::process::{Command, Stdio};

fn env() -> TestEnv {
    let env = TestEnv::with_corpus();
    env.ok(&["-q", "ingest"], 0);
    env
}

#[test]
fn search_text_output() {
    let out = env().ok(
        &["search", "taliban pakistan", "--color", "never", "-n", "3"],
        0,
    );
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn timeline_text_and_json() {
    let env = env();
    let text = env.ok(&["search", "*", "--timeline"], 0).stdout;
    insta::assert_snapshot!("timeline_text", text);
    let json = env
        .ok(
            &[
                "search",
                "*",
                "--timeline",
                "--by",
                "month",
                "--format",
                "json",
            ],
            0,
        )
        .stdout;
    insta::assert_snapshot!("timeline_json", json);
    let v: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(v["undated"], 5);
    assert_eq!(v["dated"], 4);
    env.ok(&["search", "zzzz", "--timeline"], 1);
}

#[test]
fn show_a_teaser_and_a_lead() {
    let env = env();
    let teaser = env
        .ok(
            &[
                "show",
                &format!("{SEED}/t8"),
                "--highlight",
                "vucic",
                "--color",
                "never",
            ],
            0,
        )
        .stdout;
    insta::assert_snapshot!("show_teaser", teaser);
    let lead = env
        .ok(&["show", &format!("{SEED}#3"), "--format", "json"], 0)
        .stdout;
    let v: serde_json::Value = serde_json::from_str(lead.trim()).unwrap();
    assert_eq!(v["id"], SEED);
    assert_eq!(v["teasers"].as_array().unwrap().len(), 8);
    let body = v["body"].as_str().unwrap();
    assert!(body.starts_with("Afghanistan and Pakistan are on the brink of direct conflict."));
    assert!(body.ends_with("But for the most part, it’s a Pakistani problem."));
    // The body is rebuilt exactly: every paragraph of the page, once.
    let page = std::fs::read_to_string(env.path(&format!("corpus/{SEED}.txt"))).unwrap();
    for para in body.split("\n\n") {
        assert_eq!(page.matches(para).count(), 1, "{para}");
    }
    let out = env.ok(&["show", "no-such-id"], 1);
    assert!(out.stderr.contains("no article"), "{}", out.stderr);
}

#[test]
fn explain_breaks_the_score_down_by_term_and_field() {
    let out = env().ok(
        &[
            "search",
            "vucic lithium",
            "--explain",
            "--color",
            "never",
            "-n",
            "1",
        ],
        0,
    );
    insta::assert_snapshot!(out.stdout);
    let json = env()
        .ok(
            &[
                "search",
                "vucic",
                "--explain",
                "--format",
                "json",
                "-n",
                "1",
            ],
            0,
        )
        .json();
    let why = &json[0]["explanation"];
    let sum: f64 = why["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["score"].as_f64().unwrap())
        .sum();
    assert!((sum - why["score"].as_f64().unwrap()).abs() < 1e-3, "{why}");
}

#[test]
fn stats_describe_the_index() {
    let env = env();
    let out = env.ok(&["stats"], 0).stdout;
    let stable: String = out
        .lines()
        .filter(|l| !l.starts_with("last ingest:") && !l.starts_with("size:"))
        .map(|l| format!("{l}\n"))
        .collect();
    insta::assert_snapshot!(stable);
    let v: serde_json::Value =
        serde_json::from_str(env.ok(&["stats", "--format", "json"], 0).stdout.trim()).unwrap();
    assert!(v["index_bytes"].as_u64().unwrap() > 0);
    assert!(v["settings"]["last_ingest"].is_string());
    env.ok(&["stats", "--format", "trec"], 2);
}

#[test]
fn sort_newest_and_oldest() {
    let env = env();
    let newest = env
        .ok(
            &[
                "search", "*", "--sort", "newest", "-n", "20", "--format", "jsonl",
            ],
            0,
        )
        .json();
    let dates: Vec<Option<&str>> = newest.iter().map(|h| h["date"].as_str()).collect();
    assert_eq!(dates[0], Some("2024-12-11"));
    let dated: Vec<&str> = dates.iter().flatten().copied().collect();
    assert!(dated.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    // Undated hits come last.
    let first_undated = dates.iter().position(Option::is_none).unwrap();
    assert!(dates[first_undated..].iter().all(Option::is_none));
    let oldest = env
        .ok(
            &[
                "search", "*", "--sort", "oldest", "-n", "1", "--format", "jsonl",
            ],
            0,
        )
        .json();
    assert_eq!(oldest[0]["date"], "2024-12-08");
}

#[test]
fn a_closed_pipe_exits_quietly() {
    let env = TestEnv::empty();
    for i in 0..300 {
        env.write(
            &format!("c/{i}.txt"),
            format!("Headline {i}\n\n{}", "Words about oil prices. ".repeat(40)),
        );
    }
    env.ok(&["-q", "ingest", "c", "--index", "ix"], 0);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("newsidx"))
        .current_dir(env.dir.path())
        .args([
            "search", "oil", "--index", "ix", "-n", "300", "--format", "jsonl",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?} {err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn errors_suggest_the_fix() {
    let env = env();
    let out = env.ok(&["search", "x", "--limt", "3"], 2);
    assert!(out.stderr.contains("--limit"), "{}", out.stderr);
    let out = env.ok(&["stats", "--index", "nowhere"], 2);
    assert!(out.stderr.contains("run `newsidx ingest"), "{}", out.stderr);
    // An index from another schema version is refused with a clear message.
    let meta = env.path("index/meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    let version = format!("schema_version\\\":{SCHEMA_VERSION}");
    assert!(text.contains(&version), "{text}");
    std::fs::write(&meta, text.replace(&version, "schema_version\\\":1")).unwrap();
    let out = env.ok(&["search", "x"], 2);
    assert!(
        out.stderr.contains("incompatible newsidx"),
        "{}",
        out.stderr
    );
    // A meta.json tantivy cannot read: its file and line named, in one
    // short line without the file's content (tantivy's message has it all).
    let filler = "x".repeat(5000);
    std::fs::write(
        &meta,
        format!("{{\"segments\": [],\n\"index_settings\": 12, \"junk\": \"{filler}\"}}"),
    )
    .unwrap();
    for args in [vec!["search", "x"], vec!["-q", "ingest"]] {
        let out = env.ok(&args, 2);
        let err = out.stderr.trim();
        assert!(err.contains("meta.json:2:"), "{err}");
        assert!(err.contains("cannot be opened"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.len() < 600, "{} bytes: {err}", err.len());
    }
}

#[test]
fn quiet_first_use_prints_nothing_on_stderr() {
    let env = TestEnv::with_corpus();
    let out = env.ok(&["-q", "search", "vucic"], 0);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let out = env.ok(&["-v", "search", "vucic"], 0);
    assert!(out.stderr.contains("hits from"), "{}", out.stderr);
}

#[test]
fn completions_and_man_page() {
    let env = TestEnv::empty();
    for shell in ["bash", "zsh", "fish"] {
        let out = env.ok(&["completions", shell], 0);
        assert!(
            out.stdout.contains("timeline") && out.stdout.contains("newsidx"),
            "{shell}"
        );
    }
    let man = env.ok(&["man"], 0).stdout;
    assert!(
        man.starts_with(".ie") || man.contains(".TH newsidx"),
        "{}",
        &man[..100]
    );
    for cmd in ["ingest", "search", "show", "stats", "eval", "completions"] {
        let help = env.ok(&[cmd, "--help"], 0).stdout;
        assert!(help.contains("Examples:"), "{cmd} --help has no examples");
    }
}

#[test]
fn hostile_text_cannot_reach_the_terminal_raw() {
    let env = TestEnv::empty();
    env.write(
        "h/evil.txt",
        "Title \x1b]0;pwned\x07 here\n\nBody with \x1b[2J clear screen and oil.",
    );
    env.ok(&["-q", "ingest", "h", "--index", "ix"], 0);
    let out = env.ok(&["search", "oil", "--index", "ix", "--color", "never"], 0);
    assert!(
        !out.stdout.contains('\x1b') && !out.stdout.contains('\x07'),
        "{:?}",
        out.stdout
    );
    let json = env.ok(&["search", "oil", "--index", "ix", "--format", "json"], 0);
    assert!(!json.stdout.contains('\x1b'));
    assert!(
        s(&json.json()[0], "title").contains('\x1b'),
        "JSON keeps the text, escaped"
    );
}
