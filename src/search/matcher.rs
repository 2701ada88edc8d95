//! Which words of a text match the query: the text is analyzed as the
//! index analyzed it, and a token matches when its analyzed form is one of
//! the query's words.
//!
//! Stemming is most of the cost of highlighting, so a token is stemmed only
//! when it could stem to a query word: English (Porter2) stemming rewrites
//! endings and never the first letter, so a token whose first letter starts
//! no query word cannot match (tested over every word of the sample corpus).

use crate::store::schema;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer};

/// Marks the tokens of a text that match a set of analyzed query words.
#[derive(Clone)]
pub struct Matcher {
    /// The index analyzer without its stemmer.
    base: TextAnalyzer,
    /// One word in, its stem out; `None` on an index built without stemming.
    stem: Option<TextAnalyzer>,
    words: HashSet<String>,
    firsts: Vec<char>,
    /// Whether a folded word stems to a query word, for words seen before:
    /// the hits of one search repeat many words.
    seen: HashMap<String, bool>,
}

impl Matcher {
    /// A matcher for `words` (analyzed query words) on an index that does
    /// or does not stem.
    pub fn new(words: HashSet<String>, stemming: bool) -> Matcher {
        let mut firsts: Vec<char> = words.iter().filter_map(|w| w.chars().next()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        Matcher {
            base: schema::analyzer_with(false),
            stem: stemming.then(|| {
                TextAnalyzer::builder(RawTokenizer::default())
                    .filter(Stemmer::new(Language::English))
                    .build()
            }),
            words,
            firsts,
            seen: HashMap::new(),
        }
    }

    /// The query words.
    pub fn words(&self) -> &HashSet<String> {
        &self.words
    }

    /// Every token of `text` as a byte range, flagged when it matches.
    pub fn tokens(&mut self, text: &str) -> Vec<(Range<usize>, bool)> {
        let Matcher {
            base,
            stem,
            words,
            firsts,
            seen,
        } = self;
        let mut out = Vec::new();
        if words.is_empty() {
            return out;
        }
        let mut stream = base.token_stream(text);
        while let Some(t) = stream.next() {
            let matched = match stem {
                None => words.contains(&t.text),
                Some(stemmer) => {
                    t.text
                        .chars()
                        .next()
                        .is_some_and(|c| firsts.binary_search(&c).is_ok())
                        && match seen.get(&t.text) {
                            Some(m) => *m,
                            None => {
                                let mut s = stemmer.token_stream(&t.text);
                                let m = s.next().is_some_and(|st| words.contains(&st.text));
                                seen.insert(t.text.clone(), m);
                                m
                            }
                        }
                }
            };
            out.push((t.offset_from..t.offset_to, matched));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenStream;

    fn analyzed(text: &str, stem: bool) -> Vec<String> {
        let mut a = schema::analyzer_with(stem);
        let mut s = a.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = s.next() {
            out.push(t.text.clone());
        }
        out
    }

    #[test]
    fn stemming_keeps_the_first_letter_of_every_word_of_the_corpus() {
        let text = include_str!("../../corpus/000_3fa42d7a40e473df.txt").to_string()
            + " dying lying tying skies skis idly gently ugly early only singly news \
               howe atlas cosmos bias andes yearly yelling Ærø naïve";
        let plain = analyzed(&text, false);
        let stemmed = analyzed(&text, true);
        assert_eq!(plain.len(), stemmed.len());
        for (p, s) in plain.iter().zip(&stemmed) {
            assert_eq!(p.chars().next(), s.chars().next(), "{p} -> {s}");
        }
    }

    #[test]
    fn matches_equal_the_full_analyzer() {
        let text = include_str!("../../corpus/000_3fa42d7a40e473df.txt");
        let plain = analyzed(text, false);
        let stemmed = analyzed(text, true);
        // Every fifth distinct stem as the query.
        let mut distinct: Vec<&String> = stemmed.iter().collect();
        distinct.sort();
        distinct.dedup();
        let words: HashSet<String> = distinct.iter().step_by(5).map(|s| s.to_string()).collect();
        let mut m = Matcher::new(words.clone(), true);
        let flags: Vec<bool> = m.tokens(text).into_iter().map(|(_, f)| f).collect();
        let expected: Vec<bool> = stemmed.iter().map(|s| words.contains(s)).collect();
        assert_eq!(flags, expected);
        assert_eq!(flags.len(), plain.len());
        assert!(flags.iter().any(|f| *f));
    }
}
