//! Which words of a text match the query: a word matches when the index
//! analyzer turns it into one of the query's words.
//!
//! Highlighting reads every word of every hit, so the matcher avoids the
//! analyzer wherever it can. Words are cut as the index's tokenizer cuts
//! them (runs of alphanumeric characters; runs of [`MAX_TOKEN_BYTES`] bytes
//! or more are dropped). A word whose first letter starts no query word
//! is rejected at once: lower-casing keeps an ASCII first letter's place,
//! and English (Porter2) stemming rewrites endings, never the first letter
//! (tested over every word of the sample corpus). The rest go through the
//! analyzer once per distinct spelling; the hits of one search repeat many
//! words.

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
    stem: Option<TextAnalyzer>,
    words: HashSet<String>,
    /// ASCII letters and digits that start a query word.
    ascii_firsts: [bool; 128],
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
        Matcher {
            base: schema::analyzer_with(false),
            stem: stemming.then(stem::word_stemmer),
            words,
            ascii_firsts,
            seen: FxHashMap::default(),
        }
    }

    /// The query words.
    pub fn words(&self) -> &HashSet<String> {
        &self.words
    }

    /// The byte ranges of the words of `text` that match, in order.
    pub fn matches(&mut self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        if self.words.is_empty() {
            return out;
        }
        for r in word_ranges(text) {
            let word = &text[r.clone()];
            if word.len() >= MAX_TOKEN_BYTES {
                continue;
            }
            let first = word.as_bytes()[0];
            // Analyzed, an ASCII first letter is that letter lower-cased.
            if first.is_ascii() && !self.ascii_firsts[usize::from(first.to_ascii_lowercase())] {
                continue;
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
        out
    }

    /// Whether one word, analyzed as the index analyzes it, is a query word.
    fn analyze(&mut self, word: &str) -> bool {
        let mut plain = self.base.token_stream(word);
        let Some(token) = plain.next() else {
            return false;
        };
        match &mut self.stem {
            None => self.words.contains(&token.text),
            Some(stemmer) => {
                let mut s = stemmer.token_stream(&token.text);
                s.next().is_some_and(|st| self.words.contains(&st.text))
            }
        }
    }
}

/// The words of `text` as the index's tokenizer cuts them: maximal runs of
/// alphanumeric characters. ASCII bytes are tested as bytes; only other
/// characters are decoded.
fn word_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    // Whether the character at byte `i` is alphanumeric, and its length.
    let at = move |i: usize| -> (bool, usize) {
        let b = bytes[i];
        if b.is_ascii() {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            (c.is_alphanumeric(), c.len_utf8())
        }
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        let start = loop {
            if i >= bytes.len() {
                return None;
            }
            let (alnum, len) = at(i);
            i += len;
            if alnum {
                break i - len;
            }
        };
        while i < bytes.len() {
            let (alnum, len) = at(i);
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
            + " dying lying tying skies skis idly gently ugly early only singly news \
               howe atlas cosmos bias andes yearly yelling Ærø naïve";
        let plain = analyzed(&text, false);
        let stemmed = analyzed(&text, true);
        assert_eq!(plain.len(), stemmed.len());
        for ((_, p), (_, s)) in plain.iter().zip(&stemmed) {
            assert_eq!(p.chars().next(), s.chars().next(), "{p} -> {s}");
        }
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

    proptest! {
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
