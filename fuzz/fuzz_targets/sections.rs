#![no_main]
//! The teaser splitter: a lead and teasers from any text; teasers always
//! have a title and their lead's id.
use libfuzzer_sys::fuzz_target;
use newsidx::ingest::sections;
use newsidx::model::{ArticleKind, RawDocument};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let raw = RawDocument {
        id: "f".into(),
        source: "f.txt".into(),
        line: None,
        title: None,
        text: text.to_string(),
        date: None,
        url: None,
    };
    let arts = sections::build_articles(&raw);
    assert_eq!(arts[0].kind, ArticleKind::Lead);
    for t in &arts[1..] {
        assert_eq!(t.kind, ArticleKind::Teaser);
        assert!(!t.title.is_empty());
        assert_eq!(t.lead_id.as_deref(), Some("f"));
    }
});
