//! The types that flow through the pipeline.
//!
//! `RawDocument` (one page or record, as read) becomes one or more
//! `Article`s (the lead and its teasers), each article becomes `Passage`s,
//! and a search returns `Hit`s.

use chrono::NaiveDate;
use serde::Serialize;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// One page or record as read from disk, before cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDocument {
    /// The article id of the page's lead article.
    pub id: String,
    /// Where it came from (as given on the command line, joined with the walk).
    pub source: PathBuf,
    /// The 1-based line for records of a JSON Lines file.
    pub line: Option<usize>,
    /// A headline from metadata or the record; `None` for plain-text pages,
    /// whose first line is the headline.
    pub title: Option<String>,
    /// The page text, one paragraph or visual line per line.
    pub text: String,
    /// The publication date the page or record states, with its source.
    pub date: Option<Dated>,
    /// The page's URL, when known.
    pub url: Option<String>,
    /// Each line of `text` is a whole paragraph or block (a rendered HTML
    /// page), never a piece of a hard-wrapped one: a page of short lines
    /// (a list of tour dates) is not joined up as wrapped prose.
    pub lines_are_paragraphs: bool,
    /// Photo captions the page marks as such (an HTML `<figcaption>`),
    /// kept out of `text`; captions found in the text join them.
    pub captions: Vec<String>,
}

/// Whether an article is the page's own story or a teaser for another one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ArticleKind {
    /// The page's own article.
    Lead,
    /// A teaser for another story, split out of a "More from ..." block.
    Teaser,
}

impl ArticleKind {
    /// The name stored in the index and shown to users.
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleKind::Lead => "lead",
            ArticleKind::Teaser => "teaser",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "lead" => Some(ArticleKind::Lead),
            "teaser" => Some(ArticleKind::Teaser),
            _ => None,
        }
    }
}

impl fmt::Display for ArticleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A publication date and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    pub date: NaiveDate,
    /// A short description of the source, e.g. `record:date`,
    /// `meta:article:published_time`, `caption`.
    pub source: String,
}

/// One cleaned article: a page's lead story or one of its teasers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub id: String,
    pub kind: ArticleKind,
    /// The lead article's id, for teasers.
    pub lead_id: Option<String>,
    pub title: String,
    /// The photo caption, kept once.
    pub caption: Option<String>,
    /// Clean body text, paragraphs separated by a blank line.
    pub body: String,
    pub date: Option<Dated>,
    pub url: Option<String>,
    pub source: PathBuf,
}

/// A sentence-aligned piece of an article, the unit that is indexed and ranked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// `ARTICLE_ID#N`, N counting from 0 in article order; stable across
    /// re-ingests of the same input.
    pub id: String,
    /// Its position in the article.
    pub ordinal: usize,
    /// The byte offset of its text in the article's body.
    pub offset: usize,
    pub text: String,
}

/// A passage's id: its article's id, `#` and its ordinal (`ARTICLE_ID#N`).
/// Built without the formatting machinery: `format!` took about 800
/// instructions, once per hit (benches/README.md, "What was tried").
pub fn passage_id(article_id: &str, ordinal: u64) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = ordinal;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut id = String::with_capacity(article_id.len() + 1 + digits.len() - at);
    id.push_str(article_id);
    id.push('#');
    id.extend(digits[at..].iter().copied().map(char::from));
    id
}

/// One ranked search result: a passage with its article's facts.
///
/// The passage's stored strings are shared (`Arc<str>`): hits of a
/// passage held in memory (`search --batch`, [`crate::search::Engine::preload`])
/// point at the held copy instead of copying it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    pub article_id: Arc<str>,
    pub passage_id: String,
    pub kind: ArticleKind,
    pub lead_id: Option<Arc<str>>,
    pub title: Arc<str>,
    #[serde(serialize_with = "serialize_date")]
    pub date: Option<NaiveDate>,
    pub date_source: Option<Arc<str>>,
    pub source: Arc<str>,
    pub url: Option<Arc<str>>,
    pub caption: Option<Arc<str>>,
    /// The whole passage.
    pub text: Arc<str>,
    /// An excerpt of the passage (or caption) around the matches.
    pub snippet: String,
    /// `[start, end)` byte offsets of matched words in `snippet`.
    pub highlights: Vec<[usize; 2]>,
    /// The score's parts, with `--explain`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<crate::search::explain::Why>,
}

/// Serializes a day as `YYYY-MM-DD` (or null).
pub fn serialize_date<S: serde::Serializer>(
    d: &Option<NaiveDate>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.format("%Y-%m-%d").to_string()),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
impl Article {
    /// A lead article of `t.jsonl`, with no caption, date or url: the
    /// unit tests' article, changed where a test needs more.
    pub(crate) fn lead(
        id: impl Into<String>,
        title: impl Into<String>,
        body: impl Into<String>,
    ) -> Article {
        Article {
            id: id.into(),
            kind: ArticleKind::Lead,
            lead_id: None,
            title: title.into(),
            caption: None,
            body: body.into(),
            date: None,
            url: None,
            source: "t.jsonl".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The id `format!` would write, for any id and ordinal.
        #[test]
        fn passage_id_is_the_article_id_a_hash_and_the_ordinal(id in "\\PC{0,12}", n in proptest::num::u64::ANY) {
            proptest::prop_assert_eq!(passage_id(&id, n), format!("{id}#{n}"));
        }
    }

    #[test]
    fn passage_id_at_the_edges() {
        assert_eq!(passage_id("a", 0), "a#0");
        assert_eq!(passage_id("", 10), "#10");
        assert_eq!(passage_id("x#1", u64::MAX), "x#1#18446744073709551615");
    }
}
