//! Which words of a text match the query: a word matches when the index
//! analyzer turns it into one of the query's words.
//!
//! Highlighting reads every word of every hit, so the matcher avoids the
//! analyzer wherever it can. Words are cut as the index's tokenizer cuts
//! them (runs of alphanumeric characters; runs of [`MAX_TOKEN_BYTES`] bytes
//! or more are dropped). A word whose first letter starts no query word
//! is rejected at once: lower-casing keeps an ASCII first letter's place,
//! and English (Porter2) stemming rewrites endings, never the first letter.
//! An ASCII word is then rejected unless, lower-cased, it starts with a
//! query word less that word's last character: Porter2 removes and
//! rewrites suffixes, and what it writes back differs from the word in
//! at most the stem's last character (`relational` -> `relat`, `ability`
//! -> `abil`, `happy` -> `happi`). Its one exception, a letter and `ying`
//! (`dying` -> `die`, `vying` -> `vie`), always goes to the analyzer.
//! Both rules are tested over every word of the sample corpus and, in the
//! integration tests, of Reuters-21578. The rest go through the analyzer
//! once per distinct spelling; the hits of one search repeat many words.

use crate::store::schema::{self, MAX_TOKEN_BYTES};
use crate::store::stem;
use rustc_hash::FxHashMap;
use std::collections::HashSet;
use std::ops::Range;
use tantivy::tokenizer::TextAnalyzer;

/// Marks the words of a text that match a set of analyzed query words.
#[derive(Clone)]
pub struct Matcher {
    /// The index analyzer without its stemmer.
    base: TextAnalyzer,
    /// One word in, its stem out; `None` on an index built without stemming.
    stem: Option<frostem::Stemmer>,
    words: HashSet<String>,
    /// ASCII letters and digits that start a query word.
    ascii_firsts: [bool; 128],
    /// Each byte: whether it is one of `ascii_firsts`, in either case.
    starts_either_case: [bool; 256],
    /// Each query word less its last character (the whole word when it
    /// has one): an ASCII word matches only if it starts with one of them.
    prefixes: Vec<Box<[u8]>>,
    /// The ASCII pairs, lower-cased, that can open a word that matches
    /// (bit `first * 128 + second`): the first two bytes of `prefixes`,
    /// every pair after a prefix of one byte, and every pair whose second
    /// byte is `y` (the `ying` exception). Most words that pass the first
    /// letter's test fail this one, before [`Matcher::consider`].
    pairs: Box<[u64; 256]>,
    /// Whether a word (as written) matches, for words seen before.
    seen: FxHashMap<String, bool>,
}

impl Matcher {
    /// A matcher for `words` (analyzed query words) on an index that does
    /// or does not stem.
    pub fn new(words: HashSet<String>, stemming: bool) -> Matcher {
        let mut ascii_firsts = [false; 128];
        for b in words.iter().filter_map(|w| w.bytes().next()) {
            if b.is_ascii() {
                ascii_firsts[usize::from(b)] = true;
            }
        }
        let mut starts_either_case = [false; 256];
        for b in 0..128u8 {
            starts_either_case[usize::from(b)] = ascii_firsts[usize::from(b.to_ascii_lowercase())];
        }
        let prefixes: Vec<Box<[u8]>> = words
            .iter()
            .map(|w| {
                let cut = w.char_indices().last().map_or(0, |(i, _)| i).max(1);
                w.as_bytes()[..cut.min(w.len())].into()
            })
            .collect();
        let pairs = opening_pairs(&prefixes);
        Matcher {
            base: schema::analyzer_with(false),
            stem: stemming.then(stem::english),
            words,
            ascii_firsts,
            starts_either_case,
            prefixes,
            pairs,
            seen: FxHashMap::default(),
        }
    }

    /// The query words.
    pub fn words(&self) -> &HashSet<String> {
        &self.words
    }

    /// The byte ranges of the words of `text` that match, in order.
    pub fn matches(&mut self, text: &str) -> Vec<Range<usize>> {
        if self.words.is_empty() {
            return Vec::new();
        }
        // Room for the matches of a typical passage: growing from empty
        // took three allocations.
        let mut out = Vec::with_capacity(16);
        if text.is_ascii() {
            self.matches_ascii(text, &mut out);
            return out;
        }
        for r in word_ranges(text) {
            let first = text.as_bytes()[r.start];
            // Analyzed, an ASCII first letter is that letter lower-cased.
            if first.is_ascii() && !self.ascii_firsts[usize::from(first.to_ascii_lowercase())] {
                continue;
            }
            self.consider(text, r, &mut out);
        }
        out
    }

    /// [`Matcher::matches`] for ASCII text, 64 bytes at a time: a mask of
    /// the bytes that are word characters ([`word_mask`]) gives the words'
    /// starts, and only a word whose first letter starts a query word is
    /// read to its end. The word scanner ([`word_ranges`]) reads every byte
    /// through a branch instead, which costs more than the matching on
    /// English text.
    fn matches_ascii(&mut self, text: &str, out: &mut Vec<Range<usize>>) {
        let bytes = text.as_bytes();
        // Whether the last byte of the previous chunk is a word character.
        let mut carry = 0u64;
        for (c, chunk) in bytes.chunks(64).enumerate() {
            let word = word_mask(chunk);
            let mut starts = word & !((word << 1) | carry);
            carry = (word >> (chunk.len() - 1)) & 1;
            while starts != 0 {
                let start = c * 64 + starts.trailing_zeros() as usize;
                starts &= starts - 1;
                if !self.starts_either_case[usize::from(bytes[start])] {
                    continue;
                }
                // A word of two bytes or more: its first two must be able
                // to open a match.
                if let Some(&second) = bytes.get(start + 1)
                    && CLASS[usize::from(second)] == WORD
                    && !self.may_open(bytes[start], second)
                {
                    continue;
                }
                let len = bytes[start..]
                    .iter()
                    .position(|&b| CLASS[usize::from(b)] != WORD)
                    .unwrap_or(bytes.len() - start);
                self.consider(text, start..start + len, out);
            }
        }
    }

    /// Adds `r`, a word of `text` whose first letter may start a query
    /// word, to `out` if it matches.
    fn consider(&mut self, text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
        let word = &text[r.clone()];
        if word.len() >= MAX_TOKEN_BYTES {
            return;
        }
        if word.is_ascii() && !self.may_match(word.as_bytes()) {
            return;
        }
        let matched = match self.seen.get(word) {
            Some(m) => *m,
            None => {
                let m = self.analyze(word);
                self.seen.insert(word.to_string(), m);
                m
            }
        };
        if matched {
            out.push(r);
        }
    }

    /// Whether an ASCII word opening with bytes `a` and `b` can match
    /// (`pairs`).
    fn may_open(&self, a: u8, b: u8) -> bool {
        let i = pair_index(a, b);
        self.pairs[i / 64] & (1 << (i % 64)) != 0
    }

    /// Whether an ASCII word can analyze to a query word (see the module's
    /// notes): it starts with a query word's prefix, or is an exception.
    fn may_match(&self, word: &[u8]) -> bool {
        self.prefixes
            .iter()
            .any(|p| word.len() >= p.len() && word[..p.len()].eq_ignore_ascii_case(p))
            || is_cying(word)
    }

    /// Whether one word, analyzed as the index analyzes it, is a query word.
    fn analyze(&mut self, word: &str) -> bool {
        let mut plain = self.base.token_stream(word);
        let Some(token) = plain.next() else {
            return false;
        };
        match &self.stem {
            None => self.words.contains(&token.text),
            Some(stemmer) => self.words.contains(stemmer.stem(&token.text).as_ref()),
        }
    }
}

/// The bit of an ASCII pair in [`Matcher`]'s `pairs`, lower-cased.
fn pair_index(a: u8, b: u8) -> usize {
    usize::from(a.to_ascii_lowercase() & 0x7F) * 128 + usize::from(b.to_ascii_lowercase() & 0x7F)
}

/// The pairs that can open an ASCII word that matches, for `prefixes`
/// (see `Matcher::pairs`).
fn opening_pairs(prefixes: &[Box<[u8]>]) -> Box<[u64; 256]> {
    let mut pairs = Box::new([0u64; 256]);
    let mut set = |a: u8, b: u8| {
        let i = pair_index(a, b);
        pairs[i / 64] |= 1 << (i % 64);
    };
    for p in prefixes {
        match **p {
            [a] if a.is_ascii() => (0..128).for_each(|b| set(a, b)),
            [a, b, ..] if a.is_ascii() && b.is_ascii() => set(a, b),
            // A prefix opening with a byte that is not ASCII: no ASCII
            // word starts with it.
            _ => {}
        }
    }
    (0..128).for_each(|a| set(a, b'y'));
    pairs
}

/// Whether a word is a letter and "ying", the one shape whose Porter2
/// stem differs from it before the stem's last character (`dying` ->
/// `die`, `vying` -> `vie`).
fn is_cying(word: &[u8]) -> bool {
    word.len() == 5 && word[1..].eq_ignore_ascii_case(b"ying")
}

/// [`CLASS`] of an ASCII letter or digit.
const WORD: u8 = 1;
/// [`CLASS`] of any other ASCII byte.
const SEPARATOR: u8 = 0;
/// Each byte's class for the word scanner: [`WORD`], [`SEPARATOR`], or 2
/// for a byte of a non-ASCII character, which is decoded.
static CLASS: [u8; 256] = {
    let mut t = [2u8; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = if (b as u8).is_ascii_alphanumeric() {
            WORD
        } else {
            SEPARATOR
        };
        b += 1;
    }
    t
};

/// Bit `j` set when byte `j` of `chunk` (at most 64 bytes, ASCII) is a
/// letter or a digit. A chunk shorter than 64 bytes (a text's last) is
/// padded with zero bytes, which are not word bytes. On x86-64 sixteen
/// bytes at a time with SSE2 (about 55 instructions for 64 bytes, where
/// [`word_mask_swar`] took about 180: the hits of the 60-query Reuters
/// batch went from 87.8M to 75.8M instructions, benches/README.md);
/// elsewhere eight at a time in a `u64`.
fn word_mask(chunk: &[u8]) -> u64 {
    let mut padded = [0u8; 64];
    let block = match <&[u8; 64]>::try_from(chunk) {
        Ok(block) => block,
        Err(_) => {
            padded[..chunk.len()].copy_from_slice(chunk);
            &padded
        }
    };
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of the x86-64 baseline: every x86-64
        // processor has it, and Rust's x86-64 targets assume it.
        unsafe { sse2::word_mask(block) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        word_mask_swar(block)
    }
}

/// [`word_mask`] eight bytes at a time in a `u64`: each byte's range
/// tests set its high bit (no borrow crosses bytes, as every byte is
/// below 0x80), and one multiplication gathers the eight high bits.
/// Through [`CLASS`] it was a table load, a compare and a shift per byte.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn word_mask_swar(block: &[u8; 64]) -> u64 {
    use super::eight::{ONES, within};
    let mut mask = 0u64;
    for (i, eight) in block.chunks_exact(8).enumerate() {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(eight);
        let x = u64::from_le_bytes(bytes);
        let word = within(x, b'0', b'9') | within(x | (0x20 * ONES), b'a', b'z');
        // Bit 8k + 7 (byte k's high bit) to bit 56 + k, then down to k.
        let bits = (word >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        mask |= bits << (8 * i);
    }
    mask
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_add_epi8, _mm_cmplt_epi8, _mm_movemask_epi8, _mm_or_si128, _mm_set_epi64x,
        _mm_set1_epi8,
    };

    /// Each byte of `x` that lies in `lo..=hi` (bytes below 0x80) as 0xFF,
    /// the rest 0: shifted so that `lo` becomes -128, a byte is in the
    /// range when it is then below `-128 + (hi - lo + 1)` (signed).
    #[target_feature(enable = "sse2")]
    fn within(x: __m128i, lo: u8, hi: u8) -> __m128i {
        let shift = _mm_set1_epi8(0x80u8.wrapping_sub(lo) as i8);
        let limit = _mm_set1_epi8((0x80u8 + (hi - lo + 1)) as i8);
        _mm_cmplt_epi8(_mm_add_epi8(x, shift), limit)
    }

    /// [`super::word_mask`] of 64 ASCII bytes, sixteen at a time.
    #[target_feature(enable = "sse2")]
    pub(super) fn word_mask(block: &[u8; 64]) -> u64 {
        let case = _mm_set1_epi8(0x20);
        let mut mask = 0u64;
        for (k, sixteen) in block.chunks_exact(16).enumerate() {
            let (lo, hi) = sixteen.split_at(8);
            let half = |h: &[u8]| {
                let mut bytes = [0u8; 8];
                bytes.copy_from_slice(h);
                i64::from_le_bytes(bytes)
            };
            let x = _mm_set_epi64x(half(hi), half(lo));
            let word = _mm_or_si128(
                within(x, b'0', b'9'),
                within(_mm_or_si128(x, case), b'a', b'z'),
            );
            // The sixteen bytes' high bits, as the low 16 bits.
            let bits = _mm_movemask_epi8(word) as u32 & 0xFFFF;
            mask |= u64::from(bits) << (16 * k);
        }
        mask
    }
}

/// The words of `text` as the index's tokenizer cuts them: maximal runs of
/// alphanumeric characters. Runs of ASCII bytes are scanned as bytes; only
/// other characters are decoded.
fn word_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    // The character at byte `i` (not ASCII): whether it is alphanumeric,
    // and its length.
    let decode = move |i: usize| -> (bool, usize) {
        let c = text[i..].chars().next().unwrap_or_default();
        (c.is_alphanumeric(), c.len_utf8())
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        let start = loop {
            while i < bytes.len() && CLASS[usize::from(bytes[i])] == SEPARATOR {
                i += 1;
            }
            if i >= bytes.len() {
                return None;
            }
            if bytes[i].is_ascii() {
                break i;
            }
            let (alnum, len) = decode(i);
            if alnum {
                break i;
            }
            i += len;
        };
        loop {
            while i < bytes.len() && CLASS[usize::from(bytes[i])] == WORD {
                i += 1;
            }
            if i >= bytes.len() || bytes[i].is_ascii() {
                break;
            }
            let (alnum, len) = decode(i);
            if !alnum {
                break;
            }
            i += len;
        }
        Some(start..i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use tantivy::tokenizer::TokenStream;

    /// Each token of the full index analyzer: its byte range and text.
    fn analyzed(text: &str, stem: bool) -> Vec<(Range<usize>, String)> {
        let mut a = schema::analyzer_with(stem);
        let mut s = a.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = s.next() {
            out.push((t.offset_from..t.offset_to, t.text.clone()));
        }
        out
    }

    /// The ranges the full analyzer says match `words`.
    fn expected(text: &str, words: &HashSet<String>, stem: bool) -> Vec<Range<usize>> {
        analyzed(text, stem)
            .into_iter()
            .filter(|(_, w)| words.contains(w))
            .map(|(r, _)| r)
            .collect()
    }

    #[test]
    fn stemming_keeps_the_first_letter_of_every_word_of_the_corpus() {
        let text = include_str!("../../corpus/000_3fa42d7a40e473df.txt").to_string()
            + " dying lying tying vying skies skis idly gently ugly early only singly news \
               howe atlas cosmos bias andes yearly yelling Ærø naïve";
        let plain = analyzed(&text, false);
        let stemmed = analyzed(&text, true);
        assert_eq!(plain.len(), stemmed.len());
        for ((_, p), (_, s)) in plain.iter().zip(&stemmed) {
            assert_eq!(p.chars().next(), s.chars().next(), "{p} -> {s}");
        }
    }

    /// Each word of the corpus page and of the exceptions alone as the
    /// query: the words the matcher marks are those the analyzer matches.
    /// One word's prefix opens few pairs, so this is what tests the pair
    /// gate of the ASCII path, and the `ying` words (`die` marks `dying`)
    /// its exception.
    #[test]
    fn each_word_alone_marks_what_the_analyzer_matches() {
        // ASCII, so that the matcher takes its ASCII path.
        let text: String = include_str!("../../corpus/000_3fa42d7a40e473df.txt")
            .chars()
            .filter(char::is_ascii)
            .chain(" dying lying tying vying die lie tie vie skies sky by".chars())
            .collect();
        let stemmed = analyzed(&text, true);
        let words: HashSet<&str> = stemmed.iter().map(|(_, w)| w.as_str()).collect();
        assert!(
            words.contains("die") && words.len() > 200,
            "{}",
            words.len()
        );
        for w in words {
            let query = HashSet::from([w.to_string()]);
            let want: Vec<Range<usize>> = stemmed
                .iter()
                .filter(|(_, s)| s == w)
                .map(|(r, _)| r.clone())
                .collect();
            assert_eq!(Matcher::new(query, true).matches(&text), want, "{w}");
        }
    }

    #[test]
    fn stems_of_ascii_words_differ_before_their_last_character_only_for_the_exceptions() {
        let text = include_str!("../../corpus/000_3fa42d7a40e473df.txt").to_string()
            + " dying lying tying vying skies skis idly gently ugly early only singly news \
               relational rational conditional valency hesitancy probability ability \
               possibly analogy organization generalization operator feudalism \
               sensitivity activity hopefulness callousness formality electricity \
               hopeful goodness formative cried ties cries happy sky by say agreed \
               proceeding exceedingly hoped hopping filing generously communism arsenal";
        let plain = analyzed(&text, false);
        let stemmed = analyzed(&text, true);
        assert_eq!(plain.len(), stemmed.len());
        let mut checked = 0;
        for ((r, p), (_, s)) in plain.iter().zip(&stemmed) {
            let word = &text[r.clone()];
            if !word.is_ascii() {
                continue;
            }
            checked += 1;
            let exception = is_cying(word.as_bytes());
            let keep = s.len().saturating_sub(1).max(1).min(s.len());
            assert!(
                exception || p.starts_with(&s[..keep]),
                "{word} -> {s}: not a prefix before the last character"
            );
        }
        assert!(checked > 500, "{checked}");
    }

    #[test]
    fn matches_equal_the_full_analyzer() {
        let text = include_str!("../../corpus/000_3fa42d7a40e473df.txt");
        let mut distinct: Vec<String> = analyzed(text, true).into_iter().map(|(_, w)| w).collect();
        distinct.sort();
        distinct.dedup();
        // Every fifth distinct stem as the query.
        let words: HashSet<String> = distinct.into_iter().step_by(5).collect();
        let want = expected(text, &words, true);
        assert!(!want.is_empty());
        assert_eq!(Matcher::new(words.clone(), true).matches(text), want);
        let plain: HashSet<String> = analyzed(text, false)
            .into_iter()
            .step_by(7)
            .map(|(_, w)| w)
            .collect();
        assert_eq!(
            Matcher::new(plain.clone(), false).matches(text),
            expected(text, &plain, false)
        );
    }

    #[test]
    fn matches_equal_the_full_analyzer_on_ascii_text() {
        // The seed page with its few non-ASCII characters made spaces: the
        // word-mask path, over chunks of 64 bytes.
        let text: String = include_str!("../../corpus/000_3fa42d7a40e473df.txt")
            .chars()
            .map(|c| if c.is_ascii() { c } else { ' ' })
            .collect();
        for (step, stem) in [(5, true), (3, false), (1, true)] {
            let words: HashSet<String> = analyzed(&text, stem)
                .into_iter()
                .step_by(step)
                .map(|(_, w)| w)
                .collect();
            let want = expected(&text, &words, stem);
            assert!(want.len() > 100, "{}", want.len());
            assert_eq!(Matcher::new(words, stem).matches(&text), want);
        }
    }

    proptest! {
        /// The mask says of every byte what [`CLASS`] says.
        #[test]
        fn word_mask_marks_the_letters_and_digits(chunk in proptest::collection::vec(0u8..128, 0..=64)) {
            let want = chunk
                .iter()
                .enumerate()
                .fold(0u64, |m, (j, &b)| m | u64::from(CLASS[usize::from(b)] == WORD) << j);
            prop_assert_eq!(word_mask(&chunk), want);
            let mut block = [0u8; 64];
            block[..chunk.len()].copy_from_slice(&chunk);
            prop_assert_eq!(word_mask_swar(&block), want);
        }

        /// ASCII only, long enough to cross chunks of 64 bytes: words at
        /// a chunk's edge, long runs, digits, capitals. Every ending of a
        /// picked word is a query word too, so that reading a piece of a
        /// word cut at a chunk's edge as a word of its own would show.
        #[test]
        fn ascii_matches_equal_the_full_analyzer_on_any_text(
            pad in 0usize..70,
            body in "([A-Za-z]{1,12}|[abAB]{1,4}|[0-9]{1,4}|[ ,.'\\-\n]{1,3}|x{40,44}){0,60}",
            stem in any::<bool>(),
            pick in 1usize..4,
        ) {
            let text = " ".repeat(pad) + &body;
            let all: Vec<String> = analyzed(&text, stem).into_iter().map(|(_, w)| w).collect();
            let words: HashSet<String> = all
                .into_iter()
                .step_by(pick)
                .flat_map(|w| (0..w.len()).map(move |i| w[i..].to_string()))
                .collect();
            prop_assert_eq!(Matcher::new(words.clone(), stem).matches(&text), expected(&text, &words, stem));
        }

        /// Accents, capitals, punctuation, long runs and repeats: the
        /// shortcuts never change what the full analyzer would match.
        #[test]
        fn matches_equal_the_full_analyzer_on_any_text(
            text in "([A-Za-z]{1,12}|[ÉéÆæØøÇçÑñÜüß]{1,3}|[0-9]{1,4}|[ ,.'’\\-\n]{1,3}|x{40,44}){0,40}",
            stem in any::<bool>(),
            pick in 1usize..4,
        ) {
            let all: Vec<String> = analyzed(&text, stem).into_iter().map(|(_, w)| w).collect();
            let words: HashSet<String> = all.into_iter().step_by(pick).collect();
            prop_assert_eq!(Matcher::new(words.clone(), stem).matches(&text), expected(&text, &words, stem));
        }
    }
}
