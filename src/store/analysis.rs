//! Text analysis done before indexing, on the ingest workers.
//!
//! tantivy analyzes a document's text on the indexing thread that takes
//! it. Ingest needs one segment per run (one thread, or a merge that cost a
//! fifth of the wall time: benches/README.md), and on one thread the
//! analysis (tokenizing, lower-casing, folding, stemming) held that thread
//! while the other core waited. So ingest analyzes each text itself, on
//! its worker threads, and hands tantivy the result: the analyzed tokens
//! joined by spaces, read back by [`PreAnalyzed`], which only splits. The
//! indexed fields name [`PRE_ANALYZED`] as their tokenizer; the query
//! parser maps that name to the full analyzer ([`query_tokenizers`]), so a
//! query is analyzed as before.
//!
//! Positions stay what the analyzer gives: a token the analyzer drops
//! (longer than `MAX_TOKEN_BYTES`) leaves a gap, written as `GAP`.

use super::schema;
use std::cell::RefCell;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager};

/// The tokenizer name of the indexed text fields.
pub const PRE_ANALYZED: &str = "news_pre";

/// Stands for a position the analyzer left empty. Analyzed tokens are
/// letters and digits only, so it is never a token.
const GAP: char = '\u{1}';

thread_local! {
    /// Each worker's analyzers, with and without stemming (each keeps its
    /// stemmer's memory of words across documents).
    static ANALYZERS: RefCell<[Option<TextAnalyzer>; 2]> = const { RefCell::new([None, None]) };
}

/// `text` analyzed as the `news` analyzer would at index time: its tokens
/// joined by single spaces, a `GAP` for each skipped position.
pub fn analyze(text: &str, stem: bool) -> String {
    ANALYZERS.with(|cell| {
        let mut slots = cell.borrow_mut();
        let analyzer = slots[usize::from(stem)].get_or_insert_with(|| schema::analyzer_with(stem));
        let mut out = String::with_capacity(text.len());
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
    })
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
    }
}
