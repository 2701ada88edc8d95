//! Sentence-aligned passages.
//!
//! Input: an article body (paragraphs separated by blank lines) and a target
//! passage size in words. Output: byte ranges into the body.
//!
//! Invariants (property-tested): every range lies on UTF-8 character
//! boundaries; the ranges cover every word of the body in order; a range
//! starts and ends on a sentence boundary unless one sentence alone is longer
//! than 1.5 times the target, which is then cut between words; consecutive
//! passages overlap by at most one short sentence.

use super::strings::{is_ascii_space, word_count};
use std::ops::Range;

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "gov", "sen", "rep",
    "col", "lt", "sgt", "capt", "cmdr", "adm", "rev", "hon", "pres", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vs", "etc", "inc",
    "corp", "co", "ltd", "bros", "dept", "est", "approx", "fig", "vol", "e.g", "i.e", "u.s", "u.k",
    "u.n", "a.m", "p.m", "mln", "bln", "pct",
];

/// Splits text into sentence ranges. Paragraph breaks (a blank line) always
/// end a sentence. Leading and trailing whitespace is not part of a range.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = None::<usize>;
    let mut i = 0;
    // The next line feed: looked for again once `i` has passed it.
    let mut line_feed = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
    while i < bytes.len() {
        let b = bytes[i];
        if start.is_none() {
            if !b.is_ascii_whitespace() {
                start = Some(i);
            }
            i += 1;
            continue;
        }
        // Inside a sentence only a line feed or a terminator can end it:
        // memchr skips to the next (a test of every byte was 4% of a
        // Reuters ingest's instructions).
        if !matches!(b, b'\n' | b'.' | b'!' | b'?') {
            if line_feed < i {
                line_feed = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |k| i + k);
            }
            let stop =
                memchr::memchr3(b'.', b'!', b'?', &bytes[i..]).map_or(bytes.len(), |k| i + k);
            i = stop.min(line_feed);
            continue;
        }
        let s = start.unwrap_or(i);
        // A paragraph break ends the sentence.
        if b == b'\n' && next_line_is_blank(bytes, i + 1) {
            push_trimmed(text, s, i, &mut out);
            start = None;
            i += 1;
            continue;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            // Include closing quotes and brackets.
            let mut end = i + 1;
            while end < bytes.len() {
                let rest = &text[end..];
                let c = rest.chars().next().unwrap_or(' ');
                if matches!(
                    c,
                    '"' | '\'' | ')' | ']' | '”' | '’' | '»' | '.' | '!' | '?'
                ) {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            if is_sentence_end(text, s, i, end) {
                push_trimmed(text, s, end, &mut out);
                start = None;
                i = end;
                continue;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    if let Some(s) = start {
        push_trimmed(text, s, text.len(), &mut out);
    }
    out
}

fn next_line_is_blank(bytes: &[u8], mut i: usize) -> bool {
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => return true,
            b' ' | b'\t' | b'\r' => i += 1,
            _ => return false,
        }
    }
    true
}

fn push_trimmed(text: &str, s: usize, e: usize, out: &mut Vec<Range<usize>>) {
    let piece = &text[s..e];
    let trimmed = piece.trim_end();
    if !trimmed.is_empty() {
        out.push(s..s + trimmed.len());
    }
}

/// Whether the terminator at `dot` (ending at `end`) closes the sentence that
/// began at `start`.
fn is_sentence_end(text: &str, start: usize, dot: usize, end: usize) -> bool {
    let after = &text[end..];
    // Must be followed by whitespace (or the end), then a capital, digit or quote.
    let Some(ws) = after.chars().next() else {
        return true;
    };
    if !ws.is_whitespace() {
        return false;
    }
    let next = after.trim_start().chars().next();
    let Some(next) = next else { return true };
    if !(next.is_uppercase()
        || next.is_ascii_digit()
        || matches!(next, '"' | '“' | '‘' | '\'' | '(' | '['))
    {
        return false;
    }
    if text.as_bytes()[dot] != b'.' {
        return true;
    }
    // The word before the full stop.
    let word = text[start..dot]
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        // "No." and "Nos." abbreviate only before a number.
        return matches!(lower.as_str(), "no" | "nos") && !next.is_ascii_digit();
    }
    // A single capital (an initial: "John F. Kennedy").
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return false;
    }
    // Dotted acronyms ("U.S.", "a.m.") followed by a lowercase-led word are
    // handled above; followed by a capital they may end a sentence.
    !(word.contains('.') && word.len() <= 4 && next.is_ascii_digit())
}

/// Rebuilds a body from its passages (`(offset, text)` in order), the
/// inverse of [`passages`] for bodies as ingest makes them: words separated
/// by one space, paragraphs by one blank line. A gap of one byte between
/// passages is a space, of two a paragraph break.
pub fn rebuild(passages: &[(usize, &str)]) -> String {
    let mut body = String::new();
    for &(offset, text) in passages {
        if offset >= body.len() {
            match offset - body.len() {
                0 => {}
                1 => body.push(' '),
                _ => body.push_str("\n\n"),
            }
            body.push_str(text);
        } else {
            let overlap = body.len() - offset;
            if let Some(rest) = text.get(overlap..) {
                body.push_str(rest);
            }
        }
    }
    body
}

/// A sentence or, for an overlong sentence, a run of its words.
#[derive(Debug, Clone)]
struct Unit {
    range: Range<usize>,
    words: usize,
}

/// Cuts a body into passages of about `target` words.
pub fn passages(body: &str, target: usize) -> Vec<Range<usize>> {
    let target = target.max(1);
    let units = units(body, target);
    if units.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    // The first unit not yet in any passage: every passage must take it.
    let mut fresh = 0;
    while i < units.len() {
        let mut j = i;
        let mut words = 0;
        while j < units.len() && (j <= fresh || words + units[j].words <= target) {
            words += units[j].words;
            j += 1;
        }
        // A short tail joins the passage before it instead of standing alone.
        let rest: usize = units[j..].iter().map(|u| u.words).sum();
        if j < units.len() && rest * 4 < target {
            j = units.len();
        }
        out.push(units[i].range.start..units[j - 1].range.end);
        if j >= units.len() {
            break;
        }
        fresh = j;
        // Overlap by the last sentence when it is short and not the only one.
        let last = &units[j - 1];
        i = if j - 1 > i && last.words * 3 <= target {
            j - 1
        } else {
            j
        };
    }
    out
}

fn units(body: &str, target: usize) -> Vec<Unit> {
    let limit = target + target / 2;
    let mut out = Vec::new();
    for s in sentences(body) {
        let count = word_count(&body[s.clone()]);
        if count <= limit {
            out.push(Unit {
                range: s,
                words: count,
            });
            continue;
        }
        let words = word_spans(&body[s.clone()]);
        for chunk in words.chunks(target) {
            let first = chunk[0].start + s.start;
            let last = chunk[chunk.len() - 1].end + s.start;
            out.push(Unit {
                range: first..last,
                words: chunk.len(),
            });
        }
    }
    out
}

/// Byte ranges of whitespace-separated words.
pub fn word_spans(text: &str) -> Vec<Range<usize>> {
    if text.is_ascii() {
        // By bytes: the `char` iterator was a twentieth of an ingest.
        let spaces = text.bytes().enumerate();
        return spans(text, spaces.map(|(i, b)| (i, is_ascii_space(b))));
    }
    spans(
        text,
        text.char_indices().map(|(i, c)| (i, c.is_whitespace())),
    )
}

/// The ranges between spaces, from each character's offset in `text` and
/// whether it is a space.
fn spans(text: &str, chars: impl Iterator<Item = (usize, bool)>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, space) in chars {
        match (space, start) {
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        assert_eq!(
            texts(
                "Mr. Smith went to Washington. He met U.S. officials on Dec. 8, 2024. Then he left!"
            ),
            vec![
                "Mr. Smith went to Washington.",
                "He met U.S. officials on Dec. 8, 2024.",
                "Then he left!"
            ]
        );
        assert_eq!(
            texts("He said “no.” She agreed.\n\nNew paragraph without stop\n\nLast"),
            vec![
                "He said “no.”",
                "She agreed.",
                "New paragraph without stop",
                "Last"
            ]
        );
        // Each terminator, and a line break that is not a paragraph's.
        assert_eq!(
            texts("Is it over? Not yet! The talks go on.\nNo deal."),
            vec!["Is it over?", "Not yet!", "The talks go on.", "No deal."]
        );
        assert_eq!(
            texts("A line\nwraps here? Yes"),
            vec!["A line\nwraps here?", "Yes"]
        );
        assert_eq!(
            texts("John F. Kennedy spoke."),
            vec!["John F. Kennedy spoke."]
        );
        assert_eq!(
            texts("It rose 5.93 mln bags."),
            vec!["It rose 5.93 mln bags."]
        );
    }

    #[test]
    fn passages_respect_sentences_and_overlap() {
        let body = "One two three. Four five six. Seven eight nine. Ten eleven twelve.";
        let ps: Vec<&str> = passages(body, 9).into_iter().map(|r| &body[r]).collect();
        assert_eq!(
            ps,
            vec![
                "One two three. Four five six. Seven eight nine.",
                "Seven eight nine. Ten eleven twelve."
            ]
        );
        // Sentences of a third of the target or more are not repeated.
        let ps: Vec<&str> = passages(body, 6).into_iter().map(|r| &body[r]).collect();
        assert_eq!(
            ps,
            vec![
                "One two three. Four five six.",
                "Seven eight nine. Ten eleven twelve."
            ]
        );
    }

    #[test]
    fn a_long_sentence_is_cut_between_words() {
        let body = (0..25)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let ps = passages(&body, 10);
        assert_eq!(ps.len(), 3);
        assert!(body[ps[0].clone()].starts_with("w0 "));
        assert!(body[ps[2].clone()].ends_with("w24"));
    }

    #[test]
    fn a_short_tail_joins_the_previous_passage() {
        let body = "A b c d e f g h. I j k l m n o p. Q.";
        let ps = passages(body, 8);
        assert_eq!(ps.len(), 2);
        assert!(body[ps[1].clone()].ends_with("Q."));
    }

    #[test]
    fn empty_bodies_have_no_passages() {
        assert!(passages("", 100).is_empty());
        assert!(passages("  \n\n ", 100).is_empty());
    }

    proptest! {
        /// By bytes or by chars, the words are `split_whitespace`'s.
        #[test]
        fn word_spans_are_split_whitespaces(text in "[a-z. \t\n\r\x0b\x0c\u{a0}\u{2003}é]{0,40}|[a-z. \t\n\r\x0b\x0c]{0,80}") {
            let spans: Vec<&str> = word_spans(&text).into_iter().map(|r| &text[r]).collect();
            let words: Vec<&str> = text.split_whitespace().collect();
            prop_assert_eq!(spans, words);
        }

        #[test]
        fn rebuild_inverts_passages(
            paras in proptest::collection::vec(
                proptest::collection::vec("[A-Za-zé€]{1,8}[.!?]?", 1..40), 1..6),
            target in 2usize..30,
        ) {
            let body = paras.iter().map(|p| p.join(" ")).collect::<Vec<_>>().join("\n\n");
            let ps: Vec<(usize, &str)> =
                passages(&body, target).into_iter().map(|r| (r.start, &body[r])).collect();
            prop_assert_eq!(rebuild(&ps), body);
        }

        #[test]
        fn passages_cover_every_word_on_char_boundaries(
            body in "([a-zA-Zé. ,!?\n]|[ÀČ€]){0,400}",
            target in 1usize..40,
        ) {
            let ps = passages(&body, target);
            for r in &ps {
                prop_assert!(body.is_char_boundary(r.start) && body.is_char_boundary(r.end));
                prop_assert!(r.start < r.end);
            }
            // Every word lies inside some passage.
            let mut covered_to = 0usize;
            for w in word_spans(&body) {
                let inside = ps.iter().any(|p| p.start <= w.start && w.end <= p.end)
                    || ps.iter().any(|p| p.start < w.end && w.start < p.end);
                prop_assert!(inside, "word {:?} not covered", &body[w.clone()]);
                prop_assert!(w.start >= covered_to || ps.iter().any(|p| p.start <= w.start));
                covered_to = w.end;
            }
            // Passages advance.
            for pair in ps.windows(2) {
                prop_assert!(pair[1].start > pair[0].start);
                prop_assert!(pair[1].end > pair[0].end);
            }
        }
    }
}
