#![no_main]
//! The HTML reader on arbitrary markup, through to articles.
use libfuzzer_sys::fuzz_target;
use newsidx::ingest::{html, sections, source::{Format, SourceFile}};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let file = SourceFile {
        path: "f.html".into(),
        key: "/f.html".into(),
        id: "f".into(),
        format: Format::Html,
    };
    let (raw, links) = html::read_page(&file, text);
    assert!((0.0..=1.0).contains(&links));
    let _ = html::not_an_article(&raw, links);
    let _ = sections::build_articles(&raw);
    let _ = html::strip_tags(text);
});
