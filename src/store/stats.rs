//! Facts about an index, for `newsidx stats`.

use super::writer::FILE_KIND;
use super::{NewsIndex, Settings};
use crate::error::Result;
use chrono::{DateTime as ChronoDateTime, NaiveDate};
use serde::Serialize;
use tantivy::Term;
use tantivy::collector::Count;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;

/// What an index holds and how it was built.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub path: String,
    pub files: usize,
    pub leads: usize,
    pub teasers: usize,
    pub passages: usize,
    pub undated_articles: usize,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    pub index_bytes: u64,
    pub segments: usize,
    pub settings: Option<Settings>,
}

/// Counts and settings of an index.
pub fn stats(ni: &NewsIndex) -> Result<Stats> {
    let searcher = ni.index.reader()?.searcher();
    let f = &ni.fields;
    let term = |field, text: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::Basic,
        ))
    };
    let first_passage = || -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_u64(f.ordinal, 0),
            IndexRecordOption::Basic,
        ))
    };
    let count = |q: &dyn Query| searcher.search(q, &Count);
    let articles_of = |kind: &str| {
        count(&BooleanQuery::new(vec![
            (Occur::Must, term(f.kind, kind)),
            (Occur::Must, first_passage()),
        ]))
    };
    let passages = count(&BooleanQuery::new(vec![
        (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
        (Occur::MustNot, term(f.kind, FILE_KIND)),
    ]))?;
    let undated = count(&BooleanQuery::new(vec![
        (
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_u64(f.dated, 0),
                IndexRecordOption::Basic,
            )) as Box<dyn Query>,
        ),
        (Occur::Must, first_passage()),
    ]))?;
    let mut first: Option<i64> = None;
    let mut last: Option<i64> = None;
    for seg in searcher.segment_readers() {
        let col = seg.fast_fields().date("date")?;
        if col.values.num_vals() == 0 {
            continue;
        }
        let (lo, hi) = (
            col.min_value().into_timestamp_secs(),
            col.max_value().into_timestamp_secs(),
        );
        first = Some(first.map_or(lo, |v| v.min(lo)));
        last = Some(last.map_or(hi, |v| v.max(hi)));
    }
    let day = |s: Option<i64>| {
        s.and_then(|s| ChronoDateTime::from_timestamp(s, 0))
            .map(|d| d.date_naive())
    };
    let index_bytes = std::fs::read_dir(&ni.path)
        .map(|rd| {
            rd.filter_map(|e| e.ok()?.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0);
    Ok(Stats {
        path: ni.path.display().to_string(),
        files: count(&*term(f.kind, FILE_KIND))?,
        leads: articles_of("lead")?,
        teasers: articles_of("teaser")?,
        passages,
        undated_articles: undated,
        first_date: day(first),
        last_date: day(last),
        index_bytes,
        segments: searcher.segment_readers().len(),
        settings: ni.settings(),
    })
}
