//! A passage as the doc store holds it, read into owned values
//! ([`Stored`]), and what a hit shows of it ([`Shown`]).
//!
//! A hit's strings are shared: a passage held in memory by
//! [`super::preload`] gives them to every hit that shows it without a
//! copy, and one read from the doc store moves its strings in once
//! (no [`tantivy::TantivyDocument`] in between).

use crate::model::ArticleKind;
use crate::store::schema::Fields;
use std::sync::Arc;
use tantivy::schema::document::{DeserializeError, DocumentDeserialize, DocumentDeserializer};
use tantivy::schema::{Field, OwnedValue};

/// The stored values of one document, in stored order.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Stored {
    values: Vec<(Field, OwnedValue)>,
}

impl DocumentDeserialize for Stored {
    fn deserialize<'de, D>(mut deserializer: D) -> Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        let mut values = Vec::with_capacity(deserializer.size_hint());
        while let Some(entry) = deserializer.next_field::<OwnedValue>()? {
            values.push(entry);
        }
        Ok(Stored { values })
    }
}

impl Stored {
    /// Moves out the first string still stored in `field` (a field holding
    /// one string gives it once, then `None`).
    pub fn take_str(&mut self, field: Field) -> Option<String> {
        let (_, v) = self
            .values
            .iter_mut()
            .find(|(f, v)| *f == field && matches!(v, OwnedValue::Str(_)))?;
        match std::mem::replace(v, OwnedValue::Null) {
            OwnedValue::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// The stored fields a hit shows, each string shared ([`Shown::of`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub article_id: Arc<str>,
    pub kind: ArticleKind,
    pub lead_id: Option<Arc<str>>,
    pub title: Arc<str>,
    pub date_source: Option<Arc<str>>,
    pub source: Arc<str>,
    pub url: Option<Arc<str>>,
    pub caption: Option<Arc<str>>,
    pub body: Arc<str>,
}

impl Shown {
    /// The shown fields of a stored document: a missing string is empty
    /// (or `None` where a passage may lack it), a missing or unknown kind
    /// is a lead.
    pub fn of(mut doc: Stored, f: &Fields) -> Shown {
        let kind = doc
            .take_str(f.kind)
            .as_deref()
            .and_then(ArticleKind::parse)
            .unwrap_or(ArticleKind::Lead);
        let mut take = |field| doc.take_str(field).map(Arc::<str>::from);
        Shown {
            article_id: take(f.article_id).unwrap_or_default(),
            kind,
            lead_id: take(f.lead_id),
            title: take(f.title_text).unwrap_or_default(),
            date_source: take(f.date_source),
            source: take(f.source).unwrap_or_default(),
            url: take(f.url),
            caption: take(f.caption_text),
            body: take(f.body_text).unwrap_or_default(),
        }
    }

    /// About how much memory it takes: itself, and each string with the
    /// counts an [`Arc`] keeps before it.
    pub fn footprint(&self) -> usize {
        let counts = 2 * size_of::<usize>();
        let required = [&self.article_id, &self.title, &self.source, &self.body];
        let optional = [&self.lead_id, &self.date_source, &self.url, &self.caption];
        size_of::<Shown>()
            + required.iter().map(|s| counts + s.len()).sum::<usize>()
            + optional
                .iter()
                .filter_map(|s| s.as_ref())
                .map(|s| counts + s.len())
                .sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{INDEXED, STORED, STRING, Schema};
    use tantivy::{Index, doc};

    #[test]
    fn moves_each_stored_string_out_once() {
        let mut b = Schema::builder();
        let title = b.add_text_field("title", STRING | STORED);
        let n = b.add_u64_field("n", INDEXED | STORED);
        let missing = b.add_text_field("missing", STRING | STORED);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
        w.add_document(doc!(title => "first", n => 7u64, title => "second"))
            .unwrap();
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let mut s: Stored = searcher.doc(tantivy::DocAddress::new(0, 0)).unwrap();
        assert_eq!(s.values.len(), 3);
        assert_eq!(s.take_str(n), None);
        assert_eq!(s.take_str(title).as_deref(), Some("first"));
        assert_eq!(s.take_str(title).as_deref(), Some("second"));
        assert_eq!(s.take_str(title), None);
        assert_eq!(s.take_str(missing), None);
    }

    #[test]
    fn shows_what_a_passage_stores_and_defaults_what_it_lacks() {
        let (_, f) = crate::store::schema::build();
        let str = |s: &str| OwnedValue::Str(s.to_string());
        let doc = Stored {
            values: vec![
                (f.body_text, str("Wheat rose.")),
                (f.article_id, str("a1")),
                (f.kind, str("teaser")),
                (f.lead_id, str("a0")),
                (f.caption_text, str("A field.")),
            ],
        };
        let shown = Shown::of(doc, &f);
        assert_eq!(&*shown.body, "Wheat rose.");
        assert_eq!(&*shown.article_id, "a1");
        assert_eq!(shown.kind, ArticleKind::Teaser);
        assert_eq!(shown.lead_id.as_deref(), Some("a0"));
        assert_eq!(shown.caption.as_deref(), Some("A field."));
        assert_eq!((&*shown.title, &*shown.source), ("", ""));
        assert_eq!((shown.url, shown.date_source), (None, None));
        // A document with no passage fields (a file's record).
        let empty = Shown::of(Stored::default(), &f);
        assert_eq!(empty.kind, ArticleKind::Lead);
        assert!(empty.body.is_empty() && empty.caption.is_none());
        assert_eq!(
            empty.footprint(),
            size_of::<Shown>() + 4 * 2 * size_of::<usize>()
        );
    }
}
