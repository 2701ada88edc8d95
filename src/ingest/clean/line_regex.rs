//! Regexes for line rules, with a first-byte gate.
//!
//! Classification runs a dozen rules on every line of every page, and
//! most of them are anchored at the line's start (`^Photo by`, `^Watch
//! live`): nearly every line fails them on its first byte. A call into the
//! regex engine still costs a few hundred instructions to fail (a cache
//! from its pool, a start state). [`LineRegex`] asks the pattern, once,
//! which bytes a match can begin with (regex-syntax's prefix extractor:
//! the literals regex itself uses as prefilters) and does not call the
//! engine for a line that begins with another byte, nor, when every
//! match has two bytes or more, for one whose first two bytes no match
//! has.
//!
//! Nor does it compile the regex before a line gets past the gate. The
//! rules' regexes took about 60% of the instructions of an ingest of one
//! page (130M of 210M, callgrind on `corpus/`): that page got past the
//! gates of 10 of the 24. Reuters-21578 gets past 22, so a large ingest
//! compiles nearly all of them, as before, just later.

use regex::{Captures, Regex};
use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::{Hir, Look};
use std::sync::OnceLock;

/// A regex and, if it only matches at the start of the text, the bytes
/// its matches can begin with, and the pairs of bytes when every match is
/// two bytes long or more.
pub struct LineRegex {
    pattern: Box<str>,
    /// Compiled when a line first gets past the gate.
    re: OnceLock<Regex>,
    first: Option<Box<[bool; 256]>>,
    pairs: Option<Box<Pairs>>,
}

/// A set of two-byte prefixes, a bit for each.
type Pairs = [u64; 1024];

/// Where the bit of the prefix `a b` is in [`Pairs`]: its word and mask.
fn pair_bit(a: u8, b: u8) -> (usize, u64) {
    let pair = usize::from(a) << 8 | usize::from(b);
    (pair / 64, 1 << (pair % 64))
}

impl LineRegex {
    /// `pattern`, parsed as [`Regex::new`] parses it; panics on a bad
    /// pattern (the patterns are the program's own). The regex is
    /// compiled on first use.
    pub fn new(pattern: &str) -> Self {
        // Parsed with regex's own defaults (Unicode on, `^` the start of
        // the text); a gate only for a pattern that matches at the start.
        let hir = regex_syntax::parse(pattern).expect("valid regex");
        let anchored =
            Some(hir).filter(|hir| hir.properties().look_set_prefix().contains(Look::Start));
        let first = anchored.as_ref().and_then(first_bytes);
        LineRegex {
            pattern: pattern.into(),
            re: OnceLock::new(),
            pairs: anchored
                .as_ref()
                .filter(|_| first.is_some())
                .and_then(first_pairs),
            first: first.map(Box::new),
        }
    }

    /// [`Regex::is_match`].
    pub fn is_match(&self, t: &str) -> bool {
        self.may_match(t) && self.re().is_match(t)
    }

    /// The regex, compiled on first use.
    fn re(&self) -> &Regex {
        self.re
            .get_or_init(|| Regex::new(&self.pattern).expect("valid regex"))
    }

    /// [`Regex::captures`].
    pub fn captures<'h>(&self, t: &'h str) -> Option<Captures<'h>> {
        if self.may_match(t) {
            self.re().captures(t)
        } else {
            None
        }
    }

    /// Whether the gate lets `t` through (always, without a gate).
    fn may_match(&self, t: &str) -> bool {
        let b = t.as_bytes();
        let first_ok = match &self.first {
            None => return true,
            Some(first) => b.first().is_some_and(|&c| first[usize::from(c)]),
        };
        first_ok
            && self.pairs.as_deref().is_none_or(|pairs| {
                b.len() >= 2 && {
                    let (word, mask) = pair_bit(b[0], b[1]);
                    pairs[word] & mask != 0
                }
            })
    }

    #[cfg(test)]
    fn has_gate(&self) -> bool {
        self.first.is_some()
    }

    #[cfg(test)]
    fn has_pair_gate(&self) -> bool {
        self.pairs.is_some()
    }

    #[cfg(test)]
    fn is_compiled(&self) -> bool {
        self.re.get().is_some()
    }
}

/// The prefixes of `bytes` bytes at most that every match of `hir` begins
/// with (regex-syntax's prefix extractor, classes of up to `class`
/// characters); its `literals()` are `None` when they cannot be listed.
fn prefixes(hir: &Hir, bytes: usize, class: usize, total: usize) -> Seq {
    Extractor::new()
        .kind(ExtractKind::Prefix)
        .limit_literal_len(bytes)
        .limit_class(class)
        .limit_total(total)
        .extract(hir)
}

/// The bytes every match of an anchored `hir` begins with, if none can be
/// empty; `None` otherwise (no gate).
fn first_bytes(hir: &Hir) -> Option<[bool; 256]> {
    // One byte per literal is all the gate reads; it also keeps the set
    // small for long case-insensitive alternations. Classes count as their
    // first bytes up to 1,024 characters (`\s`, `\d`; not `\w`), so a
    // rule that opens with spaces or digits still gets a gate.
    let mut first = [false; 256];
    for literal in prefixes(hir, 1, 1024, 8192).literals()? {
        first[usize::from(*literal.as_bytes().first()?)] = true;
    }
    Some(first)
}

/// The first two bytes of every match of an anchored `hir`, when every
/// match has two bytes or more; `None` otherwise.
/// Most of a page's capitalised lines pass the first-byte gate of a rule
/// of many phrases (`^(more from|related|read more|...)` lets through
/// every line opening with `M`, `R`, `T` ...); the second byte turns away
/// nearly all of them (`The`, `Reuters`). Classes count up to 64
/// characters here: a wider one (`\s`) in the first two bytes would make
/// thousands of pairs, and leaves the first-byte gate alone.
fn first_pairs(hir: &Hir) -> Option<Box<Pairs>> {
    let mut pairs = Box::new([0u64; 1024]);
    for literal in prefixes(hir, 2, 64, 4096).literals()? {
        let &[a, b, ..] = literal.as_bytes() else {
            return None;
        };
        let (word, mask) = pair_bit(a, b);
        pairs[word] |= mask;
    }
    Some(pairs)
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
    fn phrase_rules_get_a_gate_of_two_bytes() {
        assert!(LineRegex::new(r"(?i)^(more from|related|read more)\b").has_pair_gate());
        let short = LineRegex::new(r"(?i)^(?:é|watch|©)");
        assert!(short.has_pair_gate());
        for t in ["é", "É", "©", "WATCH"] {
            assert!(short.is_match(t), "{t}");
        }
        assert!(!short.is_match("e") && !short.is_match("w"));
        // A match of one byte, or spaces first: the first byte only.
        assert!(!LineRegex::new(r"(?i)^(?:k|watch)").has_pair_gate());
        assert!(!LineRegex::new(r"^[\s\-–]*(?:advert|caption)$").has_pair_gate());
        let re = LineRegex::new(r"(?i)^(more from|related|read more)\b");
        for t in ["More from", "RELATED", "read more", "Related"] {
            assert!(re.is_match(t), "{t}");
        }
        for t in ["M", "Mr Smith", "Reuters", "The more from", ""] {
            assert!(!re.is_match(t), "{t}");
        }
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

    #[test]
    fn the_regex_is_compiled_once_a_line_gets_past_the_gate() {
        let re = LineRegex::new(r"(?i)^(more from|related|read more)\b");
        assert!(!re.is_match("The Reuters story") && !re.is_match("Rain"));
        assert!(
            re.captures("Mr Smith").is_none(),
            "past the first byte only"
        );
        assert!(!re.is_compiled());
        assert!(!re.is_match("More fromage"));
        assert!(re.is_compiled());
        // No gate: compiled at the first line.
        let re = LineRegex::new(r"(?i)all rights reserved");
        assert!(!re.is_compiled());
        assert!(re.is_match("Copyright 2020. All rights reserved."));
        assert!(re.is_compiled());
    }

    #[test]
    #[should_panic(expected = "valid regex")]
    fn a_bad_pattern_fails_when_made_not_when_first_used() {
        let _ = LineRegex::new(r"^(unclosed");
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
        r"(?i)^(more ((news|stories) )?(from|on|in|about) \S.{0,60}?|related( (stories|articles))?|read more|most (popular|read)|you (may|might) also like|don'?t miss)\s*(\.\.\.|…)?\s*:?$",
        r"(?i)^(?:lesen sie auch|ähnliche artikel|(?:à )?lire aussi|lee también|関連記事|相关文章)\s*(?:\.\.\.|…)?\s*:?$",
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
                "\u{3000}- ", "１２ / ４０", "More from Reuters", "MORE ON", "Related", "RELATED STORIES:",
                "Read more", "Most popular", "You might also like", "Don't miss", "Ähnliche Artikel",
                "À lire aussi", "lee también", "関連記事", "相关文章", "Mr", "Reuters", "M", "R",
                "\u{212a}eep reading", "Lire", "Ä", "Most", "Ma",
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
