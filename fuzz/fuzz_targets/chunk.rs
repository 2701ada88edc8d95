#![no_main]
//! The passage cutter: passages lie on char boundaries, advance, and
//! rebuild a normalised body exactly.
use libfuzzer_sys::fuzz_target;
use newsidx::ingest::chunk;

fuzz_target!(|data: &[u8]| {
    if data.is_empty() {
        return;
    }
    let target = usize::from(data[0] % 64) + 1;
    let Ok(text) = std::str::from_utf8(&data[1..]) else { return };
    let _ = chunk::sentences(text);
    let ps = chunk::passages(text, target);
    for w in ps.windows(2) {
        assert!(w[1].start > w[0].start && w[1].end > w[0].end);
    }
    for r in &ps {
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    }
    // Bodies as ingest makes them: single spaces, blank-line paragraphs.
    let body = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    let pieces: Vec<(usize, &str)> =
        chunk::passages(&body, target).into_iter().map(|r| (r.start, &body[r])).collect();
    assert_eq!(chunk::rebuild(&pieces), body);
});
