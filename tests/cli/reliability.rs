//! Bad input, generated here (nothing big is committed): ingest finishes,
//! indexes every good article, names each bad file with a reason, exits 1,
//! and never panics.

use crate::harness::{TestEnv, s};
use std::collections::BTreeSet;

fn bad_corpus(env: &TestEnv) {
    env.write(
        "in/good.txt",
        "Good headline\n\nA good story about barley harvests.",
    );
    env.write("in/empty.txt", "");
    env.write(
        "in/binary.html",
        b"\x7fELF\x02\x01\x01\0\0\0binary junk\xff\xfe",
    );
    env.write(
        "in/invalid.txt",
        b"Headline\n\nok line\n\x81\x01\x02 broken \xc3\x28 bytes",
    );
    env.write(
        "in/latin1.txt",
        b"Caf\xe9 headline\n\nA cr\xe8me br\xfbl\xe9e story about Z\xfcrich.",
    );
    env.write("in/nul.txt", b"Headline\n\nText with a NUL \0 byte.");
    env.write(
        "in/huge.txt",
        format!("Huge headline\n{}", "word ".repeat(10 << 20)),
    );
    env.write(
        "in/deep.html",
        format!(
            "<html><body>{}deep text {}{}</body></html>",
            "<div>".repeat(100_000),
            // Enough words to be an article rather than an empty shell.
            "of a story nested far down in the markup. ".repeat(5),
            "</div>".repeat(100_000)
        ),
    );
    env.write(
        "in/script.html",
        "<html><head><script>var a = 1;</script></head><body><script>x()</script></body></html>",
    );
    env.write(
        "in/feed.jsonl",
        concat!(
            "{\"id\": \"j1\", \"title\": \"First record\", \"body\": \"About barley.\", \"date\": \"2024-02-30\"}\n",
            "{\"id\": \"j2\", \"title\": \"Broken\n",
            "{\"id\": \"j3\", \"title\": \"No body record\", \"date\": \"0000-00-00\"}\n",
            "{\"id\": \"j4\", \"body\": \"\"}\n",
            "{\"id\": \"j5\", \"title\": \"Last record\", \"body\": \"About wheat.\", \"date\": \"2024-02-29\"}\n",
        ),
    );
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        std::os::unix::fs::symlink(env.path("in"), env.path("in/loop")).unwrap();
        // Root reads any file whatever its permissions, so an unreadable
        // file is made as a link to nothing: the same read-error path.
        std::os::unix::fs::symlink(env.path("nowhere.txt"), env.path("in/dangling.txt")).unwrap();
        let name = std::ffi::OsStr::from_bytes(b"bad-\xff-name.txt");
        std::fs::write(
            env.path("in").join(name),
            "Odd name headline\n\nText about oats.",
        )
        .unwrap();
    }
}

#[test]
fn bad_input_is_listed_and_the_rest_indexed() {
    let env = TestEnv::empty();
    bad_corpus(&env);
    let out = env.ok(&["ingest", "in", "--index", "ix"], 1);
    let err = &out.stderr;
    for (file, reason) in [
        ("empty.txt", "empty file"),
        ("binary.html", "binary content (NUL byte)"),
        ("invalid.txt", "invalid UTF-8"),
        ("nul.txt", "binary content (NUL byte)"),
        ("script.html", "no readable text"),
        ("feed.jsonl:2", "invalid JSON"),
        ("feed.jsonl:4", "record has neither a title nor a body"),
        ("loop", "loop"),
        ("dangling.txt", "No such file"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(file) && l.contains(reason)),
            "no line naming {file} with {reason:?} in:\n{err}"
        );
    }
    assert!(
        err.contains("latin1.txt: not UTF-8; decoded as Windows-1252"),
        "{err}"
    );
    assert!(err.contains("huge.txt: article text cut to 2 MiB"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let ids: BTreeSet<String> = env
        .all_passages("ix")
        .iter()
        .map(|p| s(p, "article_id").to_string())
        .collect();
    let want: BTreeSet<String> = [
        "good",
        "latin1",
        "huge",
        "deep",
        "j1",
        "j3",
        "j5",
        "bad-\u{fffd}-name",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(ids, want);
    // Impossible dates leave a record undated; a real leap day is kept.
    let hits = env
        .ok(
            &[
                "search",
                "title:record",
                "--index",
                "ix",
                "--format",
                "json",
                "-n",
                "5",
            ],
            0,
        )
        .json();
    for h in &hits {
        let date = h["date"].as_str();
        match s(h, "article_id") {
            "j5" => assert_eq!(date, Some("2024-02-29")),
            _ => assert_eq!(date, None, "{h}"),
        }
    }
    let latin = env
        .ok(
            &["search", "zurich", "--index", "ix", "--format", "json"],
            0,
        )
        .json();
    assert!(s(&latin[0], "text").contains("crème brûlée story about Zürich"));
    env.ok(&["search", "\"deep text\"", "--index", "ix"], 0);
}

#[test]
fn a_record_over_the_size_limit_is_skipped_without_holding_it() {
    let env = TestEnv::empty();
    let big = format!(
        "{{\"id\": \"a\", \"title\": \"A\", \"body\": \"x\"}}\n{{\"id\": \"b\", \"title\": \"B\", \"body\": \"{}\"}}\n{{\"id\": \"c\", \"title\": \"C\", \"body\": \"y\"}}\n",
        "z".repeat(17 << 20)
    );
    env.write("big.jsonl", big);
    let out = env.ok(&["ingest", "big.jsonl", "--index", "ix"], 1);
    assert!(
        out.stderr
            .contains("big.jsonl:2: record of 17.0 MiB is over the 16 MiB limit"),
        "{}",
        out.stderr
    );
    let n = env.all_passages("ix").len();
    assert_eq!(n, 2);
}

#[test]
fn large_records_and_bad_bytes_keep_their_line_numbers_across_batches() {
    // Three 3 MiB records fill a batch by bytes, so the records after them
    // are read in the next one; errors in both name their own lines.
    let env = TestEnv::empty();
    let record = |id: &str, body: &str| {
        format!("{{\"id\": \"{id}\", \"title\": \"Title {id}\", \"body\": \"{body}\"}}\n")
    };
    let long = "z".repeat(3 << 20);
    let mut bytes = record("a", &long).into_bytes();
    bytes.extend_from_slice(b"{\"id\": \"bad\", \"title\": \"\xff\"}\n");
    bytes.extend(record("b", &long).into_bytes());
    bytes.extend(record("c", &long).into_bytes());
    bytes.extend(record("d", "walrus").into_bytes());
    bytes.extend_from_slice(b"{\"id\": \"e\"}\n");
    env.write("big.jsonl", bytes);
    let out = env.ok(&["ingest", "big.jsonl", "--index", "ix"], 1);
    assert!(
        out.stderr
            .contains("big.jsonl:2: invalid UTF-8 at column 25"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("big.jsonl:6: record has neither a title nor a body"),
        "{}",
        out.stderr
    );
    let mut ids: Vec<String> = env
        .all_passages("ix")
        .iter()
        .map(|p| s(p, "article_id").to_string())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids, ["a", "b", "c", "d"]);
    let hits = env
        .ok(
            &["search", "walrus", "--index", "ix", "--format", "json"],
            0,
        )
        .json();
    assert_eq!(s(&hits[0], "article_id"), "d");
}

#[test]
fn any_query_gives_hits_or_a_clear_error() {
    let env = TestEnv::with_corpus();
    env.ok(&["-q", "ingest"], 0);
    let long = "taliban ".repeat(5000);
    for q in [
        long.as_str(),
        "\"unbalanced",
        "((((",
        "+ - AND OR NOT",
        "the a of",
        "title:",
        ":::",
        "\u{7}\u{1b}[2J",
        "日本語 テスト",
        "*:*",
        "date:[2024 TO",
        "~~~^^^",
    ] {
        let out = env.run(&["search", q, "--format", "json"]);
        assert!(
            matches!(out.code, 0..=2),
            "{q:?}: exit {}\n{}",
            out.code,
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "{q:?}: {}", out.stderr);
        if out.code == 2 {
            assert_eq!(
                out.stderr.trim().lines().count(),
                1,
                "{q:?}: {}",
                out.stderr
            );
        }
    }
}
