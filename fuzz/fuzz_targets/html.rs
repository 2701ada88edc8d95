#![no_main]
//! The HTML reader on arbitrary markup.
use libfuzzer_sys::fuzz_target;
use newsidx::ingest::{html, source::{Format, SourceFile}};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let file = SourceFile {
        path: "f.html".into(),
        key: "/f.html".into(),
        id: "f".into(),
        format: Format::Html,
    };
    let _ = html::read(&file, text);
    let _ = html::strip_tags(text);
});
