//! Inputs that fuzzing found crashing, replayed through the library in a
//! debug build (where tantivy's debug assertions are on). Each folder under
//! `tests/fuzz_regressions/` is named after its fuzz target.

use newsidx::ingest::process;
use newsidx::ingest::source::{Format, SourceFile};
use newsidx::ingest::text;
use newsidx::search::range::DateRange;
use newsidx::search::{Engine, SearchRequest, Sort};
use newsidx::store::writer::{NewsWriter, documents};
use newsidx::store::{NewsIndex, Settings};
use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let p = e.unwrap().path();
            (p.display().to_string(), std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no inputs in {}", dir.display());
    out
}

/// The seed page indexed in 40-word passages, as `fuzz/fuzz_targets/query.rs`
/// builds it.
fn engine() -> Engine {
    let ni = NewsIndex::in_ram();
    let mut w = NewsWriter::open(&ni, 32 << 20, 1, Settings::new(40)).unwrap();
    let file = SourceFile {
        path: "s.txt".into(),
        key: "/s.txt".into(),
        id: "s".into(),
        format: Format::Text,
    };
    let raw = text::read(&file, include_str!("../../corpus/000_3fa42d7a40e473df.txt"));
    for p in process(&raw, 40, None) {
        w.add(documents(
            &ni.fields,
            "/s.txt",
            &p.article,
            &p.passages,
            ni.stemming,
        ))
        .unwrap();
    }
    w.commit().unwrap();
    Engine::new(ni).unwrap()
}

/// Decodes an input as the query fuzz target does (keep the two in step).
fn request(data: &[u8]) -> Option<SearchRequest> {
    let q = std::str::from_utf8(data.get(2..)?).ok()?;
    let mut req = SearchRequest::new(q);
    req.limit = usize::from(data[0] % 20);
    req.per_article = usize::from(data[1] % 3) + 1;
    req.explain = data[0] & 0x80 != 0;
    req.sort = match data[1] % 3 {
        0 => Sort::Relevance,
        1 => Sort::Newest,
        _ => Sort::Oldest,
    };
    if data[1] & 0x40 != 0 {
        req.range = DateRange::parse(Some("2024-12-09"), Some("2024-12")).unwrap_or_default();
    }
    Some(req)
}

#[test]
fn query_inputs_that_crashed_now_search_or_fail_cleanly() {
    let engine = engine();
    for (name, data) in inputs("query") {
        let req = request(&data).unwrap_or_else(|| panic!("{name}: not a query input"));
        match engine.search(&req) {
            Ok(r) => {
                assert!(r.hits.len() <= req.limit, "{name}");
                if req.explain {
                    for h in &r.hits {
                        let why = h.explanation.as_ref().expect("explained");
                        let sum: f32 = why.terms.iter().map(|t| t.score as f32).sum();
                        assert!((sum - h.score).abs() < 1e-3, "{name}: {why:?}");
                    }
                }
            }
            Err(e) => assert!(matches!(e, newsidx::Error::Query { .. }), "{name}: {e}"),
        }
    }
}

/// HTML pages, through reading, the not-an-article check and teaser
/// splitting, as `fuzz/fuzz_targets/html.rs` runs them: no panic, and a
/// link share within 0..=1 (nested links once counted twice).
#[test]
fn html_inputs_read_without_panicking() {
    use newsidx::ingest::{html, sections};
    let file = SourceFile {
        path: "f.html".into(),
        key: "/f.html".into(),
        id: "f".into(),
        format: Format::Html,
    };
    for (name, bytes) in inputs("html") {
        let text = String::from_utf8_lossy(&bytes);
        let (raw, links) = html::read_page(&file, &text);
        assert!((0.0..=1.0).contains(&links), "{name}: link share {links}");
        let _ = html::not_an_article(&raw, links);
        let _ = sections::build_articles(&raw);
    }
}
