//! The fast-field columns search reads per passage, and the article ids
//! of ranked passages read from their column rather than the doc store.

use crate::error::Result;
use chrono::DateTime as ChronoDateTime;
use tantivy::columnar::StrColumn;
use tantivy::{DateTime, DocAddress, Searcher};

/// The fast-field columns read per passage (article key, ordinal, date),
/// opened once per search for every segment rather than once per passage.
pub(super) struct Columns {
    pub(super) keys: Vec<tantivy::columnar::Column<u64>>,
    ordinals: Vec<tantivy::columnar::Column<u64>>,
    dates: Vec<tantivy::columnar::Column<DateTime>>,
}

impl Columns {
    pub(super) fn open(searcher: &Searcher) -> Result<Columns> {
        let mut keys = Vec::new();
        let mut ordinals = Vec::new();
        let mut dates = Vec::new();
        for r in searcher.segment_readers() {
            keys.push(r.fast_fields().u64("article_key")?);
            ordinals.push(r.fast_fields().u64("ordinal")?);
            dates.push(r.fast_fields().date("date")?);
        }
        Ok(Columns {
            keys,
            ordinals,
            dates,
        })
    }

    /// The passage's article key.
    pub(super) fn key(&self, addr: DocAddress) -> u64 {
        self.keys[addr.segment_ord as usize]
            .first(addr.doc_id)
            .unwrap_or(0)
    }

    /// Where the passage stands among equals: its article key, then its
    /// ordinal. Unlike a doc address, this is the same in every index
    /// built from the same files, whatever the threads and merges did.
    pub(super) fn tie(&self, addr: DocAddress) -> (u64, u64) {
        (self.key(addr), self.ordinal(addr))
    }

    /// The passage's place in its article (0 first).
    pub(super) fn ordinal(&self, addr: DocAddress) -> u64 {
        self.ordinals[addr.segment_ord as usize]
            .first(addr.doc_id)
            .unwrap_or(0)
    }

    /// The publication day of the passage's article.
    pub(super) fn day(&self, addr: DocAddress) -> Option<chrono::NaiveDate> {
        self.dates[addr.segment_ord as usize]
            .first(addr.doc_id)
            .and_then(|d| ChronoDateTime::from_timestamp(d.into_timestamp_secs(), 0))
            .map(|d| d.date_naive())
    }
}

/// The article ids of `addrs`, in their order ("" for a passage without
/// one), from the `article_id` column: no doc store block is read.
///
/// A column holds each segment's ids as ordinals into a sorted dictionary
/// whose blocks are read from the start, so the ordinals of a segment are
/// sorted and resolved in one pass over its dictionary
/// (`sorted_ords_to_term_cb`); one lookup per passage would read a block
/// each time. This is what `eval` needs for its run files; a hit reads its
/// stored fields anyway and takes the id from there.
pub(super) fn article_ids(searcher: &Searcher, addrs: &[DocAddress]) -> Result<Vec<String>> {
    let mut ids = vec![String::new(); addrs.len()];
    // (segment, ordinal in its dictionary, place in `addrs`)
    let mut wanted: Vec<(u32, u64, usize)> = Vec::with_capacity(addrs.len());
    let mut columns: Vec<Option<StrColumn>> = Vec::new();
    for r in searcher.segment_readers() {
        columns.push(r.fast_fields().str("article_id")?);
    }
    for (i, addr) in addrs.iter().enumerate() {
        let column = columns
            .get(addr.segment_ord as usize)
            .and_then(Option::as_ref);
        if let Some(ord) = column.and_then(|c| c.ords().first(addr.doc_id)) {
            wanted.push((addr.segment_ord, ord, i));
        }
    }
    wanted.sort_unstable();
    for segment in wanted.chunk_by(|a, b| a.0 == b.0) {
        let Some(column) = columns[segment[0].0 as usize].as_ref() else {
            continue;
        };
        let ords: Vec<u64> = segment.iter().map(|w| w.1).collect();
        let mut places = segment.iter().map(|w| w.2);
        column.dictionary().sorted_ords_to_term_cb(&ords, |term| {
            if let Some(i) = places.next() {
                ids[i] = String::from_utf8_lossy(term).into_owned();
            }
        })?;
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::article_ids;
    use crate::model::{Article, ArticleKind};
    use crate::search::stored::Stored;
    use crate::store::writer::{NewsWriter, documents};
    use crate::store::{NewsIndex, Settings};
    use tantivy::DocAddress;
    use tantivy::collector::DocSetCollector;
    use tantivy::query::AllQuery;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]
        /// The ids read from the column are the stored ones, for passages
        /// of several segments (one commit per `commit_every` articles, some
        /// articles indexed again: deleted documents), asked in any order
        /// and more than once, ids of shared prefixes and non-ASCII ones.
        #[test]
        fn ids_from_the_column_are_the_stored_ids(
            ids in proptest::collection::btree_set("[ab/é]{1,6}[0-9]{0,3}", 1..60),
            commit_every in 1..9usize,
            again in proptest::collection::vec(proptest::bool::ANY, 60),
            order in proptest::collection::vec(0..10_000usize, 0..200),
        ) {
            let ni = NewsIndex::in_ram();
            let mut w = NewsWriter::open(&ni, 32 << 20, 1, Settings::new(5)).unwrap();
            let article = |id: &str| Article {
                id: id.to_string(),
                kind: ArticleKind::Lead,
                lead_id: None,
                title: "Report".into(),
                caption: None,
                body: "Wheat fell. Corn rose. Oil fell again.\n\nGold held.".into(),
                date: None,
                url: None,
                source: "t.jsonl".into(),
            };
            let add = |w: &NewsWriter, file: &str, a: &Article| {
                let passages = crate::ingest::cut(a, 5);
                w.add(documents(&ni.fields, file, a, &passages, ni.stemming)).unwrap();
            };
            for (i, id) in ids.iter().enumerate() {
                add(&w, "/a.jsonl", &article(id));
                if i % commit_every == commit_every - 1 {
                    w.commit().unwrap();
                }
            }
            w.commit().unwrap();
            // The file again, with some of its articles: the rest deleted.
            w.delete_file("/a.jsonl");
            for (id, _) in ids.iter().zip(&again).filter(|(_, a)| **a) {
                add(&w, "/a.jsonl", &article(id));
            }
            w.commit().unwrap();
            let reader = ni.index.reader().unwrap();
            let searcher = reader.searcher();
            let mut all: Vec<DocAddress> =
                searcher.search(&AllQuery, &DocSetCollector).unwrap().into_iter().collect();
            all.sort();
            let addrs: Vec<DocAddress> = if all.is_empty() {
                Vec::new()
            } else {
                all.iter().copied().chain(order.iter().map(|&i| all[i % all.len()])).collect()
            };
            let stored: Vec<String> = addrs
                .iter()
                .map(|&a| {
                    let mut d: Stored = searcher.doc(a).unwrap();
                    d.take_str(ni.fields.article_id).unwrap_or_default()
                })
                .collect();
            proptest::prop_assert_eq!(article_ids(&searcher, &addrs).unwrap(), stored);
        }
    }
}
