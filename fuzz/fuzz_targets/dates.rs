#![no_main]
//! The date finder: any string parses to a plausible day or none.
use libfuzzer_sys::fuzz_target;
use newsidx::ingest::dates;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    use chrono::Datelike;
    for d in [dates::parse_date(text), dates::caption_date(text), dates::dateline_date(text)]
        .into_iter()
        .flatten()
        .chain(dates::find_dates(text))
    {
        assert!((1800..=2200).contains(&d.year()));
    }
});
