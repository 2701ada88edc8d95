//! English stemming with a memory of the words already stemmed.
//!
//! Stemming was the largest single cost of ingest (frostem's Snowball
//! English, about 23% of the CPU samples of a Reuters ingest): news text
//! repeats a small vocabulary, and each repeat was stemmed again. This
//! filter gives exactly what tantivy's [`Stemmer`] gives (the answer for a
//! word is tantivy's own, remembered), looking repeats up in a table of at
//! most [`MAX_WORDS`] words per analyzer. tantivy clones the analyzer for
//! each field of each indexing thread, so each clone has its own table.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Words remembered per analyzer: news vocabulary is Zipfian, so the most
/// frequent words cover nearly every token. A full table is about 2 MB by
/// estimate (two short strings and the table's own slot per word); a
/// Reuters ingest peaked 1 to 2 MB higher than with tantivy's stemmer.
/// tantivy's indexing budget does not count these tables: they come out
/// of the half of `--memory-mb` that `NewsWriter::open` keeps back.
pub const MAX_WORDS: usize = 16_384;

/// tantivy's English stemmer for one word at a time: the whole text in,
/// its stem out (the highlighter asks it about words of hits, too).
pub fn word_stemmer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The English stemmer with a memory (a [`TokenFilter`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedEnglishStemmer;

impl TokenFilter for CachedEnglishStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner,
            stemmer: word_stemmer(),
            memory: FxHashMap::default(),
        }
    }
}

/// A tokenizer followed by the remembering stemmer.
#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    /// tantivy's stemmer, run on one word at a time.
    stemmer: TextAnalyzer,
    memory: FxHashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let CachedStemmerFilter {
            inner,
            stemmer,
            memory,
        } = self;
        CachedStemmerStream {
            tail: inner.token_stream(text),
            stemmer,
            memory,
        }
    }
}

/// The token stream of [`CachedStemmerFilter`].
pub struct CachedStemmerStream<'a, T> {
    tail: T,
    stemmer: &'a mut TextAnalyzer,
    memory: &'a mut FxHashMap<String, String>,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        // Snowball leaves a word of two letters or fewer as it is, and has
        // no rule for digits: a quarter of Reuters tokens (`of`, `to`, `1987`)
        // need neither the table nor the stemmer.
        if token.text.len() <= 2 || token.text.bytes().all(|b| b.is_ascii_digit()) {
            return true;
        }
        if let Some(stem) = self.memory.get(token.text.as_str()) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem = {
            let mut s = self.stemmer.token_stream(&token.text);
            match s.next() {
                Some(t) => t.text.clone(),
                None => return true,
            }
        };
        if self.memory.len() < MAX_WORDS {
            self.memory.insert(token.text.clone(), stem.clone());
        }
        token.text = stem;
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer};

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut s = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = s.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn gives_what_tantivys_stemmer_gives_with_and_without_its_memory() {
        let text = include_str!("../../corpus/000_3fa42d7a40e473df.txt");
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let mut cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedEnglishStemmer)
            .build();
        let want = tokens(&mut plain, text);
        assert!(want.len() > 1000);
        // Twice: the second pass answers from memory.
        assert_eq!(tokens(&mut cached, text), want);
        assert_eq!(tokens(&mut cached, text), want);
    }

    #[test]
    fn short_words_and_numbers_pass_as_the_stemmer_would_leave_them() {
        let mut plain = word_stemmer();
        let mut cached = TextAnalyzer::builder(RawTokenizer::default())
            .filter(CachedEnglishStemmer)
            .build();
        let chars: Vec<char> = ('a'..='z').chain('0'..='9').chain(['é', 'ß']).collect();
        let mut words: Vec<String> = chars.iter().map(|c| c.to_string()).collect();
        for a in &chars {
            for b in &chars {
                words.push(format!("{a}{b}"));
            }
        }
        words.extend(["1987", "000", "20241201", "3", "99999999999"].map(String::from));
        for w in &words {
            assert_eq!(tokens(&mut cached, w), tokens(&mut plain, w), "{w}");
        }
        // Three letters can be stemmed (`ies` -> `ie`): the bound is tight.
        assert_eq!(tokens(&mut cached, "ies")[0].0, "ie");
    }

    #[test]
    fn the_memory_stops_growing_at_its_bound() {
        let words: String = (0..MAX_WORDS + 100).map(|i| format!("w{i}ing ")).collect();
        let mut filter = CachedEnglishStemmer.transform(SimpleTokenizer::default());
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(Stemmer::new(Language::English))
            .build();
        let want = tokens(&mut plain, &words);
        for _ in 0..2 {
            let mut s = filter.token_stream(&words);
            let mut got = Vec::new();
            while s.advance() {
                let t = s.token();
                got.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
            }
            assert_eq!(got, want);
        }
        assert_eq!(filter.memory.len(), MAX_WORDS);
    }
}
