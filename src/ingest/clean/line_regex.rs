//! Regexes for line rules, with a first-byte gate.
//!
//! Classification runs a dozen rules on every line of every page, and
//! most of them are anchored at the line's start (`^Photo by`, `^Watch
//! live`): nearly every line fails them on its first byte. A call into the
//! regex engine still costs a few hundred instructions to fail (a cache
//! from its pool, a start state). [`LineRegex`] asks the pattern, once,
//! which bytes a match can begin with (regex-syntax's prefix extractor:
//! the literals regex itself uses as prefilters) and does not call the
//! engine for a line that begins with another byte.

use regex::{Captures, Regex};
use regex_syntax::hir::Look;
use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// A compiled regex and, if it only matches at the start of the text,
/// the bytes its matches can begin with.
pub struct LineRegex {
    re: Regex,
    first: Option<Box<[bool; 256]>>,
}

impl LineRegex {
    /// Compiles `pattern` as [`Regex::new`] does; panics on a bad pattern
    /// (the patterns are the program's own).
    pub fn new(pattern: &str) -> Self {
        LineRegex {
            re: Regex::new(pattern).expect("valid regex"),
            first: first_bytes(pattern).map(Box::new),
        }
    }

    /// [`Regex::is_match`].
    pub fn is_match(&self, t: &str) -> bool {
        self.may_match(t) && self.re.is_match(t)
    }

    /// [`Regex::captures`].
    pub fn captures<'h>(&self, t: &'h str) -> Option<Captures<'h>> {
        if self.may_match(t) {
            self.re.captures(t)
        } else {
            None
        }
    }

    /// Whether the gate lets `t` through (always, without a gate).
    fn may_match(&self, t: &str) -> bool {
        match &self.first {
            None => true,
            Some(first) => t.as_bytes().first().is_some_and(|&b| first[usize::from(b)]),
        }
    }

    #[cfg(test)]
    fn has_gate(&self) -> bool {
        self.first.is_some()
    }
}

/// The bytes every match of `pattern` begins with, if every match must
/// start at the start of the text and none can be empty; `None` otherwise
/// (no gate). Parsed with regex's own defaults (Unicode on, `^` the start
/// of the text).
fn first_bytes(pattern: &str) -> Option<[bool; 256]> {
    let hir = regex_syntax::parse(pattern).ok()?;
    if !hir.properties().look_set_prefix().contains(Look::Start) {
        return None;
    }
    // One byte per literal is all the gate reads; it also keeps the set
    // small for long case-insensitive alternations. Classes count as their
    // first bytes up to 1,024 characters (`\s`, `\d`; not `\w`), so a
    // rule that opens with spaces or digits still gets a gate.
    let seq = Extractor::new()
        .kind(ExtractKind::Prefix)
        .limit_literal_len(1)
        .limit_class(1024)
        .limit_total(8192)
        .extract(&hir);
    let mut first = [false; 256];
    for literal in seq.literals()? {
        first[usize::from(*literal.as_bytes().first()?)] = true;
    }
    Some(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn anchored_patterns_get_a_gate_and_others_do_not() {
        assert!(LineRegex::new(r"(?i)^photo by").has_gate());
        assert!(LineRegex::new(r"^[\s\-–]*(?:advert|caption)$").has_gate());
        assert!(LineRegex::new(r"^\d+ of \d+$").has_gate());
        // Unanchored, anchored in one branch only, or able to match nothing.
        assert!(!LineRegex::new(r"(?i)all rights reserved").has_gate());
        assert!(!LineRegex::new(r"^Courtesy|\S \(file photo\)$").has_gate());
        assert!(!LineRegex::new(r"^\s*$").has_gate());
        assert!(!LineRegex::new(r"^\w+day").has_gate());
        assert!(!LineRegex::new(r"(?m)^photo").has_gate());
    }

    #[test]
    fn the_gate_lets_through_every_first_byte_a_match_can_have() {
        let re = LineRegex::new(r"(?i)^(?:é|k|watch|©)");
        for t in ["É", "é", "K", "k", "\u{212a}", "WATCH", "watch", "©"] {
            assert!(re.is_match(t), "{t}");
        }
        for t in ["", " k", "e", "x©"] {
            assert!(!re.is_match(t), "{t}");
        }
        let re = LineRegex::new(r"^\(?\s*(photo|credit)\s*(by|:)");
        assert!(re.is_match("( photo by"));
        assert!(re.is_match("\tcredit:"));
        assert!(re.captures("photo: x").is_some());
        assert!(re.captures("a photo: x").is_none());
    }

    /// Patterns shaped like the line rules' (some of them cut short):
    /// classes of spaces and digits, case folding, Unicode letters.
    const PATTERNS: &[&str] = &[
        r"(?i)^[-–—•|]?\s*(youtube|vimeo|dailymotion|video|watch video|play video|watch:?)\s*$",
        r"(?i)^(watch (live|now|the full|it)|listen (now|here|to)|subscribe|sign up|follow (us|him|her|them|me)|email \w+|click here)\b",
        r"(?i)^(?:©|\(c\)\s*(?:19|20)\d\d|copyright\s+(?:[©@]\s*)?(?:(?-i:\p{Lu})\S*\s+){0,3}(?:19|20)\d\d\b|(?:image|photo|picture)\s+copyright\b)",
        r"(?ix)^[\s\-–—|·•<>\[]*(?:advertisement(?:\s*-\s*continue\sreading\sbelow)? | advert | anzeige | image\s\d+\sof(?:\s/)?\s?\d* | \d+\s/\s\d+ | スポンサードリンク)[\s\-–—|·•.:!\]]*$",
        r"^(?:Written|WRITTEN|Edited|Reviewed|Medically reviewed|Fact[- ]checked)(?: and (?:edited|reviewed))? (?i:by) \p{Lu}",
        r"(?i)^\(?\s*(photo(graph)?s?|image|picture|credit|source|illustration|video)\s*(by|credit|courtesy|:)",
    ];

    proptest! {
        #[test]
        fn gated_answers_are_the_regexs(
            i in 0..PATTERNS.len(),
            head in prop::sample::select(vec![
                "", " ", "-", "– ", "•", "(", "[", "©", "(c) 2024", "Copyright Acme 2021",
                "watch live", "WATCH NOW", "Video", "youtube", "Photo by", "credit:",
                "Advertisement", "image 3 of 9", "12 / 40", "スポンサードリンク", "Written by ",
                "Medically reviewed by ", "\u{212a}", "É", "ß", "٣ / ٤", "\u{2003}advert",
                "\u{3000}- ", "１２ / ４０",
            ]),
            tail in "\\PC{0,12}",
        ) {
            let t = format!("{head}{tail}");
            let gated = LineRegex::new(PATTERNS[i]);
            let plain = Regex::new(PATTERNS[i]).unwrap();
            prop_assert_eq!(gated.is_match(&t), plain.is_match(&t), "{:?} on {:?}", PATTERNS[i], t);
            prop_assert_eq!(
                gated.captures(&t).map(|c| c.get(0).map(|m| m.range())),
                plain.captures(&t).map(|c| c.get(0).map(|m| m.range()))
            );
        }
    }
}
