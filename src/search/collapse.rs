//! The best passages of a query, at most so many per article, in one pass.
//!
//! Ranked by score, equal scores by article key and then passage ordinal
//! (the same in every index built from the same files), and walked in that
//! order keeping at most `per_article` passages of each article: the first
//! `limit` kept are the hits. [`top_passages`] finds exactly those while
//! tantivy scores the matches, keeping each article's best passages so far
//! and dropping what can no longer be a hit, rather than collecting a
//! fixed multiple of `limit` passages, sorting them and collecting more
//! when articles repeat (the way before: benches/README.md, "What was
//! tried"). The matches of a query of words are scored by
//! [`super::union`], to the same bits; any other query's, and those of a
//! segment where tantivy's pruning pays, by tantivy.

use super::Columns;
use super::guard::union_of;
use crate::error::Result;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::collections::hash_map::Entry;
use tantivy::columnar::Column;
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::{DocAddress, DocId, Score, Searcher};

/// Hits up to which the keeper's map is made big enough for every
/// passage it holds before its floor is first raised, and left for the
/// next query when done.
const PRESIZED_HITS: usize = 4096;

thread_local! {
    /// Keepers' maps and score lists, emptied, for the next queries on
    /// this thread. Made anew and grown from empty for every query, they
    /// were about 7% of ranking's instructions on Reuters-21578: glibc
    /// gathers the small blocks freed since (a query's hits leave
    /// thousands) before it hands out a block this big (benches/README.md,
    /// "What was tried").
    static SPARE: RefCell<Vec<Spare>> = const { RefCell::new(Vec::new()) };
}

/// What a keeper leaves for the next: its map and its score list.
type Spare = (FxHashMap<u64, Group>, Vec<Score>);

/// A map and a score list for a keeper of `limit` hits, the map with room
/// for every passage held before the floor is first raised (up to twice
/// `limit`).
fn spare_for(limit: usize) -> Spare {
    let (mut map, scores) = SPARE.with_borrow_mut(Vec::pop).unwrap_or_default();
    map.reserve(limit.min(PRESIZED_HITS) * 2 + 1);
    (map, scores)
}

/// A passage that may still be a hit. Its ordinal, which orders it among
/// its article's passages of equal score, is read only when needed.
#[derive(Debug, Clone, Copy)]
struct Kept {
    score: Score,
    ordinal: Option<u64>,
    addr: DocAddress,
}

/// Reads passage ordinals from the search's columns.
struct Ordinals<'a>(&'a Columns);

impl Ordinals<'_> {
    fn of(&self, k: &mut Kept) -> u64 {
        *k.ordinal.get_or_insert_with(|| self.0.ordinal(k.addr))
    }

    /// Whether `a` goes before `b` of the same article: a higher score,
    /// then a lower ordinal.
    fn before(&self, a: &mut Kept, b: &mut Kept) -> bool {
        match a.score.total_cmp(&b.score) {
            std::cmp::Ordering::Equal => self.of(a) < self.of(b),
            o => o.is_gt(),
        }
    }
}

/// One article's passages kept, best first: the best apart, so that an
/// article with one passage kept (the usual `per_article`) needs no
/// allocation.
#[derive(Debug)]
struct Group {
    best: Kept,
    rest: Vec<Kept>,
}

impl Group {
    fn len(&self) -> usize {
        1 + self.rest.len()
    }

    fn worst(&mut self) -> &mut Kept {
        self.rest.last_mut().unwrap_or(&mut self.best)
    }
}

/// The passages kept so far: each article's best, at most `per_article`.
struct Keeper {
    limit: usize,
    per_article: usize,
    by_article: FxHashMap<u64, Group>,
    /// Passages held in `by_article`.
    held: usize,
    /// How many held passages make the floor be raised again: twice what
    /// was left after the last time (at least twice `limit`), so that many
    /// passages tied at the floor do not raise it at every offer.
    raise_at: usize,
    /// No passage scoring below this can be a hit: at least `limit`
    /// passages, at most `per_article` of any article, score as high.
    floor: Option<Score>,
    /// [`Keeper::threshold`], kept with the floor: it is asked for twice
    /// per match.
    threshold: Score,
    /// The held scores, gathered to raise the floor (kept to be reused).
    scores: Vec<Score>,
}

impl Keeper {
    fn new(limit: usize, per_article: usize) -> Keeper {
        let (by_article, scores) = spare_for(limit);
        Keeper {
            limit,
            per_article,
            by_article,
            held: 0,
            raise_at: limit.saturating_mul(2),
            floor: None,
            threshold: Score::MIN,
            scores,
        }
    }

    /// The score a passage must pass for tantivy to hand it over (it hands
    /// over scores strictly above): just below the floor, so that passages
    /// tied with it still come (their order among equals is decided here).
    fn threshold(&self) -> Score {
        self.threshold
    }

    fn offer(&mut self, key: u64, mut passage: Kept, ordinals: &Ordinals<'_>) {
        let group = match self.by_article.entry(key) {
            Entry::Vacant(v) => {
                v.insert(Group {
                    best: passage,
                    rest: Vec::new(),
                });
                self.added();
                return;
            }
            Entry::Occupied(o) => o.into_mut(),
        };
        if group.len() == self.per_article {
            // Full: the passage replaces the article's worst, if better.
            if !ordinals.before(&mut passage, group.worst()) {
                return;
            }
            if group.rest.pop().is_none() {
                group.best = passage;
                return;
            }
            self.held -= 1;
        }
        if ordinals.before(&mut passage, &mut group.best) {
            let second = std::mem::replace(&mut group.best, passage);
            group.rest.insert(0, second);
        } else {
            let mut at = group.rest.len();
            while at > 0 && ordinals.before(&mut passage, &mut group.rest[at - 1]) {
                at -= 1;
            }
            group.rest.insert(at, passage);
        }
        self.added();
    }

    /// Counts a passage added, raising the floor when enough are held.
    fn added(&mut self) {
        self.held += 1;
        if self.held >= self.raise_at {
            self.raise_floor();
            self.raise_at = self.held.max(self.limit).saturating_mul(2);
        }
    }

    /// Sets the floor to the `limit`-th best score held and lets go of the
    /// passages below it. Every article's passages only get better as more
    /// come, so the floor is never too high.
    fn raise_floor(&mut self) {
        let scores = &mut self.scores;
        scores.clear();
        for group in self.by_article.values() {
            scores.push(group.best.score);
            scores.extend(group.rest.iter().map(|k| k.score));
        }
        if scores.len() < self.limit {
            return;
        }
        let (_, nth, _) = scores.select_nth_unstable_by(self.limit - 1, |a, b| b.total_cmp(a));
        let floor = *nth;
        self.floor = Some(floor);
        self.threshold = just_below(floor);
        let mut held = 0;
        // An article's best scores highest of its passages: when it is
        // below the floor, so is the rest.
        self.by_article.retain(|_, group| {
            let keep = group.best.score >= floor;
            if keep {
                group.rest.retain(|k| k.score >= floor);
                held += group.len();
            }
            keep
        });
        self.held = held;
    }

    /// The hits: best first, equal scores by article key, then ordinal;
    /// with `ties`, also every passage tied with the last hit (the floor
    /// lets them all through, so they are all held).
    fn into_hits(mut self, ties: bool) -> Vec<(Score, DocAddress)> {
        let mut all: Vec<(u64, Kept)> = self
            .by_article
            .drain()
            .flat_map(|(key, group)| {
                std::iter::once(group.best)
                    .chain(group.rest)
                    .map(move |k| (key, k))
            })
            .collect();
        // By score and key. The sort is stable, and an article's passages
        // come best first, so two of them tied stay in ordinal order.
        all.sort_by(|(ka, a), (kb, b)| b.score.total_cmp(&a.score).then(ka.cmp(kb)));
        let keep = match all.get(self.limit.saturating_sub(1)) {
            Some((_, last)) if ties => all.partition_point(|(_, k)| k.score >= last.score),
            _ => self.limit,
        };
        all.truncate(keep);
        all.into_iter().map(|(_, k)| (k.score, k.addr)).collect()
    }
}

impl Drop for Keeper {
    /// Leaves the map and the score list, emptied, for the next query on
    /// this thread, unless they grew past what a keeper of
    /// [`PRESIZED_HITS`] hits asks for.
    fn drop(&mut self) {
        let mut map = std::mem::take(&mut self.by_article);
        let mut scores = std::mem::take(&mut self.scores);
        if map.capacity() <= PRESIZED_HITS * 4 && scores.capacity() <= PRESIZED_HITS * 8 {
            map.clear();
            scores.clear();
            SPARE.with_borrow_mut(|spare| {
                if spare.len() < 2 {
                    spare.push((map, scores));
                }
            });
        }
    }
}

/// The largest `f32` below `x` (`f32::next_down`, newer than this crate's
/// minimum Rust).
fn just_below(x: Score) -> Score {
    if x.is_nan() || x == Score::NEG_INFINITY {
        x
    } else if x == 0.0 {
        -Score::from_bits(1)
    } else if x > 0.0 {
        Score::from_bits(x.to_bits() - 1)
    } else {
        Score::from_bits(x.to_bits() + 1)
    }
}

/// Postings per hit from which ranking skips the passages that cannot
/// reach the top (tantivy's block-WAND over a union of words) rather than
/// score every match. Skipping pays when most matches cannot be hits and
/// costs more than it saves on shorter lists; the fewer the hits, the
/// sooner it pays. Measured on Reuters-21578 at 1 and 16 times its size
/// with 10 and 100 hits (benches/README.md, "What was tried").
const PRUNE_FROM_POSTINGS_PER_HIT: u64 = 2_500;

/// Whether `query`'s terms list at least `from` postings in one segment
/// (the matches of a union of words, at most; each term counted once per
/// field it is searched in). No term lists more postings than the segment
/// has documents, so when the terms times the documents fall short the
/// answer needs no look-up (0.7% of a search's instructions on
/// Reuters-21578, which never reaches the bound for 100 hits:
/// benches/README.md, "What was tried").
fn postings_reach(query: &dyn Query, reader: &tantivy::SegmentReader, from: u64) -> bool {
    let mut terms = 0u64;
    query.query_terms(&mut |_, _| terms += 1);
    if terms.saturating_mul(u64::from(reader.max_doc())) < from {
        return false;
    }
    let mut n = 0;
    query.query_terms(&mut |term, _| {
        n += reader
            .inverted_index(term.field())
            .ok()
            .and_then(|ii| ii.doc_freq(term).ok())
            .map_or(0, u64::from);
    });
    n >= from
}

/// The top `limit` passages of `query`, at most `per_article` of each
/// article, best first (equal scores by article key, then ordinal).
pub fn top_passages(
    searcher: &Searcher,
    columns: &Columns,
    query: &dyn Query,
    limit: usize,
    per_article: usize,
) -> Result<Vec<(Score, DocAddress)>> {
    let keeper = keep(
        searcher,
        columns,
        query,
        limit,
        per_article,
        prune_from(limit),
    )?;
    Ok(keeper.map_or_else(Vec::new, |k| k.into_hits(false)))
}

/// The best passage of each of the `limit` best articles (an article
/// scored by its best passage), and of every article tied with the last
/// of them, best first: what `eval` ranks, whose ties go by article id.
pub fn top_articles(
    searcher: &Searcher,
    columns: &Columns,
    query: &dyn Query,
    limit: usize,
) -> Result<Vec<(Score, DocAddress)>> {
    let keeper = keep(searcher, columns, query, limit, 1, prune_from(limit))?;
    Ok(keeper.map_or_else(Vec::new, |k| k.into_hits(true)))
}

/// Where ranking for `limit` hits starts to skip ([`PRUNE_FROM_POSTINGS_PER_HIT`]).
fn prune_from(limit: usize) -> u64 {
    let hits = u64::try_from(limit).unwrap_or(u64::MAX);
    hits.saturating_mul(PRUNE_FROM_POSTINGS_PER_HIT)
}

/// The passages that may be hits once every match was offered, skipping
/// in the segments where the query's terms list at least `prune_from`
/// postings; `None` when none are wanted.
fn keep(
    searcher: &Searcher,
    columns: &Columns,
    query: &dyn Query,
    limit: usize,
    per_article: usize,
    prune_from: u64,
) -> Result<Option<Keeper>> {
    if limit == 0 || per_article == 0 {
        return Ok(None);
    }
    // A union of words is scored on its own walk (`union`), unless a
    // segment's postings are long enough for tantivy's pruning; anything
    // else by tantivy's weight, made only when a segment needs it.
    let words = match union_of(query) {
        Some(u) => u.weigh(searcher)?,
        None => None,
    };
    let mut tantivy_weight: Option<Box<dyn Weight>> = None;
    let ordinals = Ordinals(columns);
    let mut keeper = Keeper::new(limit, per_article);
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let keys = &columns.keys[ord];
        let alive = reader.alive_bitset();
        let segment_ord = u32::try_from(ord).unwrap_or(u32::MAX);
        let threshold = keeper.threshold();
        // Offers a match (tantivy's pruning hands over only scores above
        // the threshold; the full walk, every match; the union of words,
        // every match but those of common words alone that cannot pass,
        // not always in document order: what is kept does not depend on
        // the order) and says the score a match must now pass.
        let mut offer = |doc: DocId, score: Score| {
            if score > keeper.threshold() && alive.is_none_or(|a| a.is_alive(doc)) {
                let addr = DocAddress::new(segment_ord, doc);
                offer_match(&mut keeper, keys, &ordinals, addr, score);
            }
            keeper.threshold()
        };
        if postings_reach(query, reader, prune_from) {
            weight_of(&mut tantivy_weight, query, searcher)?
                .for_each_pruning(threshold, reader, &mut offer)?;
        } else if let Some(words) = &words {
            words.for_each(ord, reader, threshold, &mut offer)?;
        } else {
            weight_of(&mut tantivy_weight, query, searcher)?.for_each(
                reader,
                &mut |doc, score| {
                    offer(doc, score);
                },
            )?;
        }
    }
    Ok(Some(keeper))
}

/// tantivy's weight of `query`, made the first time it is asked for.
fn weight_of<'w>(
    made: &'w mut Option<Box<dyn Weight>>,
    query: &dyn Query,
    searcher: &Searcher,
) -> Result<&'w dyn Weight> {
    if made.is_none() {
        *made = Some(query.weight(EnableScoring::enabled_from_searcher(searcher))?);
    }
    Ok(made.as_deref().expect("made above"))
}

/// A match that passed the threshold, offered to the keeper. Apart from
/// the test that every match goes through, and not inlined into it: the
/// test is a closure tantivy calls through a pointer for each match, and
/// with the offer inside it saved and restored the registers the offer
/// needs at every call, about 40 instructions a match where most matches
/// fail the test (benches/README.md, "What was tried").
#[inline(never)]
fn offer_match(
    keeper: &mut Keeper,
    keys: &Column<u64>,
    ordinals: &Ordinals<'_>,
    addr: DocAddress,
    score: Score,
) {
    let passage = Kept {
        score,
        ordinal: None,
        addr,
    };
    keeper.offer(keys.first(addr.doc_id).unwrap_or(0), passage, ordinals);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;
    use crate::search::Engine;
    use crate::search::stored::Stored;
    use crate::store::writer::{NewsWriter, article_key, documents};
    use crate::store::{NewsIndex, Settings};
    use tantivy::collector::TopDocs;

    const WORDS: [&str; 4] = ["wheat", "corn", "oil", "gold"];

    /// An index of articles from two files, committed every `commit_every`
    /// articles (several segments), then the first file indexed again
    /// without its first article (deleted documents in old segments).
    /// Sentences are drawn from four words, so scores tie often. Every
    /// third article's passages are added last first (as two indexing
    /// threads can leave them), so equal scores within an article do not
    /// come in ordinal order.
    fn engine(articles: &[Vec<Vec<usize>>], commit_every: usize) -> Engine {
        let ni = NewsIndex::in_ram();
        let mut w = NewsWriter::open(&ni, 32 << 20, 1, Settings::new(5)).unwrap();
        let article = |i: usize, paragraphs: &Vec<Vec<usize>>| {
            let body = paragraphs
                .iter()
                .map(|p| {
                    let words: Vec<&str> = p.iter().map(|&w| WORDS[w]).collect();
                    format!("The {} fell.", words.join(" "))
                })
                .collect::<Vec<_>>()
                .join("\n\n");
            Article::lead(format!("a{i}"), "Report", body)
        };
        let file = |i: usize| if i % 2 == 0 { "/a.jsonl" } else { "/b.jsonl" };
        let add = |w: &NewsWriter, i: usize, a: &Article| {
            let passages = crate::ingest::cut(a, 5);
            let mut docs = documents(&ni.fields, file(i), a, &passages, ni.stemming);
            if i % 3 == 0 {
                docs.reverse();
            }
            w.add(docs).unwrap();
        };
        for (i, p) in articles.iter().enumerate() {
            add(&w, i, &article(i, p));
            if i % commit_every == commit_every - 1 {
                w.commit().unwrap();
            }
        }
        w.commit().unwrap();
        w.delete_file("/a.jsonl");
        for (i, p) in articles
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .skip(1)
        {
            add(&w, i, &article(i, p));
        }
        w.commit().unwrap();
        Engine::new(ni).unwrap()
    }

    /// Every match ranked by score, then article key, then ordinal, walked
    /// keeping at most `per_article` of each article: the first `limit`.
    fn reference(
        e: &Engine,
        query: &dyn Query,
        limit: usize,
        per_article: usize,
    ) -> Vec<(Score, DocAddress)> {
        let searcher = e.searcher();
        let f = &e.index().fields;
        let all = usize::try_from(searcher.num_docs()).unwrap().max(1);
        let mut ranked: Vec<(Score, u64, u64, DocAddress)> = searcher
            .search(query, &TopDocs::with_limit(all).order_by_score())
            .unwrap()
            .into_iter()
            .map(|(score, addr)| {
                let mut d: Stored = searcher.doc(addr).unwrap();
                let key = article_key(&d.take_str(f.article_id).unwrap());
                let ordinal = searcher
                    .segment_reader(addr.segment_ord)
                    .fast_fields()
                    .u64("ordinal")
                    .unwrap()
                    .first(addr.doc_id)
                    .unwrap();
                (score, key, ordinal, addr)
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
        let mut per: FxHashMap<u64, usize> = FxHashMap::default();
        ranked
            .into_iter()
            .filter(|(_, key, _, _)| {
                let n = per.entry(*key).or_insert(0);
                *n += 1;
                *n <= per_article
            })
            .take(limit)
            .map(|(score, _, _, addr)| (score, addr))
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// One pass gives what ranking every match and walking it gives,
        /// over segments, deleted documents and ties, for words, a phrase
        /// and a required word, pruned or not.
        #[test]
        fn one_pass_keeps_what_ranking_every_match_keeps(
            articles in proptest::collection::vec(
                proptest::collection::vec(proptest::collection::vec(0..4usize, 1..4), 1..5),
                1..40,
            ),
            commit_every in 1..12usize,
            words in proptest::collection::vec(0..4usize, 1..3),
            shape in 0..4usize,
            limit in 1..25usize,
            per_article in 1..4usize,
            prune in proptest::bool::ANY,
        ) {
            let e = engine(&articles, commit_every);
            let q: Vec<&str> = words.iter().map(|&w| WORDS[w]).collect();
            let text = match shape {
                0 => q.join(" "),
                1 => format!("\"{}\"", q.join(" ")),
                2 => format!("+{}", q.join(" ")),
                _ => format!("{} -{}", q.join(" "), WORDS[(words[0] + 1) % 4]),
            };
            let query = e.parse(&text).unwrap();
            // Skipping what cannot be a hit, or scoring every match.
            let prune_from = if prune { 0 } else { u64::MAX };
            let searcher = e.searcher();
            let columns = Columns::open(&searcher, e.index().fields.caption).unwrap();
            let got = keep(&searcher, &columns, query.as_ref(), limit, per_article, prune_from)
                .unwrap()
                .unwrap()
                .into_hits(false);
            proptest::prop_assert_eq!(&got, &reference(&e, query.as_ref(), limit, per_article));
            // No passage has a caption: the query without its caption
            // clauses finds the same passages with the same scores.
            proptest::prop_assert!(!columns.captions);
            let uncaptioned = e.parse_in(&text, false).unwrap();
            let without = keep(&searcher, &columns, uncaptioned.as_ref(), limit, per_article, prune_from)
                .unwrap()
                .unwrap()
                .into_hits(false);
            proptest::prop_assert_eq!(without, got);
            // Articles, with every one tied with the last: the best of
            // each by the same walk, down to the last one's score.
            let articles = keep(&searcher, &columns, query.as_ref(), limit, 1, prune_from)
                .unwrap()
                .unwrap()
                .into_hits(true);
            let mut want = reference(&e, query.as_ref(), usize::MAX, 1);
            if let Some(&(cut, _)) = want.get(limit - 1) {
                want.retain(|(s, _)| *s >= cut);
            }
            proptest::prop_assert_eq!(articles, want);
        }
    }

    /// The bound is the postings' count: reached at it, not one past it,
    /// with or without the short cut on the segment's size.
    #[test]
    fn postings_reach_counts_the_terms_postings() {
        let e = engine(&[vec![vec![0, 1]], vec![vec![1, 2]], vec![vec![3]]], 100);
        let searcher = e.searcher();
        let query = e.parse("wheat corn").unwrap();
        for reader in searcher.segment_readers() {
            let mut count = 0u64;
            query.query_terms(&mut |term, _| {
                let ii = reader.inverted_index(term.field()).unwrap();
                count += u64::from(ii.doc_freq(term).unwrap());
            });
            assert!(postings_reach(query.as_ref(), reader, count));
            assert!(!postings_reach(query.as_ref(), reader, count + 1));
            assert!(!postings_reach(query.as_ref(), reader, u64::MAX));
        }
    }

    #[test]
    fn a_keeper_leaves_its_map_empty_for_the_next() {
        let e = engine(&[vec![vec![0, 1]], vec![vec![1, 2]], vec![vec![1]]], 100);
        let searcher = e.searcher();
        let columns = Columns::open(&searcher, e.index().fields.caption).unwrap();
        let query = e.parse("corn").unwrap();
        let first = top_passages(&searcher, &columns, query.as_ref(), 2, 1).unwrap();
        assert_eq!(first.len(), 2);
        // Also when dropped holding passages (an error after ranking).
        let held = keep(&searcher, &columns, query.as_ref(), 2, 1, u64::MAX).unwrap();
        assert!(held.is_some_and(|k| k.held > 0));
        let (map, scores) = spare_for(2);
        assert!(map.is_empty() && scores.is_empty());
        assert!(map.capacity() >= 5);
        SPARE.with_borrow_mut(|spare| spare.push((map, scores)));
        let again = top_passages(&searcher, &columns, query.as_ref(), 2, 1).unwrap();
        assert_eq!(again, first);
    }

    #[test]
    fn just_below_is_the_next_float_down() {
        for x in [1.0f32, 0.5, 1e-30, 3.0e38, -2.0] {
            let b = just_below(x);
            assert!(b < x);
            assert_eq!(b.to_bits().abs_diff(x.to_bits()), 1, "{x}");
        }
        assert!(just_below(0.0) < 0.0);
        assert_eq!(just_below(Score::INFINITY), Score::MAX);
    }
}
