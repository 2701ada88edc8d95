#![no_main]
//! The query path: any query string searches a small index or fails
//! with a query error, with any date range, kind, sort and explain.
use libfuzzer_sys::fuzz_target;
use newsidx::ingest::{process, text, source::{Format, SourceFile}};
use newsidx::search::{Engine, SearchRequest, Sort, range::DateRange};
use newsidx::store::{NewsIndex, Settings, writer::{NewsWriter, documents}};
use std::sync::LazyLock;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let ni = NewsIndex::in_ram();
    let mut w = NewsWriter::open(&ni, 32 << 20, 1, Settings::new(40)).unwrap();
    let file = SourceFile { path: "s.txt".into(), key: "/s.txt".into(), id: "s".into(), format: Format::Text };
    let raw = text::read(&file, include_str!("../../corpus/000_3fa42d7a40e473df.txt"));
    for p in process(&raw, 40, None) {
        w.add(documents(&ni.fields, "/s.txt", &p.article, &p.passages)).unwrap();
    }
    w.commit().unwrap();
    Engine::new(ni).unwrap()
});

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let Ok(q) = std::str::from_utf8(&data[2..]) else { return };
    let mut req = SearchRequest::new(q);
    req.limit = usize::from(data[0] % 20);
    req.per_article = usize::from(data[1] % 3) + 1;
    req.explain = data[0] & 0x80 != 0;
    req.sort = match data[1] % 3 { 0 => Sort::Relevance, 1 => Sort::Newest, _ => Sort::Oldest };
    if data[1] & 0x40 != 0 {
        req.range = DateRange::parse(Some("2024-12-09"), Some("2024-12"))
            .unwrap_or_default();
    }
    match ENGINE.search(&req) {
        Ok(r) => {
            assert!(r.hits.len() <= req.limit);
            for h in &r.hits {
                for [a, b] in &h.highlights {
                    assert!(a < b && *b <= h.snippet.len());
                    assert!(h.snippet.is_char_boundary(*a) && h.snippet.is_char_boundary(*b));
                }
            }
        }
        Err(e) => assert!(matches!(e, newsidx::Error::Query { .. }), "{e}"),
    }
    let _ = ENGINE.timeline(&req, None);
});
