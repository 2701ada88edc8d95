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

#[test]
fn reuters_json_lines_ingest_and_date_filtered_search() {
    let Some(data) = data_dir() else {
        eprintln!("skipped: no shared data (set NEWSIDX_DATA to the data folder)");
        return;
    };
    let file = data.join("reuters21578/reuters21578.jsonl");
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
