//! Real data: the Reuters-21578 JSON Lines, when `../shared/data` (or
//! `NEWSIDX_DATA`) is present. Skips with a message otherwise.

use crate::harness::{TestEnv, s};
use std::path::PathBuf;

/// The shared data folder, from `NEWSIDX_DATA` or `../shared/data`.
pub fn data_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("NEWSIDX_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data")));
    dir.is_dir().then_some(dir)
}

/// The Reuters JSON Lines file, or `None` after saying the test is skipped.
fn reuters_file() -> Option<PathBuf> {
    let Some(data) = data_dir() else {
        eprintln!("skipped: no shared data (set NEWSIDX_DATA to the data folder)");
        return None;
    };
    Some(data.join("reuters21578/reuters21578.jsonl"))
}

#[test]
fn reuters_json_lines_ingest_and_date_filtered_search() {
    let Some(file) = reuters_file() else {
        return;
    };
    let env = TestEnv::empty();
    let out = env.ok(&["ingest", file.to_str().unwrap(), "--index", "ix"], 0);
    assert!(out.stderr.contains("20841 articles"), "{}", out.stderr);
    let hits = env
        .ok(
            &[
                "search", "cocoa", "--index", "ix", "--since", "1987-03", "--until", "1987-03",
                "--format", "json", "--limit", "20",
            ],
            0,
        )
        .json();
    assert!(!hits.is_empty());
    for h in &hits {
        assert!(s(h, "date").starts_with("1987-03"), "{h}");
    }
    // Re-ingest is a no-op.
    let out = env.ok(&["ingest", file.to_str().unwrap(), "--index", "ix"], 0);
    assert!(out.stderr.contains("1 unchanged"), "{}", out.stderr);
}

/// The highlighter's shortcut (`search::matcher`): every ASCII word's
/// stem equals the word, lower-cased, before the stem's last character,
/// but for a letter and `ying` (`dying` -> `die`); and the matcher marks
/// exactly what the index analyzer would, over real text.
#[test]
fn reuters_words_keep_the_matchers_stem_prefix_rule() {
    use newsidx::search::matcher::Matcher;
    use newsidx::store::schema::analyzer_with;
    use std::collections::{BTreeSet, HashSet};
    use tantivy::tokenizer::TokenStream;
    let Some(file) = reuters_file() else {
        return;
    };
    let text = std::fs::read_to_string(&file).unwrap();
    let (mut plain, mut stem) = (analyzer_with(false), analyzer_with(true));
    let tokens = |a: &mut tantivy::tokenizer::TextAnalyzer, t: &str| {
        let mut s = a.token_stream(t);
        let mut out = Vec::new();
        while let Some(tok) = s.next() {
            out.push((tok.offset_from..tok.offset_to, tok.text.clone()));
        }
        out
    };
    let mut words = BTreeSet::new();
    let bodies: Vec<String> = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            format!("{} {}", s(&v, "title"), s(&v, "body"))
        })
        .collect();
    for b in &bodies {
        for w in b.split(|c: char| !c.is_alphanumeric()) {
            if !w.is_empty() && w.is_ascii() {
                words.insert(w.to_ascii_lowercase());
            }
        }
    }
    assert!(words.len() > 30_000, "{}", words.len());
    let mut broken = Vec::new();
    for w in &words {
        let (Some((_, p)), Some((_, st))) =
            (tokens(&mut plain, w).pop(), tokens(&mut stem, w).pop())
        else {
            continue;
        };
        let keep = st.len().saturating_sub(1).max(1).min(st.len());
        // The one exception: a consonant and "ying" (dying -> die).
        let cying = w.len() == 5 && w.ends_with("ying");
        if !cying && !p.starts_with(&st[..keep]) {
            broken.push(format!("{w} -> {st}"));
        }
    }
    assert!(broken.is_empty(), "{broken:?}");
    // The matcher against the analyzer, on every 50th record, with each
    // record's every third stem as the query.
    for b in bodies.iter().step_by(50) {
        let analyzed = tokens(&mut stem, b);
        let query: HashSet<String> = analyzed.iter().step_by(3).map(|(_, t)| t.clone()).collect();
        let want: Vec<_> = analyzed
            .iter()
            .filter(|(_, t)| query.contains(t))
            .map(|(r, _)| r.clone())
            .collect();
        assert_eq!(Matcher::new(query, true).matches(b), want, "{b}");
    }
}
