#![no_main]
//! The JSON Lines reader: any line is a record or an error naming line 1.
use libfuzzer_sys::fuzz_target;
use newsidx::ingest::{jsonl, source::{Format, SourceFile}};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let file = SourceFile {
        path: "f.jsonl".into(),
        key: "/f.jsonl".into(),
        id: "f".into(),
        format: Format::JsonLines,
    };
    match jsonl::parse_line(&file, 1, text) {
        Ok(r) => assert!(r.title.is_some() || !r.text.is_empty()),
        Err(e) => assert!(e.to_string().starts_with("f.jsonl:1: ")),
    }
    let _ = jsonl::parse_array(&file, text);
});
