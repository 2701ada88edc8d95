//! Ingest: formats, bad input, incremental re-ingest.

use crate::harness::{TestEnv, s};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).expect("fixture")
}

#[test]
fn html_pages_give_headline_metadata_date_and_clean_text() {
    let env = TestEnv::empty();
    env.write("pages/story.html", fixture("story.html"));
    env.ok(&["ingest", "pages", "--index", "ix"], 0);
    let ps = env.all_passages("ix");
    let lead = ps.iter().find(|p| s(p, "kind") == "lead").unwrap();
    assert_eq!(s(lead, "article_id"), "story");
    assert_eq!(s(lead, "title"), "Lithium deal signed in Freiberg");
    assert_eq!(lead["date"].as_str(), Some("2024-12-10"));
    assert_eq!(s(lead, "date_source"), "meta:article:published_time");
    let all_text: String = ps.iter().map(|p| s(p, "text")).collect();
    for bad in ["Subscribe", "Cookie", "Sports", "© 2024"] {
        assert!(!all_text.contains(bad), "{bad} in {all_text}");
    }
    let mut teasers: Vec<_> = ps.iter().filter(|p| s(p, "kind") == "teaser").collect();
    teasers.sort_by_key(|p| s(p, "article_id").to_string());
    assert_eq!(teasers.len(), 2, "{ps:?}");
    assert_eq!(s(teasers[0], "article_id"), "story/t1");
    assert_eq!(teasers[0]["date"].as_str(), Some("2024-12-09"));
    assert_eq!(
        s(teasers[0], "caption"),
        "A miner works at a lithium site near Freiberg, Germany, December 9, 2024."
    );
    assert!(teasers[1]["date"].is_null());
}

#[test]
fn json_lines_bad_lines_are_reported_and_good_ones_indexed() {
    let env = TestEnv::empty();
    env.write("feed/news.jsonl", fixture("news.jsonl"));
    env.write("feed/notes.pdf", "not news");
    let out = env.ok(&["ingest", "feed", "--index", "ix"], 1);
    assert!(
        out.stderr.contains("news.jsonl:3: invalid JSON"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("news.jsonl:5: record has neither a title nor a body"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("1 skipped (unsupported type)"),
        "{}",
        out.stderr
    );
    let ps = env.all_passages("ix");
    let mut ids: Vec<&str> = ps.iter().map(|p| s(p, "article_id")).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids, vec!["a1", "a2", "a4", "a4/t1", "a4/t2"]);
    let a2 = ps.iter().find(|p| s(p, "article_id") == "a2").unwrap();
    assert_eq!(a2["date"].as_str(), Some("2017-05-01"));
    assert_eq!(s(a2, "date_source"), "record:published_at");
    // The title-only brief is searchable by its title.
    let hits = env
        .ok(&["search", "cocoa", "--index", "ix", "--format", "json"], 0)
        .json();
    assert_eq!(s(&hits[0], "article_id"), "a1");
}

#[test]
fn re_ingest_skips_unchanged_replaces_changed_and_prunes_deleted() {
    let env = TestEnv::with_corpus();
    env.write(
        "corpus/extra.txt",
        "Extra headline\n\nA short story about cocoa prices.",
    );
    env.ok(&["ingest"], 0);
    let before = env.all_passages("index").len();
    let out = env.ok(&["ingest"], 0);
    assert!(
        out.stderr.contains("0 indexed, 2 unchanged"),
        "{}",
        out.stderr
    );
    assert_eq!(env.all_passages("index").len(), before);

    env.write(
        "corpus/extra.txt",
        "Extra headline\n\nA short story about coffee prices.",
    );
    let out = env.ok(&["ingest"], 0);
    assert!(
        out.stderr.contains("1 indexed, 1 unchanged"),
        "{}",
        out.stderr
    );
    assert_eq!(env.all_passages("index").len(), before);
    env.ok(&["search", "cocoa"], 1);
    env.ok(&["search", "coffee"], 0);

    std::fs::remove_file(env.path("corpus/extra.txt")).unwrap();
    env.ok(&["ingest"], 0);
    env.ok(&["search", "coffee"], 0); // without --prune the documents stay
    let out = env.ok(&["ingest", "--prune"], 0);
    assert!(out.stderr.contains("1 removed"), "{}", out.stderr);
    env.ok(&["search", "coffee"], 1);
    assert_eq!(env.all_passages("index").len(), before - 1);
}

#[test]
fn the_summary_says_why_unchanged_files_were_read_again() {
    let env = TestEnv::with_corpus();
    env.write(
        "corpus/records.jsonl",
        r#"{"id":"r1","title":"Cocoa","text":"Cocoa prices rose."}"#,
    );
    env.ok(&["ingest"], 0);
    let reason = "had not changed: read again because --passage-words or --date differ";
    let out = env.ok(&["ingest", "--passage-words", "80"], 0);
    assert!(
        out.stderr.contains("2 indexed, 0 unchanged")
            && out
                .stderr
                .contains(&format!("2 of the indexed files {reason}")),
        "{}",
        out.stderr
    );
    // A file whose content changed is not one of them.
    env.write(
        "corpus/records.jsonl",
        r#"{"id":"r1","title":"Coffee","text":"Coffee prices rose."}"#,
    );
    let out = env.ok(&["ingest", "--passage-words", "60"], 0);
    assert!(
        out.stderr
            .contains(&format!("1 of the indexed files {reason}")),
        "{}",
        out.stderr
    );
    let out = env.ok(&["ingest", "--passage-words", "60"], 0);
    assert!(
        out.stderr.contains("0 indexed, 2 unchanged") && !out.stderr.contains("read again"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_file_that_turns_bad_keeps_what_was_indexed() {
    let env = TestEnv::with_corpus();
    env.write("corpus/b.txt", "Good headline\n\nGood text about barley.");
    env.ok(&["ingest"], 0);
    // Not UTF-8, and not clean Windows-1252 either (0x81 is undefined).
    env.write("corpus/b.txt", b"Bad \x81\x01 bytes\n");
    let out = env.ok(&["ingest"], 1);
    assert!(
        out.stderr.contains("b.txt:1: invalid UTF-8"),
        "{}",
        out.stderr
    );
    env.ok(&["search", "barley"], 0);
}

#[test]
fn date_flag_dates_only_undated_articles() {
    let env = TestEnv::with_corpus();
    env.ok(&["ingest", "--date", "2024-12-12"], 0);
    let ps = env.all_passages("index");
    for p in &ps {
        if s(p, "date_source") == "caption" {
            assert_ne!(p["date"].as_str(), Some("2024-12-12"));
        } else {
            assert_eq!(p["date"].as_str(), Some("2024-12-12"), "{p}");
            assert_eq!(s(p, "date_source"), "--date");
        }
    }
    env.ok(&["ingest", "--date", "2024-12"], 2);
}

#[test]
fn missing_paths_and_empty_files() {
    let env = TestEnv::empty();
    let out = env.ok(&["ingest", "nowhere", "--index", "ix"], 2);
    assert!(out.stderr.contains("nowhere: no such file or directory"));
    env.write("d/empty.txt", "");
    env.write("d/ok.txt", "Headline\n\nBody.");
    let out = env.ok(&["ingest", "d", "--index", "ix"], 1);
    assert!(
        out.stderr.contains("empty.txt: empty file"),
        "{}",
        out.stderr
    );
    env.ok(&["search", "body", "--index", "ix"], 0);
}

#[test]
fn json_records_hashed_as_read_are_unchanged_when_hashed_first() {
    // A file new to the index is hashed as it is read; a known one is
    // hashed before, to be skipped: both must give the same hash, also
    // for the raw bytes of a gzipped file and a JSON array read whole.
    let env = TestEnv::empty();
    let lines = "{\"id\": \"r1\", \"title\": \"Cocoa\", \"body\": \"Cocoa rose.\"}\n\
                 {\"id\": \"r2\", \"title\": \"Tin\", \"body\": \"Tin fell.\"}\n";
    env.write("in/a.jsonl", lines);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, lines.replace('r', "g").as_bytes()).unwrap();
    env.write("in/b.jsonl.gz", gz.finish().unwrap());
    env.write(
        "in/c.json",
        "[{\"id\": \"c1\", \"title\": \"Zinc\", \"body\": \"Zinc held.\"}]",
    );
    let ingest_says = |summary: &str| {
        let out = env.ok(&["ingest", "in", "--index", "ix"], 0);
        assert!(out.stderr.contains(summary), "{}", out.stderr);
    };
    ingest_says("3 indexed, 0 unchanged");
    ingest_says("0 indexed, 3 unchanged");
    env.write("in/a.jsonl", lines.replace("rose", "jumped"));
    ingest_says("1 indexed, 2 unchanged");
    ingest_says("0 indexed, 3 unchanged");
    assert_eq!(env.all_passages("ix").len(), 5);
}

#[test]
fn extract_shows_what_ingest_would_index_without_an_index() {
    let env = TestEnv::empty();
    env.write("pages/story.html", fixture("story.html"));
    // The same page gzipped is read the same way.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, &fixture("story.html")).unwrap();
    env.write("pages/copy.html.gz", gz.finish().unwrap());
    let out = env.ok(&["extract", "pages", "--format", "json"], 0);
    let files: Vec<serde_json::Value> = out.json();
    assert_eq!(files.len(), 2);
    for f in &files {
        let arts = f["articles"].as_array().unwrap();
        assert_eq!(arts.len(), 3, "{f}");
        assert_eq!(arts[0]["kind"], "lead");
        assert_eq!(arts[0]["title"], "Lithium deal signed in Freiberg");
        assert_eq!(arts[0]["date"], "2024-12-10");
        assert_eq!(arts[0]["date_source"], "meta:article:published_time");
        assert!(s(&arts[0], "body").starts_with("Germany and Serbia signed"));
        assert_eq!(arts[1]["kind"], "teaser");
    }
    assert_eq!(s(&files[0]["articles"][0], "id"), "copy");
    assert!(!env.path("index").exists(), "extract touches no index");
    let text = env.ok(&["extract", "pages/story.html"], 0).stdout;
    assert!(
        text.contains("[lead] story  Lithium deal signed in Freiberg"),
        "{text}"
    );
    env.ok(&["extract", "nowhere"], 2);
    // Hit formats mean nothing for documents: refused, not JSON in disguise.
    let out = env.ok(&["extract", "pages/story.html", "--format", "tsv"], 2);
    assert!(
        out.stderr.contains("possible values: text, json"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
    let jsonl = env.ok(&["extract", "pages/story.html", "--format", "jsonl"], 0);
    assert!(jsonl.stdout.starts_with('{'), "{}", jsonl.stdout);
}

#[test]
fn error_and_index_pages_are_reported_not_indexed() {
    let env = TestEnv::empty();
    env.write("pages/story.html", fixture("story.html"));
    env.write(
        "pages/missing.html",
        "<html><head><title>404 Page Not Found | Example</title></head><body><nav><a href=\"/\">Home</a></nav>\
         <h1>Page not found</h1><p>Sorry, the page you asked for is not here.</p></body></html>",
    );
    let links: String = (0..30)
        .map(|i| format!("<li><a href=\"/story-{i}\">Story number {i} of the day</a></li>"))
        .collect();
    env.write(
        "pages/section.html",
        format!("<html><head><title>World news</title></head><body><h1>World</h1><ul>{links}</ul></body></html>"),
    );
    let out = env.ok(&["ingest", "pages", "--index", "ix"], 0);
    let err = &out.stderr;
    assert!(
        err.contains(
            "missing.html: not an article (an error page: \"Page not found\"); not indexed"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "section.html: not an article (an index: 99% of its text is links); not indexed"
        ),
        "{err}"
    );
    let ids: std::collections::BTreeSet<String> = env
        .all_passages("ix")
        .iter()
        .map(|p| s(p, "article_id").to_string())
        .collect();
    assert!(ids.iter().all(|id| id.starts_with("story")), "{ids:?}");
    // Unchanged, they are neither read nor reported again.
    let again = env.ok(&["ingest", "pages", "--index", "ix"], 0);
    assert!(!again.stderr.contains("not an article"), "{}", again.stderr);

    let out = env.ok(&["extract", "pages/missing.html", "--format", "json"], 0);
    let files: Vec<serde_json::Value> = out.json();
    assert_eq!(files[0]["articles"].as_array().map(Vec::len), Some(0));
    let note = files[0]["notes"][0].as_str().unwrap_or_default();
    assert!(note.contains("not an article (an error page"), "{note}");
}

#[test]
fn an_ingest_leaves_at_most_two_segments_and_keeps_earlier_ones() {
    let env = TestEnv::empty();
    let records = |prefix: &str| -> String {
        (0..3000)
            .map(|i| {
                format!(
                    "{{\"id\": \"{prefix}{i}\", \"title\": \"Story {i}\", \"date\": \"2024-01-02\", \"body\": \"Word{i} appears in record {i}. Markets moved on news of the day.\"}}\n"
                )
            })
            .collect()
    };
    let segments = || -> u64 {
        let v: serde_json::Value = serde_json::from_str(
            env.ok(&["stats", "--index", "ix", "--format", "json"], 0)
                .stdout
                .trim(),
        )
        .unwrap();
        v["segments"].as_u64().unwrap()
    };
    let ingest = |file: &str, threads: &str, extra: &[&str]| {
        let mut args = vec!["ingest", file, "--index", "ix", "--threads", threads];
        args.extend_from_slice(extra);
        env.ok(&args, 0);
    };
    // Two indexing threads and small commits make more than two
    // segments: merged into one.
    env.write("a.jsonl", records("r"));
    ingest("a.jsonl", "2", &["--commit-every", "1000"]);
    assert_eq!(segments(), 1);
    // One thread in one go: one segment; the earlier one is not rewritten.
    env.write("b.jsonl", records("b"));
    ingest("b.jsonl", "1", &[]);
    assert_eq!(segments(), 2);
    // Two threads in one go: each thread's segment is kept, not merged
    // (each thread takes documents as it is free: both take some of 3,000).
    env.write("c.jsonl", records("c"));
    ingest("c.jsonl", "2", &[]);
    assert_eq!(segments(), 4);
    let hits = env
        .ok(
            &["search", "word2999", "--index", "ix", "--format", "json"],
            0,
        )
        .json();
    assert_eq!(hits.len(), 3);
    // Under 1 MiB of input and no --threads: one indexing thread, one
    // segment (two threads gave two for the same records, above).
    env.write("d.jsonl", records("d"));
    assert!(std::fs::metadata(env.path("d.jsonl")).unwrap().len() < 1 << 20);
    env.ok(&["ingest", "d.jsonl", "--index", "ix"], 0);
    assert_eq!(segments(), 5);
}
