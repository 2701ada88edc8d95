#![no_main]
//! The date finder: any string parses to a plausible day or none.
use libfuzzer_sys::fuzz_target;
use newsidx::ingest::dates;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    use chrono::Datelike;
    let orders = [None, Some(dates::NumericOrder::MonthFirst), Some(dates::NumericOrder::DayFirst)];
    let found: Vec<_> = orders.iter().flat_map(|o| dates::find_all(text, *o)).collect();
    for f in &found {
        // Spans are on character boundaries, in order, inside the text.
        assert!(f.start < f.end && f.end <= text.len());
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
    }
    for d in [dates::parse_date(text), dates::caption_date(text), dates::dateline_date(text)]
        .into_iter()
        .chain(orders.iter().map(|o| dates::parse_date_in(text, *o)))
        .flatten()
        .chain(dates::find_dates(text))
        .chain(found.iter().map(|f| f.date))
    {
        assert!((1800..=2200).contains(&d.year()));
    }
});
