#![no_main]
//! The line cleaner: every line classifies, promo URLs come out of the line.
use libfuzzer_sys::fuzz_target;
use newsidx::ingest::clean;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for line in text.lines() {
        let _ = clean::classify(line);
        if let Some(u) = clean::promo_url(line) {
            assert!(line.contains(u));
        }
    }
});
