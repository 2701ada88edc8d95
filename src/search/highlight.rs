//! Highlights: which words of a passage matched, and the snippet to show.
//!
//! Input: a text and the byte ranges of its words that match a query term.
//! Output: a [`Highlight`], an excerpt of at most
//! `max_chars` characters (whitespace collapsed, `…` where cut) and the
//! `[start, end)` byte ranges of matches inside it. Consecutive matching
//! tokens merge into one range, so a phrase is highlighted whole.
//! Invariant (tested): every range lies on character boundaries of the
//! snippet and covers exactly a matched word or phrase.

use std::borrow::Cow;
use std::ops::Range;

/// A snippet with highlighted ranges.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Highlight {
    pub snippet: String,
    pub ranges: Vec<[usize; 2]>,
}

/// Merges matched words that follow each other with only whitespace
/// between them into one span, in the vector of the words (no other is
/// made). `words` are the matched words' byte ranges in order; whitespace
/// alone between two of them means no other word lies between.
pub fn match_spans(text: &str, mut words: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut kept = 0usize;
    for i in 0..words.len() {
        let r = words[i].clone();
        match kept.checked_sub(1).map(|k| &mut words[k]) {
            Some(last) if text[last.end..r.start].trim().is_empty() => last.end = r.end,
            _ => {
                words[kept] = r;
                kept += 1;
            }
        }
    }
    words.truncate(kept);
    words
}

/// Chooses the excerpt of `text` with the most distinct matches and maps
/// the matches into it.
pub fn highlight(text: &str, spans: &[Range<usize>], max_chars: usize) -> Highlight {
    // In ASCII text a character is a byte: no need to walk characters.
    let ascii = text.is_ascii();
    let (start, end) = window_in(text, spans, max_chars, ascii);
    // Where the matches inside the window start and end, in order, then
    // (mapped in place) where they land in the snippet.
    let mut ranges: Vec<[usize; 2]> = Vec::with_capacity(spans.len());
    ranges.extend(
        spans
            .iter()
            .filter(|s| s.start >= start && s.end <= end)
            .map(|s| [s.start - start, s.end - start]),
    );
    let mut snippet = collapse(&text[start..end], ranges.as_flattened_mut(), ascii);
    let prefix = if text[..start].trim().is_empty() {
        ""
    } else {
        "…"
    };
    ranges.retain_mut(|[a, b]| {
        *a += prefix.len();
        *b += prefix.len();
        a < b
    });
    if !prefix.is_empty() {
        snippet.insert_str(0, prefix);
    }
    if end < text.trim_end().len() {
        snippet.push('…');
    }
    Highlight { snippet, ranges }
}

/// The byte window `[start, end)` of about `max_chars` characters,
/// counting characters as bytes when `ascii` (only right when `text` is
/// ASCII).
fn window_in(text: &str, spans: &[Range<usize>], max_chars: usize, ascii: bool) -> (usize, usize) {
    let text_start = text.len() - text.trim_start().len();
    // Not before the start: in a text of whitespace only the two cross.
    let text_end = text.trim_end().len().max(text_start);
    let max_bytes_at = |from: usize| {
        // The byte offset `max_chars` characters after `from`, cut back to a word end.
        let mut end = if ascii {
            (from + max_chars).min(text_end)
        } else {
            text[from..text_end]
                .char_indices()
                .nth(max_chars)
                .map_or(text_end, |(i, _)| from + i)
        };
        if end < text_end {
            if let Some(ws) = text[from..end].rfind(char::is_whitespace) {
                if ws > 0 {
                    end = from + ws;
                }
            }
        }
        end
    };
    if spans.is_empty() {
        return (text_start, max_bytes_at(text_start));
    }
    // Try a window a little before each match; keep the one with the most
    // distinct matched words, then the most matches, then the earliest.
    // Each span's words, lower-cased, are numbered once: a window's spans
    // are then counted without building strings.
    let ids = distinct_ids(text, spans);
    let mut counted = vec![usize::MAX; spans.len()];
    let mut best = (text_start, max_bytes_at(text_start));
    let mut best_score = (0usize, 0usize);
    for (n, s) in spans.iter().enumerate() {
        let lead = max_chars / 5;
        // `lead` characters before the match, or the text's start.
        let mut from = if ascii {
            s.start - lead.min(s.start.saturating_sub(text_start))
        } else {
            text[text_start..s.start]
                .char_indices()
                .rev()
                .take(lead)
                .last()
                .map_or(s.start, |(i, _)| text_start + i)
        };
        // Start on a word.
        if from > text_start
            && let Some(ws) = text[from..s.start].find(char::is_whitespace)
        {
            from = (from + ws + 1).min(s.start);
        }
        let to = max_bytes_at(from).max(s.end.min(text_end));
        let (mut distinct, mut inside) = (0, 0);
        for (x, &id) in spans.iter().zip(&ids) {
            if x.start >= from && x.end <= to {
                inside += 1;
                if counted[id] != n {
                    counted[id] = n;
                    distinct += 1;
                }
            }
        }
        let score = (distinct, inside);
        if score > best_score {
            best_score = score;
            best = (from, to);
        }
    }
    best
}

/// Numbers each span by its lower-cased text: equal words, equal numbers
/// (each below `spans.len()`).
///
/// Only a span that is not ASCII is lower-cased into a copy; the rest are
/// compared in place, ASCII case folded. That is equality of lower-cased
/// texts for every pair: a lower-cased text has no ASCII capitals, and
/// one that is not ASCII can equal an ASCII one only through its ASCII
/// bytes (`K`, the Kelvin sign, lower-cases to `k`).
fn distinct_ids(text: &str, spans: &[Range<usize>]) -> Vec<usize> {
    let mut seen: Vec<Cow<'_, str>> = Vec::with_capacity(spans.len());
    spans
        .iter()
        .map(|s| {
            let w = &text[s.clone()];
            let w = match w.is_ascii() {
                true => Cow::Borrowed(w),
                false => Cow::Owned(w.to_lowercase()),
            };
            seen.iter()
                .position(|x| x.eq_ignore_ascii_case(&w))
                .unwrap_or_else(|| {
                    seen.push(w);
                    seen.len() - 1
                })
        })
        .collect()
}

/// Room for the `…` at either end of a snippet, kept in its string from
/// the start: adding them then moves the text but allocates nothing.
const ELLIPSES: usize = 2 * '…'.len_utf8();

/// Collapses whitespace runs to one space; returns the new string, and
/// writes over each of `marks` (ascending byte offsets of `piece`, on
/// character boundaries) where it lands in it. Runs of other characters
/// are copied whole. `ascii` says that `piece` is ASCII (the caller knows
/// it of the text the piece is cut from), which takes a path of its own.
fn collapse(piece: &str, marks: &mut [usize], ascii: bool) -> String {
    if ascii {
        return collapse_ascii(piece, marks);
    }
    let bytes = piece.as_bytes();
    // Whether the character at byte `i` is whitespace, and its length.
    let at = |i: usize| -> (bool, usize) {
        let b = bytes[i];
        if b.is_ascii() {
            // char::is_whitespace on ASCII (u8::is_ascii_whitespace
            // leaves out the vertical tab).
            (
                matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r'),
                1,
            )
        } else {
            let c = piece[i..].chars().next().unwrap_or_default();
            (c.is_whitespace(), c.len_utf8())
        }
    };
    let mut out = String::with_capacity(piece.len() + ELLIPSES);
    // The marks before `next` are mapped.
    let mut next = 0;
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() {
            let (ws, len) = at(i);
            if ws {
                break;
            }
            i += len;
        }
        // Copied byte for byte: a mark keeps its distance from the run's start.
        let base = out.len();
        while let Some(m) = marks.get_mut(next).filter(|m| **m < i) {
            *m = base + (*m - start);
            next += 1;
        }
        out.push_str(&piece[start..i]);
        if i >= bytes.len() {
            break;
        }
        let space = i;
        while i < bytes.len() {
            let (ws, len) = at(i);
            if !ws {
                break;
            }
            i += len;
        }
        // One space: a mark at the run's start goes before it, any later one after.
        let base = out.len();
        while let Some(m) = marks.get_mut(next).filter(|m| **m < i) {
            *m = if *m == space { base } else { base + 1 };
            next += 1;
        }
        out.push(' ');
    }
    marks[next..].fill(out.len());
    out
}

/// [`collapse`] for ASCII text. A mark lands where the output stands
/// when its byte comes, so a mark at a run's start goes before its space,
/// any later one after it.
fn collapse_ascii(piece: &str, marks: &mut [usize]) -> String {
    let bytes = piece.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() + ELLIPSES);
    let mut in_space = false;
    let mut at = 0;
    for m in marks {
        let to = (*m).clamp(at, bytes.len());
        collapse_ascii_into(&bytes[at..to], &mut out, &mut in_space);
        at = to;
        *m = out.len();
    }
    collapse_ascii_into(&bytes[at..], &mut out, &mut in_space);
    // ASCII bytes and spaces: ASCII still.
    String::from_utf8(out).unwrap_or_default()
}

/// Appends ASCII `bytes` to `out`, each whitespace byte as a space and
/// none after whitespace (`in_space`: the byte before was whitespace; it
/// says the same of the last byte on return). Eight bytes at a time: a
/// word of eight bytes with no whitespace after whitespace is written
/// whole, its whitespace bytes replaced by spaces; only a word holding a
/// run goes byte by byte (byte by byte throughout, this was about 10
/// instructions a byte, 13% of a hit's).
fn collapse_ascii_into(bytes: &[u8], out: &mut Vec<u8>, in_space: &mut bool) {
    use super::eight::{ONES, within};
    let mut eights = bytes.chunks_exact(8);
    for eight in &mut eights {
        let mut word = [0u8; 8];
        word.copy_from_slice(eight);
        let x = u64::from_le_bytes(word);
        // char::is_whitespace on ASCII: \t to \r, and the space.
        let space = within(x, b'\t', b'\r') | within(x, b' ', b' ');
        // Whitespace whose byte before is whitespace too.
        let after = space & ((space << 8) | u64::from(*in_space) << 7);
        if after == 0 {
            // Each whitespace byte's eight bits set, then made a space.
            let fill = (space >> 7) * 0xFF;
            let y = (x & !fill) | (fill & (u64::from(b' ') * ONES));
            out.extend_from_slice(&y.to_le_bytes());
            *in_space = space >> 63 != 0;
        } else {
            collapse_ascii_bytes(eight, out, in_space);
        }
    }
    collapse_ascii_bytes(eights.remainder(), out, in_space);
}

/// [`collapse_ascii_into`] one byte at a time.
fn collapse_ascii_bytes(bytes: &[u8], out: &mut Vec<u8>, in_space: &mut bool) {
    for &b in bytes {
        // char::is_whitespace on ASCII (u8::is_ascii_whitespace
        // leaves out the vertical tab).
        let space = matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r');
        if !(space && *in_space) {
            out.push(if space { b' ' } else { b });
        }
        *in_space = space;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The character-by-character collapse that [`collapse`] replaced: a
    /// map from every byte offset of `piece`.
    fn collapse_by_char(piece: &str) -> (String, Vec<usize>) {
        let mut out = String::with_capacity(piece.len());
        let mut offsets = Vec::with_capacity(piece.len() + 1);
        let mut in_ws = false;
        for (i, c) in piece.char_indices() {
            while offsets.len() <= i {
                offsets.push(out.len());
            }
            if c.is_whitespace() {
                if !in_ws {
                    out.push(' ');
                }
                in_ws = true;
            } else {
                out.push(c);
                in_ws = false;
            }
        }
        while offsets.len() <= piece.len() {
            offsets.push(out.len());
        }
        (out, offsets)
    }

    /// [`collapse`] gives the string and the mapped `marks` (character
    /// boundaries of `piece`, any order) that [`collapse_by_char`] gives.
    fn collapses_as_by_character(
        piece: &str,
        mut marks: Vec<usize>,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        marks.sort_unstable();
        let (want, offsets) = collapse_by_char(piece);
        let expected: Vec<usize> = marks.iter().map(|&m| offsets[m]).collect();
        let got = collapse(piece, &mut marks, piece.is_ascii());
        prop_assert_eq!(&got, &want);
        prop_assert_eq!(marks, expected);
        Ok(())
    }

    proptest! {
        /// Runs copied whole give the string and the offsets that one
        /// character at a time gives, for any text and any marks.
        #[test]
        fn collapse_equals_collapsing_by_character(
            piece in "([a-zé€]{1,6}|[ \t\n\r\u{0B}\u{0C}\u{A0}\u{2003}]{1,3}|[,.]){0,30}",
            picks in proptest::collection::vec(any::<proptest::sample::Index>(), 0..8),
        ) {
            let bounds: Vec<usize> = (0..=piece.len()).filter(|&i| piece.is_char_boundary(i)).collect();
            let marks: Vec<usize> = picks.iter().map(|p| bounds[p.index(bounds.len())]).collect();
            collapses_as_by_character(&piece, marks)?;
        }

        /// The same on ASCII text, which takes its own path.
        #[test]
        fn ascii_collapse_equals_collapsing_by_character(
            piece in "([a-zA-Z]{1,6}|[a-z]{8,20}|[ \t\n\r\u{0B}\u{0C}]{1,3}|[,.]){0,40}",
            picks in proptest::collection::vec(any::<proptest::sample::Index>(), 0..8),
        ) {
            let marks: Vec<usize> = picks.iter().map(|p| p.index(piece.len() + 1)).collect();
            collapses_as_by_character(&piece, marks)?;
        }

        /// On ASCII text, counting bytes chooses the window that walking
        /// characters does.
        #[test]
        fn ascii_windows_equal_walked_ones(
            text in "([A-Za-z]{1,10}|[ ,.\n]{1,3}){0,120}",
            every in 1usize..6,
            max_chars in 10usize..300,
        ) {
            let words: Vec<String> = text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty()).step_by(every).map(str::to_lowercase).collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let spans = match_spans(&text, tokens(&text, &words));
            prop_assert_eq!(
                window_in(&text, &spans, max_chars, true),
                window_in(&text, &spans, max_chars, false)
            );
        }
    }

    /// `distinct_ids` as it was: every span's text lower-cased and compared.
    fn distinct_ids_by_copies(text: &str, spans: &[Range<usize>]) -> Vec<usize> {
        let mut seen: Vec<String> = Vec::new();
        spans
            .iter()
            .map(|s| {
                let w = text[s.clone()].to_lowercase();
                seen.iter().position(|x| *x == w).unwrap_or_else(|| {
                    seen.push(w);
                    seen.len() - 1
                })
            })
            .collect()
    }

    proptest! {
        /// Spans compared in place are numbered as lower-cased copies are,
        /// capitals, accents, the Kelvin sign and final sigma included.
        #[test]
        fn distinct_ids_equal_those_of_lower_cased_copies(
            words in proptest::collection::vec("[kKK]{1,2}|[aA][bB]?|[éÉ]|ΟΣ|οσ|ος|[sS]ß", 0..12),
        ) {
            let text = words.join(" ");
            let mut spans = Vec::new();
            let mut at = 0;
            for w in &words {
                spans.push(at..at + w.len());
                at += w.len() + 1;
            }
            prop_assert_eq!(distinct_ids(&text, &spans), distinct_ids_by_copies(&text, &spans));
        }
    }

    /// The byte ranges of the words of `text` (lower-cased) in `matched`.
    fn tokens(text: &str, matched: &[&str]) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                if matched.contains(&text[s..i].to_lowercase().as_str()) {
                    out.push(s..i);
                }
            }
        }
        out
    }

    #[test]
    fn phrases_merge_and_words_stay_apart() {
        let text = "Taliban Pakistan talks, and Pakistan, Taliban again";
        let spans = match_spans(text, tokens(text, &["taliban", "pakistan"]));
        assert_eq!(
            spans.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
            vec!["Taliban Pakistan", "Pakistan", "Taliban"]
        );
    }

    #[test]
    fn snippet_offsets_point_at_matches() {
        let text = "Serbian President Aleksandar Vučić on Tuesday said\n\nhe would not flee.";
        let spans = match_spans(text, tokens(text, &["vučić", "flee"]));
        let h = highlight(text, &spans, 200);
        let words: Vec<&str> = h.ranges.iter().map(|[a, b]| &h.snippet[*a..*b]).collect();
        assert_eq!(words, vec!["Vučić", "flee"]);
        assert!(!h.snippet.contains('\n'));
    }

    #[test]
    fn long_texts_are_cut_around_the_best_window() {
        let text = format!(
            "{} needle here {}",
            "filler ".repeat(100),
            "tail ".repeat(100)
        );
        let spans = match_spans(&text, tokens(&text, &["needle"]));
        let h = highlight(&text, &spans, 60);
        assert!(h.snippet.starts_with('…') && h.snippet.ends_with('…'));
        assert_eq!(h.ranges.len(), 1);
        let [a, b] = h.ranges[0];
        assert_eq!(&h.snippet[a..b], "needle");
        assert!(h.snippet.chars().count() <= 62);
    }

    #[test]
    fn no_matches_gives_the_start() {
        let h = highlight("  Short text.", &[], 100);
        assert_eq!(h.snippet, "Short text.");
        assert_eq!(highlight(" \n ", &[], 100).snippet, "");
        assert!(h.ranges.is_empty());
    }
}
