//! Text analysis done before indexing, on the ingest workers.
//!
//! tantivy analyzes a document's text on the indexing thread that takes
//! it. Ingest has few of them (at most two segments per run: one per
//! thread, or a merge that cost a fifth of the wall time: benches/README.md),
//! and on them the analysis (tokenizing, lower-casing, folding, stemming)
//! held the thread that finishes last. So ingest analyzes each text itself, on
//! its worker threads, and hands tantivy the result: the analyzed tokens
//! joined by spaces, read back by [`PreAnalyzed`], which only splits. The
//! indexed fields name [`PRE_ANALYZED`] as their tokenizer; the query
//! parser maps that name to the full analyzer ([`query_tokenizers`]), so a
//! query is analyzed as before.
//!
//! Positions stay what the analyzer gives: a token the analyzer drops
//! (longer than `MAX_TOKEN_BYTES`) leaves a gap, written as `GAP`.

use super::schema;
use super::stem::RememberingStemmer;
use std::cell::RefCell;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
    TokenizerManager,
};

/// The tokenizer name of the indexed text fields.
pub const PRE_ANALYZED: &str = "news_pre";

/// Stands for a position the analyzer left empty. Analyzed tokens are
/// letters and digits only, so it is never a token.
const GAP: char = '\u{1}';

thread_local! {
    /// Each worker's analyzers, with and without stemming (each keeps its
    /// stemmer's memory of words across documents).
    static ANALYZERS: RefCell<[Option<Analyzer>; 2]> = const { RefCell::new([None, None]) };
}

/// `text` analyzed as the `news` analyzer ([`schema::analyzer_with`])
/// would at index time: its tokens joined by single spaces, a `GAP` for
/// each skipped position.
pub fn analyze(text: &str, stem: bool) -> String {
    ANALYZERS.with(|cell| {
        let mut slots = cell.borrow_mut();
        slots[usize::from(stem)]
            .get_or_insert_with(|| Analyzer::new(stem))
            .analyze(text)
    })
}

/// The `news` analyzer's steps in one pass over the text.
///
/// tantivy's chain (`SimpleTokenizer`, `RemoveLongFilter`, `LowerCaser`,
/// `AsciiFoldingFilter`, the stemmer) hands each token through five
/// streams; it was about 550 instructions a token and a sixth of a
/// Reuters ingest's (callgrind). Here the words are found by bytes, an
/// ASCII word is lower-cased in place (neither of the two filters does
/// anything else to it), and only a word with other letters goes through
/// tantivy's own `LowerCaser` and `AsciiFoldingFilter`; the stemmer is the
/// same remembering one. A proptest holds it to the chain's tokens and
/// positions.
struct Analyzer {
    /// tantivy's lower-casing and folding, for a word that is not ASCII.
    fold: TextAnalyzer,
    stemmer: Option<RememberingStemmer>,
    word: String,
}

impl Analyzer {
    fn new(stem: bool) -> Self {
        Analyzer {
            fold: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
            stemmer: stem.then(RememberingStemmer::default),
            word: String::new(),
        }
    }

    fn analyze(&mut self, text: &str) -> String {
        if text.is_ascii() {
            return self.analyze_ascii(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut position = 0usize;
        let mut next = 0usize;
        let mut i = 0;
        while i < text.len() {
            let (alnum, len) = char_at(text, i);
            if !alnum {
                i += len;
                continue;
            }
            // A word: letters and digits up to the next other character,
            // as `SimpleTokenizer` cuts it.
            let start = i;
            let mut ascii = len == 1;
            i += len;
            while i < text.len() {
                let (alnum, len) = char_at(text, i);
                if !alnum {
                    break;
                }
                ascii &= len == 1;
                i += len;
            }
            let word = &text[start..i];
            position += 1;
            if word.len() >= schema::MAX_TOKEN_BYTES {
                continue;
            }
            self.word.clear();
            if ascii {
                self.word.push_str(word);
                self.word.make_ascii_lowercase();
            } else {
                let mut s = self.fold.token_stream(word);
                if let Some(t) = s.next() {
                    self.word.push_str(&t.text);
                }
            }
            self.push_word(&mut out, position, &mut next);
        }
        out.pop();
        out
    }

    /// [`Analyzer::analyze`] of ASCII text: its words found with a table
    /// of letters and digits, no character decoded (the text is checked
    /// once, most news text is ASCII; a byte at a time through
    /// [`char_at`], the words took about 60 instructions more each).
    fn analyze_ascii(&mut self, text: &str) -> String {
        let bytes = text.as_bytes();
        let alnum = |i: usize| bytes.get(i).is_some_and(|&b| ALNUM[usize::from(b)]);
        let mut out = String::with_capacity(text.len());
        let mut position = 0usize;
        let mut next = 0usize;
        let mut i = 0;
        loop {
            while i < bytes.len() && !alnum(i) {
                i += 1;
            }
            if i == bytes.len() {
                break;
            }
            let start = i;
            while alnum(i) {
                i += 1;
            }
            position += 1;
            if i - start >= schema::MAX_TOKEN_BYTES {
                continue;
            }
            self.word.clear();
            self.word.push_str(&text[start..i]);
            self.word.make_ascii_lowercase();
            self.push_word(&mut out, position, &mut next);
        }
        out.pop();
        out
    }

    /// Stems `self.word` (lower-cased and folded), the token at
    /// `position` (from 1), and writes it to `out` after a `GAP` for each
    /// position skipped since `next`.
    fn push_word(&mut self, out: &mut String, position: usize, next: &mut usize) {
        if let Some(stemmer) = &mut self.stemmer {
            stemmer.stem_in_place(&mut self.word);
        }
        for _ in *next..position - 1 {
            out.push(GAP);
            out.push(' ');
        }
        out.push_str(&self.word);
        out.push(' ');
        *next = position;
    }
}

/// ASCII letters and digits: the ASCII characters `SimpleTokenizer`'s
/// `char::is_alphanumeric` keeps.
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Whether the character at byte `i` of `text` is a letter or a digit, and
/// its length in bytes.
fn char_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        return (b.is_ascii_alphanumeric(), 1);
    }
    let c = text[i..].chars().next().expect("i is a char boundary");
    (c.is_alphanumeric(), c.len_utf8())
}

/// The tokenizer of the indexed fields: splits [`analyze`]'s output.
#[derive(Clone, Default)]
pub struct PreAnalyzed {
    token: Token,
}

impl Tokenizer for PreAnalyzed {
    type TokenStream<'a> = PreAnalyzedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PreAnalyzedStream<'a> {
        self.token.reset();
        PreAnalyzedStream {
            rest: Some(text),
            position: 0,
            token: &mut self.token,
        }
    }
}

/// The token stream of [`PreAnalyzed`].
pub struct PreAnalyzedStream<'a> {
    /// The text after the last word read; `None` past the end.
    rest: Option<&'a str>,
    position: usize,
    token: &'a mut Token,
}

impl TokenStream for PreAnalyzedStream<'_> {
    fn advance(&mut self) -> bool {
        // `split(' ')` by hand: with `str::split`, this stream was 5.7% of
        // a Reuters ingest's instructions (callgrind), on the indexing
        // thread; with a byte loop, 2.8%.
        while let Some(rest) = self.rest {
            let (word, next) = match rest.bytes().position(|b| b == b' ') {
                Some(i) => (&rest[..i], Some(&rest[i + 1..])),
                None => (rest, None),
            };
            self.rest = next;
            let position = self.position;
            self.position += 1;
            if word.is_empty() || word.starts_with(GAP) {
                continue;
            }
            self.token.text.clear();
            self.token.text.push_str(word);
            self.token.position = position;
            // Offsets are not kept: search highlights from the stored text.
            self.token.offset_from = 0;
            self.token.offset_to = 0;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// The tokenizers a query parser needs: [`PRE_ANALYZED`] is the full
/// analyzer (with stemming when the index has it), as at index time.
pub fn query_tokenizers(stem: bool) -> TokenizerManager {
    let manager = TokenizerManager::default();
    manager.register(PRE_ANALYZED, schema::analyzer_with(stem));
    manager
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            out.push((stream.token().text.clone(), stream.token().position));
        }
        out
    }

    fn pre_analyzed(text: &str, stem: bool) -> Vec<(String, usize)> {
        tokens(
            TextAnalyzer::from(PreAnalyzed::default()),
            &analyze(text, stem),
        )
    }

    #[test]
    fn gaps_keep_the_positions_of_dropped_tokens() {
        let long = "x".repeat(schema::MAX_TOKEN_BYTES + 5);
        let text = format!("Vučić {long} said, running");
        let want = vec![
            ("vucic".to_string(), 0),
            ("said".into(), 2),
            ("run".into(), 3),
        ];
        assert_eq!(pre_analyzed(&text, true), want);
        assert_eq!(tokens(schema::analyzer(), &text), want);
        assert!(pre_analyzed("", true).is_empty());
        assert!(pre_analyzed(" ,;- ", false).is_empty());
    }

    proptest! {
        /// Whatever the text, the indexed tokens and positions are the
        /// analyzer's own.
        #[test]
        fn the_same_tokens_as_the_analyzer(
            text in "(([a-zA-Z0-9éÉßøü]{1,12}|[a-z]{41,45})[ ,.;'\\-\n]{1,3}){0,30}",
            stem: bool,
        ) {
            prop_assert_eq!(pre_analyzed(&text, stem), tokens(schema::analyzer_with(stem), &text));
        }

        /// Any text, in any script, analyzed in one pass is what tantivy's
        /// chain gives, character for character, gaps included.
        #[test]
        fn one_pass_is_the_chain_on_any_text(text in "\\PC{0,60}", stem: bool) {
            prop_assert_eq!(analyze(&text, stem), chain_analyze(&text, stem));
        }

        /// ASCII text, read by its own path: words at the length bound,
        /// every separator, digits.
        #[test]
        fn one_pass_is_the_chain_on_ascii(
            text in "([a-zA-Z0-9]{1,12}|[a-zA-Z]{38,42}|[ .,'\\-\t\n_~]{1,3}){0,40}",
            stem: bool,
        ) {
            prop_assert_eq!(analyze(&text, stem), chain_analyze(&text, stem));
        }

        /// Letters whose lower case or folding changes their length, marks,
        /// digits of other scripts, words at the length bound.
        #[test]
        fn one_pass_is_the_chain_on_awkward_letters(
            text in "([a-zA-Z]{0,38}|[İıẞßﬁΣσς²٣éÉøØ\u{301}\u{307}a-zA-Z0-9]{1,25}|[ .,'\\-\t]{1,2}){0,20}",
            stem: bool,
        ) {
            prop_assert_eq!(analyze(&text, stem), chain_analyze(&text, stem));
        }
    }

    /// What [`analyze`] was before it ran in one pass: tantivy's chain,
    /// token by token.
    fn chain_analyze(text: &str, stem: bool) -> String {
        let mut analyzer = schema::analyzer_with(stem);
        let mut out = String::new();
        let mut stream = analyzer.token_stream(text);
        let mut next = 0usize;
        while stream.advance() {
            let token = stream.token();
            for _ in next..token.position {
                out.push(GAP);
                out.push(' ');
            }
            out.push_str(&token.text);
            out.push(' ');
            next = token.position + 1;
        }
        out.pop();
        out
    }

    #[test]
    fn one_pass_is_the_chain_on_the_bundled_corpus() {
        let text = include_str!("../../corpus/000_3fa42d7a40e473df.txt");
        for stem in [false, true] {
            assert_eq!(analyze(text, stem), chain_analyze(text, stem));
        }
        let odd = "İstanbul ﬁnance Straße ΣΟΦΊΑ x² ٣٤ e\u{301}te";
        assert_eq!(analyze(odd, true), chain_analyze(odd, true));
        assert!(
            analyze(odd, false).starts_with("i̇stanbul finance strasse"),
            "{}",
            analyze(odd, false)
        );
    }
}
