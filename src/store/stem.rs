//! English stemming with a memory of the words already stemmed.
//!
//! Stemming was the largest single cost of ingest (frostem's Snowball
//! English, about 23% of the CPU samples of a Reuters ingest): news text
//! repeats a small vocabulary, and each repeat was stemmed again. The
//! [`RememberingStemmer`] gives exactly what tantivy's [`Stemmer`](tantivy::tokenizer::Stemmer) gives
//! (the answer for a word comes from the Snowball code tantivy's stemmer
//! calls, and is remembered; tests hold the two together), looking repeats
//! up in a table of at most [`MAX_WORDS`] words. Ingest keeps one per
//! worker thread (`store::analysis`); the query analyzer's filter,
//! [`CachedEnglishStemmer`], wraps one per clone of the analyzer.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words remembered per analyzer: news vocabulary is Zipfian, so the most
/// frequent words cover nearly every token. A full table is about 2 MB
/// (a 32-byte slot per word, for words and stems of at most 15 bytes,
/// nearly all of them). Reuters-21578's words fit: 16,384 left 105M more
/// instructions of stemming on its ingest (1.3%), 65,536 saved nothing
/// more; the peak of a `--memory-mb 64` ingest went from 45 / 51 / 54 MB
/// to 47 / 52 / 56 MB at 1x / 4x / 16x (benches/README.md). tantivy's
/// indexing budget does not count these tables: they come out of the
/// half of `--memory-mb` that `NewsWriter::open` keeps back.
pub const MAX_WORDS: usize = 32_768;

/// The Snowball English stemmer tantivy's [`Stemmer`](tantivy::tokenizer::Stemmer) runs (frostem: the
/// same crate and version, Cargo builds one for both), for one word at a
/// time: the index's stemming, and the highlighter's for words of hits.
pub fn english() -> frostem::Stemmer {
    frostem::Stemmer::new(frostem::Algorithm::English)
}

/// The English stemmer with a memory (a [`TokenFilter`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedEnglishStemmer;

impl TokenFilter for CachedEnglishStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner,
            stemmer: RememberingStemmer::default(),
        }
    }
}

/// A tokenizer followed by the remembering stemmer.
#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    stemmer: RememberingStemmer,
}

/// tantivy's English stemmer, one word at a time, with a memory of the
/// words it has stemmed.
#[derive(Clone)]
pub struct RememberingStemmer {
    /// [`english`], called directly: a word through a `TextAnalyzer` also
    /// paid for a boxed token stream and two copies of the word.
    stemmer: frostem::Stemmer,
    memory: Memory,
}

impl Default for RememberingStemmer {
    fn default() -> Self {
        RememberingStemmer {
            stemmer: english(),
            memory: Memory::default(),
        }
    }
}

impl RememberingStemmer {
    /// Writes `word`'s stem over it.
    pub fn stem_in_place(&mut self, word: &mut String) {
        // Snowball leaves a word of two letters or fewer as it is, and has
        // no rule for digits: a quarter of Reuters tokens (`of`, `to`, `1987`)
        // need neither the table nor the stemmer.
        if word.len() <= 2 || word.bytes().all(|b| b.is_ascii_digit()) {
            return;
        }
        if self.memory.stem_in_place(word) {
            return;
        }
        let stem = self.stemmer.stem(word).into_owned();
        self.memory.insert(word, &stem);
        // Written over, not swapped in: `word` is the caller's buffer for
        // every word, and a stem's exact-size allocation in its place made
        // the next longer word grow it again (about 98,000 reallocations
        // on Reuters).
        word.clear();
        word.push_str(&stem);
    }
}

/// The stems of words already stemmed, at most [`MAX_WORDS`] of them.
///
/// A word and its stem of at most 15 bytes each (nearly every word) are
/// kept as two `u128`s in the table's own slot: a lookup reads one slot
/// and compares two integers. Kept as `String`s, each lookup also read the
/// key's and the stem's heap memory, and that was most of the stemmer's
/// cost on a Reuters ingest (the key comparison alone was 8% of the CPU
/// samples: `perf record`, benches/README.md).
#[derive(Clone, Default)]
struct Memory {
    short: FxHashMap<u128, u128>,
    long: FxHashMap<String, String>,
}

impl Memory {
    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// Writes `word`'s stem over it, if remembered.
    fn stem_in_place(&self, word: &mut String) -> bool {
        if let Some(key) = pack(word) {
            let Some(&stem) = self.short.get(&key) else {
                return false;
            };
            let stem = stem.to_le_bytes();
            if stem[15] & PREFIX != 0 {
                word.truncate(usize::from(stem[15] & !PREFIX));
            } else {
                word.clear();
                word.push_str(unpack(&stem));
            }
            return true;
        }
        let Some(stem) = self.long.get(word.as_str()) else {
            return false;
        };
        word.clear();
        word.push_str(stem);
        true
    }

    fn insert(&mut self, word: &str, stem: &str) {
        if self.len() >= MAX_WORDS {
            return;
        }
        // A stem that begins the word (`prices` -> `price`) is its length.
        let value = if word.starts_with(stem) {
            Some(u128::from(PREFIX | stem.len() as u8) << 120)
        } else {
            pack(stem)
        };
        match (pack(word), value) {
            (Some(key), Some(value)) => {
                self.short.insert(key, value);
            }
            _ => {
                self.long.insert(word.to_string(), stem.to_string());
            }
        }
    }
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let CachedStemmerFilter { inner, stemmer } = self;
        CachedStemmerStream {
            tail: inner.token_stream(text),
            stemmer,
        }
    }
}

/// The token stream of [`CachedStemmerFilter`].
pub struct CachedStemmerStream<'a, T> {
    tail: T,
    stemmer: &'a mut RememberingStemmer,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.stemmer.stem_in_place(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Marks a remembered stem that is the word's first bytes: its last byte
/// is this bit and the stem's length, the word is cut to it (no copy and
/// no UTF-8 check: most English stems are a prefix of their word).
const PREFIX: u8 = 0x80;

/// `s` in one integer, if it has at most 15 bytes: its bytes, zero-padded,
/// then its length in the last byte.
fn pack(s: &str) -> Option<u128> {
    let b = s.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    buf[15] = b.len() as u8;
    Some(u128::from_le_bytes(buf))
}

/// The string [`pack`] packed, from the packed bytes.
fn unpack(buf: &[u8; 16]) -> &str {
    std::str::from_utf8(&buf[..usize::from(buf[15])]).expect("packed from a str")
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{
        Language, LowerCaser, RawTokenizer, SimpleTokenizer, Stemmer, TextAnalyzer,
    };

    /// tantivy's own stemmer, one whole text at a time: what the
    /// remembering stemmer must give.
    fn tantivys_stemmer() -> TextAnalyzer {
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(Stemmer::new(Language::English))
            .build()
    }

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
        let mut plain = tantivys_stemmer();
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
        assert_eq!(filter.stemmer.memory.len(), MAX_WORDS);
    }

    #[test]
    fn long_words_and_zero_bytes_are_remembered_apart() {
        let mut filter = CachedEnglishStemmer.transform(RawTokenizer::default());
        let mut plain = tantivys_stemmer();
        // 15 bytes (packed), 16 and 18 (not), a two-byte letter ending on
        // the 15th byte and on the 16th, and zero bytes that the padding
        // would confuse with `abing` if the length were not packed too.
        let words = [
            "accommodatingne",
            "accommodatingnes",
            "internationalizing",
            "abcdefghijklmé",
            "abcdefghijklmné",
            "abing",
            "abing\0",
            "ab\0ing",
            "\0\0\0",
        ];
        for _ in 0..2 {
            for w in words {
                let mut s = filter.token_stream(w);
                assert!(s.advance());
                let got = s.token().text.clone();
                assert_eq!(got, tokens(&mut plain, w)[0].0, "{w:?}");
            }
        }
        assert_eq!(filter.stemmer.memory.short.len(), 6);
        assert_eq!(filter.stemmer.memory.long.len(), 3);
    }

    proptest::proptest! {
        /// Any word, stemmed once and then from memory, is tantivy's stem.
        #[test]
        fn remembered_stems_are_the_stemmers(words in proptest::collection::vec("[a-zé0\0]{3,20}", 1..20)) {
            let mut filter = CachedEnglishStemmer.transform(RawTokenizer::default());
            let mut plain = tantivys_stemmer();
            for _ in 0..2 {
                for w in &words {
                    let mut s = filter.token_stream(w);
                    proptest::prop_assert!(s.advance());
                    let got = s.token().text.clone();
                    proptest::prop_assert_eq!(&got, &tokens(&mut plain, w)[0].0);
                }
            }
        }
    }
}
