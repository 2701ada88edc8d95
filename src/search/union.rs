//! A union of words, scored in one pass over each word's postings.
//!
//! Input: the clauses of a query that asks for any of several words, each
//! a term of one field with its boost, as [`super::guard::rebuild`] finds
//! them (a query of plain words is one), and a searcher. Output, for each
//! segment: the documents holding one of the words that may pass the
//! caller's threshold (every one, in document order, unless the segment
//! holds a common word), each with the score tantivy's union of term
//! scorers gives it, to the last bit: BM25 as tantivy's `Bm25Weight`
//! computes it (same constants, same operations in the same order, over
//! the same statistics; the tests hold the two equal bit for bit), each
//! document's scores added in clause order from 0, as tantivy's union
//! adds them.
//!
//! tantivy's union buffers 4,096 documents at a time through its term
//! scorers, one posting and one call at a time, and then hands each match
//! over through a callback; its term weights each build a table of 256
//! length factors and an explanation. Here each word's postings are read
//! a block at a time into one score per document of the segment, the
//! matches read back from a bitset, and a field's table is built once per
//! thread. A word in an eighth of the segment's documents or more (`of`)
//! is first scored only where another word is, and where it is alone only
//! if the threshold then still lets its weight through (MaxScore)
//! (benches/README.md, "What was tried").

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::TermInfo;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, InvertedIndexReader, Score, Searcher, SegmentReader, Term};

/// tantivy's BM25 constants (`query/bm25.rs`).
const K1: Score = 1.2;
const B: Score = 0.75;

/// The words of a union, in clause order, each with its boost.
#[derive(Debug, Clone, PartialEq)]
pub struct WordUnion {
    clauses: Vec<(Term, Score)>,
}

impl WordUnion {
    /// A union of `clauses`: each a term and the boost of its clause.
    pub fn new(clauses: Vec<(Term, Score)>) -> WordUnion {
        WordUnion { clauses }
    }

    /// The clauses, in the order tantivy adds their scores.
    pub fn clauses(&self) -> &[(Term, Score)] {
        &self.clauses
    }

    /// The union weighed over `searcher`'s statistics, as tantivy's term
    /// queries weigh their terms, with each term looked up once per
    /// segment; `None` when a clause's field is not indexed with term
    /// frequencies (tantivy's own scorers then read a frequency of 1, or
    /// fail: theirs is the path to take).
    pub fn weigh(&self, searcher: &Searcher) -> tantivy::Result<Option<Weighed>> {
        let schema = searcher.schema();
        let mut fields: Vec<Field> = Vec::new();
        for (term, _) in &self.clauses {
            let entry = schema.get_field_entry(term.field());
            let freqs = entry
                .field_type()
                .get_index_record_option()
                .is_some_and(|o| o.has_freq());
            if !entry.is_indexed() || !freqs {
                return Ok(None);
            }
            if !fields.contains(&term.field()) {
                fields.push(term.field());
            }
        }
        let readers = searcher.segment_readers();
        let docs: u64 = readers.iter().map(|r| u64::from(r.max_doc())).sum();
        let mut tokens = vec![0u64; fields.len()];
        let mut doc_freqs = vec![0u64; self.clauses.len()];
        let mut segments = Vec::with_capacity(readers.len());
        for reader in readers {
            let mut per_field = Vec::with_capacity(fields.len());
            for (i, &field) in fields.iter().enumerate() {
                let inverted = reader.inverted_index(field)?;
                tokens[i] += inverted.total_num_tokens();
                let norms = match reader.fieldnorms_readers().get_field(field)? {
                    Some(norms) => norms,
                    None => FieldNormReader::constant(reader.max_doc(), 1),
                };
                per_field.push((inverted, norms));
            }
            let mut postings = Vec::with_capacity(self.clauses.len());
            for (c, (term, _)) in self.clauses.iter().enumerate() {
                let f = field_index(&fields, term.field());
                let info = per_field[f].0.get_term_info(term)?;
                doc_freqs[c] += info.as_ref().map_or(0, |i| u64::from(i.doc_freq));
                postings.push(info.map(|i| (f, i)));
            }
            segments.push(Segment {
                fields: per_field,
                postings,
            });
        }
        let weights = self
            .clauses
            .iter()
            .zip(&doc_freqs)
            .map(|((term, boost), &df)| {
                let f = field_index(&fields, term.field());
                // As tantivy: the average length over every document of
                // every segment, deleted ones too.
                let average = tokens[f] as Score / docs as Score;
                Bm25::new(df, docs, average, *boost)
            })
            .collect();
        Ok(Some(Weighed { weights, segments }))
    }
}

fn field_index(fields: &[Field], field: Field) -> usize {
    fields
        .iter()
        .position(|&f| f == field)
        .expect("every clause's field is listed")
}

/// One clause's BM25, as tantivy's `Bm25Weight::for_terms` of its term,
/// boosted by `boost_by`, scores it.
struct Bm25 {
    weight: Score,
    /// The length factor per field-norm id, for the field's average.
    lengths: Rc<[Score; 256]>,
}

impl Bm25 {
    fn new(doc_freq: u64, docs: u64, average: Score, boost: Score) -> Bm25 {
        let idf = {
            let x = (docs.saturating_sub(doc_freq) as Score + 0.5) / (doc_freq as Score + 0.5);
            (1.0 + x).ln()
        };
        let weight = idf * (1.0 + K1);
        Bm25 {
            weight: if boost == 1.0 { weight } else { weight * boost },
            lengths: length_factors(average),
        }
    }

    #[inline]
    fn score(&self, fieldnorm_id: u8, term_freq: u32) -> Score {
        let tf = term_freq as Score;
        self.weight * (tf / (tf + self.lengths[usize::from(fieldnorm_id)]))
    }
}

thread_local! {
    /// Length factor tables by the bits of their average length: an index's
    /// few fields have one each until its next commit.
    static LENGTHS: RefCell<Vec<(u32, Rc<[Score; 256]>)>> = const { RefCell::new(Vec::new()) };
}

/// The length factors for a field of `average` length, as tantivy's
/// `compute_tf_cache` makes them.
fn length_factors(average: Score) -> Rc<[Score; 256]> {
    const KEPT: usize = 16;
    LENGTHS.with_borrow_mut(|kept| {
        if let Some((_, t)) = kept.iter().find(|(bits, _)| *bits == average.to_bits()) {
            return Rc::clone(t);
        }
        let mut table = [0.0; 256];
        for (id, factor) in table.iter_mut().enumerate() {
            let norm = FieldNormReader::id_to_fieldnorm(id as u8);
            *factor = K1 * (1.0 - B + B * norm as Score / average);
        }
        let table = Rc::new(table);
        if kept.len() == KEPT {
            kept.remove(0);
        }
        kept.push((average.to_bits(), Rc::clone(&table)));
        table
    })
}

/// A segment's readers for the union's fields, and each clause's postings
/// there (with the index of its field), if its term is in the segment.
struct Segment {
    fields: Vec<(Arc<InvertedIndexReader>, FieldNormReader)>,
    postings: Vec<Option<(usize, TermInfo)>>,
}

/// A union weighed for one searcher: its clauses' BM25, and where their
/// postings are in each segment.
pub struct Weighed {
    weights: Vec<Bm25>,
    segments: Vec<Segment>,
}

/// A clause whose term is in at least this share of a segment's
/// documents (1 in `COMMON_SHARE`) is common: it is scored first only in
/// the documents the other clauses bring, and in the rest only when the
/// best of those leave its weight above the threshold (MaxScore, Turtle and
/// Flood). In Reuters-21578's passages `of` is in 81%, `market` and `bank`
/// in 17-18%, the compare queries' other words in less. Ranking the 60
/// compare queries took 31.4M / 30.7M / 33.7M / 41.5M instructions with 1
/// in 4 / 8 / 16 / 32 (the bound of many common words is seldom below the
/// threshold), 34.5M without (benches/README.md, "What was tried").
const COMMON_SHARE: u64 = 8;

/// A score per document of a segment and a bit per document saying which
/// matched, and which hold a word that is not common: all zero between
/// walks, kept per thread so that a walk neither allocates nor clears a
/// segment's worth of memory.
#[derive(Default)]
struct Scratch {
    scores: Vec<Score>,
    matched: Vec<u64>,
    rare: Vec<u64>,
    /// Set while a walk may have left scores or bits behind (an error or a
    /// panic halfway): the next walk clears them first.
    dirty: bool,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Scratch {
    fn ready(&mut self, max_doc: usize) {
        if self.dirty {
            self.scores.fill(0.0);
            self.matched.fill(0);
            self.rare.fill(0);
        }
        if self.scores.len() < max_doc {
            self.scores.resize(max_doc, 0.0);
            self.matched.resize(max_doc.div_ceil(64), 0);
            self.rare.resize(max_doc.div_ceil(64), 0);
        }
        self.dirty = true;
    }

    /// Offers every matched document in document order, clearing its bit
    /// and score; the threshold the last offer returned.
    fn drain(
        &mut self,
        mut threshold: Score,
        offer: &mut impl FnMut(DocId, Score) -> Score,
    ) -> Score {
        for (i, word) in self.matched.iter_mut().enumerate() {
            let mut bits = std::mem::take(word);
            while bits != 0 {
                let doc = i * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let score = std::mem::take(&mut self.scores[doc]);
                threshold = offer(doc as DocId, score);
            }
        }
        threshold
    }
}

fn has(bits: &[u64], doc: usize) -> bool {
    bits[doc / 64] & (1 << (doc % 64)) != 0
}

impl Weighed {
    /// Offers every document of segment `ord` (`reader`) that holds a word
    /// of the union and may pass the threshold (deleted ones too, as
    /// tantivy's scorers do), with its score. `offer` returns the score a
    /// document must now pass, never lower than before (`threshold` at
    /// first); a document is left out only when its score cannot pass it.
    /// Without common words every match is offered, in document order.
    pub fn for_each(
        &self,
        ord: usize,
        reader: &SegmentReader,
        threshold: Score,
        mut offer: impl FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let segment = &self.segments[ord];
        let max_doc = u64::from(reader.max_doc());
        let common: Vec<bool> = self
            .weights
            .iter()
            .zip(&segment.postings)
            .map(|(bm25, p)| {
                p.as_ref().is_some_and(|(_, info)| {
                    u64::from(info.doc_freq) * COMMON_SHARE >= max_doc && bm25.weight > 0.0
                })
            })
            .collect();
        let rare_words = segment
            .postings
            .iter()
            .zip(&common)
            .any(|(p, &c)| p.is_some() && !c);
        SCRATCH.with_borrow_mut(|scratch| {
            scratch.ready(max_doc as usize);
            if !rare_words || !common.contains(&true) {
                for c in 0..self.weights.len() {
                    self.add::<true>(
                        segment,
                        c,
                        &mut scratch.scores,
                        &mut scratch.matched,
                        |_| true,
                    )?;
                }
                scratch.drain(threshold, &mut offer);
                scratch.dirty = false;
                return Ok(());
            }
            // The documents holding a word that is not common, scored in
            // full, clause by clause.
            for (c, _) in common.iter().enumerate().filter(|(_, common)| !**common) {
                let rare = &mut scratch.rare;
                self.blocks(segment, c, |docs, _| {
                    for &doc in docs {
                        rare[doc as usize / 64] |= 1 << (doc % 64);
                    }
                })?;
            }
            let Scratch {
                scores,
                matched,
                rare,
                ..
            } = scratch;
            for (c, &common) in common.iter().enumerate() {
                if common {
                    self.add::<false>(segment, c, scores, matched, |doc| has(rare, doc))?;
                } else {
                    self.add::<true>(segment, c, scores, matched, |_| true)?;
                }
            }
            let threshold = scratch.drain(threshold, &mut offer);
            // A document holding only common words scores at most their
            // weights' sum, added in clause order as its score would be.
            let bound = self
                .weights
                .iter()
                .zip(&common)
                .filter(|(_, c)| **c)
                .fold(0.0, |sum: Score, (bm25, _)| sum + bm25.weight);
            if threshold < bound {
                let Scratch {
                    scores,
                    matched,
                    rare,
                    ..
                } = scratch;
                for (c, _) in common.iter().enumerate().filter(|(_, common)| **common) {
                    self.add::<false>(segment, c, scores, matched, |doc| !has(rare, doc))?;
                }
                scratch.drain(threshold, &mut offer);
            }
            scratch.rare.fill(0);
            scratch.dirty = false;
            Ok(())
        })
    }

    /// Adds clause `c`'s score to the documents its term lists (`ALL`) or
    /// to those for which `keep` says yes, marking them matched. The
    /// documents kept are gathered first, a block at a time, without a
    /// branch: whether a document of a common word is kept follows no
    /// pattern, and a branch on it mispredicted often enough to cost more
    /// than the scores it saved.
    fn add<const ALL: bool>(
        &self,
        segment: &Segment,
        c: usize,
        scores: &mut [Score],
        matched: &mut [u64],
        keep: impl Fn(usize) -> bool,
    ) -> tantivy::Result<()> {
        let Some((f, _)) = &segment.postings[c] else {
            return Ok(());
        };
        let norms = &segment.fields[*f].1;
        let bm25 = &self.weights[c];
        if ALL {
            return self.blocks(segment, c, |docs, freqs| {
                for (&doc, &freq) in docs.iter().zip(freqs) {
                    let d = doc as usize;
                    scores[d] += bm25.score(norms.fieldnorm_id(doc), freq);
                    matched[d / 64] |= 1 << (d % 64);
                }
            });
        }
        // tantivy's blocks hold 128 postings.
        let mut kept = [(0 as DocId, 0u32); 128];
        self.blocks(segment, c, |docs, freqs| {
            for (docs, freqs) in docs.chunks(kept.len()).zip(freqs.chunks(kept.len())) {
                let mut n = 0;
                for (&doc, &freq) in docs.iter().zip(freqs) {
                    kept[n] = (doc, freq);
                    n += usize::from(keep(doc as usize));
                }
                for &(doc, freq) in &kept[..n] {
                    let d = doc as usize;
                    scores[d] += bm25.score(norms.fieldnorm_id(doc), freq);
                    matched[d / 64] |= 1 << (d % 64);
                }
            }
        })
    }

    /// Calls `each` with every block of documents clause `c`'s term lists
    /// in the segment and the term's frequencies there.
    fn blocks(
        &self,
        segment: &Segment,
        c: usize,
        mut each: impl FnMut(&[DocId], &[u32]),
    ) -> tantivy::Result<()> {
        let Some((f, info)) = &segment.postings[c] else {
            return Ok(());
        };
        let inverted = &segment.fields[*f].0;
        let mut block =
            inverted.read_block_postings_from_terminfo(info, IndexRecordOption::WithFreqs)?;
        loop {
            let docs = block.docs();
            if docs.is_empty() {
                return Ok(());
            }
            each(docs, block.freqs());
            block.advance();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;
    use crate::search::Engine;
    use crate::search::guard::union_of;
    use crate::store::writer::NewsWriter;
    use crate::store::{NewsIndex, Settings};
    use tantivy::query::{Bm25Weight, EnableScoring};

    const WORDS: [&str; 10] = [
        "wheat", "corn", "oil", "gold", "bank", "rate", "of", "the", "trade", "price",
    ];

    /// An index of articles whose titles and sentences are drawn from
    /// [`WORDS`], committed every `commit_every` articles, with every
    /// third article indexed again (its first copy deleted).
    fn engine(articles: &[(Vec<usize>, Vec<Vec<usize>>)], commit_every: usize) -> Engine {
        let ni = NewsIndex::in_ram();
        let mut w = NewsWriter::open(&ni, 32 << 20, 1, Settings::new(8)).unwrap();
        let text = |words: &[usize]| {
            let words: Vec<&str> = words.iter().map(|&i| WORDS[i]).collect();
            words.join(" ")
        };
        let add = |w: &NewsWriter, i: usize, (title, sentences): &(Vec<usize>, Vec<Vec<usize>>)| {
            let body: Vec<String> = sentences.iter().map(|s| format!("{}.", text(s))).collect();
            let a = Article::lead(format!("a{i}"), text(title), body.join(" "));
            w.add_article(&ni, &format!("/{}.jsonl", i % 3), &a, 8);
        };
        for (i, a) in articles.iter().enumerate() {
            add(&w, i, a);
            if i % commit_every == commit_every - 1 {
                w.commit().unwrap();
            }
        }
        w.commit().unwrap();
        w.delete_file("/0.jsonl");
        for (i, a) in articles.iter().enumerate().filter(|(i, _)| i % 3 == 0) {
            add(&w, i, a);
        }
        w.commit().unwrap();
        Engine::new(ni).unwrap()
    }

    /// Word indices drawn mostly from `of` and `the`, so that segments
    /// hold common words and rare ones.
    fn words(max: usize) -> impl proptest::strategy::Strategy<Value = Vec<usize>> {
        use proptest::strategy::Strategy;
        proptest::collection::vec(0..40usize, 1..max).prop_map(|v| {
            v.into_iter()
                .map(|i| if i < 10 { i } else { 6 + i % 2 })
                .collect()
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// The walk offers what tantivy's union of term scorers matches,
        /// with the same score bits: every match while the threshold
        /// stays at its minimum, and when it rises (to the
        /// `kept`-th best score offered, or from the start to a share of
        /// the best score), each match at most once and every match
        /// scoring above the last threshold.
        #[test]
        fn the_walk_offers_what_tantivys_union_matches(
            articles in proptest::collection::vec((words(4), proptest::collection::vec(words(12), 1..6)), 1..30),
            commit_every in 1..10usize,
            query in proptest::collection::vec(0..10usize, 1..6),
            title_boost in proptest::prop_oneof![proptest::strategy::Just(1.0f32), 0.5..3.0f32],
            kept in 1..40usize,
        ) {
            let mut e = engine(&articles, commit_every);
            e.set_title_boost(title_boost);
            let text: Vec<&str> = query.iter().map(|&i| WORDS[i]).collect();
            let query = e.parse(&text.join(" ")).unwrap();
            let union = union_of(query.as_ref()).expect("words make a union");
            let searcher = e.searcher();
            let weighed = union.weigh(&searcher).unwrap().expect("text fields hold frequencies");
            let theirs = query.weight(EnableScoring::enabled_from_searcher(&searcher)).unwrap();
            for (ord, reader) in searcher.segment_readers().iter().enumerate() {
                let mut want = Vec::new();
                theirs.for_each(reader, &mut |d, s| want.push((d, s.to_bits()))).unwrap();
                let mut all = Vec::new();
                weighed
                    .for_each(ord, reader, Score::MIN, |d, s| {
                        all.push((d, s.to_bits()));
                        Score::MIN
                    })
                    .unwrap();
                all.sort_unstable();
                proptest::prop_assert_eq!(&all, &want);
                let (mut offered, mut best, mut threshold) = (Vec::new(), Vec::new(), Score::MIN);
                weighed
                    .for_each(ord, reader, Score::MIN, |d, s| {
                        offered.push((d, s.to_bits()));
                        best.push(s);
                        best.sort_by(|a, b| b.total_cmp(a));
                        best.truncate(kept);
                        if best.len() == kept {
                            threshold = best[kept - 1];
                        }
                        threshold
                    })
                    .unwrap();
                let mut seen = offered.clone();
                seen.sort_unstable();
                seen.dedup_by_key(|(d, _)| *d);
                proptest::prop_assert_eq!(seen.len(), offered.len(), "a match offered twice");
                for (d, bits) in &offered {
                    proptest::prop_assert!(want.contains(&(*d, *bits)), "{} scored {}", d, f32::from_bits(*bits));
                }
                for (d, bits) in &want {
                    if f32::from_bits(*bits) > threshold {
                        proptest::prop_assert!(seen.binary_search_by_key(d, |(d, _)| *d).is_ok(), "{} left out", d);
                    }
                }
                // Thresholds from no score to the best.
                let best = want.iter().map(|(_, b)| f32::from_bits(*b)).fold(0.0, f32::max);
                for cut in (0..20).map(|i| best * i as f32 / 20.0) {
                    let mut offered = Vec::new();
                    weighed
                        .for_each(ord, reader, cut, |d, _| {
                            offered.push(d);
                            cut
                        })
                        .unwrap();
                    for (d, bits) in &want {
                        if f32::from_bits(*bits) > cut {
                            proptest::prop_assert!(offered.contains(d), "{} left out below {}", d, cut);
                        }
                    }
                }
            }
        }
    }

    proptest::proptest! {
        /// The same bits as tantivy's BM25 for every length and a range of
        /// frequencies, statistics and boosts.
        #[test]
        fn scores_equal_tantivys_to_the_bit(
            docs in 1..5_000_000u64,
            share in 0.0..=1.0f64,
            average in 0.5..5_000.0f32,
            boost in proptest::prop_oneof![proptest::strategy::Just(1.0f32), 0.01..20.0f32],
        ) {
            let df = ((docs as f64) * share) as u64;
            let ours = Bm25::new(df, docs, average, boost);
            let theirs = Bm25Weight::for_one_term(df, docs, average).boost_by(boost);
            for id in 0..=255u8 {
                for tf in (1..40).chain([100, 1_000, 70_000]) {
                    proptest::prop_assert_eq!(
                        ours.score(id, tf).to_bits(),
                        theirs.score(id, tf).to_bits(),
                        "id {} tf {}", id, tf
                    );
                }
            }
        }
    }

    #[test]
    fn a_fields_length_factors_are_built_once_per_thread() {
        let a = length_factors(12.5);
        let b = length_factors(12.5);
        assert!(Rc::ptr_eq(&a, &b));
        assert!(!Rc::ptr_eq(&a, &length_factors(12.25)));
    }
}
