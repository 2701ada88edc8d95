//! One whole article by id, for `newsidx show`: its facts, its body
//! rebuilt from its passages, and its teasers (for a lead) or its lead
//! (for a teaser).

use super::Engine;
use crate::error::Result;
use crate::ingest::chunk;
use crate::model::ArticleKind;
use chrono::NaiveDate;
use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

/// Another article named by id and title.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRef {
    pub id: String,
    pub title: String,
    #[serde(serialize_with = "crate::model::serialize_date")]
    pub date: Option<NaiveDate>,
}

/// A whole article as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleView {
    pub id: String,
    pub kind: ArticleKind,
    pub title: String,
    #[serde(serialize_with = "crate::model::serialize_date")]
    pub date: Option<NaiveDate>,
    pub date_source: Option<String>,
    pub source: String,
    pub url: Option<String>,
    pub caption: Option<String>,
    pub body: String,
    pub passages: usize,
    /// A teaser's lead article.
    pub lead: Option<ArticleRef>,
    /// A lead article's teasers, in page order.
    pub teasers: Vec<ArticleRef>,
}

impl Engine {
    /// The article with this id, if the index has it.
    pub fn article(&self, id: &str) -> Result<Option<ArticleView>> {
        let f = self.index().fields;
        let docs = self.docs_with(f.article_id, id)?;
        let Some(first) = docs.first() else {
            return Ok(None);
        };
        let date = first.date;
        let first = &first.doc;
        let text = |d: &TantivyDocument, field: Field| {
            d.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let num = |d: &TantivyDocument, field: Field| {
            d.get_first(field)
                .and_then(|v| v.as_u64())
                .map(|n| n as usize)
        };
        // Passages without an offset are a title-only article's title.
        let mut parts: Vec<(usize, usize, String)> = docs
            .iter()
            .filter_map(|p| {
                let ordinal = usize::try_from(p.ordinal).ok()?;
                Some((ordinal, num(&p.doc, f.offset)?, text(&p.doc, f.body_text)?))
            })
            .collect();
        parts.sort_by_key(|p| p.0);
        let title = text(first, f.title_text).unwrap_or_default();
        let pieces: Vec<(usize, &str)> = parts.iter().map(|(_, o, t)| (*o, t.as_str())).collect();
        let body = chunk::rebuild(&pieces);
        let kind = text(first, f.kind)
            .as_deref()
            .and_then(ArticleKind::parse)
            .unwrap_or(ArticleKind::Lead);
        let caption = docs.iter().find_map(|p| text(&p.doc, f.caption_text));
        let lead_id = text(first, f.lead_id);
        let lead = match &lead_id {
            Some(l) => self.reference(l)?,
            None => None,
        };
        let mut teasers = Vec::new();
        if kind == ArticleKind::Lead {
            let mut ids: Vec<String> = self
                .docs_with(f.lead_id, id)?
                .iter()
                .filter_map(|p| text(&p.doc, f.article_id))
                .collect();
            ids.sort_by_key(|t| teaser_number(t));
            ids.dedup();
            for t in ids {
                if let Some(r) = self.reference(&t)? {
                    teasers.push(r);
                }
            }
        }
        Ok(Some(ArticleView {
            id: id.to_string(),
            kind,
            title,
            date,
            date_source: text(first, f.date_source),
            source: text(first, f.source).unwrap_or_default(),
            url: text(first, f.url),
            caption,
            body,
            passages: docs.len(),
            lead,
            teasers,
        }))
    }

    fn reference(&self, id: &str) -> Result<Option<ArticleRef>> {
        let f = self.index().fields;
        Ok(self
            .docs_with(f.article_id, id)?
            .first()
            .map(|p| ArticleRef {
                id: id.to_string(),
                title: p
                    .doc
                    .get_first(f.title_text)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string(),
                date: p.date,
            }))
    }

    /// The passages whose `field` holds `value`, in index order.
    fn docs_with(&self, field: Field, value: &str) -> Result<Vec<Found>> {
        let searcher = self.searcher();
        let columns = self.columns(&searcher)?;
        let query = TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        );
        let mut addrs: Vec<_> = searcher
            .search(&query, &DocSetCollector)?
            .into_iter()
            .collect();
        addrs.sort();
        addrs
            .into_iter()
            .map(|a| {
                Ok(Found {
                    doc: searcher.doc(a)?,
                    ordinal: columns.ordinal(a),
                    date: columns.day(a),
                })
            })
            .collect()
    }
}

/// A passage's stored fields, and its ordinal and date (fast fields: the
/// doc store does not hold them).
struct Found {
    doc: TantivyDocument,
    ordinal: u64,
    date: Option<NaiveDate>,
}

fn teaser_number(id: &str) -> (usize, String) {
    let n = id
        .rsplit_once("/t")
        .and_then(|(_, n)| n.parse().ok())
        .unwrap_or(usize::MAX);
    (n, id.to_string())
}
